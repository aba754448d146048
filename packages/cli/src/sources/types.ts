import { UNSCANNED_REASONS, type UnscannedReason } from '@keyguard/core';
import type { ItemOutcome, ItemScanner } from '../scan';
import type { LineSet } from './line-ranges';

/**
 * A source yields what to scan: files of a folder, standard input, the git index, the
 * content that commits added. The scan loop (scan.ts) runs core over each item; a source
 * never decides what a secret is.
 */
export interface ScanItem {
  /** Path as reported: relative to the working directory, forward slashes. */
  path: string;
  bytes: Buffer;
  /** History scans: the commit that added this content, and who made it when. */
  commit?: string;
  author?: string;
  date?: string;
  /** 1-based line numbers to report (the lines a commit adds); all lines when absent. */
  lines?: LineSet;
  /**
   * A large file or standard input: its bytes in chunks, scanned as they come in constant
   * memory (core's StreamScanner); `bytes` is then empty.
   */
  chunks?: Iterable<Buffer> | AsyncIterable<Buffer | string>;
}

/**
 * Something a source passed over, counted and shown in the summary (never silent). `binary`
 * (scanned for the keys that need no context) and `symlink` (a path, not content) are
 * informative; the others are content keyguard was asked to scan and could not
 * (core's UNSCANNED_REASONS): they fail `--staged`, `--git` and the hook unless the config's
 * `onSkipped` accepts them. `lfs`: a Git LFS pointer whose object is not present locally.
 */
export interface SkippedItem {
  skipped: true;
  /**
   * What was passed over, as every report names it: a path; in history `path@<commit>` (a file
   * version), `commit <commit>` or `history after N commits`.
   */
  path: string;
  reason: 'binary' | 'symlink' | UnscannedReason;
  detail?: string;
  /** In history: the commit (its whole id) of the file version, or the commit whose changes git could not list. */
  commit?: string;
  /** The file's path alone, where `path` says more (`path@<commit>`): what SARIF locates the item at. */
  file?: string;
  /** Not a file at all: a commit whose changes git could not list, or the history after the last one it could. */
  unit?: 'commit' | 'history';
}

/** A file version in history that was not read: named `path@<commit>`, located at its file. */
export function skippedVersion(file: string, commit: string, reason: SkippedItem['reason'], detail?: string): SkippedItem {
  return { skipped: true, path: `${file}@${commit.slice(0, 12)}`, reason, ...(detail ? { detail } : {}), commit, file };
}

/** A commit whose changes git could not list: `commit <commit>`, no file to point at. */
export function skippedCommit(commit: string, detail: string): SkippedItem {
  return { skipped: true, path: `commit ${commit.slice(0, 12)}`, reason: 'unreadable', detail, commit, unit: 'commit' };
}

/** The history git could not go on into, after the `walked` commits it listed. */
export function skippedRest(walked: number, detail: string): SkippedItem {
  return { skipped: true, path: `history after ${walked} commit${walked === 1 ? '' : 's'}`, reason: 'unreadable', detail, unit: 'history' };
}

/** Whether a skipped item is content that was not scanned at all (not a binary file or a link). */
export const isUnscanned = (item: SkippedItem): boolean => (UNSCANNED_REASONS as readonly string[]).includes(item.reason);

export type SourceEvent = ScanItem | SkippedItem;

export const isSkipped = (event: SourceEvent): event is SkippedItem => 'skipped' in event;

/** What a source tells about itself once its events have ended. */
export interface SourceSummary {
  /**
   * What the source read, when it counts that itself: a history scan reads every unique blob
   * but yields only the few that hold a finding. Absent: the scan counts the items it scanned.
   */
  read?: { files: number; bytes: number };
  /** Lines for the summary: a shallow clone's truncated history, what a history scan covered. */
  notes: string[];
}

/** How a source that reads its own items scans them (the file source, on several threads). */
export interface SelfScanning {
  /** Scans every item, handing `record` each outcome in the order `events` would yield them. */
  scanItems: (scanner: ItemScanner, record: (outcome: ItemOutcome) => void, options: { threads?: number }) => Promise<void>;
}

/**
 * What to scan: an async stream of events (items and what was passed over), then a summary.
 * Iterate it once; `summary()` is complete when the iteration has ended.
 */
export interface Source extends AsyncIterable<SourceEvent>, Partial<SelfScanning> {
  summary(): SourceSummary;
}

/** A Source from a generator that may add to the summary while it runs. */
export function sourceOf(generate: (summary: SourceSummary) => AsyncIterable<SourceEvent>, scanning?: SelfScanning): Source {
  let summary: SourceSummary = { notes: [] };
  return {
    [Symbol.asyncIterator]() {
      summary = { notes: [] };
      return generate(summary)[Symbol.asyncIterator]();
    },
    summary: () => summary,
    ...(scanning ? { scanItems: scanning.scanItems } : {}),
  };
}
