import {
  fakeKey,
  redactedValueOf,
  removeTempDirs,
  runCliAsync,
  startFakeOpenAI,
  tempRepo,
  writeFiles,
  type FakeOpenAI,
} from '@keyguard/test-utils';

// Each test runs the built CLI against the fake, several times: past Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

// The fake's own contract: the verify and revoke tests trust these answers to be OpenAI's.
const live = fakeKey('proj', 1);
const limited = fakeKey('proj', 2);
const scoped = fakeKey('proj', 3);
const flaky = fakeKey('proj', 4);
const admin = fakeKey('admin', 1);
const user = { id: 'user_abc', name: 'First Last', email: 'user@example.com', role: 'owner', created_at: 1711471533 };

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({
    keys: { [live]: 'live', [limited]: 'rate-limited', [scoped]: 'missing-scopes', [flaky]: 'flaky' },
    adminKeys: [admin],
    projects: [
      {
        id: 'proj_a',
        name: 'A',
        api_keys: Array.from({ length: 25 }, (_, index) => ({
          id: `key_${index}`,
          name: `key ${index}`,
          redacted_value: redactedValueOf(fakeKey('proj', 100 + index)),
          created_at: 1711471533,
          last_used_at: null,
          owner: { type: 'user' as const, user },
        })),
      },
    ],
  });
});
afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

const get = async (path: string, key?: string): Promise<{ status: number; body: any }> => {
  const response = await fetch(`${fake.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, body: await response.json() };
};

test('answers /v1/models per key as the OpenAI API does', async () => {
  expect((await get('/v1/models', live)).status).toBe(200);
  const quota = await get('/v1/models', limited);
  expect([quota.status, quota.body.error.code]).toEqual([429, 'insufficient_quota']);
  const missing = await get('/v1/models', scoped);
  expect([missing.status, missing.body.error.code]).toEqual([401, null]);
  expect(missing.body.error.message).toContain('Missing scopes: api.model.read');
  const unknown = await get('/v1/models', fakeKey('proj', 9));
  expect([unknown.status, unknown.body.error.code]).toEqual([401, 'invalid_api_key']);
  expect((await get('/v1/models', flaky)).status).toBe(500);
  expect((await get('/v1/models', flaky)).status).toBe(200);
});

test('records each request with the label of its key, never the key', async () => {
  const before = fake.requests.length;
  await get('/v1/models', live);
  expect(fake.requests.slice(before)).toEqual([{ method: 'GET', path: '/v1/models', query: {}, key: 'live' }]);
  expect(JSON.stringify(fake.requests)).not.toContain(live);
});

test('pages project keys with limit and after, and deletes one', async () => {
  const first = await get('/v1/organization/projects/proj_a/api_keys?limit=20', admin);
  expect([first.body.data.length, first.body.has_more, first.body.last_id]).toEqual([20, true, 'key_19']);
  const second = await get('/v1/organization/projects/proj_a/api_keys?limit=20&after=key_19', admin);
  expect([second.body.data.length, second.body.has_more]).toEqual([5, false]);
  expect((await get('/v1/organization/projects/proj_a/api_keys', live)).status).toBe(401);
  const deleted = await fetch(`${fake.url}/v1/organization/projects/proj_a/api_keys/key_3`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(await deleted.json()).toEqual({ object: 'organization.project.api_key.deleted', id: 'key_3', deleted: true });
  expect(fake.deleted).toEqual(['key_3']);
});

test('a plain scan sends no request, even with the base URL set (offline by default)', async () => {
  const dir = tempRepo();
  writeFiles(dir, { 'app.py': `client = OpenAI(api_key="${live}")\n` });
  const before = fake.requests.length;
  const run = await runCliAsync(['scan', '--format', 'json'], { cwd: dir, env: { KEYGUARD_OPENAI_BASE_URL: fake.url } });
  expect(run.status).toBe(1);
  expect(fake.requests.length - before).toBe(0);
});
