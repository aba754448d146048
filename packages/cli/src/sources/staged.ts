import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, KeyguardError } from '@keyguard/core';
import { BlobReader, readBlobs } from '../git/cat-file';
import { findRepository, requireRepository, type Repository } from '../git/repository';
import { git } from '../git/run';
import { IGNORE_FILE_HINT, MAX_IGNORE_FILE_BYTES, readSettingsFile } from '../settings-file';
import { sourceOf, type ScanItem, type Source, type SourceEvent } from './types';

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
    const [, mode, , blob, status] = field().slice(1).split(' ');
    const letter = status[0];
    let path = field();
    if (letter === 'R' || letter === 'C') path = field();
    entries.push({ status: letter, mode, blob, path });
  }
  if (output[at] === 0) at++; // git separates the raw records from the patch with a NUL
  return { entries, patchStart: at };
}

/**
 * Reads `-U0` hunks and returns, per new path, the 1-based line numbers the commit adds.
 * Lines are walked by the hunk's counts rather than trusted to their first character, and
 * paths come from the `+++` header (quoted by git when unusual), so no content can be taken
 * for a header.
 */
function parseAddedLines(patch: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  const lines = patch.split('\n');
  let current: Set<number> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      current = undefined;
    } else if (line.startsWith('+++ ') && current === undefined) {
      let name = line.slice(4);
      if (name === '/dev/null') continue;
      // git appends a tab to a name holding a space (for GNU patch); a tab in a name is quoted as \t.
      if (name.endsWith('\t')) name = name.slice(0, -1);
      const bytes = name.startsWith('"') ? unquotePath(name) : Buffer.from(name, 'latin1');
      const path = bytes.subarray(2).toString('utf8'); // drop "b/"
      current = added.get(path) ?? new Set<number>();
      added.set(path, current);
    } else if (line.startsWith('@@ ') && current) {
      const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      let oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      let newLeft = match[3] === undefined ? 1 : Number(match[3]);
      let number = Number(match[2]);
      while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
        const body = lines[++i];
        const first = body[0];
        if (first === '+') {
          current.add(number++);
          newLeft--;
        } else if (first === '-') {
          oldLeft--;
        } else if (first === '\\') {
          // "\ No newline at end of file"
        } else {
          number++;
          oldLeft--;
          newLeft--;
        }
      }
    }
  }
  return added;
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

function loadIgnore(options: StagedOptions, root: string): ((path: string) => boolean) | undefined {
  const patterns: string[] = [...(options.ignorePatterns ?? [])];
  if (options.useIgnoreFiles !== false) {
    const file = join(root, '.keyguardignore');
    if (existsSync(file)) {
      const text = readSettingsFile(file, { name: '.keyguardignore', maxBytes: MAX_IGNORE_FILE_BYTES, hint: IGNORE_FILE_HINT });
      for (const line of text.split(/\r?\n/)) patterns.push(line);
    }
  }
  if (patterns.length === 0) return undefined;
  // Loaded only when there is something to ignore: the hook's start-up stays small.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ignore = require('ignore') as typeof import('ignore');
  const matcher = ignore().add(patterns);
  return (path) => matcher.ignores(path);
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
  const args = options.allLines ? DIFF_ARGS : [...DIFF_ARGS, ...PATCH_ARGS];
  const output = git(args, { cwd: root, env });
  const { entries, patchStart } = parseRaw(output);
  const unmerged = entries.filter((entry) => entry.status === 'U').map((entry) => entry.path);
  if (unmerged.length > 0) {
    const list = unmerged.slice(0, 3).join(', ') + (unmerged.length > 3 ? ', …' : '');
    throw new KeyguardError(
      `${unmerged.length} file${unmerged.length === 1 ? ' has' : 's have'} unresolved merge conflicts (${list})`,
      'Resolve them and git add them, then scan again',
    );
  }
  const added = options.allLines ? undefined : parseAddedLines(output.subarray(patchStart).toString('latin1'));

  const wanted = options.paths.map((path) => repoPathOf(path, options.cwd, root));
  const isWanted = (path: string): boolean =>
    wanted.length === 0 || wanted.some((target) => target === '' || path === target || path.startsWith(`${target}/`));
  const isIgnored = loadIgnore(options, root);
  const report = (path: string): string => toSlash(relative(cwd, join(root, path))) || '.';

  const byBlob = new Map<string, ScanItem[]>();
  for (const entry of entries) {
    if (!isWanted(entry.path) || isIgnored?.(entry.path)) continue;
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
    items.push({ path, bytes: Buffer.alloc(0), ...(lines ? { lines } : {}) });
    byBlob.set(entry.blob, items);
  }

  if (byBlob.size === 0) return;
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const reader = new BlobReader({ cwd: root, env });
  try {
    for await (const { id, read } of readBlobs(reader, [...byBlob.keys()], maxSize)) {
      // The index names this blob: git cannot read it, so the repository is damaged.
      if (read.kind === 'missing')
        throw new KeyguardError(`git cat-file: object ${id} is missing`, 'The repository may be corrupt: run git fsck');
      for (const item of byBlob.get(id) ?? []) {
        if (read.kind === 'too-large') yield { skipped: true, path: item.path, reason: 'too-large', detail: `${read.size} bytes` };
        else yield { ...item, bytes: read.bytes };
      }
    }
  } finally {
    reader.close();
  }
}
