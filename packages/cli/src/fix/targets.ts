import { relative, resolve } from 'node:path';
import { fingerprintPathOf, scanText, type EnvReadResult, type Finding, type ResolvedConfig, type Root } from '@keyguard/core';
import type { ScanResult } from '../scan';
import { readTextFile, type TextFile } from './text-file';

/** What a fix run works in. */
export interface FixContext {
  cwd: string;
  root: Root;
  config: ResolvedConfig;
  prefix: string;
  envFile?: string;
}

/** What became of one finding. */
export interface Outcome {
  place: string;
  fixed: boolean;
  /** What was done, or why not. */
  text: string;
  notes: string[];
}

/** A finding with its plan, in a file that was read. */
export interface Planned {
  finding: Finding;
  file: string;
  plan: EnvReadResult;
  value: string;
}

/** One file to fix: the text the findings' offsets point into, and (with --staged) the work tree's copy. */
export interface FixTarget {
  /** As reported: relative to the working directory. */
  file: string;
  /** From the repository root: what picks the language (Compose, Actions). */
  planPath: string;
  read: TextFile;
  findings: Finding[];
  /** --staged: the text read from the index; the work tree is rewritten to match. */
  staged?: StagedCopy;
}

/** The other copy of a staged file: the work tree's, and the index entry to replace. */
interface StagedCopy {
  /** The work tree's file. */
  worktree: TextFile;
  /** 1-based index lines that have unstaged changes beside them (git diff -U0 hunks). */
  unstagedHunks: { start: number; count: number }[];
  /** The index entry: mode (100644), object id, path from the root. */
  entry: { mode: string; oid: string; path: string };
}

/** The targets of a scan of files: each file read again, its findings' offsets found again. */
export function fileTargets(result: ScanResult, context: FixContext): { targets: FixTarget[]; refused: Outcome[] } {
  const { cwd, root } = context;
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const targets: FixTarget[] = [];
  const refused: Outcome[] = [];
  for (const [file, findings] of byFile) {
    const read = readTextFile(resolve(cwd, file), root);
    if ('refused' in read) {
      for (const finding of findings) refused.push(refusal(finding, read.refused));
      continue;
    }
    // Offsets again, from the bytes this run will rewrite (the scan read the file before).
    const again = findingsIn(read.text, file, findings, context);
    if (!again) {
      for (const finding of findings) refused.push(refusal(finding, 'changed on disk since the scan: not touched'));
      continue;
    }
    const planPath = root ? relative(root, read.realPath).split('\\').join('/') : file;
    targets.push({ file, planPath, read, findings: again });
  }
  return { targets, refused };
}

/** The findings with these fingerprints in a text, or undefined when one of them is not there. */
export function findingsIn(text: string, file: string, wanted: readonly Finding[], context: FixContext): Finding[] | undefined {
  const fingerprints = new Set(wanted.map((finding) => finding.fingerprint));
  const found = scanText(text, {
    path: file,
    rules: context.config.rules,
    allow: context.config.allow,
    fingerprintPath: fingerprintPathOf(file, context.prefix),
  }).filter((finding) => fingerprints.has(finding.fingerprint));
  return found.length === wanted.length ? found : undefined;
}

export const placeOf = (finding: Finding): string => `${finding.file}:${finding.line}:${finding.column}`;

export function refusal(finding: Finding, reason: string): Outcome {
  return { place: placeOf(finding), fixed: false, text: `not fixed: ${reason}`, notes: [] };
}
