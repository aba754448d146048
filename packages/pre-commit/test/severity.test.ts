/**
 * The hook's decision follows the fail-on severity (issue 12): findings at or above it block the
 * commit, findings below it (notes, by default) are shown as not blocking and the commit goes
 * on. Real commits in temporary repositories, through the installed plain git hook, and the
 * built keyguard-pre-commit with --fail-on.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { containsAnyKey, fakeKey, HOOK_BIN, removeTempDirs, runHookBin, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 61);

/** A repository whose plain git pre-commit hook runs the built keyguard-pre-commit, with a config. */
function repoWith(config: object, hookArgs: readonly string[] = []): TempRepo {
  const repo = new TempRepo();
  repo.write('keyguard.config.json', JSON.stringify(config)).add('keyguard.config.json').commit('config');
  const args = hookArgs.map((arg) => `'${arg}'`).join(' ');
  repo.write('.git/hooks/pre-commit', `#!/bin/sh\nexec '${process.execPath}' '${HOOK_BIN}' ${args}\n`);
  chmodSync(join(repo.dir, '.git', 'hooks', 'pre-commit'), 0o755);
  repo.write('app.py', `import openai\nopenai.api_key = "${KEY}"\n`).add('app.py');
  return repo;
}

const commit = (repo: TempRepo) => repo.tryGit(['commit', '-q', '-m', 'add app']);

describe('the hook blocks on the fail-on severity and above only', () => {
  // [the key rule's severity, the config's failOn, the hook's --fail-on, committed?]
  test.each<[string, string | undefined, string | undefined, boolean]>([
    ['error', undefined, undefined, false],
    ['warning', undefined, undefined, false],
    ['note', undefined, undefined, true],
    ['note', 'note', undefined, false],
    ['warning', 'error', undefined, true],
    ['note', undefined, 'note', false],
    ['warning', undefined, 'error', true],
    ['warning', 'error', 'warning', false],
  ])('a %s finding, failOn %s, --fail-on %s: committed %s', (severity, failOn, flag, committed) => {
    const repo = repoWith({ rules: { 'openai-api-key': severity }, ...(failOn ? { failOn } : {}) }, flag ? ['--fail-on', flag] : []);
    const before = repo.head();
    const run = commit(repo);
    expect(run.status === 0).toBe(committed);
    expect(repo.head() !== before).toBe(committed);
    // Either way the finding is shown, redacted.
    expect(run.stderr).toMatch(/^app\.py\n {2}2:\d+ {2}(?:(?:warning|note) {2})?OpenAI project key sk-proj-/m);
    expect(run.stderr).toMatch(committed ? /below the fail-on severity \(\w+\): not blocking/ : /commit blocked/);
    expect(containsAnyKey(run.output, [KEY])).toBe(false);
  });

  test('a wrong --fail-on blocks the commit with one line; live without --verify too', () => {
    const repo = new TempRepo().write('app.py', 'print(1)\n').add('app.py');
    const run = runHookBin(['--fail-on', 'lives'], repo.dir);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('--fail-on must be one of error, warning, note, live')]);
    const live = runHookBin(['--fail-on', 'live'], repo.dir);
    expect(live.status).toBe(2);
    expect(live.stderr.trim().split('\n')).toEqual([expect.stringContaining('--fail-on live needs --verify')]);
  });
});
