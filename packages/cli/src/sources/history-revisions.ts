import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KeyguardError } from '@keyguard/core';

export interface Repository {
  root: string;
  shallow: boolean;
  /** A shallow clone's boundary commits: git shows them without parents, like root commits. */
  shallowBoundaries: ReadonlySet<string>;
}

const FETCH_HINT = 'in CI, fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)';

function git(cwd: string, args: readonly string[]): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new KeyguardError(`cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})`, 'Install git and make sure it is on PATH');
  }
  return { ok: result.status === 0, out: result.stdout.trim(), err: (result.stderr ?? '').trim() };
}

/** The repository around `cwd`; a folder outside any git work tree is a user error. */
export function openRepository(cwd: string): Repository {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok || !top.out) {
    throw new KeyguardError(`${cwd} is not inside a git work tree, so there is no history to scan`, 'Run it in a repository, or scan the files: keyguard scan .');
  }
  const root = top.out;
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']).out === 'true';
  let boundaries = new Set<string>();
  if (shallow) {
    const path = git(root, ['rev-parse', '--git-path', 'shallow']).out;
    const file = isAbsolute(path) ? path : join(root, path);
    if (existsSync(file)) boundaries = new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean));
  }
  return { root, shallow, shallowBoundaries: boundaries };
}

/** A revision's commit id, or a one-line error naming the flag it came from. */
function commitOf(root: string, revision: string, flag: string): string {
  if (revision.startsWith('-')) throw new KeyguardError(`${flag}: "${revision}" is not a revision`, 'Name a commit, branch or tag');
  const parsed = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  if (!parsed.ok || !/^[0-9a-f]{40,64}$/.test(parsed.out)) {
    const what = flag === '--since' ? ' (--since takes a commit, branch or tag, not a date)' : '';
    throw new KeyguardError(`${flag}: unknown revision "${revision}"${what}`, `Check the name (git branch -a, git tag); ${FETCH_HINT}`);
  }
  return parsed.out;
}

const hasCommits = (root: string): boolean =>
  git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).ok || git(root, ['for-each-ref', '--count=1', '--format=%(objectname)']).out !== '';

/**
 * The `git log` revisions for the options: HEAD's history by default, every ref with
 * `--all`, `REV..HEAD` with `--since REV`, the range itself with `--range A..B` (an empty
 * side means HEAD, as in git). Undefined when the repository has no commits at all.
 */
export function resolveRevisions(repository: Repository, options: { since?: string; range?: string; all: boolean }): string[] | undefined {
  const { root } = repository;
  if (!hasCommits(root)) {
    if (options.since !== undefined || options.range !== undefined) {
      throw new KeyguardError('the repository has no commits yet, so there is no revision to start from', 'Commit first, or scan the files: keyguard scan .');
    }
    return undefined;
  }
  if (options.all) return ['--all'];
  if (options.since !== undefined) {
    const head = commitOf(root, 'HEAD', '--since');
    return [head, `^${commitOf(root, options.since, '--since')}`];
  }
  if (options.range !== undefined) {
    const match = /^(.*?)(\.\.\.?)(.*)$/.exec(options.range);
    if (!match) throw new KeyguardError(`--range expects A..B (got "${options.range}")`, 'Try: keyguard scan --git --range origin/main..HEAD');
    const from = commitOf(root, match[1] || 'HEAD', '--range');
    const to = commitOf(root, match[3] || 'HEAD', '--range');
    return match[2] === '...' ? [`${from}...${to}`] : [to, `^${from}`];
  }
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) {
    throw new KeyguardError('HEAD has no commits yet (an unborn branch)', 'Commit first, or scan every branch: keyguard scan --git --all');
  }
  return [head.out];
}
