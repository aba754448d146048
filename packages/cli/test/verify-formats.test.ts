import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectNoWholeKey,
  fakeKey,
  parseJsonReport,
  removeTempDirs,
  runCliAsync,
  startFakeOpenAI,
  tempRepo,
  writeFiles,
  type FakeOpenAI,
} from '@keyguard/test-utils';

// Each test runs the built CLI against the fake, several times: past Jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

// The verification state in every format (issue 15): text, JSON, SARIF (live first), GitHub.
const revoked = fakeKey('proj', 61); // a.py
const live = fakeKey('proj', 62); // b.py
const scoped = fakeKey('proj', 63); // c.py
const keys = [revoked, live, scoped];

let fake: FakeOpenAI;
let dir: string;
beforeAll(async () => {
  fake = await startFakeOpenAI({ keys: { [live]: 'live', [scoped]: 'missing-scopes' } });
  dir = tempRepo();
  writeFiles(dir, { 'a.py': `key = "${revoked}"\n`, 'b.py': `key = "${live}"\n`, 'c.py': `key = "${scoped}"\n` });
});
afterAll(async () => {
  await fake.close();
  removeTempDirs();
});

const scan = (args: string[]) => runCliAsync(['scan', '--verify', '--openai-base-url', fake.url, '--no-color', ...args], { cwd: dir });

test('text: live, revoked or unverified ends each row', async () => {
  const run = await scan(['--format', 'text']);
  expect(run.status).toBe(1);
  const rows = run.stdout.split('\n').filter((line) => /^\s+1:\d+/.test(line));
  expect(rows.map((row) => row.trim().split(/\s+/).pop())).toEqual(['revoked', 'live', 'unverified']);
  expectNoWholeKey([run.stdout, run.stderr], keys);
});

test('JSON: "verification": { state, reason, checkedAt } on each finding, only with --verify', async () => {
  const run = await scan(['--format', 'json', '--output', 'report.json']);
  expect(run.status).toBe(1);
  const text = readFileSync(join(dir, 'report.json'), 'utf8');
  const report = parseJsonReport(text);
  expect(report.findings.map((finding) => [finding.file, finding.verification?.state])).toEqual([
    ['a.py', 'revoked'],
    ['b.py', 'live'],
    ['c.py', 'unknown'],
  ]);
  for (const finding of report.findings) {
    expect(finding.verification).toEqual({ state: expect.any(String), reason: expect.any(String), checkedAt: expect.any(String) });
    expect(new Date(finding.verification!.checkedAt).toISOString()).toBe(finding.verification!.checkedAt);
  }
  expect(report.findings[2].verification!.reason).toContain('missing scopes');
  expectNoWholeKey([text, run.stdout, run.stderr], keys);
  const plain = await runCliAsync(['scan', '--format', 'json'], { cwd: dir });
  expect(parseJsonReport(plain.stdout).findings.every((finding) => !('verification' in finding))).toBe(true);
});

test('SARIF: the state in result properties, live findings first', async () => {
  const run = await scan(['--format', 'sarif']);
  const results = (JSON.parse(run.stdout) as { runs: { results: any[] }[] }).runs[0].results;
  expect(
    results.map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.properties.verification.state]),
  ).toEqual([
    ['b.py', 'live'],
    ['a.py', 'revoked'],
    ['c.py', 'unknown'],
  ]);
  expectNoWholeKey([run.stdout, run.stderr], keys);
});

test('GitHub annotations: the state in the title and leading the message', async () => {
  const run = await scan(['--format', 'github']);
  const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
  expect(annotations).toEqual([
    expect.stringMatching(/file=a\.py,.*title=keyguard openai-api-key \(revoked\)::REVOKED \(401 invalid_api_key from GET \/v1\/models/),
    expect.stringMatching(/file=b\.py,.*title=keyguard openai-api-key \(live\)::LIVE \(200 from GET \/v1\/models/),
    expect.stringMatching(/file=c\.py,.*title=keyguard openai-api-key \(unverified\)::UNVERIFIED \(401 missing scopes/),
  ]);
  expectNoWholeKey([run.stdout, run.stderr], keys);
});
