import { REMEDIATION } from '@keyguard/core';
import type { ScanResult } from '../scan';

export interface TextOptions {
  color: boolean;
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The report for a person: grouped by file, `path:line:col`, the rule, the redacted key, what to do. */
export function formatText(result: ScanResult, options: TextOptions): string {
  const lines: string[] = [];
  const byFile = new Map<string, typeof result.findings>();
  for (const finding of result.findings) {
    const key = finding.commit ? `${finding.file} @ ${finding.commit.slice(0, 12)}` : finding.file;
    byFile.set(key, [...(byFile.get(key) ?? []), finding]);
  }
  for (const [file, findings] of byFile) {
    lines.push(paint(options.color, '1;4', file));
    for (const finding of findings) {
      const where = `${finding.file}:${finding.line}:${finding.column}`;
      lines.push(`  ${paint(options.color, '2', where)}  ${paint(options.color, '31', finding.ruleId)}  ${finding.message}`);
    }
    lines.push('');
  }
  const count = result.findings.length;
  const files = `${result.stats.files} file${result.stats.files === 1 ? '' : 's'}`;
  if (count > 0) {
    lines.push('What to do:');
    for (const step of REMEDIATION) lines.push(`  - ${step}`);
    lines.push('');
  }
  const skipped = summarizeSkipped(result);
  const summary = count === 0
    ? paint(options.color, '32', `No OpenAI keys found in ${files}`)
    : paint(options.color, '1;31', `${count} finding${count === 1 ? '' : 's'} in ${files}`);
  lines.push(`${summary} (${result.stats.durationMs} ms)${skipped ? `; ${skipped}` : ''}.`);
  for (const note of result.notes) lines.push(note);
  return `${lines.join('\n')}\n`;
}

/** "skipped 2 binary files, 1 unreadable file": never a silent pass. */
export function summarizeSkipped(result: ScanResult): string {
  const counts = new Map<string, number>();
  for (const item of result.skipped) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason.replace('-', ' ')} file${n === 1 ? '' : 's'}`);
  return parts.length > 0 ? `skipped ${parts.join(', ')}` : '';
}
