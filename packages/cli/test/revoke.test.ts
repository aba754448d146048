import { spawn, spawnSync } from 'node:child_process';
import {
  CLI_BIN,
  expectNoWholeKey,
  fakeKey,
  redactedValueOf,
  removeTempDirs,
  runCliAsync,
  startFakeOpenAI,
  tempRepo,
  testEnv,
  writeFiles,
  type FakeOpenAI,
} from '@keyguard/test-utils';

// Each test runs the built CLI against the fake, several times: past Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

// `keyguard revoke` (issue 15) through the BUILT CLI against the local fake Admin API: it
// deletes exactly the matched key, nothing on ambiguity, nothing without confirmation.
const admin = fakeKey('admin', 40);
const leaked = fakeKey('proj', 41); // one match: deleted
const twin = fakeKey('proj', 42); // two organisation keys share its redacted value: ambiguous
const twinsTwin = `${fakeKey('proj', 43).slice(0, -4)}${twin.slice(-4)}`;
const service = fakeKey('svcacct', 44); // a service account's key: the API will not delete it alone
const leakedAdmin = fakeKey('admin', 45);
const stranger = fakeKey('proj', 46); // another organisation's: no match
const secrets = [admin, leaked, twin, twinsTwin, service, leakedAdmin, stranger];

const user = { id: 'user_abc', name: 'First Last', email: 'user@example.com', role: 'owner', created_at: 1711471533 };
const userKey = (id: string, key: string, name = id) => ({
  id,
  name,
  redacted_value: redactedValueOf(key),
  created_at: 1711471533,
  last_used_at: 1711471534,
  owner: { type: 'user' as const, user },
});

/** A fresh organisation per test: 2 projects, 125 keys in the second (two pages at limit 100). */
function organisation(): Promise<FakeOpenAI> {
  return startFakeOpenAI({
    adminKeys: [admin],
    projects: [
      {
        id: 'proj_web',
        name: 'Web',
        api_keys: [
          userKey('key_web', leaked, 'web server'),
          userKey('key_twin_1', twin, 'ci'),
          {
            ...userKey('key_svc', service),
            owner: {
              type: 'service_account' as const,
              service_account: { id: 'svc_bot', name: 'bot', role: 'member', created_at: 1711471533 },
            },
          },
        ],
      },
      {
        id: 'proj_data',
        name: 'Data',
        api_keys: [
          ...Array.from({ length: 122 }, (_, index) => userKey(`key_fill_${index}`, fakeKey('proj', 500 + index))),
          userKey('key_twin_2', twinsTwin, 'ci copy'),
        ],
      },
    ],
    adminApiKeys: [
      {
        id: 'key_admin_leaked',
        name: 'old admin',
        redacted_value: redactedValueOf(leakedAdmin),
        created_at: 1711471533,
        last_used_at: null,
        owner: { type: 'user', id: 'user_abc', name: 'First Last', role: 'owner', created_at: 1711471533 },
      },
    ],
  });
}

afterAll(() => removeTempDirs());

function leakyRepo(keys: readonly string[]): string {
  const dir = tempRepo();
  writeFiles(dir, { 'app.py': keys.map((key, index) => `key_${index} = "${key}"\n`).join('') });
  return dir;
}

const revoke = (fake: FakeOpenAI, cwd: string, args: string[], env: NodeJS.ProcessEnv = { OPENAI_ADMIN_KEY: admin }) =>
  runCliAsync(['revoke', '--openai-base-url', fake.url, ...args], { cwd, env });

test('without OPENAI_ADMIN_KEY: one line, exit 2, nothing sent', async () => {
  const fake = await organisation();
  try {
    const run = await revoke(fake, leakyRepo([leaked]), [], {});
    expect([run.status, run.stderr.trim().split('\n')]).toEqual([
      2,
      [expect.stringMatching(/^keyguard: keyguard revoke needs .*OPENAI_ADMIN_KEY/)],
    ]);
    expect(fake.requests).toHaveLength(0);
  } finally {
    await fake.close();
  }
});

test('not a terminal and no --yes: shows the plan and the candidates, deletes nothing', async () => {
  const fake = await organisation();
  try {
    const run = await revoke(fake, leakyRepo([leaked, twin, service, leakedAdmin, stranger]), []);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toContain('revoke sends OPENAI_ADMIN_KEY to the OpenAI Admin API at http://127.0.0.1:');
    expect(run.stdout).toMatch(
      /key_web "web server" in project "Web" \(proj_web\), .*owner First Last <user@example.com>, created 2024-03-26, last used 2024-03-26: will be deleted/,
    );
    expect(run.stdout).toContain('ambiguous, 2 keys of this organisation look the same redacted; deleting none');
    expect(run.stdout).toMatch(/key_twin_1 "ci" in project "Web"/);
    expect(run.stdout).toMatch(/key_twin_2 "ci copy" in project "Data"/);
    expect(run.stdout).toContain("The Admin API does not delete a service account's key on its own");
    expect(run.stdout).toContain('key_admin_leaked "old admin" (admin key)');
    expect(run.stdout).toContain('no key of this organisation matches');
    expect(run.stdout).toContain('Dry run (standard input is not a terminal and --yes was not given): nothing deleted');
    expect(fake.deleted).toEqual([]);
    // Only listing, only with the admin key; both pages of the second project were read.
    expect(fake.requests.every((request) => request.method === 'GET' && request.key === 'admin')).toBe(true);
    expect(fake.requests.filter((request) => request.path === '/v1/organization/projects/proj_data/api_keys')).toHaveLength(2);
    expectNoWholeKey([run.stdout, run.stderr], secrets);
  } finally {
    await fake.close();
  }
});

test('--yes deletes exactly the matched keys: not the ambiguous ones, not the service account key', async () => {
  const fake = await organisation();
  try {
    const run = await revoke(fake, leakyRepo([leaked, twin, service, leakedAdmin, stranger]), ['--yes']);
    expect(run.status).toBe(1); // some leaked keys are still not revoked
    expect(fake.deleted).toEqual(['key_web', 'key_admin_leaked']);
    expect(run.stdout).toMatch(/key_web deleted \(DELETE \/v1\/organization\/projects\/proj_web\/api_keys\/key_web: deleted\)/);
    expect(run.stdout).toMatch(/key_admin_leaked deleted/);
    expectNoWholeKey([run.stdout, run.stderr], secrets);
  } finally {
    await fake.close();
  }
});

test('--from-report: the keys of a JSON report, matched by their redacted ends; exit 0 when all are deleted', async () => {
  const fake = await organisation();
  try {
    const dir = leakyRepo([leaked]);
    const scan = await runCliAsync(['scan', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(scan.status).toBe(1);
    const run = await revoke(fake, dir, ['--from-report', 'report.json', '--yes']);
    expect([run.status, fake.deleted]).toEqual([0, ['key_web']]);
    expectNoWholeKey([run.stdout, run.stderr], secrets);
  } finally {
    await fake.close();
  }
});

test('--dry-run deletes nothing; bad usage is one line, exit 2', async () => {
  const fake = await organisation();
  try {
    const dir = leakyRepo([leaked]);
    const dry = await revoke(fake, dir, ['--dry-run']);
    expect([dry.status, fake.deleted]).toEqual([1, []]);
    expect(dry.stdout).toContain('Dry run (--dry-run): nothing deleted');
    const both = await revoke(fake, dir, ['--dry-run', '--yes']);
    expect([both.status, both.stderr.trim()]).toEqual([2, 'keyguard: --yes and --dry-run cannot be combined. Pick one']);
    const refused = await revoke(fake, dir, ['--yes'], { OPENAI_ADMIN_KEY: leaked });
    expect([refused.status, refused.stderr.trim().split('\n').pop()]).toEqual([
      2,
      expect.stringMatching(/^keyguard: OPENAI_ADMIN_KEY was refused \(401 invalid_api_key\)/),
    ]);
    expect(fake.deleted).toEqual([]);
    expectNoWholeKey([dry.stdout, dry.stderr, both.stderr, refused.stdout, refused.stderr], secrets);
  } finally {
    await fake.close();
  }
});

/**
 * revoke on a terminal: util-linux `script` gives the command a pseudo-terminal, and the test
 * answers the question when it appears.
 */
function revokeOnTerminal(fake: FakeOpenAI, cwd: string, answer: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const command = `"${process.execPath}" "${CLI_BIN}" revoke --openai-base-url ${fake.url}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: testEnv({ OPENAI_ADMIN_KEY: admin }) });
    let output = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!answered && output.includes('Type yes to delete')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? test : test.skip)('on a terminal it asks: "yes" deletes the matched key, anything else deletes nothing', async () => {
  const fake = await organisation();
  try {
    const declined = await revokeOnTerminal(fake, leakyRepo([leaked]), 'no');
    expect(declined.output).toContain('Delete 1 key? This cannot be undone. Type yes to delete:');
    expect(declined.output).toContain('Nothing deleted.');
    expect([declined.status, fake.deleted]).toEqual([1, []]);
    const confirmed = await revokeOnTerminal(fake, leakyRepo([leaked]), 'yes');
    expect([confirmed.status, fake.deleted]).toEqual([0, ['key_web']]);
    expectNoWholeKey([declined.output, confirmed.output], secrets);
  } finally {
    await fake.close();
  }
});
