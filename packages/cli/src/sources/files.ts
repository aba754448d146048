import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { KeyguardError } from '@keyguard/core';
import type { SourceEvent } from './types';

export interface FileSourceOptions {
  cwd: string;
  paths: readonly string[];
  /** Honour .gitignore and .keyguardignore (false with --no-ignore). */
  useIgnoreFiles: boolean;
  /** Extra patterns in .gitignore syntax (the config's "ignore"). */
  ignorePatterns: readonly string[];
  /** Files larger than this are yielded as skipped without being read. */
  maxFileSize: number;
}

const toSlash = (path: string): string => (sep === '\\' ? path.split(sep).join('/') : path);

/** The repository root above `cwd`, or undefined outside a git work tree. */
export function gitRoot(cwd: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Folders never worth scanning, even outside git and with --no-ignore. */
const ALWAYS_SKIPPED = ['**/.git/**', '**/node_modules/**'];

function listWithGit(root: string, target: string, useIgnoreFiles: boolean): string[] | undefined {
  const args = ['ls-files', '-z', '--cached', '--others'];
  if (useIgnoreFiles) args.push('--exclude-standard');
  args.push('--', target);
  const result = spawnSync('git', args, { cwd: root, maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) return undefined;
  const files = result.stdout.toString('utf8').split('\0').filter(Boolean);
  // ls-files lists tracked files deleted from the work tree too; they have nothing to read.
  return [...new Set(files)].map((file) => join(root, file));
}

function listWithGlob(target: string, useIgnoreFiles: boolean): string[] {
  const files = fg.sync('**/*', {
    cwd: target,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    absolute: true,
    ignore: ALWAYS_SKIPPED,
    suppressErrors: true,
  });
  if (!useIgnoreFiles) return files;
  const gitignores = fg.sync('**/.gitignore', { cwd: target, dot: true, absolute: true, ignore: ALWAYS_SKIPPED, suppressErrors: true });
  if (gitignores.length === 0) return files;
  const matchers = gitignores.map((file) => ({ dir: resolve(file, '..'), matcher: loadIgnoreFile(file) }));
  return files.filter((file) =>
    !matchers.some(({ dir, matcher }) => {
      const rel = relative(dir, file);
      return !rel.startsWith('..') && matcher.ignores(toSlash(rel));
    }),
  );
}

function loadIgnoreFile(file: string): Ignore {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return ignore();
  }
}

/**
 * Lists the files under the given paths: in a git repository the files git tracks plus the
 * untracked ones it does not ignore; elsewhere every file, less what .gitignore files say.
 * Then `.keyguardignore` (same syntax, at the root) and the config's ignore list apply.
 * Symbolic links are not followed, so a link loop cannot trap the walk.
 */
export function listFiles(options: FileSourceOptions): string[] {
  const root = gitRoot(options.cwd) ?? options.cwd;
  const targets = options.paths.length > 0 ? options.paths : ['.'];
  const files: string[] = [];
  for (const target of targets) {
    const absolute = isAbsolute(target) ? target : resolve(options.cwd, target);
    if (!existsSync(absolute)) throw new KeyguardError(`${target}: no such file or folder`, 'Check the path, or run: keyguard scan .');
    const stat = statSync(absolute);
    if (stat.isFile()) {
      files.push(absolute); // a file named explicitly is scanned even if ignored
      continue;
    }
    const inRepo = !relative(root, absolute).startsWith('..') && existsSync(join(root, '.git'));
    const listed = (inRepo && listWithGit(root, absolute, options.useIgnoreFiles)) || listWithGlob(absolute, options.useIgnoreFiles);
    files.push(...listed);
  }
  const keyguardIgnore = ignore();
  if (options.useIgnoreFiles) {
    const file = join(root, '.keyguardignore');
    if (existsSync(file)) keyguardIgnore.add(readFileSync(file, 'utf8'));
  }
  keyguardIgnore.add([...options.ignorePatterns]);
  const explicit = new Set(targets.map((target) => resolve(options.cwd, target)));
  return [...new Set(files)]
    .filter((file) => {
      if (explicit.has(file)) return true;
      const rel = toSlash(relative(root, file));
      return rel.startsWith('..') || !keyguardIgnore.ignores(rel);
    })
    .sort();
}

/** Reads the listed files, several at a time; what cannot be read is yielded as skipped. */
export async function* readFiles(options: FileSourceOptions): AsyncGenerator<SourceEvent> {
  const files = listFiles(options);
  const report = (file: string): string => toSlash(relative(options.cwd, file)) || '.';
  const read = async (file: string): Promise<SourceEvent | undefined> => {
    const path = report(file);
    try {
      const stat = lstatSync(file);
      if (stat.isSymbolicLink()) return { skipped: true, path, reason: 'symlink' };
      if (!stat.isFile()) return undefined;
      if (stat.size > options.maxFileSize) return { skipped: true, path, reason: 'too-large', detail: `${stat.size} bytes` };
      return { path, bytes: await readFile(file) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined; // deleted between listing and reading
      return { skipped: true, path, reason: 'unreadable', detail: code ?? (error as Error).message };
    }
  };
  const window = 32;
  const pending: Promise<SourceEvent | undefined>[] = [];
  for (let i = 0; i < files.length; i++) {
    pending.push(read(files[i]));
    if (pending.length >= window) {
      const event = await pending.shift()!;
      if (event) yield event;
    }
  }
  for (const promise of pending) {
    const event = await promise;
    if (event) yield event;
  }
}
