/**
 * `--verify` on the worker-thread path (issue 15): a large file scan runs on several threads
 * (parallel.ts), and the secrets the verifier needs, with the resource an Azure key is valid at
 * (core's verifyResourceOf, computed where the text is), must come out of the workers as they
 * come out of the main thread. In process: outcomes of the forced-parallel scan equal the serial
 * ones, secrets included, and verifying them against the local fake gives each state. Built CLI:
 * a corpus past the parallel threshold with KEYGUARD_THREADS=2, every finding in the JSON report
 * carries its verification, one request per distinct key, no whole key printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@keyguard/core';
import { PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES, scanFileSource, scanItem, type FileSourceOptions, type ItemOutcome } from '@keyguard/cli';
import { containsAnyKey, fakeKey, parseJsonReport, runCliAsync, startFakeOpenAI, type FakeOpenAI } from '@keyguard/test-utils';
import { resolveEndpoint } from '../src/verify/base-url';
import type { KeySecret } from '../src/verify/key-secret';
import { verifyFindings } from '../src/verify/verify-keys';

jest.setTimeout(120_000);

const LIVE = fakeKey('proj', 81);
const REVOKED = fakeKey('legacy', 82);
const AZURE = fakeKey('azure', 83);
const KEYS = [LIVE, REVOKED, AZURE];

let dir: string;
let fake: FakeOpenAI;

/** Past both thresholds (files and bytes): filler files, and three holding the keys. */
function makeCorpus(root: string): void {
  const files = PARALLEL_MIN_FILES + 10;
  const filler = `# filler\n${'x = 1\n'.repeat(Math.ceil(PARALLEL_MIN_BYTES / files / 6) + 1)}`;
  for (let i = 0; i < files; i++) {
    mkdirSync(join(root, `pkg-${i % 7}`), { recursive: true });
    writeFileSync(join(root, `pkg-${i % 7}`, `f${i}.py`), filler);
  }
  writeFileSync(join(root, 'pkg-1', 'live.py'), `${filler}openai.api_key = "${LIVE}"\n`);
  writeFileSync(join(root, 'pkg-2', 'revoked.py'), `${filler}key = "${REVOKED}"\n`);
  writeFileSync(
    join(root, 'pkg-3', 'azure.py'),
    `${filler}client = AzureOpenAI(azure_endpoint="https://kg-test.openai.azure.com", api_key="${AZURE}")\n`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyguard-verify-workers-'));
  makeCorpus(dir);
  fake = await startFakeOpenAI({ keys: { [LIVE]: 'live' }, azureKeys: { [AZURE]: 'live' } });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('--verify on the worker-thread path', () => {
  it('workers hand over the same secrets as the main thread (the Azure resource too), and they verify', async () => {
    const source: FileSourceOptions = { cwd: dir, paths: ['.'], useIgnoreFiles: true, ignorePatterns: [], maxFileSize: 64 * 1024 * 1024 };
    const config = resolveConfig({});
    const scanner = { rules: config.rules, allow: config.allow, maxFileSize: source.maxFileSize, revealSecrets: true };
    const collect = async (threads: number, forceParallel: boolean): Promise<ItemOutcome[]> => {
      const outcomes: ItemOutcome[] = [];
      await scanFileSource(source, scanner, { threads, forceParallel }, (outcome) => outcomes.push(outcome), scanItem);
      return outcomes;
    };
    const serial = await collect(1, false);
    const parallel = await collect(2, true);
    // Compared as booleans: a failure must not print the secrets the outcomes hold.
    expect(JSON.stringify(parallel) === JSON.stringify(serial)).toBe(true);
    const secrets = new Map<string, KeySecret>(parallel.flatMap((outcome) => outcome.secrets ?? []).map((secret) => [secret.id, secret]));
    expect(secrets.size).toBe(3);
    expect([...secrets.values()].map((secret) => secret.resource ?? null).sort()).toEqual(['https://kg-test.openai.azure.com', null, null]);
    const findings = parallel.flatMap((outcome) => outcome.scanned?.findings ?? []);
    const before = fake.requests.length;
    const verified = await verifyFindings(findings, secrets, { endpoint: resolveEndpoint(fake.url, {}) });
    expect(verified.map((finding) => [finding.file, finding.verification?.state]).sort()).toEqual([
      ['pkg-1/live.py', 'live'],
      ['pkg-2/revoked.py', 'revoked'],
      ['pkg-3/azure.py', 'live'],
    ]);
    expect(fake.requests.length - before).toBe(3);
  });

  it('the built CLI with KEYGUARD_THREADS=2: every finding in the JSON report carries its verification', async () => {
    const before = fake.requests.length;
    const run = await runCliAsync(['scan', '.', '--verify', '--openai-base-url', fake.url, '--format', 'json'], {
      cwd: dir,
      env: { KEYGUARD_THREADS: '2' },
    });
    expect(containsAnyKey(run.stdout + run.stderr, KEYS)).toBe(false);
    expect(run.status).toBe(1);
    const report = parseJsonReport(run.stdout);
    expect(report.findings.map((finding) => [finding.file, finding.verification?.state]).sort()).toEqual([
      ['pkg-1/live.py', 'live'],
      ['pkg-2/revoked.py', 'revoked'],
      ['pkg-3/azure.py', 'live'],
    ]);
    expect(fake.requests.length - before).toBe(3);
  });
});
