import { availableParallelism } from 'node:os';
import {
  COMMIT_MESSAGE_PATH,
  fileKindOf,
  ignoreRulesForGit,
  isLockfile,
  KeyguardError,
  resolveConfig,
  scanText,
  type ResolvedConfig,
} from '@keyguard/core';
import { BlobReader, STREAM_BLOB_ABOVE, streamBlob } from '../git/cat-file';
import { fileChunks, localLfsObject } from '../git/lfs';
import { FILE_MODES, isDeletion, streamCommits, UnreadableObjectError, type ChangedFile, type CommitRecord } from '../git/log';
import { streamCommitMessages } from '../git/messages';
import { findRepository, requireRepository, type Repository } from '../git/repository';
import { resolveRevisions, shallowBoundaries } from '../git/revisions';
import { tryGit, type GitOptions } from '../git/run';
import type { ItemScanner } from '../scan';
import type { Judgement } from './history-judge';
import { BlobScanner } from './history-scanner';
import { addedLines, addedLinesStreamed, asUtf8Lines } from './history-lines';
import { PatchSummaries } from './history-patches';
import { pairExactRenames, RenameLookup } from './history-renames';
import {
  skippedCommit,
  skippedRest,
  skippedVersion,
  sourceOf,
  type ScanItem,
  type Source,
  type SourceEvent,
  type SourceSummary,
} from './types';
import { utf8Chunks } from './utf16-lines';

export interface HistoryOptions {
  cwd: string;
  /** The run's repository (found once per run); found from `cwd` when absent. */
  repository?: Repository;
  /** Commits after REV on HEAD (`REV..HEAD`). */
  since?: string;
  /** What a pull request adds: `A..B` (or `A...B`). */
  range?: string;
  /** Every ref, not only HEAD. */
  all: boolean;
  /**
   * The commits reachable from `include` and from none of `exclude` (commit ids or refs): what a
   * push sends (the pre-push hook). An `exclude` that names no commit here is left out.
   */
  commits?: { include: readonly string[]; exclude: readonly string[] };
  /**
   * The resolved config: its rules and allow list tell the walk which blobs hold nothing to
   * report (so they are read once and never again), its `ignore` list and `maxFileSize`
   * apply to history too. Defaults when absent.
   */
  config?: ResolvedConfig;
  /** Honour `.keyguardignore` at the repository root (false with --no-ignore). Default true. */
  useIgnoreFiles?: boolean;
  /** Threads: up to 2 scan on the main thread (git runs beside it); n ≥ 3 scan on n - 1 workers (at most 4). Default: KEYGUARD_THREADS, else the cores. */
  threads?: number;
  /** Called once at the end with what the walk did (tests and the bench read it). */
  onStats?(stats: HistoryStats): void;
  /**
   * Internal (tests and the bench compare the two; issue 16): `blobs` (the default) reads and
   * scans every new blob; `patches` streams `git log -p -U0` on a worker and reads a file
   * version only when the lines its commit added could hold a finding (core's added-text
   * filter). Same findings and skips; on the histories measured so far `patches` costs more
   * CPU (git's diffs plus the filter), so it is not the default. Also set by the internal
   * environment variable KEYGUARD_HISTORY_STRATEGY.
   */
  strategy?: HistoryStrategy;
  /**
   * Internal (the tests compare the two; issue 16): `lazy` (the default) lists commits without
   * rename detection and recovers renames where they matter (history-renames.ts); `eager` lists
   * every commit with `git log -M`, as the walk did before; the patch stream follows the same
   * choice. Also set by the environment variable KEYGUARD_HISTORY_RENAMES.
   */
  renames?: 'lazy' | 'eager';
}

type HistoryStrategy = 'patches' | 'blobs';

/** What a history walk did: most of the work is in reading each unique blob once. */
export interface HistoryStats {
  commits: number;
  /** Files written by those commits (a path in a commit), before de-duplication. */
  fileVersions: number;
  /** Unique blobs read from git and scanned once each (per file kind). */
  blobsScanned: number;
  bytesScanned: number;
  /** (commit, path) pairs handed to the report because a commit added a line with a finding. */
  itemsReported: number;
  /** Boundary commits of a shallow clone met on the walk. */
  shallowBoundaries: number;
  /** File versions not read because the lines their commit added can hold no finding (the patch strategy). */
  versionsCleared: number;
  /** Commit messages handed to the report because they hold a finding. */
  messagesReported: number;
}

/**
 * Commit messages: a key pasted into one is pushed and published with the history. The
 * messages of the walk's revisions stream from their own `git log` while the walk runs (git
 * on the other core), one in memory at a time; those that hold a finding become items under
 * COMMIT_MESSAGE_PATH (only they are kept), handed on after the files.
 */
async function messagesWithFindings(git: GitOptions, revisions: readonly string[], config: ResolvedConfig): Promise<ScanItem[]> {
  const items: ScanItem[] = [];
  for await (const entry of streamCommitMessages(git, revisions)) {
    if (scanText(entry.message, { rules: config.rules, allow: config.allow, path: COMMIT_MESSAGE_PATH }).length === 0) continue;
    items.push({
      path: COMMIT_MESSAGE_PATH,
      bytes: Buffer.from(entry.message, 'utf8'),
      commit: entry.commit,
      author: entry.author,
      date: entry.date,
    });
  }
  return items;
}

/** How many file versions are in flight: git reads ahead while we scan (64 to 1024 measured alike). */
const WINDOW = 256;
/** Caps on the memo tables, so memory stays bounded on a history of any size. */
const MAX_MEMO_BLOBS = 2_000_000;

const SUBMODULE_MODE = '160000';

/** A blob's verdict, memoised by blob id (path-free) or by blob id and file kind. */
type Verdict =
  | { kind: 'clean' }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' }
  | { kind: 'lfs'; oid: string }
  | { kind: 'dirty'; findingLines: number[]; large?: boolean };

/** Blob ids as 20-character binary strings: half the memory of hex in the memo tables. */
const packOid = (oid: string): string => Buffer.from(oid, 'hex').toString('latin1');

/**
 * The content that commits added, newest commit first. Each item is one file as a commit
 * wrote it, with `lines` = the lines that commit brought in; only items that hold a finding
 * on such a line are yielded, so the report names the commit that introduced each key.
 *
 * How it stays fast on long histories: `git log --raw` lists (commit, path, blob) without
 * reading any content; each unique blob is read once through one long-running
 * `git cat-file --batch` and scanned once (per file kind); a blob seen before is never read
 * again, whichever commit, branch or path it reappears in. Only the rare blob that holds a
 * finding has its parents' versions read, to tell which of its lines the commit added.
 * git (tree diffs, inflating objects) and this process (scanning) run side by side.
 */
export function readHistory(options: HistoryOptions): Source {
  return sourceOf((summary) => walkHistory(options, summary));
}

async function* walkHistory(options: HistoryOptions, summary: SourceSummary): AsyncGenerator<SourceEvent> {
  const repository = options.repository ?? requireRepository(findRepository(options.cwd), '--git', options.cwd);
  const note = (text: string): void => void summary.notes.push(text);
  const revisions = resolveRevisions(repository, options);
  if (!revisions) {
    note('The repository has no commits yet: there is no history to scan.');
    summary.read = { files: 0, bytes: 0 };
    return;
  }
  const config = options.config ?? resolveConfig({});
  const ignored = ignoreRulesForGit(repository.root, {
    patterns: config.ignore,
    useIgnoreFiles: options.useIgnoreFiles ?? true,
    env: repository.env,
  });
  const boundaries = shallowBoundaries(repository);
  const git = { cwd: repository.root, env: repository.env };
  const messages = messagesWithFindings(git, revisions, config);
  messages.catch(() => undefined); // awaited after the walk; this only marks it handled
  const stats: HistoryStats = {
    commits: 0,
    fileVersions: 0,
    blobsScanned: 0,
    bytesScanned: 0,
    itemsReported: 0,
    shallowBoundaries: 0,
    versionsCleared: 0,
    messagesReported: 0,
  };
  const reader = new BlobReader(git);
  // git's own processes (log, cat-file) keep a second core busy already: on two cores the main
  // thread scanning beside them was as fast as a worker (1.7 s either way on the bench) and
  // cheaper in CPU. From three cores on, workers with their own cat-file take the scanning.
  const threads = threadsFor(options);
  const itemScanner: ItemScanner = { rules: config.rules, allow: config.allow, maxFileSize: config.maxFileSize };
  const scanner = new BlobScanner(itemScanner, threads >= 3 ? Math.min(4, threads - 1) : 0, repository, reader);
  const usedPatches = usesPatches(options, config, git);
  const eager = (options.renames ?? process.env.KEYGUARD_HISTORY_RENAMES) === 'eager';
  const lookup = eager
    ? undefined
    : new RenameLookup(git, (commit, detail) =>
        note(
          `git could not list the renames of commit ${commit.slice(0, 12)} (${detail}): ` +
            'a renamed file with a finding counts as added there. Run git fsck.',
        ),
      );
  const walk = new HistoryWalk(reader, scanner, repository.lfsDir, lookup);
  // The patch stream lists renames as the walk does, so both pair the same blobs.
  let patches = usedPatches ? new PatchSummaries(itemScanner, { root: repository.root, env: repository.env }, revisions, eager) : undefined;
  const inflight: Promise<SourceEvent[]>[] = [];
  const skippedSubmodules = new Set<string>();
  /** One commit's files: each new blob is judged once (in flight, in order), the events come back in order. */
  async function* visitCommit(listed: CommitRecord): AsyncGenerator<SourceEvent> {
    // Listed without renames: an exact rename is paired here, so moved content is not new.
    const record = renames ? listed : pairExactRenames(listed);
    stats.commits++;
    if (boundaries.has(record.commit)) stats.shallowBoundaries++;
    // Merges are judged from their blobs (a combined patch is not read); so is anything the
    // patch stream cannot vouch for.
    const cleared = patches ? await patches.cleanPairs(record.commit) : undefined;
    for (const file of record.files) {
      if (file.mode === SUBMODULE_MODE) {
        if (!skippedSubmodules.has(file.path)) {
          skippedSubmodules.add(file.path);
          inflight.push(Promise.resolve([{ skipped: true, path: file.path, reason: 'submodule' }]));
        }
        continue;
      }
      // Symbolic links hold a path, not content; deletions add nothing.
      if (!FILE_MODES.has(file.mode) || isDeletion(file) || file.parentBlobs.includes(file.blob)) continue;
      if (ignored?.isExcluded(file.path, false)) continue;
      stats.fileVersions++;
      if (cleared && record.parents.length <= 1 && cleared.has(pairOf(file))) {
        stats.versionsCleared++;
        continue;
      }
      const task = walk.visit(record, file);
      task.catch(() => undefined); // awaited below, in order; this only marks it handled
      inflight.push(task);
      while (inflight.length > WINDOW) yield* await inflight.shift()!;
    }
  }

  // Commits already walked, for a second pass: git lists commits in the same order whatever
  // the diff options, so the count (checked against the last one) says where to go on.
  let walked = 0;
  let lastWalked = '';
  let renames = eager;
  /** Commits git log is told to pass over: those before and including the last one it could not list. */
  let skip = 0;
  try {
    for (;;) {
      try {
        let seen = skip;
        for await (const record of streamCommits(git, revisions, { renames, skip })) {
          if (++seen <= walked) {
            if (seen === walked && record.commit !== lastWalked)
              throw new KeyguardError(
                'git log listed the commits in another order on a second pass',
                'Scan again; if it persists, run git fsck',
              );
            continue;
          }
          walked = seen;
          lastWalked = record.commit;
          yield* visitCommit(record);
        }
        break;
      } catch (error) {
        // An object git could not read while comparing blobs for renames (a missing blob, a
        // promisor or shallow boundary): walk on from the commit it stopped at without rename
        // detection. Whatever then cannot be read is counted as unreadable (issue 9).
        if (!(error instanceof UnreadableObjectError)) throw error;
        if (!renames) {
          // Without rename detection git log still failed: a commit's tree (or a parent's) cannot
          // be read. git dies while printing the commit after the last whole one, or the one
          // after that: list that next commit alone. If it lists, it is walked; if not, its
          // changes cannot be known, so it is counted as unread (which fails the scan unless
          // onSkipped accepts it: never "no secrets found" for history that was not read), and
          // the walk goes on past it.
          const detail = error.message.replace(/^git log failed: /, '');
          let alone: CommitRecord | undefined;
          try {
            for await (const record of streamCommits(git, revisions, { renames, skip: walked, maxCount: 1 })) alone = record;
          } catch (again) {
            if (!(again instanceof UnreadableObjectError)) throw again;
            alone = undefined;
          }
          if (alone) {
            walked++;
            lastWalked = alone.commit;
            skip = walked;
            yield* visitCommit(alone);
            continue;
          }
          const next = tryGit(['rev-list', `--skip=${walked}`, '--max-count=1', ...revisions, '--'], git);
          const commit = next.status === 0 ? next.stdout.toString().trim() : '';
          if (!/^[0-9a-f]{40,64}$/.test(commit)) {
            // Not even the commit can be named: the rest of the history is unread.
            inflight.push(Promise.resolve([skippedRest(walked, detail)]));
            note(
              `git log stopped (${detail}) after ${walked} commit${walked === 1 ? '' : 's'}: the rest of the history was not read. Run git fsck.`,
            );
            break;
          }
          inflight.push(Promise.resolve([skippedCommit(commit, detail)]));
          note(`git log could not list the changes of commit ${commit.slice(0, 12)} (${detail}): it was not scanned. Run git fsck.`);
          walked++;
          lastWalked = commit;
          skip = walked;
          continue;
        }
        renames = false;
        // The patch stream paired renamed files; without renames the pairs differ: read blobs.
        patches?.close();
        patches = undefined;
        note(
          `git log stopped (${error.message.replace(/^git log failed: /, '')}) after ${walked} commit${walked === 1 ? '' : 's'}: ` +
            'the rest of the history was walked without rename detection, so a renamed file counts as added where it was renamed. Run git fsck.',
        );
      }
    }
    while (inflight.length > 0) yield* await inflight.shift()!;
  } finally {
    patches?.close();
    reader.close();
    await scanner.close();
  }

  // Commit messages (read beside the walk, see messagesWithFindings), after the files.
  for (const item of await messages) {
    stats.messagesReported++;
    yield item;
  }

  stats.blobsScanned = walk.blobsScanned;
  stats.bytesScanned = walk.bytesScanned;
  stats.itemsReported = walk.itemsReported;
  summary.read = { files: stats.blobsScanned, bytes: stats.bytesScanned };
  if (repository.shallow) {
    note(
      `History is truncated: this is a shallow clone, so commits before its ${boundaries.size} boundary commit(s) were not scanned, ` +
        'and each boundary commit was scanned as if it added every file it holds. ' +
        'Fetch the whole history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) and scan again.',
    );
  }
  note(
    `History: ${stats.commits} commit${stats.commits === 1 ? '' : 's'}, ${stats.fileVersions} file version${stats.fileVersions === 1 ? '' : 's'}, ` +
      `${stats.blobsScanned} unique blob${stats.blobsScanned === 1 ? '' : 's'} scanned (${(stats.bytesScanned / 1048576).toFixed(1)} MB)` +
      (usedPatches
        ? `; ${stats.versionsCleared} file version${stats.versionsCleared === 1 ? '' : 's'} cleared from the lines their commit added.`
        : '.'),
  );
  options.onStats?.(stats);
}

/**
 * The patch strategy when asked for, unless the repository makes it unsafe: a
 * `maxFileSize` (a patch does not tell a blob's size, and a version over it must be counted as
 * skipped), or a partial clone (`git log -p` would fetch every missing blob from its remote).
 */
function usesPatches(options: HistoryOptions, config: ResolvedConfig, git: { cwd: string; env?: NodeJS.ProcessEnv }): boolean {
  const strategy = options.strategy ?? (process.env.KEYGUARD_HISTORY_STRATEGY === 'patches' ? 'patches' : 'blobs');
  if (strategy === 'blobs' || Number.isFinite(config.maxFileSize)) return false;
  return tryGit(['config', '--get', 'extensions.partialClone'], git).stdout.length === 0;
}

/** A file version's blob pair as the patch stream names it: `<parent blob or zeros>..<blob>`. */
const pairOf = (file: ChangedFile): string => `${file.parentBlobs[0] ?? '0'.repeat(file.blob.length)}..${file.blob}`;

function threadsFor(options: HistoryOptions): number {
  const fromEnv = Number.parseInt(process.env.KEYGUARD_THREADS ?? '', 10);
  return options.threads ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism());
}

/** The memo tables and the per-file work of one history walk. */
class HistoryWalk {
  /** Verdicts that hold for any path: clean (no rule's keyword), binary, too large, missing. */
  private readonly byBlob = new Map<string, Verdict>();
  /** Verdicts that depend on the file kind (a scanned blob: clean, or its finding lines). */
  private readonly byBlobAndKind = new Map<string, Verdict>();
  private readonly inflight = new Map<string, Promise<Verdict>>();
  blobsScanned = 0;
  bytesScanned = 0;
  itemsReported = 0;

  constructor(
    private readonly reader: BlobReader,
    private readonly scanner: BlobScanner,
    private readonly lfsDir: string,
    /** Where the walk lists commits without renames: finds the source of a renamed file with a finding. */
    private readonly renames: RenameLookup | undefined,
  ) {}

  /** What one file version contributes: a skipped note the first time, or an item to report. */
  async visit(record: CommitRecord, file: ChangedFile): Promise<SourceEvent[]> {
    const oid = packOid(file.blob);
    // What a blob's scan depends on besides its bytes: the file kind, and whether the path is a
    // lock file (core's rulesFor runs the key shapes only there).
    const lockfile = isLockfile(file.path);
    const kindKey = `${oid}\0${fileKindOf(file.path)}${lockfile ? '\0lock' : ''}`;
    const known = this.byBlob.get(oid) ?? this.byBlobAndKind.get(kindKey);
    if (known) return this.eventsFor(known, record, file, false);
    const running = this.inflight.get(kindKey);
    if (running) return this.eventsFor(await running, record, file, false);
    const verdict = this.judge(oid, kindKey, file, lockfile);
    this.inflight.set(kindKey, verdict);
    try {
      return await this.eventsFor(await verdict, record, file, true);
    } finally {
      this.inflight.delete(kindKey);
    }
  }

  /** Reads and scans a blob once; remembers the verdict for every later sighting. */
  private async judge(oid: string, kindKey: string, file: ChangedFile, lockfile: boolean): Promise<Verdict> {
    const judgement = await this.scanner.judge(file.blob, file.path);
    const { verdict, pathFree } = this.verdictOf(judgement, lockfile);
    const table = pathFree ? this.byBlob : this.byBlobAndKind;
    if (table.size < MAX_MEMO_BLOBS) table.set(pathFree ? oid : kindKey, verdict);
    return verdict;
  }

  /**
   * A blob's verdict, and whether it holds for any path (it did not depend on running the
   * rules). No keyword of the rules is path-free, except in a lock file: only the key shapes'
   * keywords were looked for there (core's rulesFor).
   */
  private verdictOf(judgement: Judgement, lockfile: boolean): { verdict: Verdict; pathFree: boolean } {
    if (judgement.status === 'missing') return { verdict: { kind: 'missing' }, pathFree: true };
    if (judgement.status === 'too-large') return { verdict: { kind: 'too-large', size: judgement.size }, pathFree: true };
    if (judgement.status === 'lfs') return { verdict: { kind: 'lfs', oid: judgement.oid }, pathFree: true };
    this.blobsScanned++;
    this.bytesScanned += judgement.bytes;
    switch (judgement.status) {
      case 'binary':
        return { verdict: { kind: 'binary' }, pathFree: true };
      case 'clean':
        return { verdict: { kind: 'clean' }, pathFree: !lockfile };
      case 'clean-kind':
        return { verdict: { kind: 'clean' }, pathFree: false };
      case 'dirty':
        return {
          verdict: { kind: 'dirty', findingLines: judgement.findingLines, ...(judgement.large ? { large: true } : {}) },
          pathFree: false,
        };
    }
  }

  private async eventsFor(verdict: Verdict, record: CommitRecord, file: ChangedFile, first: boolean): Promise<SourceEvent[]> {
    switch (verdict.kind) {
      case 'clean':
        return [];
      case 'binary':
        return first ? [skippedVersion(file.path, record.commit, 'binary')] : [];
      case 'too-large':
        return first ? [skippedVersion(file.path, record.commit, 'too-large', `${verdict.size} bytes`)] : [];
      case 'missing':
        return first ? [skippedVersion(file.path, record.commit, 'unreadable', `blob ${file.blob.slice(0, 12)} is missing`)] : [];
      case 'lfs':
        return first ? this.lfsEvents(verdict.oid, record, file) : [];
      case 'dirty':
        return this.itemFor(verdict, record, file);
    }
  }

  /** An LFS pointer: its content scanned whole when git-lfs has it here, else counted as not scanned. */
  private lfsEvents(oid: string, record: CommitRecord, file: ChangedFile): SourceEvent[] {
    const object = localLfsObject(this.lfsDir, oid);
    if (!object) return [skippedVersion(file.path, record.commit, 'lfs', `object ${oid.slice(0, 12)} not fetched`)];
    return [
      {
        path: file.path,
        bytes: Buffer.alloc(0),
        chunks: fileChunks(object),
        commit: record.commit,
        author: record.author,
        date: record.date,
      },
    ];
  }

  /** A blob with findings: report it at this commit if the commit added a line with one. */
  private async itemFor(verdict: Extract<Verdict, { kind: 'dirty' }>, record: CommitRecord, file: ChangedFile): Promise<SourceEvent[]> {
    if (verdict.large) return this.largeItemFor(verdict, record, file);
    // The blob was read where it was scanned; blobs with findings are rare, so read it again.
    const bytes = await this.readBytes(file.blob);
    if (!bytes) return [];
    const parents: Buffer[] = [];
    const parentBlobs = await this.parentBlobsOf(record, file);
    for (const parent of parentBlobs) {
      // A parent over STREAM_BLOB_ABOVE is not held (a small file that replaced a 600 MB dump):
      // then every version is streamed and compared by the hashes of the finding lines.
      const read = await this.reader.read(parent, Number.POSITIVE_INFINITY, STREAM_BLOB_ABOVE);
      if (read.kind === 'large') return this.largeItemFor(verdict, record, file);
      if (read.kind === 'blob') parents.push(asUtf8Lines(read.bytes));
    }
    const lines = addedLines(asUtf8Lines(bytes), parents);
    if (!verdict.findingLines.some((line) => lines.has(line))) return [];
    this.itemsReported++;
    const item: ScanItem = { path: file.path, bytes, commit: record.commit, author: record.author, date: record.date, lines };
    return [item];
  }

  /**
   * A blob too large to hold (over STREAM_BLOB_ABOVE), or one with a parent that is: streamed
   * again, to find its added lines and to report it.
   */
  private async largeItemFor(
    verdict: Extract<Verdict, { kind: 'dirty' }>,
    record: CommitRecord,
    file: ChangedFile,
  ): Promise<SourceEvent[]> {
    const git = this.reader.options;
    // Decoded first when UTF-16, so lines are compared and numbered as core numbers them (issue 11).
    const lines = await addedLinesStreamed(
      utf8Chunks(streamBlob(git, file.blob)),
      (await this.parentBlobsOf(record, file)).map((parent) => utf8Chunks(streamBlob(git, parent))),
      verdict.findingLines,
    );
    if (lines.size === 0) return [];
    this.itemsReported++;
    const { commit, author, date } = record;
    return [{ path: file.path, bytes: Buffer.alloc(0), chunks: streamBlob(git, file.blob), commit, author, date, lines }];
  }

  /** The file's blob in each parent, with its rename source (as `git log -M` lists it). */
  private async parentBlobsOf(record: CommitRecord, file: ChangedFile): Promise<string[]> {
    return this.renames ? this.renames.parentBlobs(record, file) : file.parentBlobs;
  }

  private async readBytes(oid: string): Promise<Buffer | undefined> {
    const read = await this.reader.read(oid);
    return read.kind === 'blob' ? read.bytes : undefined;
  }
}
