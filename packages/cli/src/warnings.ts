import type { ScanResult } from './scan';

/**
 * The lines to print on stderr beside any report (without the `keyguard: ` prefix): what
 * could not be scanned, and files scanned with replacement characters. Shared by the command
 * (run.ts) and the pre-commit hook, so both say it in the same words.
 */
export function warningLines(result: Pick<ScanResult, 'skipped' | 'invalidUtf8'> & Partial<Pick<ScanResult, 'failedSkips'>>): string[] {
  const lines: string[] = [];
  for (const item of result.skipped) {
    if (item.reason === 'unreadable')
      lines.push(`warning: cannot read ${item.path} (${item.detail ?? 'unknown error'}); it was not scanned`);
    if (item.reason === 'too-large')
      lines.push(
        `warning: ${item.path} is larger than maxFileSize (${item.detail}); it was not scanned. Raise "maxFileSize" in keyguard.config.json to scan it`,
      );
    if (item.reason === 'lfs')
      lines.push(
        `warning: ${item.path} is a Git LFS pointer whose object is not here; its content was not scanned. Fetch it: git lfs pull`,
      );
  }
  const failed = result.failedSkips ?? [];
  if (failed.length > 0) {
    const names = failed
      .slice(0, 3)
      .map((item) => `${item.path} (${item.reason})`)
      .join(', ');
    const reasons = [...new Set(failed.map((item) => item.reason))].map((reason) => `"${reason}": "warn"`).join(', ');
    lines.push(
      `error: ${failed.length === 1 ? '1 item' : `${failed.length} items`} asked to be scanned could not be: ${names}${failed.length > 3 ? ', …' : ''}; ` +
        `nothing passes unread, so the scan fails. Fix the cause, or accept it in keyguard.config.json: "onSkipped": { ${reasons} }`,
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
