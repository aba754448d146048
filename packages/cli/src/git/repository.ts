import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { KeyguardError, type Root } from '@keyguard/core';
import { gitFailed, tryGit, type GitOptions } from './run';

/** The git work tree a run is in, found once per run (one `git rev-parse`). */
export interface Repository {
  /** The top of the work tree, absolute. */
  root: string;
  /** The working directory's path from the root: forward slashes, '' at the root. */
  prefix: string;
  shallow: boolean;
  /** Where git keeps a shallow clone's boundary commits (absolute). */
  shallowFile: string;
  /** Where Git LFS keeps its objects' folder (`lfs` in git's common dir, as git-lfs keeps it: shared by linked worktrees; absolute). */
  lfsDir: string;
  /** The environment git runs in for this run (a hook's GIT_INDEX_FILE). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Why there is no work tree: git is missing, the folder is outside a repository, or it has no
 * work tree. A bare repository (a `git clone --mirror`) has none, but it has a history:
 * `bare` is it, for `--git` and the pre-push scan, which read only git's objects.
 */
type NoRepository =
  { reason: 'no-git' | 'outside' | 'failed'; detail: string } | { reason: 'no-work-tree'; detail: string; bare?: Repository };

export type RepositoryLookup = { repository: Repository } | ({ repository?: undefined } & NoRepository);

/** The work tree's repository, else a bare repository's (whose history `--git` reads). */
const withBare = (lookup: RepositoryLookup): Repository | undefined =>
  lookup.repository ?? (lookup.reason === 'no-work-tree' ? lookup.bare : undefined);

/** The repository root a run works from (null outside a work tree, or without git). */
export const rootOf = (lookup: RepositoryLookup): Root => lookup.repository?.root ?? null;

/**
 * Finds the work tree around `cwd` with one `git rev-parse` (root, prefix, shallow or not),
 * so config, fingerprints and sources share one answer. Never throws for "not in a
 * repository" or "git is missing": a directory scan goes on without git; `--staged` and
 * `--git` turn the reason into their own message (`requireRepository`).
 */
export function findRepository(cwd: string, env?: NodeJS.ProcessEnv): RepositoryLookup {
  const options: GitOptions = { cwd, env };
  let result;
  try {
    result = tryGit(
      ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--git-path', 'shallow', '--git-common-dir'],
      options,
    );
  } catch (error) {
    return { reason: 'no-git', detail: (error as Error).message };
  }
  const stderr = result.stderr;
  if (!result.ok) {
    if (/must be run in a work tree/i.test(stderr)) return { reason: 'no-work-tree', detail: stderr.trim(), ...bareRepository(cwd, env) };
    if (/not a git repository/i.test(stderr)) return { reason: 'outside', detail: stderr.trim() };
    return { reason: 'failed', detail: gitFailed(['rev-parse'], stderr, result.status).message };
  }
  const [top = '', prefix = '', shallow = '', shallowPath = '', commonDir = ''] = result.stdout.toString('utf8').split('\n');
  if (!top) return { reason: 'no-work-tree', detail: 'no work tree' };
  return {
    repository: {
      root: resolve(top),
      prefix: prefix.replace(/\/$/, ''),
      shallow: shallow === 'true',
      shallowFile: isAbsolute(shallowPath) ? shallowPath : resolve(cwd, shallowPath),
      lfsDir: join(isAbsolute(commonDir) ? commonDir : resolve(cwd, commonDir), 'lfs'),
      ...(env ? { env } : {}),
    },
  };
}

/**
 * A bare repository at `cwd` (its git directory, or a folder inside it), as a Repository whose
 * root is the git directory: git runs there, history paths are the tree's, and no file of a
 * work tree (a `.keyguardignore`) is read from it. Nothing for the `.git` folder of a checkout.
 */
function bareRepository(cwd: string, env?: NodeJS.ProcessEnv): { bare?: Repository } {
  const result = tryGit(['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--is-shallow-repository', '--git-path', 'shallow'], {
    cwd,
    env,
  });
  const [bare = '', gitDir = '', shallow = '', shallowPath = ''] = result.stdout.toString('utf8').split('\n');
  if (!result.ok || bare !== 'true' || !gitDir) return {};
  return {
    bare: {
      root: resolve(gitDir),
      prefix: '',
      shallow: shallow === 'true',
      shallowFile: isAbsolute(shallowPath) ? shallowPath : resolve(cwd, shallowPath),
      lfsDir: join(resolve(gitDir), 'lfs'),
      ...(env ? { env } : {}),
    },
  };
}

/** What `--staged` and `--git` say when they have no work tree to read; `--git` reads a bare repository's history. */
export function requireRepository(lookup: RepositoryLookup, flag: '--staged' | '--git', cwd: string): Repository {
  if (lookup.repository) return lookup.repository;
  if (flag === '--git' && withBare(lookup)) return withBare(lookup)!;
  if (lookup.reason === 'no-git') throw new KeyguardError(`${flag} needs git, and ${lookup.detail}`, 'Install git, or add it to PATH');
  if (lookup.reason === 'failed') throw new KeyguardError(lookup.detail, 'Check the repository with: git status');
  if (flag === '--staged') {
    if (lookup.reason === 'no-work-tree')
      throw new KeyguardError('--staged needs a work tree, and this is a bare repository', 'Run it in a checkout');
    throw new KeyguardError(
      '--staged needs a git repository, and this folder is not in one',
      'Run it inside the repository, or scan files: keyguard scan .',
    );
  }
  throw new KeyguardError(
    `${cwd} is not inside a git work tree, so there is no history to scan`,
    'Run it in a repository, or scan the files: keyguard scan .',
  );
}

/**
 * The working directory's path from the repository root when git itself cannot run: found by
 * looking for `.git` upwards, so fingerprints stay the same with or without git installed.
 */
export function prefixWithoutGit(cwd: string): string {
  const parts: string[] = [];
  let folder = resolve(cwd);
  for (;;) {
    if (existsSync(join(folder, '.git'))) return parts.reverse().join('/');
    const parent = dirname(folder);
    if (parent === folder) return '';
    parts.push(basename(folder));
    folder = parent;
  }
}
