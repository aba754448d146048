import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, ignoreRulesForGit, KeyguardError } from '@keyguard/core';
import { BlobReader, readBlobs, STREAM_BLOB_ABOVE, streamBlob } from '../git/cat-file';
import { findRepository, requireRepository, type Repository } from '../git/repository';
import { fileChunks, lfsPointerOf, localLfsObject } from '../git/lfs';
import { git, spawnGit } from '../git/run';
import { addedLines, asUtf8Lines, isUtf16 } from './history-lines';
import { LineRanges } from './line-ranges';
import { sourceOf, type ScanItem, type Source, type SourceEvent } from './types';
import { mappedLines } from './utf16-lines';

export interface StagedOptions {
  cwd: string;
  /** The run's repository (found once per run); found from `cwd` and `env` when absent. */
  repository?: Repository;
  /** Only these paths (as lint-staged passes them: absolute, or relative to cwd); every staged file when empty. */
  paths: readonly string[];
  /** Scan whole staged files instead of the lines the commit adds. */
  allLines: boolean;
  /** Honour `.keyguardignore` at the repository root (read from the working tree). Default true. */
  useIgnoreFiles?: boolean;
  /** Extra patterns in .gitignore syntax (the config's "ignore"). */
  ignorePatterns?: readonly string[];
  /** Staged blobs larger than this are yielded as skipped without being kept. */
  maxFileSize?: number;
  /** The environment git runs in (a hook's GIT_INDEX_FILE must reach it). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** One file of the index that differs from HEAD, as `git diff --cached --raw -z` lists it. */
interface StagedEntry {
  status: string;
  /** The mode and blob id in the index. */
  mode: string;
  blob: string;
  /** The blob in HEAD (the source's for a rename or copy); zeros when the file is new. */
  oldBlob: string;
  /** Path from the repository root, forward slashes. */
  path: string;
}

const toSlash = (path: string): string => (sep === '\\' ? path.split(sep).join('/') : path);

/**
 * One `git diff` over the index against HEAD (on an unborn branch git compares with the empty
 * tree itself). Every option that a user's config could change is pinned: quoting, prefixes,
 * colour, external diff drivers, textconv, `diff.relative`, context. `-a` makes git show
 * hunks for files it (or .gitattributes) calls binary, so a key in a file marked `binary` is
 * still seen; core decides what is binary, as in directory scans. Renames and copies (-M -C)
 * report the new path and only the lines they add; deletions are filtered out.
 */
const DIFF_ARGS = [
  '-c',
  'core.quotePath=false',
  'diff',
  '--cached',
  '--raw',
  '-z',
  '-M',
  '-C',
  '--diff-filter=ACMRTU',
  '--no-abbrev',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--ignore-submodules=none',
];
const PATCH_ARGS = ['-p', '-a', '-U0', '--inter-hunk-context=0', '--src-prefix=a/', '--dst-prefix=b/'];

const SUBMODULE_MODE = '160000';
const SYMLINK_MODE = '120000';

/** Undoes git's C-style quoting of a path ("a\tb", octal bytes for unusual characters). */
function unquotePath(quoted: string): Buffer {
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const bytes: number[] = [];
  for (let i = 1; i < quoted.length - 1; i++) {
    const char = quoted[i];
    if (char !== '\\') {
      bytes.push(quoted.charCodeAt(i));
      continue;
    }
    const next = quoted[++i];
    if (next >= '0' && next <= '7') {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

/** Splits `--raw -z` records off the front of git's output; returns them and where the patch starts. */
function parseRaw(output: Buffer): { entries: StagedEntry[]; patchStart: number } {
  const entries: StagedEntry[] = [];
  let at = 0;
  const field = (): string => {
    const end = output.indexOf(0, at);
    if (end === -1) throw new KeyguardError('git diff printed a truncated record', 'Check the repository with: git status');
    const text = output.subarray(at, end).toString('utf8');
    at = end + 1;
    return text;
  };
  while (at < output.length && output[at] === 0x3a /* ':' */) {
    // :<old mode> <new mode> <old blob> <new blob> <status>[score]
    const [, mode, oldBlob, blob, status] = field().slice(1).split(' ');
    const letter = status[0];
    let path = field();
    if (letter === 'R' || letter === 'C') path = field();
    entries.push({ status: letter, mode, blob, oldBlob, path });
  }
  if (output[at] === 0) at++; // git separates the raw records from the patch with a NUL
  return { entries, patchStart: at };
}

/** Header lines longer than this are not headers keyguard reads (a path is at most a few KiB). */
const MAX_HEADER_LINE = 64 * 1024;

/**
 * Reads a `-U0` patch as it streams out of git and keeps, per new path, the lines the commit
 * adds, as ranges. Body lines are walked by the hunk's counts (never taken for a header) and
 * skipped byte by byte, never held: a 600 MB staged file costs no memory here (issue 11: the
 * hook used to hold the whole patch as one string). Paths come from the `+++` header (quoted
 * by git when unusual).
 */
class AddedLinesParser {
  readonly added = new Map<string, LineRanges>();
  private current: LineRanges | undefined;
  private header: Buffer[] = [];
  private headerLength = 0;
  private oldLeft = 0;
  private newLeft = 0;
  /** Inside a body line, skipping to its end. */
  private inBody = false;

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.inBody) {
        const end = chunk.indexOf(NEWLINE, at);
        if (end === -1) return;
        this.inBody = false;
        at = end + 1;
        continue;
      }
      if (this.oldLeft > 0 || this.newLeft > 0) {
        const first = chunk[at];
        if (first === PLUS) this.newLeft--;
        else if (first === MINUS) this.oldLeft--;
        else if (first !== BACKSLASH) {
          // a context line (none with -U0, but counted as git counts it); "\ No newline" is neither
          this.oldLeft--;
          this.newLeft--;
        }
        this.inBody = true;
        continue;
      }
      const end = chunk.indexOf(NEWLINE, at);
      const stop = end === -1 ? chunk.length : end;
      const room = MAX_HEADER_LINE - this.headerLength;
      if (room > 0) {
        const part = chunk.subarray(at, Math.min(stop, at + room));
        this.header.push(Buffer.from(part));
        this.headerLength += part.length;
      }
      if (end === -1) return;
      this.takeHeader(Buffer.concat(this.header).toString('latin1'));
      this.header = [];
      this.headerLength = 0;
      at = end + 1;
    }
  }

  private takeHeader(line: string): void {
    if (line.startsWith('diff --git ')) {
      this.current = undefined;
    } else if (line.startsWith('+++ ') && this.current === undefined) {
      let name = line.slice(4);
      if (name === '/dev/null') return;
      // git appends a tab to a name holding a space (for GNU patch); a tab in a name is quoted as \t.
      if (name.endsWith('\t')) name = name.slice(0, -1);
      const bytes = name.startsWith('"') ? unquotePath(name) : Buffer.from(name, 'latin1');
      const path = bytes.subarray(2).toString('utf8'); // drop "b/"
      this.current = this.added.get(path) ?? new LineRanges();
      this.added.set(path, this.current);
    } else if (line.startsWith('@@ ') && this.current) {
      const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) return;
      this.oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      this.newLeft = match[3] === undefined ? 1 : Number(match[3]);
      // With -U0 a hunk's added lines are exactly its new range.
      this.current.add(Number(match[2]), this.newLeft);
    }
  }
}

const NEWLINE = 0x0a;
const PLUS = 0x2b;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;

/**
 * Where the `--raw -z` records at the front of `output` end (the patch's first byte, past the
 * NUL that separates them: `done`), or, while the records may go on, where the last whole
 * record seen ends (`from`, to resume at when more has arrived).
 */
function rawLength(output: Buffer, from: number): { done: number } | { from: number } {
  let at = from;
  while (at < output.length) {
    if (output[at] !== 0x3a /* ':' */) return { done: output[at] === 0 ? at + 1 : at };
    const meta = output.indexOf(0, at);
    if (meta === -1) return { from: at };
    // :<old mode> <new mode> <old blob> <new blob> <status>[score], then one path (two for R and C)
    const letter = output[output.lastIndexOf(0x20, meta) + 1];
    let end = output.indexOf(0, meta + 1);
    if (end !== -1 && (letter === 0x52 /* R */ || letter === 0x43) /* C */) end = output.indexOf(0, end + 1);
    if (end === -1) return { from: at };
    at = end + 1;
  }
  return { from: at };
}

/**
 * The staged files and the lines each adds, from one `git diff --raw -z -p -U0`: git prints
 * the records (small: one per file) first, then a NUL, then the patch, which is the same bytes
 * as a `-p` run of its own (the patch is streamed through AddedLinesParser, never held). One
 * git process instead of two: a commit waits for each. `check` runs on the records before
 * the patch is read (an unresolved conflict stops the scan there).
 */
async function readDiff(
  root: string,
  env: NodeJS.ProcessEnv | undefined,
  check: (entries: StagedEntry[]) => void,
): Promise<{ entries: StagedEntry[]; added: Map<string, LineRanges> }> {
  const diff = spawnGit([...DIFF_ARGS, ...PATCH_ARGS], { cwd: root, env, hint: 'Check the repository with: git status' });
  diff.child.stdin.end();
  const parser = new AddedLinesParser();
  let head: Buffer | undefined = Buffer.alloc(0);
  let scanned = 0;
  let entries: StagedEntry[] | undefined;
  const takeRecords = (records: Buffer): void => {
    entries = parseRaw(records).entries;
    check(entries);
  };
  let finished = false;
  try {
    for await (const chunk of diff.child.stdout as AsyncIterable<Buffer>) {
      if (head === undefined) {
        parser.push(chunk);
        continue;
      }
      head = Buffer.concat([head, chunk]);
      const records = rawLength(head, scanned);
      if ('from' in records) {
        scanned = records.from;
        continue;
      }
      takeRecords(head.subarray(0, records.done));
      parser.push(head.subarray(records.done));
      head = undefined;
    }
    const code = await diff.exited;
    finished = true;
    if (code !== 0) throw diff.failure(code);
    if (head !== undefined) takeRecords(head); // records and no patch (a pure rename, a mode change), or nothing staged
  } finally {
    if (!finished) diff.child.kill();
  }
  return { entries: entries ?? [], added: parser.added };
}

/** Maps a path argument (absolute as lint-staged passes it, or relative to cwd) into the repository. */
function repoPathOf(argument: string, cwd: string, root: string): string {
  const absolute = isAbsolute(argument) ? argument : resolve(cwd, argument);
  const candidates = [absolute];
  try {
    // The folder may be reached through a symbolic link (/tmp on macOS). The name itself is not
    // resolved: a staged symbolic link is its own entry, and the file may be deleted.
    candidates.unshift(join(realpathSync(dirname(absolute)), basename(absolute)));
  } catch {
    // the folder is gone too: keep the path as given
  }
  for (const candidate of candidates) {
    const rel = relative(root, candidate);
    if (!rel.startsWith('..') && !isAbsolute(rel)) return toSlash(rel);
  }
  throw new KeyguardError(`${argument} is outside the repository at ${root}`, 'Pass paths inside the repository');
}

/**
 * The lines a UTF-16 file's staged version adds, numbered as core numbers them. git counts
 * lines by 0x0A bytes, and a UTF-16 code unit may hold one (U+010A is `0A 01`), so the hunk's
 * numbers can point past the line with the key (issue 11): compare the decoded text with
 * HEAD's version instead, as the history scan does (history-lines.ts).
 */
async function utf16AddedLines(reader: BlobReader, bytes: Buffer, oldBlob: string | undefined): Promise<Set<number>> {
  const parents: Buffer[] = [];
  if (oldBlob && !/^0+$/.test(oldBlob)) {
    const read = await reader.read(oldBlob);
    if (read.kind === 'blob') parents.push(asUtf8Lines(read.bytes));
  }
  return addedLines(asUtf8Lines(bytes), parents);
}

/**
 * What the next commit would add, read from the git index, never the working tree: the staged
 * blobs, and by default only the lines the commit adds (`lines`), so an old finding elsewhere
 * in a touched file does not block every commit. Submodules and symbolic links are yielded
 * as skipped; an unresolved merge conflict is an error (git will not commit it either).
 * Paths are reported relative to `cwd`, which may be a subfolder or a linked worktree.
 */
export function readStaged(options: StagedOptions): Source {
  return sourceOf(() => readIndex(options));
}

async function* readIndex(options: StagedOptions): AsyncGenerator<SourceEvent> {
  const env = options.env;
  const repository = options.repository ?? requireRepository(findRepository(options.cwd, env), '--staged', options.cwd);
  const { root } = repository;
  let cwd = options.cwd;
  try {
    cwd = realpathSync(cwd);
  } catch {
    // report relative to the cwd as given
  }
  const refuseUnmerged = (entries: readonly StagedEntry[]): void => {
    const unmerged = entries.filter((entry) => entry.status === 'U').map((entry) => entry.path);
    if (unmerged.length === 0) return;
    const list = unmerged.slice(0, 3).join(', ') + (unmerged.length > 3 ? ', …' : '');
    throw new KeyguardError(
      `${unmerged.length} file${unmerged.length === 1 ? ' has' : 's have'} unresolved merge conflicts (${list})`,
      'Resolve them and git add them, then scan again',
    );
  };
  // Whole files need only the records; the lines a commit adds come with them from the same git.
  let entries: StagedEntry[];
  let added: Map<string, LineRanges> | undefined;
  if (options.allLines) {
    entries = parseRaw(git(DIFF_ARGS, { cwd: root, env })).entries;
    refuseUnmerged(entries);
  } else {
    ({ entries, added } = await readDiff(root, env, refuseUnmerged));
  }

  const wanted = options.paths.map((path) => repoPathOf(path, options.cwd, root));
  const isWanted = (path: string): boolean =>
    wanted.length === 0 || wanted.some((target) => target === '' || path === target || path.startsWith(`${target}/`));
  const rules = ignoreRulesForGit(root, {
    patterns: options.ignorePatterns ?? [],
    useIgnoreFiles: options.useIgnoreFiles !== false,
    env,
  });
  const report = (path: string): string => toSlash(relative(cwd, join(root, path))) || '.';

  const byBlob = new Map<string, ScanItem[]>();
  /** Each item's blob in HEAD, for the rare file whose lines git and core count apart (UTF-16). */
  const oldBlobs = new Map<ScanItem, string>();
  for (const entry of entries) {
    if (!isWanted(entry.path) || rules?.isExcluded(entry.path, false)) continue;
    const path = report(entry.path);
    if (entry.mode === SUBMODULE_MODE) {
      yield { skipped: true, path, reason: 'submodule', detail: 'submodules are scanned in their own repository' };
      continue;
    }
    if (entry.mode === SYMLINK_MODE) {
      yield { skipped: true, path, reason: 'symlink' };
      continue;
    }
    const lines = added?.get(entry.path);
    if (added && (!lines || lines.size === 0)) continue; // a pure rename, a mode change, an emptied file
    const items = byBlob.get(entry.blob) ?? [];
    const item: ScanItem = { path, bytes: Buffer.alloc(0), ...(lines ? { lines } : {}) };
    items.push(item);
    oldBlobs.set(item, entry.oldBlob);
    byBlob.set(entry.blob, items);
  }

  if (byBlob.size === 0) return;
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const reader = new BlobReader({ cwd: root, env });
  try {
    for await (const { id, read } of readBlobs(reader, [...byBlob.keys()], maxSize, { streamAbove: STREAM_BLOB_ABOVE })) {
      // The index names this blob and git cannot read it (a damaged repository): counted as
      // unreadable, which fails the scan unless onSkipped accepts it; the rest is still scanned.
      if (read.kind === 'missing') {
        for (const item of byBlob.get(id) ?? [])
          yield { skipped: true, path: item.path, reason: 'unreadable', detail: `blob ${id.slice(0, 12)} is missing; run git fsck` };
        continue;
      }
      const pointer = read.kind === 'blob' ? lfsPointerOf(read.bytes) : undefined;
      const lfsObject = pointer && localLfsObject(repository.lfsDir, pointer.oid);
      for (const item of byBlob.get(id) ?? []) {
        if (read.kind === 'too-large') yield { skipped: true, path: item.path, reason: 'too-large', detail: `${read.size} bytes` };
        // A large blob (a 600 MB dump) is read again as a stream and scanned in constant
        // memory, as a large file is in a folder scan: size is no reason to skip (issue 11).
        // A large UTF-16 blob's added lines are mapped from git's 0x0A count to core's lines as it streams.
        else if (read.kind === 'large') {
          const chunks = streamBlob({ cwd: root, env }, id);
          yield item.lines ? { ...item, ...mappedLines(chunks, item.lines) } : { ...item, chunks };
        } else if (pointer && !lfsObject)
          yield { skipped: true, path: item.path, reason: 'lfs', detail: `object ${pointer.oid.slice(0, 12)} not fetched` };
        // The content an LFS pointer stands for, when git-lfs has it here: all of it is what
        // the commit adds (the pointer's lines say nothing about the content's).
        else if (lfsObject) yield { path: item.path, bytes: Buffer.alloc(0), chunks: fileChunks(lfsObject) };
        else if (item.lines && isUtf16(read.bytes))
          yield { ...item, bytes: read.bytes, lines: await utf16AddedLines(reader, read.bytes, oldBlobs.get(item)) };
        else yield { ...item, bytes: read.bytes };
      }
    }
  } finally {
    reader.close();
  }
}
