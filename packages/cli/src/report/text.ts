import { redactSecretsIn } from '@keyguard/core';
import { failingFindings, type ScanResult } from '../scan';
import type { SkippedItem } from '../sources/types';
import { describeUnread } from '../warnings';
import { findingCount, findingGroups, nextSteps, paint, plural } from './text-blocks';

export interface TextOptions {
  color: boolean;
  /** `--quiet`: the findings only, without the steps, the summary line and the notes. */
  quiet?: boolean;
}

/**
 * The report for a person, in ESLint's stylish shape: each file's path once, then a
 * `line:col  message  rule` row per finding (the message holds the redacted key); then the
 * steps to take, fitted to where the keys are (text-blocks.ts, shared with the hook), and a
 * summary line that counts findings, distinct keys and files. Colours only when asked (run.ts
 * decides: a terminal, no NO_COLOR). Keep in step with docs/cli.md.
 */
export function formatText(result: ScanResult, options: TextOptions): string {
  const lines = findingGroups(result.findings, options);
  if (options.quiet) return lines.length > 0 ? `${lines.join('\n').trimEnd()}\n` : '';
  const count = result.findings.length;
  if (count > 0) {
    lines.push('What to do:');
    for (const step of nextSteps(result.findings)) lines.push(`  - ${step}`);
    lines.push('');
  }
  const binary = result.binaryFiles > 0 ? `, ${binaryPhrase(result.binaryFiles)}` : '';
  const scanned = `${plural(result.stats.files, 'file')} scanned${binary}, ${result.stats.durationMs} ms`;
  const skipped = summarizeSkipped(result);
  const passing = count - failingFindings(result.findings, result.failOn).length;
  const summary =
    count === 0
      ? paint(options.color, '32', 'No secrets found')
      : paint(options.color, passing === count ? '1;33' : '1;31', findingCount(result.findings));
  // Findings below the run's fail-on severity (notes, by default) are a pass: say so.
  const below =
    passing > 0
      ? `; ${passing === count ? (count === 1 ? 'it does' : 'none of them does') : `${passing} of them ${passing === 1 ? 'does' : 'do'}`} not fail the run (${result.failOn === 'live' ? '--fail-on live: only live keys fail' : `below --fail-on ${result.failOn}`})`
      : '';
  lines.push(`${summary}${below} (${scanned})${skipped ? `; ${skipped}` : ''}.`);
  for (const note of result.notes) lines.push(redactSecretsIn(note));
  return `${lines.join('\n')}\n`;
}

const SKIPPED_NOUNS: Record<SkippedItem['reason'], [string, string]> = {
  binary: ['binary file', 'binary files'],
  'too-large': ['file over maxFileSize', 'files over maxFileSize'],
  unreadable: ['unreadable file', 'unreadable files'],
  submodule: ['submodule', 'submodules'],
  symlink: ['symbolic link', 'symbolic links'],
  lfs: ['Git LFS pointer without its object', 'Git LFS pointers without their objects'],
};

/** Binary files are scanned, for the keys that need no context only: said beside the files scanned, not as skipped. */
export const binaryPhrase = (count: number): string =>
  `${plural(count, 'binary file')} scanned for ${count === 1 ? 'its' : 'their'} marked keys only`;

/**
 * "skipped 1 unreadable file, 1 symbolic link; 1 commit could not be read": what was not read
 * is never silent, and a commit the history walk could not list is said as a commit, not a file.
 */
export function summarizeSkipped(result: Pick<ScanResult, 'skipped'>): string {
  return describeUnread(result.skipped, (files) => {
    const counts = new Map<SkippedItem['reason'], number>();
    for (const item of files) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
    const parts = [...counts].map(([reason, n]) => {
      const [one, many] = SKIPPED_NOUNS[reason] ?? [`${reason} item`, `${reason} items`];
      return plural(n, one, many);
    });
    return [`skipped ${parts.join(', ')}`];
  }).join('; ');
}
