import { spawnSync } from 'node:child_process';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ignoreCaseFor, IgnoreRules, KeyguardError } from '@keyguard/core';
import type { SkippedItem, SourceEvent } from './types';
import { ALWAYS_SKIPPED, expandGlob, isGlobArgument, walkFolder } from './walk';

export interface FileSourceOptions {
  cwd: string;
  paths: readonly string[];
  /** Honour .gitignore and .keyguardignore (false with --no-ignore). */
  useIgnoreFiles: boolean;
  /** Extra patterns in .gitignore syntax (the config's "ignore"), relative to the root. */
  ignorePatterns: readonly string[];
  /** Files larger than this are yielded as skipped without being read. */
  maxFileSize: number;
  /**
   * The work tree around `cwd`, when the run found one (once per run: run.ts), so a scan of
   * the working directory asks git for its root only once (null: the run found none). Other
   * targets are looked up.
   */
  repositoryRoot?: string | null;
}

/** What a walk found: absolute paths of files to read, and what it passed over. */
export interface FileListing {
  files: string[];
  /** Files named on the command line: scanned even when ignored, symbolic links followed. */
  explicit: Set<string>;
  skipped: SkippedItem[];
}

const toSlash = (path: string): string => (sep === '\\' ? path.split(sep).join('/') : path);

/** Absolute folders already known to be in normal form (what `resolve` returns). */
const normalFolders = new Map<string, boolean>();
const isNormalFolder = (folder: string): boolean => {
  let normal = normalFolders.get(folder);
  if (normal === undefined) {
    normal = sep === '/' && folder.length > 1 && resolve(folder) === folder;
    normalFolders.set(folder, normal);
  }
  return normal;
};

/**
 * `path.relative(from, to)` for the paths a scan handles: `to` is an absolute path in normal
 * form (from `join` or `resolve`), so below a normal `from` it is just the rest of the string
 * (a trailing slash, as git prints a nested repository, is left to `relative`, which drops it).
 * `relative` resolves both paths on every call, which showed up in profiles of large scans.
 */
function relativePath(from: string, to: string): string {
  const fast = to.length > from.length + 1 && to.charCodeAt(from.length) === 47 && to.charCodeAt(to.length - 1) !== 47;
  if (fast && to.startsWith(from) && isNormalFolder(from)) return to.slice(from.length + 1);
  return relative(from, to);
}

/** `join(root, file)` for a path git printed (relative, in normal form, with `/`). */
const joinGitPath = (root: string, file: string): string => (isNormalFolder(root) ? `${root}/${file}` : join(root, file));

const isInside = (parent: string, child: string): boolean => {
  const rel = relativePath(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The repository root above `cwd`, or undefined outside a git work tree (or without git). */
export function gitRoot(cwd: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() ? resolve(result.stdout.trim()) : undefined;
}

/** The ignore files read in every folder outside git (in git, git reads .gitignore itself). */
const IGNORE_FILES = ['.gitignore', '.keyguardignore'];

function gitLines(root: string, args: string[]): string[] | undefined {
  // --literal-pathspecs: a folder named `*` or `:x` is a path, not a pattern.
  const result = spawnSync('git', ['--literal-pathspecs', ...args], { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) return undefined;
  return result.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** In a repository: the files git tracks plus the untracked ones it does not ignore. */
function listWithGit(root: string, target: string, useIgnoreFiles: boolean): string[] | undefined {
  // A folder named on the command line is scanned even when .gitignore lists it (`keyguard
  // scan dist/`): the user asked for it, and an empty scan there would be a silent pass.
  const excludeStandard =
    useIgnoreFiles && !(target !== root && spawnSync('git', ['check-ignore', '-q', '--', target], { cwd: root }).status === 0);
  const tracked = gitLines(root, ['ls-files', '-z', '--cached', '--', target]);
  const others = gitLines(root, ['ls-files', '-z', '--others', ...(excludeStandard ? ['--exclude-standard'] : []), '--', target]);
  if (!tracked || !others) return undefined;
  // Without the ignore files, untracked dependencies would swamp the scan: they are never walked.
  // (Only below the target: `keyguard scan node_modules/some-lib` is a deliberate request.)
  // (A path holding neither name anywhere cannot have such a part: the common case, checked first.)
  // git prints paths from the root, in normal form with `/`: below a target in normal form the
  // part after the target's own path is the path from the target, without a `relative` and a
  // `join` per file (issue 16: in a scan of node_modules every path holds the name, and those
  // two calls were a quarter of the listing).
  const targetPath = toSlash(relativePath(root, target));
  const fromTarget = (file: string): string =>
    targetPath === '' && isNormalFolder(root)
      ? file
      : targetPath !== '' && !targetPath.startsWith('..') && isNormalFolder(target) && file.startsWith(`${targetPath}/`)
        ? file.slice(targetPath.length + 1)
        : toSlash(relative(target, join(root, file)));
  const skippedBelowTarget = (file: string): boolean =>
    (file.includes('node_modules') || file.includes('.git')) && hasPartIn(fromTarget(file), ALWAYS_SKIPPED);
  const untracked = excludeStandard ? others : others.filter((file) => !skippedBelowTarget(file));
  return [...tracked, ...untracked].map((file) => joinGitPath(root, file));
}

/** True when a `/`-separated path has a part in `names`: `path.split('/').some(…)` without the split. */
function hasPartIn(path: string, names: ReadonlySet<string>): boolean {
  for (const name of names) {
    for (let at = path.indexOf(name); at !== -1; at = path.indexOf(name, at + 1)) {
      const end = at + name.length;
      if ((at === 0 || path.charCodeAt(at - 1) === 47) && (end === path.length || path.charCodeAt(end) === 47)) return true;
    }
  }
  return false;
}

/** Outside git: every regular file below `top` that the ignore rules leave (walk.ts). */
function walk(top: string, rules: IgnoreRules | undefined, root: string, listing: FileListing, cwd: string): void {
  const found = walkFolder(top, rules, root);
  // In path order, as the files are (listFileSet sorts them), not in the walk's order.
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  found.links.sort(byPath);
  found.special.sort(byPath);
  found.unreadable.sort((a, b) => byPath(a.path, b.path));
  // Loops, not push(...list): a spread of 120,000 arguments overflows the stack.
  for (const file of found.files) listing.files.push(file);
  for (const path of found.links) listing.skipped.push({ skipped: true, path: reportPath(path, cwd), reason: 'symlink' });
  for (const path of found.special)
    listing.skipped.push({ skipped: true, path: reportPath(path, cwd), reason: 'unreadable', detail: 'not a regular file' });
  for (const { path, code } of found.unreadable)
    listing.skipped.push({ skipped: true, path: reportPath(path, cwd), reason: 'unreadable', detail: code });
}

/**
 * A glob argument that names no existing path (`keyguard scan "**\/*.env"`, which a Windows
 * shell passes as it is): its matches are scanned as if each were named, so one command line
 * means the same in every shell. A glob that matches nothing is a user error, as a missing
 * path is: an empty scan would be a silent pass.
 */
function addGlobMatches(pattern: string, cwd: string, listing: FileListing): void {
  const matches = expandGlob(pattern, cwd, ignoreCaseFor(undefined));
  if (matches.length === 0) {
    throw new KeyguardError(
      `${pattern}: no file matches this pattern`,
      'Check the pattern (quote it so that keyguard expands it), or run: keyguard scan .',
    );
  }
  for (const file of matches) {
    listing.files.push(file);
    listing.explicit.add(file);
  }
}

const reportPath = (file: string, cwd: string): string => toSlash(relativePath(cwd, file)) || '.';

function unreadable(file: string, cwd: string, error: unknown): SkippedItem {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return { skipped: true, path: reportPath(file, cwd), reason: 'unreadable', detail };
}

/**
 * Lists the files under the given paths: in a git repository the files git tracks plus the
 * untracked ones it does not ignore; elsewhere every file, less what the .gitignore files
 * on the way say. `.keyguardignore` files (same syntax, any folder) and the config's
 * `ignore` patterns apply in both cases; a file or folder named on the command line is scanned
 * even when they list it. Symbolic links are never followed inside a folder,
 * so a link loop cannot trap the walk. A path that does not exist is a user error.
 */
export function listFileSet(options: FileSourceOptions): FileListing {
  const targets = options.paths.length > 0 ? options.paths : ['.'];
  const listing: FileListing = { files: [], explicit: new Set(), skipped: [] };
  const roots = new Map<string, string | undefined>();
  for (const target of targets) {
    const absolute = resolve(options.cwd, target);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && isGlobArgument(target)) {
        addGlobMatches(target, options.cwd, listing);
        continue;
      }
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new KeyguardError(`${target}: no such file or folder`, 'Check the path, or run: keyguard scan .');
      }
      listing.skipped.push(unreadable(absolute, options.cwd, error)); // a link loop (ELOOP), EACCES
      continue;
    }
    if (!stats.isDirectory()) {
      // A file named explicitly is scanned even if an ignore file lists it. Anything else (a
      // FIFO, a device, /dev/zero) is never opened: it is counted as skipped.
      if (stats.isFile()) {
        listing.files.push(absolute);
        listing.explicit.add(absolute);
      } else {
        listing.skipped.push({
          skipped: true,
          path: reportPath(absolute, options.cwd),
          reason: 'unreadable',
          detail: 'not a regular file',
        });
      }
      continue;
    }
    if (!roots.has(absolute))
      roots.set(
        absolute,
        options.repositoryRoot !== undefined && absolute === resolve(options.cwd)
          ? (options.repositoryRoot ?? undefined)
          : gitRoot(absolute),
      );
    const root = roots.get(absolute);
    // Ignore files are read from the repository root down; outside git, from the working
    // directory down (or from the target when it lies elsewhere).
    const base = root ?? (isInside(options.cwd, absolute) ? options.cwd : absolute);
    const fileNames = options.useIgnoreFiles ? (root ? ['.keyguardignore'] : IGNORE_FILES) : [];
    // Asked of git only when a pattern is first matched: a folder with no ignore file and no
    // config `ignore` spawns no `git config` for it.
    let asked: boolean | undefined;
    const ignoreCase = (): boolean => (asked ??= ignoreCaseFor(root));
    let rulesRoot = base;
    let rules = new IgnoreRules({ root: base, fileNames, patterns: options.ignorePatterns, ignoreCase });
    // A folder named on the command line is scanned even when an ignore file lists it (as
    // `keyguard scan examples/` with `examples/` in .keyguardignore); the ignore files
    // inside it still apply.
    if (rules.isExcluded(toSlash(relativePath(base, absolute)), true)) {
      rulesRoot = absolute;
      rules = new IgnoreRules({ root: absolute, fileNames, patterns: [], ignoreCase });
    }
    const listed = root ? listWithGit(root, absolute, options.useIgnoreFiles) : undefined;
    if (listed) {
      // A loop, not push(...list): a spread of 120,000 arguments overflows the stack.
      for (const file of listed)
        if (rules.isEmpty || !rules.isExcluded(toSlash(relativePath(rulesRoot, file)), false)) listing.files.push(file);
    } else walk(absolute, rules.isEmpty ? undefined : rules, rulesRoot, listing, options.cwd);
  }
  listing.files = [...new Set(listing.files)].sort();
  return listing;
}

/** The files a scan of `options.paths` would read (absolute paths, sorted). */
export function listFiles(options: FileSourceOptions): string[] {
  return listFileSet(options).files;
}

/**
 * Reads one listed file: its bytes, or why it was passed over (a symbolic link, a submodule,
 * a file over maxFileSize, a file that cannot be read); undefined when it was deleted since
 * the listing. Synchronous: on a warm page cache a plain read beats the promise API's several
 * round trips per file. Shared by `readFiles` and the scan workers (parallel.ts), so a file
 * is read the same way whichever thread reads it.
 */
export function readListedFile(
  file: string,
  explicit: boolean,
  options: Pick<FileSourceOptions, 'cwd' | 'maxFileSize'>,
  reader?: ReusingReader,
): SourceEvent | undefined {
  const path = reportPath(file, options.cwd);
  if (reader && !explicit) {
    const regular = reader.readRegular(file, options.maxFileSize, STREAM_ABOVE);
    if (regular && 'bytes' in regular) return { path, bytes: regular.bytes };
    if (regular && 'large' in regular) return { path, bytes: NO_BYTES, chunks: fileChunks(file, false) };
    if (regular) return { skipped: true, path, reason: 'too-large', detail: `${regular.size} bytes` };
  }
  try {
    const stats = explicit ? statSync(file) : lstatSync(file);
    if (stats.isSymbolicLink()) return { skipped: true, path, reason: 'symlink' };
    // git lists a submodule (or a nested repository) as one path, which is a folder here.
    if (stats.isDirectory()) return { skipped: true, path, reason: 'submodule' };
    if (!stats.isFile()) return { skipped: true, path, reason: 'unreadable', detail: 'not a regular file' };
    if (stats.size > options.maxFileSize) return { skipped: true, path, reason: 'too-large', detail: `${stats.size} bytes` };
    if (stats.size > STREAM_ABOVE) return { path, bytes: NO_BYTES, chunks: fileChunks(file, explicit) };
    return { path, bytes: reader ? reader.read(file) : readFileSync(file) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // tracked but deleted: nothing to read
    return unreadable(file, options.cwd, error);
  }
}

/**
 * A buffer for `readSync` to fill: `Buffer.allocUnsafe(size)`, less its first 64 bytes. The
 * kernel copies a file out of page-cache pages, which start on a 4 KiB boundary, and malloc puts
 * a large block 16 bytes past one (its header after a fresh mapping); a copy to 16 or 24 bytes
 * past a page boundary ran three times slower here than to 32 bytes or more past it (most
 * likely 4K aliasing: each load looks as if it overlapped the store just before it). Measured
 * on this machine (issue 16): 1 MiB reads of a 95 MB file, 60-80 ms into such a buffer, 20 ms
 * 64 bytes further on; the 22,444 files of node_modules, 396 -> 286 ms CPU (median of 5). A
 * block that malloc places elsewhere is no slower for the offset.
 */
const readBuffer = (size: number): Buffer => Buffer.allocUnsafe(size + READ_OFFSET).subarray(READ_OFFSET);
const READ_OFFSET = 64;

/**
 * Files larger than this are not read whole: they are scanned as a stream of chunks, in
 * constant memory (core's StreamScanner), so size is no reason to skip one (issue 11).
 */
const STREAM_ABOVE = 8 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const NO_BYTES = Buffer.alloc(0);

/**
 * A regular file's bytes in chunks of one reused buffer (each is scanned before the next is
 * read). Opened only when the scan starts reading, never through a link unless the file was
 * named, and only if it is still a regular file; errors surface to the scan, which counts the
 * file as unreadable.
 */
function* fileChunks(file: string, followLinks: boolean): Generator<Buffer> {
  const fd = openSync(file, constants.O_RDONLY | (followLinks ? 0 : (NO_FOLLOW ?? 0)) | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error('not a regular file');
    const buffer = readBuffer(CHUNK_BYTES);
    for (;;) {
      const count = readSync(fd, buffer, 0, buffer.length, null);
      if (count === 0) return;
      yield buffer.subarray(0, count);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads files into one buffer, grown as needed: no allocation (and no garbage) per file. The
 * bytes it returns are valid until the next read, so it is only for a caller that is done with
 * a file before it reads the next (the scan loops in parallel.ts).
 */
export class ReusingReader {
  private scratch = readBuffer(64 * 1024);

  /** `readFileSync(file)`, into the shared buffer. */
  read(file: string): Buffer {
    const fd = openSync(file, 'r');
    try {
      return this.readOpen(fd, fstatSync(fd));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * A listed file that is a regular file, in one open, fstat and read (no lstat by path):
   * its bytes, or its size when it is over `maxFileSize`. Undefined for anything else (a
   * symbolic link, which O_NOFOLLOW refuses; a folder; any error): the caller then takes the
   * careful way, which says what it is. Never for a file named on the command line (those
   * follow links), and only for what a listing holds (git lists no FIFOs or devices, the walk
   * only regular files; O_NONBLOCK keeps a FIFO made since from blocking the open).
   */
  readRegular(
    file: string,
    maxFileSize: number,
    streamAbove = Infinity,
  ): { bytes: Buffer } | { size: number } | { large: number } | undefined {
    if (NO_FOLLOW === undefined) return undefined;
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0));
    } catch {
      return undefined;
    }
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return undefined;
      if (stats.size > maxFileSize) return { size: stats.size };
      if (stats.size > streamAbove) return { large: stats.size };
      return { bytes: this.readOpen(fd, stats) };
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** Reads as `readFileSync` does: the size the open file has, or to the end when that is 0. */
  private readOpen(fd: number, stats: Stats): Buffer {
    const size = stats.isFile() ? stats.size : 0;
    if (this.scratch.length < size) this.scratch = readBuffer(Math.max(size, this.scratch.length * 2));
    let length = 0;
    for (;;) {
      if (length === this.scratch.length) {
        if (size > 0) break;
        const grown = readBuffer(this.scratch.length * 2);
        this.scratch.copy(grown, 0, 0, length);
        this.scratch = grown;
      }
      const count = readSync(fd, this.scratch, length, (size > 0 ? size : this.scratch.length) - length, null);
      if (count === 0) break;
      length += count;
      if (size > 0 && length >= size) break;
    }
    return this.scratch.subarray(0, length);
  }
}

const NO_FOLLOW: number | undefined = constants.O_NOFOLLOW;
