import { KeyguardError } from '@keyguard/core';
import { spawnGit, type GitOptions } from './run';

/** A file a commit wrote: its new blob, and the blob it had in each parent (none when added). */
export interface ChangedFile {
  path: string;
  /** The new mode (`100644`, `100755`; `120000` a symbolic link, `160000` a submodule). */
  mode: string;
  blob: string;
  /** The file's blob in each parent that had it (renames: the source's blob). */
  parentBlobs: string[];
  /** The file's mode in each parent that had it, beside parentBlobs. */
  parentModes: string[];
  /** `A`, `M`, `R`, `C`, `T`, or a merge's combined letters (`MM`, `AM`). */
  status: string;
}

export interface CommitRecord {
  commit: string;
  parents: string[];
  author: string;
  date: string;
  files: ChangedFile[];
}

const NULL_OID = /^0+$/;

/** The modes of a regular file's entry (not a symbolic link, a submodule or a deletion). */
export const FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755', '100664']);
/** An entry that deletes its file (its new blob is all zeros). */
export const isDeletion = (file: ChangedFile): boolean => NULL_OID.test(file.blob);
const HEADER = '\x01';

/**
 * `git log` with every setting that could change what it prints pinned: paths unquoted, no
 * signatures, one rename limit, no colour, external diff, textconv or relative paths. The
 * `--raw` walk here and the patch stream (patches.ts) share it, so both list the same commits
 * and pair the same blobs.
 */
export const PINNED_LOG: readonly string[] = [
  '-c',
  'core.quotePath=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'diff.renameLimit=1000',
  'log',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
];

/**
 * The `git log` arguments that list, for every commit, the files it wrote with their blob
 * ids (`--raw`), without reading a single file's content: tree diffs only, so this stream is
 * cheap next to `git log -p`. Merges use the combined format (`-c`): only files that differ
 * from every parent are listed, each with its blob in every parent. Renames are followed
 * (`-M`): a renamed file keeps its source's blob as parent, so only lines it changed are new.
 * Root commits (and a shallow clone's boundary, which git treats as roots) list every file.
 */
function logArguments(revisions: readonly string[], renames = true, skip = 0, maxCount?: number): string[] {
  return [
    ...PINNED_LOG,
    `--format=${HEADER}%H %P%x00%an <%ae>%x00%aI`,
    '--raw',
    '-z',
    '-c',
    // Inexact rename detection reads both blobs to compare them: on a repository with a
    // missing object it is what makes git log die (`unable to read …`), so the walk can
    // turn it off and go on (git-history.ts).
    renames ? '-M' : '--no-renames',
    '--root',
    '--no-abbrev',
    // Past a commit git could not list (its tree is missing): the walk skips it without diffing it.
    ...(skip > 0 ? [`--skip=${skip}`] : []),
    ...(maxCount !== undefined ? [`--max-count=${maxCount}`] : []),
    ...revisions,
    '--',
  ];
}

/**
 * Parses the NUL-separated `git log --raw -z` stream into commits. A commit's header is
 * `\x01<sha> <parents>`, author, date; each raw entry is `:<modes> <blobs> <status>` followed
 * by one path (two for renames and copies); a merge's combined entry starts with one colon
 * per parent and names one path.
 */
class LogParser {
  private partial = '';
  private record: CommitRecord | undefined;
  private expect: 'header' | 'author' | 'date' | 'entry' = 'header';
  /** A raw entry waiting for its path(s). */
  private entry: { fields: string[]; paths: string[]; need: number; combined: number } | undefined;

  /** Feeds a chunk of the stream; returns the commits it completed. */
  push(chunk: string): CommitRecord[] {
    const parts = (this.partial + chunk).split('\0');
    this.partial = parts.pop() ?? '';
    const done: CommitRecord[] = [];
    for (const token of parts) this.take(token, done);
    return done;
  }

  /** Ends the stream; returns the last commit. */
  end(): CommitRecord[] {
    const done: CommitRecord[] = [];
    if (this.partial) this.take(this.partial, done);
    this.partial = '';
    if (this.record) done.push(this.record);
    this.record = undefined;
    return done;
  }

  private take(token: string, done: CommitRecord[]): void {
    if (this.entry) {
      this.entry.paths.push(token);
      if (this.entry.paths.length === this.entry.need) this.finishEntry();
      return;
    }
    // Between records git may put a newline; paths never reach this point, so trimming is safe.
    const text = token.replace(/^\n+/, '');
    if (this.expect === 'author') {
      this.record!.author = token;
      this.expect = 'date';
      return;
    }
    if (this.expect === 'date') {
      this.record!.date = token;
      this.expect = 'entry';
      return;
    }
    if (text === '') return;
    if (text.startsWith(HEADER)) {
      if (this.record) done.push(this.record);
      const [commit, ...parents] = text.slice(1).split(' ').filter(Boolean);
      this.record = { commit, parents, author: '', date: '', files: [] };
      this.expect = 'author';
      return;
    }
    if (text.startsWith(':') && this.record) {
      const colons = text.length - text.replace(/^:+/, '').length;
      const fields = text.slice(colons).split(' ');
      const status = fields[fields.length - 1];
      const need = colons === 1 && (status.startsWith('R') || status.startsWith('C')) ? 2 : 1;
      this.entry = { fields, paths: [], need, combined: colons };
      return;
    }
    throw new KeyguardError(
      `unexpected output from git log: ${JSON.stringify(text.slice(0, 60))}`,
      'Please report it with your git version (git --version)',
    );
  }

  private finishEntry(): void {
    const { fields, paths, combined } = this.entry!;
    this.entry = undefined;
    // Modes: one per parent, then the new one; blobs likewise; then the status.
    const parentsCount = combined;
    const mode = fields[parentsCount];
    const blobs = fields.slice(parentsCount + 1, parentsCount + 2 + parentsCount);
    const blob = blobs[parentsCount];
    const had = blobs.slice(0, parentsCount).map((oid) => !NULL_OID.test(oid));
    const parentBlobs = blobs.slice(0, parentsCount).filter((_, index) => had[index]);
    const parentModes = fields.slice(0, parentsCount).filter((_, index) => had[index]);
    const status = fields[fields.length - 1];
    this.record!.files.push({ path: paths[paths.length - 1], mode, blob, parentBlobs, parentModes, status });
  }
}

/** `git log` ended because it could not read an object (a missing or corrupt blob). */
export class UnreadableObjectError extends KeyguardError {}

/** What git says when an object it needs is not there (read_object_file, parse_object). */
const UNREADABLE_OBJECT = /unable to read|bad object|missing blob|could not read|object .* is missing|corrupt/i;

/**
 * Streams the commits of `git log` over the given revisions, newest first. The generator
 * pauses git (back-pressure) while the caller is busy, so memory stays bounded. Only whole
 * commits are yielded: when git fails, the commit it was printing is dropped, and the error
 * is an UnreadableObjectError when an object could not be read (the caller may retry).
 */
export async function* streamCommits(
  options: GitOptions,
  revisions: readonly string[],
  { renames = true, skip = 0, maxCount }: { renames?: boolean; skip?: number; maxCount?: number } = {},
): AsyncGenerator<CommitRecord> {
  const log = spawnGit(logArguments(revisions, renames, skip, maxCount), {
    ...options,
    hint: 'Check the revisions, or run: git log --oneline to see the history',
  });
  log.child.stdin.end();
  const parser = new LogParser();
  let finished = false;
  try {
    log.child.stdout.setEncoding('utf8');
    for await (const chunk of log.child.stdout as AsyncIterable<string>) {
      yield* parser.push(chunk);
    }
    const last = parser.end();
    const code = await log.exited;
    finished = true;
    if (code !== 0) {
      const failure = log.failure(code);
      if (UNREADABLE_OBJECT.test(failure.message))
        throw new UnreadableObjectError(failure.message, 'The repository may be corrupt: run git fsck');
      throw failure;
    }
    yield* last;
  } finally {
    if (!finished) log.child.kill();
  }
}
