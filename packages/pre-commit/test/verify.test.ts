/**
 * The hook verifies only when its own command asks (issue 15): `keyguard-pre-commit --verify`.
 * Real commits in temporary repositories through a plain git pre-commit hook that runs the
 * built keyguard-pre-commit, against the local fake of the OpenAI API (KEYGUARD_OPENAI_BASE_URL),
 * which counts every request it gets: 0 without the flag (even with "verify": true in the
 * config, which is `keyguard scan`'s), 1 per distinct key with it; the first stderr line says
 * where keys go; `--fail-on live` blocks only a live key. No whole key in anything printed.
 */
import { spawn } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import {
  containsAnyKey,
  fakeKey,
  HOOK_BIN,
  removeTempDirs,
  startFakeOpenAI,
  TempRepo,
  testEnv,
  type FakeOpenAI,
} from '@keyguard/test-utils';

jest.setTimeout(60_000);

const LIVE = fakeKey('proj', 71);
const REVOKED = fakeKey('proj', 72); // unknown to the fake: 401 invalid_api_key

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ keys: { [LIVE]: 'live' } });
});
afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

/** A repository whose plain git hook runs the built hook with `hookArgs`, a config, and a staged file holding `key` twice. */
function repoWith(hookArgs: readonly string[], key: string, config: object = {}): TempRepo {
  const repo = new TempRepo();
  repo.write('keyguard.config.json', JSON.stringify(config)).add('keyguard.config.json').commit('config');
  const args = hookArgs.map((arg) => `'${arg}'`).join(' ');
  repo.write('.git/hooks/pre-commit', `#!/bin/sh\nexec '${process.execPath}' '${HOOK_BIN}' ${args}\n`);
  chmodSync(join(repo.dir, '.git', 'hooks', 'pre-commit'), 0o755);
  repo.write('app.py', `import openai\nopenai.api_key = "${key}"\nbackup = "${key}"\n`).add('app.py');
  return repo;
}

/** `git commit` without blocking this process: the fake answers the hook's requests meanwhile. */
function commit(repo: TempRepo): Promise<{ status: number | null; stderr: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['commit', '-q', '-m', 'add app'], {
      cwd: repo.dir,
      env: testEnv({ KEYGUARD_OPENAI_BASE_URL: fake.url }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, output: stdout + stderr }));
  });
}

describe('the pre-commit hook and --verify', () => {
  test('without --verify nothing is sent, even with "verify": true in the config; the commit is blocked as always', async () => {
    const repo = repoWith([], LIVE, { verify: true });
    const before = fake.requests.length;
    const run = await commit(repo);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/commit blocked/);
    expect(run.stderr).not.toMatch(/sends each key/);
    expect(fake.requests.length - before).toBe(0);
    expect(containsAnyKey(run.output, [LIVE])).toBe(false);
  });

  test('with --verify: the first line says where keys go, one request per distinct key, the state in the message', async () => {
    const repo = repoWith(['--verify'], LIVE);
    const before = fake.requests.length;
    const head = repo.head();
    const run = await commit(repo);
    expect(run.status).not.toBe(0);
    expect(repo.head()).toBe(head);
    expect(run.stderr.split('\n')[0]).toBe(
      `keyguard: --verify sends each key found to the OpenAI API at ${fake.url} (an Azure key to the Azure endpoint named beside it) to ask whether it is live; see docs/verify.md`,
    );
    expect(run.stderr).toMatch(/the OpenAI base URL is http:\/\/127\.0\.0\.1:\d+, not https:\/\/api\.openai\.com/);
    expect(fake.requests.slice(before)).toEqual([{ method: 'GET', path: '/v1/models', query: {}, key: 'live' }]);
    expect(run.stderr).toMatch(/commit blocked/);
    expect(run.stderr).toMatch(/\blive\b/);
    expect(containsAnyKey(run.output, [LIVE])).toBe(false);
  });

  test('--verify --fail-on live: a revoked key passes (shown, not blocking), a live key blocks', async () => {
    const revoked = repoWith(['--verify', '--fail-on', 'live'], REVOKED);
    let before = fake.requests.length;
    const head = revoked.head();
    const passed = await commit(revoked);
    expect(passed.status).toBe(0);
    expect(revoked.head()).not.toBe(head);
    expect(fake.requests.length - before).toBe(1);
    expect(passed.stderr).toMatch(/did not answer as live \(--fail-on live\): not blocking/);
    expect(passed.stderr).toMatch(/\brevoked\b/);
    expect(containsAnyKey(passed.output, [REVOKED])).toBe(false);

    const live = repoWith(['--verify', '--fail-on', 'live'], LIVE);
    before = fake.requests.length;
    const blocked = await commit(live);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/commit blocked/);
    expect(fake.requests.length - before).toBe(1);
    expect(containsAnyKey(blocked.output, [LIVE])).toBe(false);
  });

  test('--fail-on live without --verify blocks the commit with one line, and sends nothing', async () => {
    const repo = repoWith(['--fail-on', 'live'], LIVE);
    const before = fake.requests.length;
    const run = await commit(repo);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('--fail-on live needs --verify')]);
    expect(fake.requests.length - before).toBe(0);
  });
});
