import { redactSecretsIn, remediationFor, rules } from '@keyguard/core';
import type { ScanResult } from '../scan';
import type { SkippedItem } from '../sources/types';

export interface TextOptions {
  color: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The report for a person: findings grouped by file, each as `path:line:col  rule  message`
 * (the message holds the redacted key and what to do), then the steps to take and a summary
 * line. Colours only when asked (run.ts decides: a terminal, no NO_COLOR). Keep in step with
 * docs/cli.md.
 */
export function formatText(result: ScanResult, options: TextOptions): string {
  const lines: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const finding of result.findings) {
    const key = finding.commit ? `${finding.file} @ ${finding.commit.slice(0, 12)}` : finding.file;
    const group = byFile.get(key);
    if (group) group.push(finding);
    else byFile.set(key, [finding]);
  }
  for (const [file, findings] of byFile) {
    lines.push(paint(options.color, '1;4', file));
    for (const finding of findings) {
      // Line 0: the secret is in the file's path, not on a line (core's findSecretsInPath).
      const where = finding.line === 0 ? finding.file : `${finding.file}:${finding.line}:${finding.column}`;
      lines.push(`  ${paint(options.color, '2', where)}  ${paint(options.color, '31', finding.ruleId)}  ${finding.message}`);
    }
    lines.push('');
  }
  const count = result.findings.length;
  if (count > 0) {
    lines.push('What to do:');
    // The steps of the rules that found something, each once, in the rules' order.
    const found = new Set(result.findings.map((finding) => finding.ruleId));
    for (const step of remediationFor(rules.filter((rule) => found.has(rule.id)))) lines.push(`  - ${step}`);
    lines.push('');
  }
  const scanned = `${plural(result.stats.files, 'file')} scanned, ${result.stats.durationMs} ms`;
  const skipped = summarizeSkipped(result);
  const summary =
    count === 0
      ? paint(options.color, '32', 'No OpenAI keys found')
      : paint(options.color, '1;31', `${plural(count, 'finding')} in ${plural(byFile.size, 'file')}`);
  lines.push(`${summary} (${scanned})${skipped ? `; ${skipped}` : ''}.`);
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

/** "skipped 2 binary files, 1 unreadable file": what was passed over is never silent. */
export function summarizeSkipped(result: Pick<ScanResult, 'skipped'>): string {
  const counts = new Map<SkippedItem['reason'], number>();
  for (const item of result.skipped) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => {
    const [one, many] = SKIPPED_NOUNS[reason] ?? [`${reason} item`, `${reason} items`];
    return plural(n, one, many);
  });
  return parts.length > 0 ? `skipped ${parts.join(', ')}` : '';
}
