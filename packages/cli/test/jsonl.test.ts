/**
 * `--format jsonl` on the built command (issue 16): one JSON object per line, each finding
 * written as it is found, then one summary line; the same findings, baseline and exit status
 * as `--format json`; `--verify` refused; a reader that leaves early ends it quietly.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonlFindingLine, JsonlSummaryLine } from '@keyguard/cli';
import {
  CLI_BIN,
  exec,
  expectNoWholeKey,
  fakeKey,
  parseJsonReport,
  removeTempDirs,
  runCli,
  tempDir,
  tempRepo,
  testEnv,
  writeFiles,
  git,
} from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

type Line = JsonlFindingLine | JsonlSummaryLine;

/** Every line parses on its own, each has a type, and exactly the last one is the summary. */
function parseLines(text: string): { findings: JsonlFindingLine[]; summary: JsonlSummaryLine } {
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
  const types = lines.map((line) => line.type);
  expect(types.slice(0, -1).every((type) => type === 'finding')).toBe(true);
  expect(types[types.length - 1]).toBe('summary');
  return { findings: lines.slice(0, -1) as JsonlFindingLine[], summary: lines[lines.length - 1] as JsonlSummaryLine };
}

/** A finding without what differs between reports of one scan (nothing should). */
const placeOf = (finding: { fingerprint: string; commit?: string; file: string; line: number; column: number }): string =>
  `${finding.commit ?? ''} ${finding.file}:${finding.line}:${finding.column} ${finding.fingerprint}`;

/** What stderr holds after a history scan whose reader left: the note every history scan prints, no error, no stack. */
function expectOnlyTheHistoryNote(stderr: string): void {
  expect(stderr).toMatch(/^keyguard: note: History: \d+ commits, [^\n]+\n$/);
}

const COMMITS = 120;
const KEYS_PER_COMMIT = 10;

/**
 * A history of COMMITS commits made with git fast-import, each adding a file with
 * KEYS_PER_COMMIT fresh keys (1,200 findings) and changing a clean file: enough lines to fill a
 * pipe's buffer many times over.
 */
function leakyHistory(): { dir: string; keys: string[] } {
  const dir = tempRepo();
  const keys: string[] = [];
  const parts: string[] = [];
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i < COMMITS; i++) {
    const lines: string[] = [];
    for (let j = 0; j < KEYS_PER_COMMIT; j++) {
      const key = fakeKey(j % 2 === 0 ? 'proj' : 'legacy', i * KEYS_PER_COMMIT + j);
      keys.push(key);
      lines.push(`key_${j} = "${key}"`);
    }
    parts.push(
      `commit refs/heads/main\nmark :${i + 1}\ncommitter Test <test@keyguard.invalid> ${1_700_000_000 + i * 60} +0000\n` +
        data(`commit ${i}`) +
        (i > 0 ? `from :${i}\n` : '') +
        `M 100644 inline src/keys_${i}.py\n${data(`${lines.join('\n')}\n`)}` +
        `M 100644 inline README.md\n${data(`revision ${i}\n`)}`,
    );
  }
  const imported = exec('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('') });
  expect(imported.stderr).toBe('');
  git(dir, 'reset', '-q', '--hard', 'main');
  return { dir, keys };
}

describe('--format jsonl', () => {
  let history: { dir: string; keys: string[] };
  beforeAll(() => {
    history = leakyHistory();
  });

  test('a history with many findings: one parseable object per line, the same findings as json, then the summary', () => {
    const jsonl = runCli(['scan', '--git', '--all', '--format', 'jsonl'], { cwd: history.dir });
    const json = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: history.dir });
    expect([jsonl.status, json.status]).toEqual([1, 1]);
    const { findings, summary } = parseLines(jsonl.stdout);
    const report = parseJsonReport(json.stdout);
    expect(findings).toHaveLength(COMMITS * KEYS_PER_COMMIT);
    expect(findings.map(placeOf).sort()).toEqual(report.findings.map(placeOf).sort());
    // Each finding line is the JSON report's finding, with its type.
    const byPlace = new Map(report.findings.map((finding) => [placeOf(finding), finding]));
    for (const finding of findings) {
      const { type, ...rest } = finding;
      expect(type).toBe('finding');
      expect(rest).toEqual(byPlace.get(placeOf(finding)));
    }
    // Discovery order: the history is walked newest commit first.
    const order = [...new Set(findings.map((finding) => finding.file))];
    expect(order[0]).toBe(`src/keys_${COMMITS - 1}.py`);
    expect(order[order.length - 1]).toBe('src/keys_0.py');
    expect(summary).toEqual({
      type: 'summary',
      version: 1,
      findings: COMMITS * KEYS_PER_COMMIT,
      failing: COMMITS * KEYS_PER_COMMIT,
      failOn: 'warning',
      exitCode: 1,
      stats: { ...report.stats, durationMs: expect.any(Number) },
      skipped: [],
      notes: [expect.stringMatching(new RegExp(`^History: ${COMMITS} commits, `))],
    });
    // stderr says the same as with json: the history note only.
    expect(jsonl.stderr).toBe(json.stderr);
    expectNoWholeKey([jsonl.stdout, jsonl.stderr], history.keys);
  });

  test('--output FILE holds the same lines, stdout nothing', () => {
    const out = join(tempDir(), 'report.jsonl');
    const toFile = runCli(['scan', '--git', '--all', '--format', 'jsonl', '--output', out], { cwd: history.dir });
    const toStdout = runCli(['scan', '--git', '--all', '--format', 'jsonl'], { cwd: history.dir });
    expect([toFile.status, toFile.stdout]).toEqual([1, '']);
    const strip = (text: string): string => text.replace(/"durationMs":\d+/, '"durationMs":0');
    expect(strip(readFileSync(out, 'utf8'))).toBe(strip(toStdout.stdout));
  });

  test('the baseline applies: recorded findings are not streamed, the rest are; exit as json', () => {
    const dir = history.dir;
    const baseline = runCli(['baseline', '--git', '--all', '--output', join(tempDir(), 'all.json')], { cwd: dir });
    expect(baseline.status).toBe(0);
    const file = baseline.stderr.match(/in (\S+)\./)![1];
    const none = runCli(['scan', '--git', '--all', '--format', 'jsonl', '--baseline', file], { cwd: dir });
    expect(none.status).toBe(0);
    const { findings, summary } = parseLines(none.stdout);
    expect([findings.length, summary.findings, summary.failing, summary.exitCode]).toEqual([0, 0, 0, 0]);

    // A baseline of half the findings: the other half are streamed, as json reports them.
    const all = JSON.parse(readFileSync(file, 'utf8')) as { version: 1; findings: { fingerprint: string }[] };
    const half = join(tempDir(), 'half.json');
    writeFileSync(half, JSON.stringify({ version: 1, findings: all.findings.filter((_, i) => i % 2 === 0) }));
    const jsonl = runCli(['scan', '--git', '--all', '--format', 'jsonl', '--baseline', half], { cwd: dir });
    const json = runCli(['scan', '--git', '--all', '--format', 'json', '--baseline', half], { cwd: dir });
    expect([jsonl.status, json.status]).toEqual([1, 1]);
    const streamed = parseLines(jsonl.stdout);
    const report = parseJsonReport(json.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.length).toBeLessThan(COMMITS * KEYS_PER_COMMIT);
    expect(streamed.findings.map(placeOf).sort()).toEqual(report.findings.map(placeOf).sort());
    expect(streamed.summary.findings).toBe(report.findings.length);
  });

  test('a reader that closes the pipe after one line (| head -n 1): no stack trace, the scan status, the line parses', () => {
    const run = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${CLI_BIN}" scan --git --all --format jsonl | head -n 1 > first.jsonl`],
      { cwd: history.dir, env: testEnv(), encoding: 'utf8', timeout: 60_000 },
    );
    expectOnlyTheHistoryNote(run.stderr);
    expect(run.status).toBe(1);
    const first = JSON.parse(readFileSync(join(history.dir, 'first.jsonl'), 'utf8')) as Line;
    expect(first.type).toBe('finding');
  });

  test('a reader that closes its end before anything is read: quiet, exit 1', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'scan', '--git', '--all', '--format', 'jsonl'], {
      cwd: history.dir,
      env: testEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expectOnlyTheHistoryNote(stderr);
    expect(code).toBe(1);
  });
});

describe('--format jsonl exits as the other formats', () => {
  const KEY = fakeKey('proj', 161);
  function project(files: Record<string, string>): string {
    const dir = tempDir();
    writeFiles(dir, files);
    return dir;
  }

  test.each<[string, Record<string, string>, string[], number]>([
    ['nothing found', { 'app.py': 'x = 1\n' }, [], 0],
    ['a key', { 'app.py': `key = "${KEY}"\n` }, [], 1],
    [
      'a note only',
      { 'app.py': `key = "${KEY}"\n`, 'keyguard.config.json': JSON.stringify({ rules: { 'openai-api-key': 'note' } }) },
      [],
      0,
    ],
    [
      'a note with --fail-on note',
      { 'app.py': `key = "${KEY}"\n`, 'keyguard.config.json': '{"rules":{"openai-api-key":"note"}}' },
      ['--fail-on', 'note'],
      1,
    ],
    [
      'a warning with --fail-on error',
      { 'app.py': `key = "${KEY}"\n`, 'keyguard.config.json': '{"rules":{"openai-api-key":"warning"}}' },
      ['--fail-on', 'error'],
      0,
    ],
  ])('%s', (_name, files, flags, status) => {
    const dir = project(files);
    const statuses = ['text', 'json', 'sarif', 'github', 'jsonl'].map(
      (format) => runCli(['scan', '--format', format, ...flags], { cwd: dir }).status,
    );
    expect(statuses).toEqual([status, status, status, status, status]);
    const { findings, summary } = parseLines(runCli(['scan', '--format', 'jsonl', ...flags], { cwd: dir }).stdout);
    expect(summary.exitCode).toBe(status);
    expect(summary.findings).toBe(findings.length);
    expect(summary.failing).toBe(status === 1 ? findings.length : 0);
  });

  test('history that could not be read fails as json does (exit 2), and the summary lists it', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'big.txt': `${'x'.repeat(2000)}\n`, 'keyguard.config.json': '{"maxFileSize": 1000}' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'big');
    const json = runCli(['scan', '--git', '--format', 'json'], { cwd: dir });
    const jsonl = runCli(['scan', '--git', '--format', 'jsonl'], { cwd: dir });
    expect([json.status, jsonl.status]).toEqual([2, 2]);
    const { summary } = parseLines(jsonl.stdout);
    expect(summary.exitCode).toBe(2);
    expect(summary.skipped).toEqual(parseJsonReport(json.stdout).skipped);
    expect(summary.skipped).toEqual([expect.objectContaining({ reason: 'too-large', fails: true })]);
    expect(jsonl.stderr).toBe(json.stderr);
  });

  test('--verify is refused with jsonl: one line, exit 2, nothing on stdout, no key sent', () => {
    const dir = project({ 'app.py': `key = "${KEY}"\n` });
    for (const args of [['--verify'], ['--config', 'verify.json']]) {
      writeFiles(dir, { 'verify.json': '{"verify": true}' });
      const run = runCli(['scan', '--format', 'jsonl', ...args], { cwd: dir, env: { KEYGUARD_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^keyguard: --format jsonl streams each finding as it is found and cannot carry --verify's answers .*Use --format json or sarif with --verify$/,
        ),
      ]);
    }
  });

  test('an unknown format names jsonl among the formats', () => {
    const run = runCli(['scan', '--format', 'ndjson'], { cwd: tempDir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--format must be one of text, json, jsonl, sarif, github \(got "ndjson"\)/);
  });
});
