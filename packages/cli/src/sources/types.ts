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
  lines?: ReadonlySet<number>;
}

/** Something a source passed over, counted and shown in the summary (never silent). */
export interface SkippedItem {
  skipped: true;
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable' | 'submodule' | 'symlink';
  detail?: string;
}

export type SourceEvent = ScanItem | SkippedItem;

export const isSkipped = (event: SourceEvent): event is SkippedItem => 'skipped' in event;
