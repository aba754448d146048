// A generated git repository for a bench part: built with `git fast-import` from the part's
// seeded generator, then cached (under .bench/, git-ignored) while its stamp, the generator's
// version and options, is unchanged. history.mjs, history-sdk.mjs and memory.mjs build theirs here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function git(cwd, args, input) {
  return execFileSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

/**
 * The repository in `dir`, built when its stamp differs (or `force`): `generate()` returns the
 * fast-import stream and what else to remember (`planted`, …); `repack` packs it as a clone
 * would be. Returns `{ dir, stamp, commits, buildMs, streamMB, …what generate remembered }`.
 */
export function cachedRepo({ dir, stamp, force = false, repack = false, generate }) {
  const stampFile = join(dir, '.git', 'keyguard-bench.json');
  if (!force && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).stamp === stamp) {
    return { dir, ...JSON.parse(readFileSync(stampFile, 'utf8')) };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const started = Date.now();
  const { stream, ...remembered } = generate();
  git(dir, ['fast-import', '--quiet'], stream);
  if (repack) git(dir, ['repack', '-a', '-d', '-q']);
  git(dir, ['checkout', '-q', '-f', 'main']);
  const info = {
    stamp,
    ...remembered,
    commits: Number(git(dir, ['rev-list', '--all', '--count']).trim()),
    buildMs: Date.now() - started,
    streamMB: stream.length / 1048576,
  };
  writeFileSync(stampFile, JSON.stringify(info));
  return { dir, ...info };
}
