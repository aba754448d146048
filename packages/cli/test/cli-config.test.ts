/**
 * keyguard.config.json (found at the repository root, or named with --config), and the
 * baseline workflow: `keyguard baseline`, then `keyguard scan --baseline`. Runs the built command.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containsAnyKey,
  expectNoWholeKey,
  fakeKey,
  git,
  fakeValue,
  parseJsonReport,
  removeTempDirs,
  runCli,
  runHookBin,
  tempDir,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const KEY = fakeKey('proj', 3);
const NEW_KEY = fakeKey('admin', 3);
const VALUE = fakeValue(3);
const pyLeak = (key: string): string => `client = OpenAI(api_key="${key}")\n`;

function findings(cwd: string, args: string[] = []): { status: number | null; files: string[]; stderr: string } {
  const result = runCli(['scan', '--format', 'json', ...args], { cwd });
  expectNoWholeKey([result.stdout, result.stderr], [KEY, NEW_KEY, VALUE]);
  if (result.status === 2) return { status: 2, files: [], stderr: result.stderr };
  return {
    status: result.status,
    files: parseJsonReport(result.stdout).findings.map((f) => `${f.file}:${f.ruleId}`),
    stderr: result.stderr,
  };
}

describe('keyguard.config.json', () => {
  test('is read from the repository root when the scan runs in a sub-folder', () => {
    const dir = tempRepo();
    writeFiles(dir, {
      'keyguard.config.json': JSON.stringify({ rules: { 'openai-key-assignment': 'off' } }),
      'src/app.py': `${pyLeak(KEY)}openai.api_key = "${VALUE}"\n`,
    });
    expect(findings(join(dir, 'src')).files).toEqual(['app.py:openai-api-key']);
  });

  test('"ignore" skips paths and "allow" accepts a known test value', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'keyguard.config.json': JSON.stringify({ ignore: ['fixtures/**'], allow: [`^${VALUE}$`] }),
      'fixtures/a.py': pyLeak(KEY),
      'app.py': `openai.api_key = "${VALUE}"\n`,
      'main.py': pyLeak(KEY),
    });
    expect(findings(dir).files).toEqual(['main.py:openai-api-key']);
  });

  test('--config names another file, relative to the working directory', () => {
    const dir = tempDir();
    writeFiles(dir, { 'conf/strict.json': JSON.stringify({ rules: { 'openai-api-key': 'off' } }), 'app.py': pyLeak(KEY) });
    expect(findings(dir).status).toBe(1);
    expect(findings(dir, ['--config', 'conf/strict.json'])).toMatchObject({ status: 0, files: [] });
  });

  test('reports every problem of a broken config together, on one line', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'keyguard.config.json': JSON.stringify({
        rules: { 'no-such-rule': 'error', 'openai-api-key': 'high' },
        allow: ['a(?=b)'],
        maxFileSize: -1,
        colour: true,
      }),
      'app.py': pyLeak(KEY),
    });
    const result = runCli(['scan'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keyguard: keyguard\.config\.json has 5 problems: /);
    for (const part of [
      'unknown field "colour"',
      '"rules.no-such-rule" is not a rule',
      '"rules.openai-api-key" must be one of "off", "note", "warning", "error", "warn"',
      '"allow"[0] is not a valid RE2 regular expression (invalid or unsupported Perl syntax)',
      '"maxFileSize" must be a positive whole number',
    ]) {
      expect(lines[0]).toContain(part);
    }
  });

  test('never echoes an invalid allow pattern that holds a key, in the scan or in the hook', () => {
    const dir = tempRepo();
    // V8 and RE2 repeat the pattern in their messages: keyguard names the entry instead.
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ allow: ['ok', `(${KEY}`, `${NEW_KEY}(?=x)`] }), 'app.py': pyLeak(KEY) });
    git(dir, 'add', 'app.py');
    for (const run of [
      runCli(['scan'], { cwd: dir }),
      runCli(['scan', '--staged', '--format', 'sarif'], { cwd: dir }),
      runHookBin([], dir),
    ]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/"allow"\[1\] is not a valid RE2 regular expression/);
      expect(run.stderr).toMatch(/"allow"\[2\] is not a valid RE2 regular expression/);
      expect(containsAnyKey(run.stdout + run.stderr, [KEY, NEW_KEY])).toBe(false);
    }
  });

  test.each([
    ['not JSON', '{ "rules": ', /keyguard\.config\.json is not valid JSON/],
    ['not an object', '[]', /keyguard\.config\.json must hold a JSON object/],
  ])('a config that is %s exits 2 with one line', (_name, text, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': text, 'a.txt': 'x\n' });
    const result = runCli(['scan'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^keyguard: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
  });

  test('a config that is a folder exits 2 with one line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    const result = runCli(['scan', '--config', 'conf'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('keyguard: conf is not a regular file (a folder). Check that it is a readable file\n');
  });
});

describe('baseline', () => {
  test("round trip: record today's findings, scan clean, then a new key fails the scan", () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': pyLeak(KEY), 'settings.py': `openai.api_key = "${VALUE}"\n` });
    const recorded = runCli(['baseline'], { cwd: dir });
    expect(recorded.status).toBe(0);
    expect(recorded.stdout).toBe('');
    expect(recorded.stderr).toBe(
      'keyguard: recorded 2 findings in .keyguard-baseline.json. Scan with: keyguard scan --baseline .keyguard-baseline.json\n',
    );
    const baseline = JSON.parse(readFileSync(join(dir, '.keyguard-baseline.json'), 'utf8')) as {
      version: number;
      findings: { fingerprint: string; file: string }[];
    };
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((entry) => entry.file)).toEqual(['app.py', 'settings.py']);

    expect(findings(dir).status).toBe(1);
    expect(findings(dir, ['--baseline', '.keyguard-baseline.json'])).toMatchObject({ status: 0, files: [] });

    // Lines moving does not bring an accepted finding back.
    writeFiles(dir, { 'app.py': `import os\n\n${pyLeak(KEY)}` });
    expect(findings(dir, ['--baseline', '.keyguard-baseline.json'])).toMatchObject({ status: 0, files: [] });

    // A new key does.
    writeFiles(dir, { 'app.py': `${pyLeak(KEY)}${pyLeak(NEW_KEY)}` });
    expect(findings(dir, ['--baseline', '.keyguard-baseline.json'])).toMatchObject({ status: 1, files: ['app.py:openai-api-key'] });
    const text = runCli(['scan', '--baseline', '.keyguard-baseline.json'], { cwd: dir });
    expect(text.stdout).toMatch(/^app\.py\n {2}2:26 {2}\S.* {2}openai-api-key$/m);
  });

  test('--output names the file; an empty scan records an empty baseline', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'nothing\n' });
    const result = runCli(['baseline', '--output', 'accepted.json'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'accepted.json'), 'utf8'))).toEqual({ version: 1, findings: [] });
  });

  test('the config\'s "baseline" is where keyguard baseline writes and what keyguard scan applies', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ baseline: 'security/baseline.json' }), 'app.py': pyLeak(KEY) });
    mkdirSync(join(dir, 'security'));
    // Before it exists, a scan refuses to run rather than silently report without it.
    expect(findings(dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/"baseline" security\/baseline\.json: no such file/) });
    const recorded = runCli(['baseline'], { cwd: dir });
    expect(recorded.status).toBe(0);
    expect(recorded.stderr).toContain('in security/baseline.json');
    expect(findings(dir)).toMatchObject({ status: 0, files: [] });
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['not a baseline', '{"version": 2, "findings": []}', /is not a keyguard baseline/],
    ['an entry without a fingerprint', '{"version": 1, "findings": [{"file": "a.py"}]}', /findings\[0\] has no fingerprint/],
  ])('a baseline that is %s exits 2 with one line', (_name, text, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'base.json': text, 'a.txt': 'x\n' });
    const result = runCli(['scan', '--baseline', 'base.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^keyguard: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
  });

  test('a baseline that cannot be read exits 2 with one line', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'base.json'));
    writeFileSync(join(dir, 'a.txt'), 'x\n');
    const result = runCli(['scan', '--baseline', 'base.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^keyguard: base\.json is not a regular file \(a folder\)\. Recreate it with: keyguard baseline --output base\.json\n$/,
    );
  });
});

describe('--stdin', () => {
  test('scans standard input and reports it as <stdin>', () => {
    const dir = tempDir();
    const result = runCli(['scan', '--stdin', '--format', 'json'], { cwd: dir, input: `x = 1\n${pyLeak(KEY)}` });
    expect(result.status).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: '<stdin>', line: 2, column: 26 });
    expect(report.stats.files).toBe(1);
    expectNoWholeKey([result.stdout, result.stderr], [KEY]);
  });

  test('--stdin-filename names the input and picks its file kind', () => {
    const dir = tempDir();
    const input = `OPENAI_API_KEY=${VALUE}\n`;
    const named = runCli(['scan', '--stdin', '--stdin-filename', 'config/.env', '--format', 'json'], { cwd: dir, input });
    expect(named.status).toBe(1);
    expect(parseJsonReport(named.stdout).findings.map((finding) => [finding.file, finding.ruleId])).toEqual([
      ['config/.env', 'openai-key-assignment'],
    ]);
    const windows = runCli(['scan', '--stdin', '--stdin-filename', 'config\\.env', '--format', 'json'], { cwd: dir, input });
    expect(parseJsonReport(windows.stdout).findings.map((finding) => finding.file)).toEqual(['config/.env']);
  });

  test('empty input is a clean scan; binary input is scanned for marked keys only and said so', () => {
    const dir = tempDir();
    expect(runCli(['scan', '--stdin'], { cwd: dir, input: '' }).status).toBe(0);
    // Binary by its many NULs (a few would be text since issue 11); a marker-carrying key in it would be found.
    const binary = runCli(['scan', '--stdin'], {
      cwd: dir,
      input: Buffer.concat([Buffer.from([0, 1, 2]), Buffer.alloc(64), Buffer.from('print(1)\n')]),
    });
    expect(binary.status).toBe(0);
    expect(binary.stdout).toMatch(/\(0 files scanned, 1 binary file scanned for its marked keys only, \d+ ms\)\.$/m);
  });

  test('applies the baseline and the config like a file scan', () => {
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ rules: { 'openai-api-key': 'off' } }) });
    expect(runCli(['scan', '--stdin'], { cwd: dir, input: pyLeak(KEY) }).status).toBe(0);
  });
});
