import {
  expectNoWholeKey,
  fakeKey,
  git,
  HOOK_BIN,
  removeTempDirs,
  runCliAsync,
  startFakeOpenAI,
  tempRepo,
  writeFiles,
  type FakeOpenAI,
} from '@keyguard/test-utils';

// Each test runs the built CLI against the fake, several times: past Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

// `keyguard scan --verify` (issue 15) through the BUILT CLI against the local fake of the
// OpenAI API, over real HTTP: every state, the request budget, and no whole key anywhere.
const keys = {
  live: fakeKey('proj', 11),
  limited: fakeKey('proj', 12),
  revoked: fakeKey('proj', 13), // unknown to the fake: 401 invalid_api_key
  scoped: fakeKey('proj', 14),
  forbidden: fakeKey('svcacct', 15),
  broken: fakeKey('proj', 16),
  flaky: fakeKey('legacy', 17),
  slow: fakeKey('proj', 18),
  admin: fakeKey('admin', 19),
  azure: fakeKey('azure', 20),
  azureAlone: fakeKey('azure', 21),
  azureDead: fakeKey('azure', 22),
};
/**
 * The timeout the first test waits out for the key the fake never answers. Long enough that a
 * loaded machine answers every other key in time; the other tests keep the 10 s default.
 */
const TIMEOUT_MS = '3000';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({
    keys: {
      [keys.live]: 'live',
      [keys.limited]: 'rate-limited',
      [keys.scoped]: 'missing-scopes',
      [keys.forbidden]: 'forbidden',
      [keys.broken]: 'server-error',
      [keys.flaky]: 'flaky',
      [keys.slow]: 'timeout',
    },
    adminKeys: [keys.admin],
    azureKeys: { [keys.azure]: 'live' },
  });
});
afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

const verify = (cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCliAsync(['scan', '--verify', '--openai-base-url', fake.url, ...args], {
    cwd,
    env,
  });

/** The per-key lines of --verbose: `  <redacted> <state>: <reason>`, by redacted secret. */
function statesOf(stderr: string): Map<string, string> {
  const states = new Map<string, string>();
  for (const match of stderr.matchAll(/^keyguard: {3}(\S+) (live|revoked|unverified): (.*)$/gm))
    states.set(match[1], `${match[2]}: ${match[3]}`);
  return states;
}

test('every state, one request per distinct key, at most 4 at once, a retry only after 5xx', async () => {
  const dir = tempRepo();
  const lines = Object.entries(keys)
    .filter(([name]) => !name.startsWith('azure'))
    .map(([name, key]) => `${name} = "${key}"`);
  writeFiles(dir, {
    'app.py': `${lines.join('\n')}\n`,
    // The same live key again: still one request.
    'copy.py': `again = "${keys.live}"\n`,
    '.env': `AZURE_OPENAI_ENDPOINT=https://contoso-eu.openai.azure.com/\nAZURE_OPENAI_API_KEY=${keys.azure}\n`,
    'other/settings.json': `{ "azureKey": "${keys.azureAlone}" }\n`,
    'svc/config.yaml': `azure:\n  endpoint: https://fabrikam.cognitiveservices.azure.com/\n  key: ${keys.azureDead}\n`,
  });
  const before = fake.requests.length;
  const run = await verify(dir, ['--verbose', '--format', 'json'], { KEYGUARD_VERIFY_TIMEOUT_MS: TIMEOUT_MS });
  const requests = fake.requests.slice(before);
  expect(run.status).toBe(1);
  const stderrLines = run.stderr.split('\n');
  expect(stderrLines[0]).toMatch(/^keyguard: --verify sends each key found to the OpenAI API at http:\/\/127\.0\.0\.1:\d+/);
  expect(stderrLines[1]).toContain(`the OpenAI base URL is ${fake.url}, not https://api.openai.com`);
  expect(run.stderr).toContain('verified 12 distinct keys: 5 live, 1 revoked, 6 unverified');

  const states = [...statesOf(run.stderr).values()];
  const stateOf = (fragment: string): string[] => states.filter((line) => line.includes(fragment));
  expect(stateOf('200 from GET /v1/models')).toEqual([expect.stringMatching(/^live/), expect.stringMatching(/^live/)]); // live, flaky
  expect(stateOf('429 insufficient_quota')).toEqual([expect.stringMatching(/^live: .*authenticated/)]);
  expect(stateOf('401 invalid_api_key')).toEqual([expect.stringMatching(/^revoked: /)]);
  expect(stateOf('401 missing scopes')).toEqual([expect.stringMatching(/^unverified: /)]);
  expect(stateOf('403 unsupported_country_region_territory')).toEqual([expect.stringMatching(/^unverified: /)]);
  expect(stateOf('500 from GET /v1/models, also on the retry')).toEqual([expect.stringMatching(/^unverified: /)]);
  expect(stateOf('no answer to GET /v1/models within 3 s')).toEqual([expect.stringMatching(/^unverified: /)]);
  expect(stateOf('(Admin API)')).toEqual([expect.stringMatching(/^live: 200 from GET \/v1\/organization\/projects\?limit=1/)]);
  // Azure answers a wrong key and a wrong endpoint with the same 401: not proof of revocation.
  expect(stateOf('/openai/models')).toEqual([
    expect.stringMatching(/^live: 200/),
    expect.stringMatching(/^unverified: 401 on GET .*Azure answers this to a revoked key and to another resource's key alike/),
  ]);
  expect(stateOf('no https://<resource>.openai.azure.com is named near it')).toEqual([expect.stringMatching(/^unverified: not sent/)]);

  // 11 keys sent once each (the Azure key without an endpoint is not sent), the 500 and the flaky one twice.
  expect(requests).toHaveLength(13);
  expect(requests.filter((request) => request.path === '/v1/models')).toHaveLength(10);
  expect(requests.filter((request) => request.key === 'server-error')).toHaveLength(2);
  expect(requests.filter((request) => request.key === 'flaky')).toHaveLength(2);
  expect(requests.filter((request) => request.path === '/openai/models').map((request) => request.query)).toEqual([
    { 'api-version': '2024-10-21' },
    { 'api-version': '2024-10-21' },
  ]);
  expect(requests.find((request) => request.key === 'admin')).toEqual(
    expect.objectContaining({ method: 'GET', path: '/v1/organization/projects', query: { limit: '1' } }),
  );
  expect(fake.maxInFlight).toBeLessThanOrEqual(4);
  expect(fake.maxInFlight).toBeGreaterThan(1);
  expectNoWholeKey([run.stdout, run.stderr], Object.values(keys));
});

test('--fail-on live fails only on a live key', async () => {
  const dead = tempRepo();
  writeFiles(dead, { 'app.py': `key = "${keys.revoked}"\nother = "${keys.scoped}"\n` });
  expect((await verify(dead, ['--fail-on', 'live'])).status).toBe(0);
  const alive = tempRepo();
  writeFiles(alive, { 'app.py': `key = "${keys.revoked}"\nlive = "${keys.live}"\n` });
  expect((await verify(alive, ['--fail-on', 'live'])).status).toBe(1);
});

test('"verify": true in the config turns it on; without it nothing is sent', async () => {
  const dir = tempRepo();
  writeFiles(dir, { 'app.py': `key = "${keys.live}"\n` });
  const before = fake.requests.length;
  const plain = await runCliAsync(['scan'], { cwd: dir, env: { KEYGUARD_OPENAI_BASE_URL: fake.url } });
  expect([plain.status, fake.requests.length - before]).toEqual([1, 0]);
  writeFiles(dir, { 'keyguard.config.json': '{ "verify": true }\n' });
  const configured = await runCliAsync(['scan', '--format', 'json'], { cwd: dir, env: { KEYGUARD_OPENAI_BASE_URL: fake.url } });
  expect(configured.stderr.split('\n')[0]).toContain('--verify sends each key found to the OpenAI API');
  expect(configured.stderr).toContain('verified 1 distinct key: 1 live, 0 revoked, 0 unverified');
  expect(fake.requests.length - before).toBe(1);
});

test('usage errors: one line, exit 2, nothing sent', async () => {
  const dir = tempRepo();
  writeFiles(dir, { 'app.py': `key = "${keys.live}"\n` });
  const before = fake.requests.length;
  const noVerify = await runCliAsync(['scan', '--fail-on', 'live'], { cwd: dir });
  expect([noVerify.status, noVerify.stderr.trim()]).toEqual([2, expect.stringMatching(/^keyguard: --fail-on live needs --verify/)]);
  const bad = await runCliAsync(['scan', '--verify', '--openai-base-url', 'ftp://example.com'], { cwd: dir });
  expect([bad.status, bad.stderr.trim().split('\n')]).toEqual([
    2,
    [expect.stringMatching(/^keyguard: --openai-base-url must be an http\(s\) URL/)],
  ]);
  const withKey = await runCliAsync(['scan', '--verify', '--openai-base-url', `https://${keys.live}@example.com`], { cwd: dir });
  expect(withKey.status).toBe(2);
  expectNoWholeKey([withKey.stdout, withKey.stderr], [keys.live]);
  expect(fake.requests.length - before).toBe(0);
});

test('the pre-commit hook never verifies, even when the config asks keyguard scan to', async () => {
  const dir = tempRepo();
  writeFiles(dir, { 'keyguard.config.json': '{ "verify": true }\n', 'app.py': `key = "${keys.live}"\n` });
  git(dir, 'add', '-A');
  const before = fake.requests.length;
  const hook = await runCliAsync([], { cwd: dir, bin: HOOK_BIN, env: { KEYGUARD_OPENAI_BASE_URL: fake.url } });
  expect(hook.status).toBe(1); // blocked, as always
  expect(hook.stderr).not.toContain('--verify');
  expect(fake.requests.length - before).toBe(0);
  expectNoWholeKey([hook.stdout, hook.stderr], [keys.live]);
});

test('a history scan verifies the keys its commits added, stdin too', async () => {
  const dir = tempRepo();
  writeFiles(dir, { 'app.py': `key = "${keys.live}"\n` });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'add a key', '--no-verify');
  writeFiles(dir, { 'app.py': 'key = os.environ["OPENAI_API_KEY"]\n' });
  git(dir, 'commit', '-qam', 'read it from the environment', '--no-verify');
  const history = await verify(dir, ['--git', '--format', 'json']);
  expect(history.stderr).toContain('verified 1 distinct key: 1 live, 0 revoked, 0 unverified');
  const stdin = await runCliAsync(['scan', '--stdin', '--verify', '--openai-base-url', fake.url, '--format', 'json'], {
    cwd: dir,
    input: `key = "${keys.limited}"\n`,
  });
  expect(stdin.stderr).toContain('verified 1 distinct key: 1 live, 0 revoked, 0 unverified');
  expectNoWholeKey([history.stdout, history.stderr, stdin.stdout, stdin.stderr], [keys.live, keys.limited]);
});

test('a key body found without its sk- prefix is not sent (it would read as revoked)', async () => {
  const dir = tempRepo();
  const body = keys.live.slice('sk-proj-'.length);
  writeFiles(dir, { 'app.py': `KEY_BODY = "${body}"\n` });
  const before = fake.requests.length;
  const run = await verify(dir, ['--verbose']);
  expect(run.stderr).toContain('verified 1 distinct key: 0 live, 0 revoked, 1 unverified');
  expect(run.stderr).toContain('not sent: found without its sk- prefix');
  expect(fake.requests.length - before).toBe(0);
  expectNoWholeKey([run.stdout, run.stderr], [keys.live, body]);
});
