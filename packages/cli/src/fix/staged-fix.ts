import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  applyBaseline,
  applyTextEdits,
  fingerprintPathOf,
  planEnvRead,
  relativeName,
  scanText,
  type Baseline,
  type Finding,
  type TextEdit,
} from '@keyguard/core';
import { git, gitFailed, tryGit } from '../git/run';
import type { PlannedWrite } from './env-file';
import { findingsIn, type FixContext, type FixTarget, type Outcome, type Planned } from './targets';
import { encodeText, readTextFile, textFileOf } from './text-file';

/**
 * `keyguard fix --staged`: the text fixed is the one in the git index (what the next commit
 * holds), and the work tree gets the same fix, so `git commit` goes through and `git diff`
 * shows nothing new. A file whose unstaged changes touch the lines the fix changes is refused:
 * the two copies could not be fixed alike.
 */
export function stagedTargets(
  context: FixContext,
  paths: readonly string[],
  baseline: Baseline | undefined,
  added: ReadonlySet<string>,
): { targets: FixTarget[]; refused: Outcome[]; findingCount: number } {
  const { cwd } = context;
  const root = context.root!;
  const names = git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--', ...paths], { cwd })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const targets: FixTarget[] = [];
  const refused: Outcome[] = [];
  let findingCount = 0;
  for (const name of names) {
    const listing = git(['ls-files', '-s', '-z', '--', `:(top,literal)${name}`], { cwd }).toString('utf8');
    const entry = /^(\d+) ([0-9a-f]+) 0\t/.exec(listing);
    if (!entry || entry[1] === '120000' || entry[1] === '160000') continue;
    const absolute = join(root, name);
    const file = relativeName(absolute, cwd);
    const blob = git(['cat-file', 'blob', entry[2]], { cwd });
    const staged = textFileOf(blob, absolute, parseInt(entry[1].slice(-3), 8));
    const whole = applyBaseline(
      scanText('refused' in staged ? blob.toString('utf8') : staged.text, {
        path: file,
        rules: context.config.rules,
        allow: context.config.allow,
        fingerprintPath: fingerprintPathOf(file, context.prefix),
      }),
      baseline,
    );
    if (whole.length === 0) continue;
    findingCount += whole.length;
    const place = (line: number, column: number): string => `${file}:${line}:${column}`;
    // Only what the commit adds (what the hook reports); an older key in the file is named.
    const findings = whole.filter((finding) => added.has(addedPlaceOf(finding)));
    for (const finding of whole.filter((candidate) => !added.has(addedPlaceOf(candidate)))) {
      refused.push({
        place: place(finding.line, finding.column),
        fixed: false,
        text: `not fixed: this commit does not add it (the hook does not block it): keyguard fix ${file} moves it too`,
        notes: [],
      });
    }
    if (findings.length === 0) continue;
    const refuseAll = (reason: string): void => {
      for (const finding of findings)
        refused.push({ place: place(finding.line, finding.column), fixed: false, text: `not fixed: ${reason}`, notes: [] });
    };
    if ('refused' in staged) {
      refuseAll(staged.refused);
      continue;
    }
    const worktree = readTextFile(absolute, root);
    if ('refused' in worktree) {
      refuseAll(`the work tree's copy: ${worktree.refused}`);
      continue;
    }
    const unstagedHunks: { start: number; count: number }[] = [];
    if (!worktree.bytes.equals(blob)) {
      const diff = tryGit(['diff', '-U0', '--no-color', '--no-ext-diff', '--', `:(top,literal)${name}`], { cwd });
      if (!diff.ok) throw gitFailed(['diff'], diff.stderr, diff.status);
      for (const match of diff.stdout.toString('utf8').matchAll(/^@@ -(\d+)(?:,(\d+))? \+/gm)) {
        unstagedHunks.push({ start: Number(match[1]), count: match[2] === undefined ? 1 : Number(match[2]) });
      }
    }
    targets.push({
      file,
      planPath: name,
      read: { ...staged, mode: worktree.mode },
      findings,
      staged: { worktree, unstagedHunks, entry: { mode: entry[1], oid: entry[2], path: name } },
    });
  }
  return { targets, refused, findingCount };
}

/**
 * A finding's place for matching the hook's findings (the added lines of the staged blob) with
 * fix's scan of the whole blob: the same rule, fingerprint, line and column.
 */
export function addedPlaceOf(finding: Pick<Finding, 'ruleId' | 'fingerprint' | 'line' | 'column'>): string {
  return `${finding.ruleId}:${finding.fingerprint}:${finding.line}:${finding.column}`;
}

/** 1-based first and last line an edit touches. */
function linesOf(text: string, edit: TextEdit): [number, number] {
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  return [lineAt(edit.start), lineAt(Math.max(edit.start, edit.end - 1))];
}

/**
 * The writes of a staged file: the work tree's copy fixed the same way (planned again on its
 * own text, found by fingerprint), then the index entry. Refused when an unstaged hunk touches,
 * or borders, a line the fix changes.
 */
export function stagedWrites(
  target: FixTarget,
  applied: readonly Planned[],
  edits: readonly TextEdit[],
  after: string,
  context: FixContext,
): { writes: PlannedWrite[] } | { refused: string } {
  const staged = target.staged!;
  const { worktree } = staged;
  for (const edit of edits) {
    const [first, last] = linesOf(target.read.text, edit);
    for (const hunk of staged.unstagedHunks) {
      const overlaps =
        hunk.count === 0 ? hunk.start >= first - 1 && hunk.start <= last : hunk.start <= last && hunk.start + hunk.count - 1 >= first;
      if (overlaps) {
        return {
          refused: `unstaged changes in the same lines (git diff ${target.file}): stage or undo them, then run keyguard fix --staged again`,
        };
      }
    }
  }
  let worktreeAfter = after;
  if (!worktree.bytes.equals(target.read.bytes)) {
    const again = findingsIn(
      worktree.text,
      target.file,
      applied.map((item) => item.finding),
      context,
    );
    if (!again) return { refused: 'the work tree holds the key differently from the index: fix it there, stage it, and run again' };
    const worktreeEdits: TextEdit[] = [];
    for (const finding of again) {
      const plan = planEnvRead({
        path: target.planPath,
        text: worktree.text,
        start: finding.startOffset,
        end: finding.endOffset,
        envVar: finding.envVar,
      });
      if (!plan.ok) return { refused: `in the work tree: ${plan.reason}` };
      worktreeEdits.push(...plan.edits);
    }
    const fixed = applyTextEdits(worktree.text, worktreeEdits);
    if (fixed === undefined) return { refused: 'the work tree copy cannot take the same fix: fix it by hand' };
    worktreeAfter = fixed;
  }
  return {
    writes: [
      {
        path: worktree.realPath,
        display: target.file,
        before: worktree.bytes,
        after: encodeText(worktreeAfter, worktree.bom),
        mode: worktree.mode,
        summary: 'rewritten',
      },
      {
        path: worktree.realPath,
        display: `${target.file} (index)`,
        before: target.read.bytes,
        after: encodeText(after, target.read.bom),
        mode: worktree.mode,
        summary: 'staged',
        index: { ...staged.entry, root: context.root! },
      },
    ],
  };
}

/**
 * Replaces an index entry's blob with `after`, if the entry still holds `before` (the blob the
 * fix was planned on): `git hash-object -w --no-filters` (the bytes are already what the index
 * holds), then `git update-index --cacheinfo`. False when the index moved meanwhile.
 */
export function writeIndexEntry(
  entry: { mode: string; oid: string; path: string; root: string },
  before: Buffer | undefined,
  after: Buffer,
): boolean {
  const cwd = entry.root;
  const listing = git(['ls-files', '-s', '-z', '--', `:(top,literal)${entry.path}`], { cwd }).toString('utf8');
  if (!listing.startsWith(`${entry.mode} ${entry.oid} 0\t`) || before === undefined) return false;
  const hashed = spawnSync('git', ['hash-object', '-w', '--no-filters', '--stdin'], { cwd, input: after });
  if (hashed.status !== 0) throw gitFailed(['hash-object'], hashed.stderr?.toString('utf8') ?? '', hashed.status);
  const oid = hashed.stdout.toString('utf8').trim();
  git(['update-index', '--cacheinfo', `${entry.mode},${oid},${entry.path}`], { cwd });
  return true;
}
