import { rules as allRules, scanBuffer, type Rule } from '@keyguard/core';
import type { BlobReader } from './history-cat-file';

/**
 * What reading and scanning one blob told: nothing to report for any path (`clean` by the
 * byte prefilter, `binary`, `too-large`, `missing`), nothing for this file kind (`clean-kind`:
 * the rules ran and found nothing), or the lines that hold findings (`dirty`). `bytes` is how
 * much was scanned, for the statistics.
 */
export type Judgement =
  | { status: 'binary' | 'clean' | 'clean-kind'; bytes: number }
  | { status: 'dirty'; bytes: number; findingLines: number[] }
  | { status: 'too-large'; size: number }
  | { status: 'missing' };

/** The scan settings a worker thread can receive: rule ids and allow-list sources, not objects. */
export interface ScanSettings {
  ruleIds: string[];
  allow: { source: string; flags: string }[];
}

export type CompiledSettings = { rules: Rule[]; allow: RegExp[] };

export function settingsOf(config: { rules: readonly Rule[]; allow: readonly RegExp[] }): ScanSettings {
  return { ruleIds: config.rules.map((rule) => rule.id), allow: config.allow.map((pattern) => ({ source: pattern.source, flags: pattern.flags })) };
}

export function compileSettings(settings: ScanSettings): CompiledSettings {
  return {
    rules: allRules.filter((rule) => settings.ruleIds.includes(rule.id)),
    allow: settings.allow.map(({ source, flags }) => new RegExp(source, flags)),
  };
}

/** Runs core over a blob as if it were at `path` (the path picks the file kind). */
export function judgeBlob(bytes: Buffer, path: string, compiled: CompiledSettings): Judgement {
  const scan = scanBuffer(bytes, { path, rules: compiled.rules, allow: compiled.allow });
  if (scan.status === 'binary') return { status: 'binary', bytes: bytes.length };
  if (scan.status === 'no-candidate') return { status: 'clean', bytes: bytes.length };
  if (scan.findings.length === 0) return { status: 'clean-kind', bytes: bytes.length };
  return { status: 'dirty', bytes: bytes.length, findingLines: [...new Set(scan.findings.map((finding) => finding.line))] };
}

/** Reads a blob (larger ones than `maxSize` are not read) and judges it. */
export async function readAndJudge(reader: BlobReader, oid: string, path: string, maxSize: number, compiled: CompiledSettings): Promise<Judgement> {
  const read = await reader.read(oid, maxSize);
  if (read.kind === 'missing') return { status: 'missing' };
  if (read.kind === 'too-large') return { status: 'too-large', size: read.size };
  return judgeBlob(read.bytes, path, compiled);
}
