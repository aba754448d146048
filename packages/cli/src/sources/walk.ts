import { readdirSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import type { IgnoreRules } from '@keyguard/core';

/**
 * fast-glob, loaded when a glob argument first needs it: a walk does not use it, and the scan
 * workers import this module's neighbours but never expand a glob.
 */
let fastGlob: typeof FastGlob | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fg = (): typeof FastGlob => (fastGlob ??= require('fast-glob') as typeof FastGlob);

/** Folders never walked outside git, even with --no-ignore (git itself never enters `.git`). */
export const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** What a walk found: regular files to read, and what it passed over without opening it. */
interface WalkResult {
  files: string[];
  /** Symbolic links (never followed inside a folder, so a link loop cannot trap the walk). */
  links: string[];
  /** FIFOs, sockets, devices: never opened (a FIFO would block the read, a device never end). */
  special: string[];
  /** Folders that could not be listed, with the error code. */
  unreadable: { path: string; code: string }[];
}

const toSlash = (path: string): string => (sep === '\\' ? path.split(sep).join('/') : path);

/**
 * Walks a folder as git walks a work tree for `git ls-files --others --exclude-standard`:
 * each folder's entries are judged by the ignore rules before anything below them is read, an
 * excluded folder is never entered (so nothing in it can be re-included), and only regular
 * files are listed. Folders are read breadth first, in the order fast-glob (which did the
 * traversal before issue 16) reads them, so skipped items are reported in the same order; its
 * pattern matching cost more than the listing itself.
 */
export function walkFolder(top: string, rules: IgnoreRules | undefined, root: string): WalkResult {
  const result: WalkResult = { files: [], links: [], special: [], unreadable: [] };
  const readFolder = (folder: string): Dirent[] => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      result.unreadable.push({ path: folder, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return [];
    }
    const from = folder === root ? '' : toSlash(relative(root, folder));
    const folders: Dirent[] = [];
    // A throw in here (a name the ignore rules cannot judge) must not end the walk or skip the
    // folder silently: it is counted as unreadable, with whatever of it was listed before the
    // throw (issue 11).
    try {
      for (const entry of entries) {
        const isFolder = entry.isDirectory();
        if (isFolder && ALWAYS_SKIPPED.has(entry.name)) continue;
        if (rules && rules.isEntryExcluded(from === '' ? entry.name : `${from}/${entry.name}`, isFolder)) continue;
        // Paths are made here, not taken from fast-glob's results: it turns a `\` in a name
        // into `/` on every platform, and that file would then not be found.
        const path = join(folder, entry.name);
        if (isFolder) folders.push(entry);
        else if (entry.isFile()) result.files.push(path);
        else if (entry.isSymbolicLink()) result.links.push(path);
        else result.special.push(path);
      }
    } catch (error) {
      result.unreadable.push({ path: folder, code: describeError(error) });
    }
    return folders;
  };
  // Each folder's sub-folders that the rules keep are read after the folders before them.
  const queue = [top];
  for (let next = 0; next < queue.length; next++) {
    const folder = queue[next];
    const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
    for (const entry of readFolder(folder)) queue.push(`${prefix}${entry.name}`);
  }
  return result;
}

const describeError = (error: unknown): string =>
  (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** True when a command-line argument is a glob for keyguard to expand (as a Windows shell will not). */
export const isGlobArgument = (argument: string): boolean => fg().isDynamicPattern(argument);

/**
 * Expands a glob argument (`"**\/*.env"`) to the regular files it matches, as a POSIX shell
 * with `globstar` would, so that one command line means the same in every shell; dot files
 * match too (a `.env` is the file most worth scanning). `node_modules` and `.git` are not
 * entered unless the pattern names them. Symbolic links and special files never match.
 */
export function expandGlob(pattern: string, cwd: string, ignoreCase: boolean): string[] {
  const names = pattern.split('/');
  const ignore = [...ALWAYS_SKIPPED].filter((name) => !names.includes(name)).map((name) => `**/${name}/**`);
  return fg().sync(pattern, {
    cwd,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    absolute: true,
    caseSensitiveMatch: !ignoreCase,
    suppressErrors: true,
    ignore,
  });
}
