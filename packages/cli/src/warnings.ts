import type { ScanResult } from './scan';

/**
 * The lines to print on stderr beside any report (without the `keyguard: ` prefix): what
 * could not be scanned, and files scanned with replacement characters. Shared by the command
 * (run.ts) and the pre-commit hook, so both say it in the same words.
 */
export function warningLines(result: Pick<ScanResult, 'skipped' | 'invalidUtf8'>): string[] {
  const lines: string[] = [];
  for (const item of result.skipped) {
    if (item.reason === 'unreadable')
      lines.push(`warning: cannot read ${item.path} (${item.detail ?? 'unknown error'}); it was not scanned`);
    if (item.reason === 'too-large')
      lines.push(
        `warning: ${item.path} is larger than maxFileSize (${item.detail}); it was not scanned. Raise "maxFileSize" in keyguard.config.json to scan it`,
      );
  }
  if (result.invalidUtf8.length > 0) {
    const first = result.invalidUtf8.slice(0, 3).join(', ');
    lines.push(
      `note: ${result.invalidUtf8.length} file(s) hold invalid UTF-8 (${first}${result.invalidUtf8.length > 3 ? ', …' : ''}); they were scanned with replacement characters`,
    );
  }
  return lines;
}
