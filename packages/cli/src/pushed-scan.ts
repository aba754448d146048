import { KeyguardError, loadBaseline, loadConfig, type Severity } from '@keyguard/core';
import { findRepository, requireRepository } from './git/repository';
import { git, tryGit } from './git/run';
import { scanSource, type ScanResult } from './scan';

/** One line of what git hands a pre-push hook on standard input: a ref it is about to update. */
export interface PushUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export interface PushedScanOptions {
  /** Where the scan runs: paths are reported relative to it. */
  cwd: string;
  /** The environment git runs in. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The remote's name as git passes it to the hook (its first argument), or its URL. */
  remote: string;
  /** The refs being pushed (`parsePushUpdates` of the hook's standard input). */
  updates: readonly PushUpdate[];
  /** --config: default keyguard.config.json at the repository root. */
  config?: string;
  /** --baseline: default the config's "baseline", else .keyguard-baseline.json at the root if present. */
  baseline?: string;
  /** The least severity that blocks the push (default the config's failOn, else warning). */
  failOn?: Severity;
}

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const isZero = (id: string): boolean => /^0+$/.test(id);

/**
 * Reads a pre-push hook's standard input: `<local ref> <local sha> <remote ref> <remote sha>`
 * per line (githooks(5)). A line of another shape is an error, never skipped: a push whose
 * refs cannot be read is not a push that was checked.
 */
export function parsePushUpdates(text: string): PushUpdate[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const fields = line.split(' ');
      const [localRef, localSha, remoteRef, remoteSha] = fields;
      if (fields.length !== 4 || !OBJECT_ID.test(localSha) || !OBJECT_ID.test(remoteSha)) {
        throw new KeyguardError(
          `line ${index + 1} of the pre-push input is not "<local ref> <local sha> <remote ref> <remote sha>"`,
          'Run this command only as git pre-push hook, which passes those lines on standard input',
        );
      }
      return { localRef, localSha, remoteRef, remoteSha };
    });
}

/**
 * True when the pre-commit framework ran the hook with a push to check: at its pre-push stage
 * it always sets PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF, or PRE_COMMIT_LOCAL_BRANCH (a
 * push of a root commit); at every other stage (a commit, `pre-commit run` without refs) it
 * sets neither, and a pre-push hook has nothing of its own to check. pre-commit names no stage
 * in the environment (3.0 to 4.x), so this is how a hook without `stages` tells.
 */
export function isFrameworkPushStage(env: NodeJS.ProcessEnv): boolean {
  return Boolean((env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) || (env.PRE_COMMIT_LOCAL_BRANCH && env.PRE_COMMIT_REMOTE_NAME));
}

/**
 * What the pre-commit framework tells a hook at its pre-push stage, as a push. git's ref lines
 * go to pre-commit itself (`pre-commit hook-impl`), not to its hooks; for the first ref that
 * sends commits it sets (pre_commit/commands/hook_impl.py `_pre_push_ns`, the same in 3.0 and
 * 4.x) PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF (the remote's old value, or the parent of the
 * oldest commit the remote lacks, and the pushed tip) or, when the push sends a root commit,
 * neither (`all_files`), with PRE_COMMIT_LOCAL_BRANCH; and PRE_COMMIT_REMOTE_NAME/URL when it
 * knows the remote (not for `pre-commit run --from-ref A --to-ref B`). File names are not used:
 * a key added and removed again inside the range changes no file between its ends. Refs are
 * resolved to commit ids here; one that does not resolve fails the push, as does an
 * environment with no push in it (see `isFrameworkPushStage`: the caller checks first).
 */
export function frameworkPush(env: NodeJS.ProcessEnv, cwd: string): { remote: string; updates: PushUpdate[] } {
  const remote = env.PRE_COMMIT_REMOTE_NAME || 'the remote';
  const resolve = (name: string, ref: string): string => {
    if (ref.startsWith('-'))
      throw new KeyguardError(`${name} is not a revision (${JSON.stringify(ref)})`, 'Run this hook only from pre-commit');
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd,
      env,
      hint: `${name} (${JSON.stringify(ref)}) is not a commit in this clone: fetch it, or push from the clone that made it`,
    })
      .toString('utf8')
      .trim();
  };
  const from = env.PRE_COMMIT_FROM_REF;
  const to = env.PRE_COMMIT_TO_REF;
  if (from && to) {
    const localRef = env.PRE_COMMIT_LOCAL_BRANCH || to;
    const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH || from;
    return {
      remote,
      updates: [{ localRef, localSha: resolve('PRE_COMMIT_TO_REF', to), remoteRef, remoteSha: resolve('PRE_COMMIT_FROM_REF', from) }],
    };
  }
  const local = env.PRE_COMMIT_LOCAL_BRANCH;
  if (local && env.PRE_COMMIT_REMOTE_NAME) {
    const remoteRef = env.PRE_COMMIT_REMOTE_BRANCH || local;
    return {
      remote,
      updates: [{ localRef: local, localSha: resolve('PRE_COMMIT_LOCAL_BRANCH', local), remoteRef, remoteSha: '0'.repeat(40) }],
    };
  }
  throw new KeyguardError(
    'no push to scan: the pre-commit framework sets PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF only at its pre-push stage',
    'Give the hook keyguard-pre-push "stages: [pre-push]" in .pre-commit-config.yaml (pre-commit before 3.2: [push]), then run pre-commit install --hook-type pre-push',
  );
}

/**
 * What a push sends: the commits reachable from the pushed tips and from nothing the remote
 * already has (the updated refs' old values, and every remote-tracking ref of a named remote,
 * as `git rev-list <tips> --not --remotes=<remote>`). Deleted refs send nothing. Undefined
 * when the push sends no commit.
 */
function pushedCommits(
  options: Pick<PushedScanOptions, 'cwd' | 'env' | 'remote' | 'updates'>,
  root: string,
): { include: string[]; exclude: string[] } | undefined {
  const include = [...new Set(options.updates.filter((update) => !isZero(update.localSha)).map((update) => update.localSha))];
  if (include.length === 0) return undefined;
  const exclude = options.updates.filter((update) => !isZero(update.remoteSha)).map((update) => update.remoteSha);
  // A remote given by URL has no remote-tracking refs; a name that is not a remote has none either.
  if (/^[A-Za-z0-9._-]+$/.test(options.remote) && !options.remote.startsWith('-')) {
    const refs = tryGit(['for-each-ref', '--format=%(objectname)', `refs/remotes/${options.remote}/`], { cwd: root, env: options.env });
    if (refs.ok)
      exclude.push(
        ...refs.stdout
          .toString('utf8')
          .split('\n')
          .filter((id) => OBJECT_ID.test(id)),
      );
  }
  return { include, exclude: [...new Set(exclude)] };
}

/**
 * What a push would send, scanned: the history scan (`keyguard scan --git`) of exactly the
 * commits new to the remote, for the pre-push hook, which formats the result itself. The same
 * config, default baseline, ignore files and inline ignores as the command; anything it could
 * not read fails the push unless the config accepts it. Undefined when the push sends no commit
 * (only deletions). Throws a KeyguardError (one line) when the scan cannot run.
 */
export async function scanPushed(options: PushedScanOptions): Promise<ScanResult | undefined> {
  const { cwd, env } = options;
  const repository = requireRepository(findRepository(cwd, env), '--git', cwd);
  const commits = pushedCommits(options, repository.root);
  if (!commits) return undefined;
  const config = loadConfig({ config: options.config }, cwd, repository.root);
  const baseline = loadBaseline({ config: options.config, baseline: options.baseline }, config, cwd, repository.root, true);
  // Required here: the commit hook loads this module too (it shares @keyguard/cli/staged) and
  // never pays for the history walk.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readHistory } = require('./sources/git-history') as typeof import('./sources/git-history');
  const source = readHistory({ cwd, repository, all: false, commits, config, useIgnoreFiles: true });
  return scanSource(source, {
    config,
    baseline,
    // The walk's paths are from the repository's root, wherever git runs the hook.
    fingerprintPrefix: '',
    strictSkips: { accept: config.acceptSkipped },
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
}
