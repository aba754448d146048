/**
 * The reports: text for a person, JSON as DESIGN.md defines it, GitHub workflow commands, and
 * the rule that no output of any format (stdout, stderr, --output file) holds a whole key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectNoWholeKey,
  FAKE_KEY_SHAPES,
  fakeKey,
  fakeValue,
  parseJsonReport,
  removeTempDirs,
  runCli,
  tempDir,
  withoutTimings,
  writeFiles,
} from '@keyguard/test-utils';
import { FORMATS, run, type CliIO } from '@keyguard/cli';
// The GitHub escapes are internal to the reporter (not exported); they are tested alone from src.
import { escapeData, escapeProperty } from '../src/report/github';

afterAll(removeTempDirs);

const KEY = fakeKey('proj');
const LEGACY = fakeKey('legacy');
const VALUE = fakeValue();

/** Two files with findings and one without. */
function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'src/app.py': `from openai import OpenAI\n\nclient = OpenAI(api_key="${KEY}")\n`,
    'web/client.ts': `import OpenAI from 'openai';\nexport const a = new OpenAI({ apiKey: '${VALUE}' });\nexport const b = "${LEGACY}";\n`,
    'README.md': '# demo\n',
  });
  return dir;
}

describe('text', () => {
  test('stylish: the path once, then line:col  message  rule rows, what to do and a summary', () => {
    const dir = project();
    const result = runCli(['scan'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expectNoWholeKey([result.stdout], [KEY, LEGACY, VALUE]);
    const lines = withoutTimings(result.stdout).split('\n');
    expect(lines[0]).toBe('src/app.py');
    expect(lines[1]).toMatch(/^ {2}3:26 {2}OpenAI project key sk-proj-\S*…\S* .*\S {2}openai-api-key$/);
    expect(lines[2]).toBe('');
    expect(lines[3]).toBe('web/client.ts');
    expect(lines[4]).toMatch(/^ {2}2:40 {2}\S.* {2}openai-key-assignment$/);
    expect(lines[5]).toMatch(/^ {2}3:19 {2}\S.* {2}openai-api-key$/);
    // The rule column is aligned within the file.
    expect(lines[4].lastIndexOf('  openai')).toBe(lines[5].lastIndexOf('  openai'));
    expect(lines).toContain('What to do:');
    expect(result.stdout).toMatch(/OPENAI_API_KEY/);
    expect(result.stdout).toContain('https://platform.openai.com/api-keys');
    expect(lines.at(-2)).toBe('3 findings (3 distinct keys) in 2 files (3 files scanned, N ms).');
    expect(lines.at(-1)).toBe('');
    expect(result.stdout).not.toContain('\x1b[');
  });

  test('counts distinct keys apart from findings: one key in two files is one key to rotate', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': `k = "${KEY}"\nj = "${KEY}"\n`, 'b.py': `k = "${KEY}"\n`, 'c.py': `k = "${LEGACY}"\n` });
    const lines = withoutTimings(runCli(['scan'], { cwd: dir }).stdout).split('\n');
    expect(lines.at(-2)).toBe('4 findings (2 distinct keys) in 3 files (3 files scanned, N ms).');
    writeFiles(dir, { 'b.py': '', 'c.py': '' });
    expect(
      withoutTimings(runCli(['scan', 'a.py'], { cwd: dir }).stdout)
        .split('\n')
        .at(-2),
    ).toBe('2 findings (1 distinct key) in 1 file (1 file scanned, N ms).');
  });

  test('a key in a .env file: keep the file out of git, not "read it from the environment"', () => {
    const dir = tempDir();
    writeFiles(dir, { '.env': `OPENAI_API_KEY=${KEY}\n`, 'config/.env.local': `OPENAI_API_KEY=${LEGACY}\n`, '.env.example': '' });
    const result = runCli(['scan'], { cwd: dir });
    expect(result.status).toBe(1);
    expectNoWholeKey([result.stdout], [KEY, LEGACY]);
    const steps = result.stdout.slice(result.stdout.indexOf('What to do:')).split('\n\n')[0];
    expect(steps).toMatch(/^ {2}- Rotate the key now at https:\/\/platform\.openai\.com\/api-keys/m);
    expect(steps).toContain('.gitignore');
    expect(steps).toContain('For .env config/.env.local: git rm --cached -- .env config/.env.local, then add them to .gitignore.');
    expect(steps).not.toContain('os.environ');
    expect(steps).not.toContain('process.env');
    // A key in code as well: both kinds of advice, each once, rotation first.
    writeFiles(dir, { 'app.py': `k = "${KEY}"\n` });
    const mixed = runCli(['scan'], { cwd: dir }).stdout;
    const mixedSteps = mixed.slice(mixed.indexOf('What to do:')).split('\n\n')[0].split('\n').slice(1);
    expect(mixedSteps[0]).toMatch(/^ {2}- Rotate/);
    expect(mixedSteps.filter((step) => step.includes('Rotate'))).toHaveLength(1);
    expect(mixedSteps.some((step) => step.includes('git rm --cached -- .env config/.env.local'))).toBe(true);
    expect(mixedSteps.some((step) => step.includes('process.env.OPENAI_API_KEY'))).toBe(true);
    expect(mixedSteps.at(-1)).toMatch(/false alarm/i);
  });

  test('an env template (.env.example) holding a key gets the advice for code, not "untrack it"', () => {
    const dir = tempDir();
    writeFiles(dir, { '.env.example': `OPENAI_API_KEY=${KEY}\n` });
    const result = runCli(['scan'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('git rm --cached');
  });

  test('--color forces colours when piped, even with NO_COLOR; --no-color wins over --color', () => {
    const dir = project();
    expect(runCli(['scan', '--color'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).toContain('\x1b[1;31m');
    expect(runCli(['scan', '--color', '--no-color'], { cwd: dir }).stdout).not.toContain('\x1b[');
  });

  /** Runs the command in-process with a fake terminal, to see what a person at a TTY sees. */
  async function onTerminal(
    argv: string[],
    cwd: string,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: { write: (text: string) => (stdout += text), isTTY: true },
      stderr: { write: (text: string) => (stderr += text), isTTY: true },
      stdin: process.stdin,
      cwd,
      env,
    };
    const code = await run(argv, io);
    return { code, stdout, stderr };
  }

  test('colours the report on a terminal, but not with NO_COLOR, --no-color or --output', async () => {
    const dir = project();
    expect((await onTerminal(['scan'], dir)).stdout).toContain('\x1b[1;31m3 findings (3 distinct keys) in 2 files\x1b[0m');
    expect((await onTerminal(['scan'], dir, { NO_COLOR: '1' })).stdout).not.toContain('\x1b[');
    expect((await onTerminal(['scan', '--no-color'], dir)).stdout).not.toContain('\x1b[');
    const tty = await onTerminal(['scan', '--output', 'report.txt'], dir);
    expect(tty.code).toBe(1);
    expect(tty.stdout).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toContain('\x1b[');
    // A quick scan shows no progress line.
    expect(tty.stderr).toBe('');
  });
});

describe('progress', () => {
  // The clock is stubbed to step 400 ms per reading: deterministic, not a timed assertion.
  function withSteppingClock<T>(body: () => Promise<T>): Promise<T> {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => (now += 400));
    return body().finally(() => spy.mockRestore());
  }

  function manyFiles(): string {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.txt`, `line ${i}\n`])));
    return dir;
  }

  async function scanWith(stderrIsTTY: boolean, env: NodeJS.ProcessEnv): Promise<string> {
    let stderr = '';
    let stdout = '';
    const io: CliIO = {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTTY },
      stdin: process.stdin,
      cwd: manyFiles(),
      env,
    };
    expect(await withSteppingClock(() => run(['scan', '--format', 'json'], io))).toBe(0);
    expect(parseJsonReport(stdout).stats.files).toBe(12);
    return stderr;
  }

  test("a scan longer than a second shows a progress line on a terminal's stderr, then clears it", async () => {
    const stderr = await scanWith(true, {});
    expect(stderr).toMatch(/^\r\x1b\[Kkeyguard: scanned \d+ files, 0\.0 MB…/);
    expect(stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  test('shows no progress when stderr is not a terminal, or in CI', async () => {
    expect(await scanWith(false, {})).toBe('');
    expect(await scanWith(true, { CI: 'true' })).toBe('');
  });
});

describe('json', () => {
  test('is exactly the DESIGN.md shape, sorted by file and line', () => {
    const dir = project();
    const result = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(Object.keys(report).sort()).toEqual(['findings', 'skipped', 'stats', 'version']);
    expect(report.stats.skipped).toEqual({});
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.column, finding.ruleId])).toEqual([
      ['src/app.py', 3, 26, 'openai-api-key'],
      ['web/client.ts', 2, 40, 'openai-key-assignment'],
      ['web/client.ts', 3, 19, 'openai-api-key'],
    ]);
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(
        ['column', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'message', 'ruleId', 'secret', 'severity'].sort(),
      );
      expect(finding.message).toContain(finding.secret);
    }
    expect(report.findings[0].endColumn - report.findings[0].column).toBe(KEY.length);
    expect(report.findings[1].endColumn - report.findings[1].column).toBe(VALUE.length);
    expect(report.stats.files).toBe(3);
  });

  test('an empty scan is a valid report with no findings', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'hello\n' });
    const result = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(parseJsonReport(result.stdout)).toMatchObject({ findings: [], stats: { files: 1, bytes: 6 } });
  });

  test('--output writes the report to a file and nothing to stdout', () => {
    const dir = project();
    const result = runCli(['scan', '-f', 'json', '-o', 'out/report.json'], { cwd: dir });
    expect(result.status).toBe(2); // the folder does not exist
    expect(result.stderr).toBe('keyguard: --output out/report.json: the folder does not exist. Create it first\n');
    const ok = runCli(['scan', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(ok.status).toBe(1);
    expect(ok.stdout).toBe('');
    expect(parseJsonReport(readFileSync(join(dir, 'report.json'), 'utf8')).findings).toHaveLength(3);
  });

  test('the fingerprint survives moved lines and changes with the key', () => {
    const dir = tempDir();
    const line = `client = OpenAI(api_key="${KEY}")\n`;
    writeFiles(dir, { 'app.py': line });
    const before = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout).findings[0];
    writeFiles(dir, { 'app.py': `import os\n\n\n${line}` });
    const moved = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout).findings[0];
    expect(moved.line).toBe(4);
    expect(moved.fingerprint).toBe(before.fingerprint);
    writeFiles(dir, { 'app.py': line.replace(KEY, fakeKey('proj', 1)) });
    expect(parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout).findings[0].fingerprint).not.toBe(before.fingerprint);
  });
});

describe('github', () => {
  test('prints one ::error annotation per finding, with the span and the rule as title', () => {
    const dir = project();
    const result = runCli(['scan', '--format', 'github'], { cwd: dir });
    expect(result.status).toBe(1);
    const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(
      new RegExp(`^::error file=src/app\\.py,line=3,col=26,endLine=3,endColumn=${26 + KEY.length},title=keyguard openai-api-key::\\S`),
    );
    expect(annotations[1]).toMatch(
      /^::error file=web\/client\.ts,line=2,col=40,endLine=2,endColumn=\d+,title=keyguard openai-key-assignment::/,
    );
    expect(result.stdout.split('\n').filter((line) => line && !line.startsWith('::'))).toEqual(['keyguard: 3 findings (3 files scanned)']);
    expectNoWholeKey([result.stdout, result.stderr], [KEY, LEGACY, VALUE]);
  });

  test('escapes a file name with %, : and , in its properties', () => {
    const dir = tempDir();
    writeFiles(dir, { 'odd,name:100%.py': `client = OpenAI(api_key="${KEY}")\n` });
    const result = runCli(['scan', '--format', 'github'], { cwd: dir });
    expect(result.stdout).toMatch(/^::error file=odd%2Cname%3A100%25\.py,line=1,col=26,/);
  });

  test.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['x: y, z', 'x: y, z', 'x%3A y%2C z'],
    ['%0A', '%250A', '%250A'],
  ])('escapes %j as data %j and as a property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  test('says so when nothing is found, with no annotation', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'hello\n' });
    const result = runCli(['scan', '--format', 'github'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('keyguard: no secrets found (1 file scanned)\n');
  });
});

describe('no output holds a whole key', () => {
  // Every key shape core knows, plus hard-coded values, across file kinds.
  const keys = FAKE_KEY_SHAPES.map((shape) => fakeKey(shape, 7));
  const values = [fakeValue(7), fakeValue(8), fakeValue(9)];
  function leakyProject(): string {
    const dir = tempDir();
    const files: Record<string, string> = {
      '.env': `OPENAI_API_KEY=${values[0]}\n`,
      'app.py': `import openai\nopenai.api_key = "${values[1]}"\n`,
      'index.js': `const client = new OpenAI({ apiKey: '${values[2]}' });\n`,
    };
    keys.forEach((key, index) => {
      files[`keys/k${index}.txt`] = `key ${index}: ${key}\n`;
    });
    writeFiles(dir, files);
    return dir;
  }

  test.each([...FORMATS])('in the %s format, on stdout, stderr and in an --output file', (format) => {
    const dir = leakyProject();
    const toStdout = runCli(['scan', '--format', format], { cwd: dir });
    expect(toStdout.status).toBe(1);
    const toFile = runCli(['scan', '--format', format, '--output', 'report.out'], { cwd: dir });
    expect(toFile.status).toBe(1);
    expect(toFile.stdout).toBe('');
    expectNoWholeKey(
      [toStdout.stdout, toStdout.stderr, toFile.stderr, readFileSync(join(dir, 'report.out'), 'utf8')],
      [...keys, ...values],
    );
  });

  test('in the json report every planted secret is found, and each is redacted', () => {
    const dir = leakyProject();
    const report = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.findings).toHaveLength(keys.length + values.length);
    for (const finding of report.findings) expect(finding.secret).toContain('…');
  });

  test('in a baseline file and in what keyguard baseline prints', () => {
    const dir = leakyProject();
    const result = runCli(['baseline'], { cwd: dir });
    expect(result.status).toBe(0);
    expectNoWholeKey([result.stdout, result.stderr, readFileSync(join(dir, '.keyguard-baseline.json'), 'utf8')], [...keys, ...values]);
  });
});
