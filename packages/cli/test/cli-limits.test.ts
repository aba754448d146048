/**
 * Special files, output errors and counts past the common case (issue 11), on the built
 * commands: a FIFO or a device given as the config, the baseline or an ignore file; standard
 * output on a full disk, closed, or a pipe the reader closed; 200,000 findings in one file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CLI_BIN,
  fakeKey,
  git,
  type JsonReport,
  removeTempDirs,
  reportPlaces,
  runCli,
  tempDir,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const HOOK_BIN = resolve(__dirname, '..', '..', 'pre-commit', 'dist', 'bin.js');
const pyLeak = (key: string): string => `client = OpenAI(api_key="${key}")\n`;

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

/** One line on stderr, exit 2, nothing on stdout. */
function expectOneLineError(run: { status: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.stderr).toMatch(/^keyguard: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
}

describe('settings files that are not regular files', () => {
  test.each([
    ['a FIFO', 'fifo', /is not a regular file \(a FIFO\)/],
    ['/dev/zero', '/dev/zero', /is not a regular file \(a character device\)/],
    ['a folder', 'folder', /is not a regular file \(a folder\)/],
  ])('%s as --config or --baseline exits 2 with one line', (_name, target, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': 'x = 1\n', 'folder/x': '' });
    mkfifo(join(dir, 'fifo'));
    expectOneLineError(runCli(['scan', '--config', target], { cwd: dir }), message);
    expectOneLineError(runCli(['scan', '--baseline', target], { cwd: dir }), message);
  });

  test('the config named a FIFO, or a FIFO as the config\'s "baseline"', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': 'x = 1\n', 'keyguard.config.json': JSON.stringify({ baseline: 'base.json' }) });
    mkfifo(join(dir, 'base.json'));
    expectOneLineError(runCli(['scan'], { cwd: dir }), /base\.json is not a regular file \(a FIFO\)/);
    const other = tempRepo();
    mkfifo(join(other, 'keyguard.config.json'));
    expectOneLineError(runCli(['scan'], { cwd: other }), /keyguard\.config\.json is not a regular file \(a FIFO\)/);
  });

  // (The file walk passes over a FIFO ignore file and counts it: test/cli-files.test.ts.)
  test('a .keyguardignore that is a FIFO, with --staged and --git', () => {
    const repo = tempRepo();
    writeFiles(repo, { 'app.py': 'x = 1\n' });
    git(repo, 'add', 'app.py');
    git(repo, 'commit', '-q', '-m', 'one');
    mkfifo(join(repo, '.keyguardignore'));
    for (const args of [['--staged'], ['--git']]) {
      expectOneLineError(runCli(['scan', ...args], { cwd: repo }), /\.keyguardignore(:| is) not a regular file/);
    }
  });

  test('a config over 1 MiB and a /proc file that claims size 0 are read within the cap', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': 'x = 1\n', 'big.json': `{"ignore": [${'"x",'.repeat(300_000)}"x"]}` });
    expectOneLineError(runCli(['scan', '--config', 'big.json'], { cwd: dir }), /big\.json is larger than 1 MiB \(\d+ bytes\)/);
    expectOneLineError(runCli(['scan', '--config', '/proc/self/status'], { cwd: dir }), /\/proc\/self\/status is not valid JSON/);
  });

  test('the hook with a FIFO as the config fails closed instead of hanging', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': 'x = 1\n', '.keyguard-baseline.json': JSON.stringify({ version: 1, findings: [] }) });
    mkfifo(join(dir, 'keyguard.config.json'));
    git(dir, 'add', 'app.py');
    const run = spawnSync(process.execPath, [HOOK_BIN], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/commit blocked because the secrets scan failed: keyguard\.config\.json is not a regular file \(a FIFO\)/);
  });
});

describe('standard output', () => {
  const leaking = (): string => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': pyLeak(fakeKey('proj', 51)) });
    return dir;
  };

  test('on a full disk (/dev/full): one line, exit 2', () => {
    const dir = leaking();
    const full = openSync('/dev/full', 'w');
    try {
      for (const format of ['json', 'text']) {
        const run = spawnSync(process.execPath, [CLI_BIN, 'scan', '--format', format], {
          cwd: dir,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(run.stderr).toMatch(/^keyguard: cannot write the report to standard output \(ENOSPC\)\. [^\n]+\n$/);
        expect(run.status).toBe(2);
      }
    } finally {
      closeSync(full);
    }
  });

  test('opened read-only (EBADF; node reopens a closed one on /dev/null): one line, exit 2', () => {
    const dir = leaking();
    const run = spawnSync('sh', ['-c', `exec "${process.execPath}" "${CLI_BIN}" scan --format json 1</dev/null`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/^keyguard: cannot write the report to standard output \(EBADF\)\. [^\n]+\n$/);
    expect(run.status).toBe(2);
  });

  test.each([
    ['with a finding', true, 1],
    ['without one', false, 0],
  ])("a pipe the reader closed (EPIPE) ends quietly with the scan's status, %s", async (_name, leak, status) => {
    const dir = leak ? leaking() : tempDir();
    if (!leak) writeFiles(dir, { 'app.py': 'x = 1\n' });
    // Enough report to fill the pipe's buffer, so a write meets the closed end for sure.
    writeFiles(dir, { 'filler.txt': 'nothing to see\n' });
    const child = spawn(process.execPath, [CLI_BIN, 'scan', '--format', 'sarif'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(status);
  });
});

describe('200,000 findings in one file', () => {
  jest.setTimeout(600_000);
  const COUNT = 200_000;
  const keys = Array.from({ length: 50 }, (_, i) => fakeKey('legacy', 1000 + i));
  let dir: string;
  let out: string;

  beforeAll(() => {
    dir = tempRepo();
    out = tempDir();
    const lines: string[] = [];
    for (let i = 0; i < COUNT; i++) lines.push(keys[i % keys.length]);
    writeFiles(dir, { 'keys.txt': `${lines.join('\n')}\n`, 'keyguard.config.json': JSON.stringify({ maxFileSize: 64 * 1024 * 1024 }) });
  });

  const run = (args: string[], bin = CLI_BIN) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 300_000, maxBuffer: 512 * 1024 * 1024 });

  test('are all reported in every format, and the baseline records them', () => {
    const counts: Record<string, number> = {};
    for (const format of ['json', 'sarif', 'github', 'text']) {
      const result = run(['scan', 'keys.txt', '--format', format, '--output', join(out, `report.${format}`)]);
      expect(result.error).toBeUndefined();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      const text = readFileSync(join(out, `report.${format}`), 'utf8');
      for (const key of keys) expect(text.includes(key)).toBe(false);
      if (format === 'json') counts.json = (JSON.parse(text) as JsonReport).findings.length;
      if (format === 'sarif') counts.sarif = JSON.parse(text).runs[0].results.length;
      if (format === 'github') counts.github = text.split('\n').filter((line) => line.startsWith('::error ')).length;
      if (format === 'text') counts.text = Number(/^(\d+) findings \(\d+ distinct keys\) in 1 file /m.exec(text)?.[1]);
    }
    expect(counts).toEqual({ json: COUNT, sarif: COUNT, github: COUNT, text: COUNT });
    const baseline = run(['baseline', 'keys.txt', '--output', join(out, 'base.json')]);
    expect(baseline.status).toBe(0);
    expect(
      run(['scan', 'keys.txt', '--baseline', join(out, 'base.json'), '--format', 'json', '--output', join(out, 'after.json')]).status,
    ).toBe(0);
  });

  test('block the commit in the hook with every place listed, not "the scan failed"', () => {
    git(dir, 'add', 'keys.txt', 'keyguard.config.json');
    const result = run([], HOOK_BIN);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`commit blocked: the staged changes hold ${COUNT} findings \\(\\d+ distinct keys\\) in 1 file`),
    );
    expect(reportPlaces(result.stderr)).toHaveLength(COUNT);
    for (const key of keys.slice(0, 3)) expect(result.stderr.includes(key)).toBe(false);
  });
});
