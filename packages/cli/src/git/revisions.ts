import { existsSync, readFileSync } from 'node:fs';
import { KeyguardError } from '@keyguard/core';
import type { Repository } from './repository';
import { tryGit } from './run';

const FETCH_HINT = 'in CI, fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)';

/** A shallow clone's boundary commits: git shows them without parents, like root commits. */
export function shallowBoundaries(repository: Repository): Set<string> {
  if (!repository.shallow || !existsSync(repository.shallowFile)) return new Set();
  return new Set(readFileSync(repository.shallowFile, 'utf8').split('\n').filter(Boolean));
}

/** A revision's commit id, or undefined when it names no commit. */
function verifyCommit(repository: Repository, revision: string): string | undefined {
  const parsed = tryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], {
    cwd: repository.root,
    env: repository.env,
  });
  const id = parsed.stdout.toString('utf8').trim();
  return parsed.ok && /^[0-9a-f]{40,64}$/.test(id) ? id : undefined;
}

/** A revision's commit id, or a one-line error naming the flag it came from. */
function commitOf(repository: Repository, revision: string, flag: string): string {
  if (revision.startsWith('-')) throw new KeyguardError(`${flag}: "${revision}" is not a revision`, 'Name a commit, branch or tag');
  const id = verifyCommit(repository, revision);
  if (!id) {
    const what = flag === '--since' ? ' (--since takes a commit, branch or tag, not a date)' : '';
    throw new KeyguardError(`${flag}: unknown revision "${revision}"${what}`, `Check the name (git branch -a, git tag); ${FETCH_HINT}`);
  }
  return id;
}

const hasAnyRef = (repository: Repository): boolean =>
  tryGit(['for-each-ref', '--count=1', '--format=%(objectname)'], { cwd: repository.root, env: repository.env })
    .stdout.toString('utf8')
    .trim() !== '';

/**
 * The `git log` revisions for the options: HEAD's history by default, every ref with
 * `--all`, `REV..HEAD` with `--since REV`, the range itself with `--range A..B` (an empty
 * side means HEAD, as in git). Undefined when the repository has no commits at all.
 */
export function resolveRevisions(
  repository: Repository,
  options: { since?: string; range?: string; all: boolean; commits?: { include: readonly string[]; exclude: readonly string[] } },
): string[] | undefined {
  if (options.commits) {
    // What a push sends: every tip must be a commit here; a commit the remote has and this
    // clone does not (not fetched yet) excludes nothing, so it is left out.
    const include = options.commits.include.map((revision) => commitOf(repository, revision, 'pre-push'));
    const exclude = options.commits.exclude.flatMap((revision) => {
      const id = revision.startsWith('-') ? undefined : verifyCommit(repository, revision);
      return id ? [`^${id}`] : [];
    });
    // git log with no revision would read HEAD's history: an empty push is the caller's to skip.
    if (include.length === 0) throw new KeyguardError('no commit to scan was given', 'Pass the commits a push sends');
    return [...include, ...exclude];
  }
  const head = verifyCommit(repository, 'HEAD');
  if (!head && !hasAnyRef(repository)) {
    if (options.since !== undefined || options.range !== undefined) {
      throw new KeyguardError(
        'the repository has no commits yet, so there is no revision to start from',
        'Commit first, or scan the files: keyguard scan .',
      );
    }
    return undefined;
  }
  if (options.all) return ['--all'];
  if (options.since !== undefined) {
    return [head ?? commitOf(repository, 'HEAD', '--since'), `^${commitOf(repository, options.since, '--since')}`];
  }
  if (options.range !== undefined) {
    const match = /^(.*?)(\.\.\.?)(.*)$/.exec(options.range);
    if (!match)
      throw new KeyguardError(`--range expects A..B (got "${options.range}")`, 'Try: keyguard scan --git --range origin/main..HEAD');
    const from = match[1] ? commitOf(repository, match[1], '--range') : (head ?? commitOf(repository, 'HEAD', '--range'));
    const to = match[3] ? commitOf(repository, match[3], '--range') : (head ?? commitOf(repository, 'HEAD', '--range'));
    return match[2] === '...' ? [`${from}...${to}`] : [to, `^${from}`];
  }
  if (!head) {
    throw new KeyguardError('HEAD has no commits yet (an unborn branch)', 'Commit first, or scan every branch: keyguard scan --git --all');
  }
  return [head];
}
