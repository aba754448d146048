import { plural } from './report/text-blocks';
import type { ScanResult } from './scan';
import type { SkippedItem } from './sources/types';

/**
 * A commit the history walk could not read, not a file: `unit` says so (`commit <sha>`, whose
 * changes git could not list, or `history after N commits`, which it could not go on into). A
 * file named `commit 0123abc` is a file.
 */
const isUnreadCommit = (item: SkippedItem): boolean => item.reason === 'unreadable' && item.unit !== undefined;

/**
 * Skipped items in words, commits apart from files: "1 commit could not be read", "the history
 * after 3 commits could not be read", then `describeFiles` of the rest (none: no phrase).
 * Shared by the text report's summary line and the pre-push hook.
 */
export function describeUnread(items: readonly SkippedItem[], describeFiles: (files: SkippedItem[]) => string[]): string[] {
  const files = items.filter((item) => !isUnreadCommit(item));
  const commits = items.filter((item) => item.unit === 'commit' && isUnreadCommit(item)).length;
  const rest = items.filter((item) => item.unit === 'history' && isUnreadCommit(item));
  return [
    ...(files.length > 0 ? describeFiles(files) : []),
    ...(commits > 0 ? [`${plural(commits, 'commit')} could not be read`] : []),
    ...rest.map((item) => `the ${item.path} could not be read`),
  ];
}

/**
 * The lines to print on stderr beside any report (without the `keyguard: ` prefix): what
 * could not be scanned, and files scanned with replacement characters. Shared by the command
 * (run.ts) and the pre-commit hook, so both say it in the same words.
 */
export function warningLines(result: Pick<ScanResult, 'skipped' | 'invalidUtf8'> & Partial<Pick<ScanResult, 'failedSkips'>>): string[] {
  const lines: string[] = [];
  for (const item of result.skipped) {
    if (item.reason === 'unreadable')
      lines.push(
        `warning: cannot read ${isUnreadCommit(item) && item.unit === 'history' ? 'the ' : ''}${item.path} (${item.detail ?? 'unknown error'}); it was not scanned`,
      );
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
