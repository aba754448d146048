/**
 * `--quiet` (the findings only) and `--verbose` (what was scanned, on stderr), on the built
 * command, in every format and with what a scan passes over.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoWholeKey, fakeKey, removeTempDirs, runCli, tempDir, writeFiles } from '@keyguard/test-utils';
import { commandHelp } from '@keyguard/cli';
import { rules } from '@keyguard/core';

/** The rules as --verbose names them, from the registry (`except` turned off in the config). */
const rulesLine = (except?: string): string =>
  rules
    .filter((rule) => rule.id !== except)
    .map((rule) => `${rule.id} (${rule.severity})`)
    .join(', ');

afterAll(removeTempDirs);

const KEY = fakeKey('proj', 71);
const OTHER = fakeKey('legacy', 72);

/** Two files with keys, one clean file, a binary file (scanned for marked keys only) and a symbolic link (skipped). */
function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'src/app.py': `client = OpenAI(api_key="${KEY}")\n`,
    'web/a.ts': `export const a = "${OTHER}";\nexport const b = "${KEY}";\n`,
    'README.md': '# demo\n',
  });
  writeFiles(dir, { 'logo.bin': Buffer.from([0, 1, 2, 0, 0, 0, 0, 3, 4, 0]) });
  symlinkSync(join(dir, 'README.md'), join(dir, 'link.md'));
  return dir;
}

describe('--quiet', () => {
  test('text: the stylish rows only, no steps, summary or notes; exit 1', () => {
    const dir = project();
    for (const flag of ['--quiet', '-q']) {
      const run = runCli(['scan', flag], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('');
      expectNoWholeKey([run.stdout], [KEY, OTHER]);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toBe('src/app.py');
      expect(lines[1]).toMatch(/^ {2}1:26 {2}\S.* {2}openai-api-key$/);
      expect(lines[2]).toBe('');
      expect(lines[3]).toBe('web/a.ts');
      expect(lines.slice(4, 6).every((line) => /^ {2}\d+:\d+ {2}/.test(line))).toBe(true);
      expect(lines.slice(6)).toEqual(['']);
      expect(run.stdout).not.toMatch(/What to do|finding|skipped/);
    }
  });

  test('nothing found prints nothing at all, exit 0', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'clean\n' });
    expect(runCli(['scan', '--quiet'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('machine formats keep their report; the skipped count on stderr goes, warnings stay', () => {
    const dir = project();
    const loud = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(loud.stderr).toBe('keyguard: skipped 1 symbolic link\n');
    const quiet = runCli(['scan', '--format', 'json', '--quiet'], { cwd: dir });
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toBe(loud.stdout.replace(/"durationMs": \d+/, /"durationMs": \d+/.exec(quiet.stdout)![0]));
    expect(quiet.stderr).toBe('');
    // A file over maxFileSize is a warning: --quiet does not hide what could not be scanned.
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ maxFileSize: 10 }) });
    const warned = runCli(['scan', '--quiet'], { cwd: dir });
    expect(warned.stderr).toMatch(/^keyguard: warning: .* is larger than maxFileSize/m);
  });
});

describe('--verbose', () => {
  test('says on stderr what was scanned: source, config, rules, counts, each skipped item, timings', () => {
    const dir = project();
    const run = runCli(['scan', '--verbose'], { cwd: dir });
    expect(run.status).toBe(1);
    expectNoWholeKey([run.stdout, run.stderr], [KEY, OTHER]);
    // The report on stdout is the plain text report.
    expect(run.stdout).toBe(runCli(['scan'], { cwd: dir }).stdout.replace(/\d+ ms\)/, /\d+ ms\)/.exec(run.stdout)![0]));
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('keyguard: '))).toBe(true);
    expect(lines[0]).toBe('keyguard: scanning files in .');
    expect(lines[1]).toBe(`keyguard: config: none (defaults); rules: ${rulesLine()}; fails on warning and above`);
    expect(lines).toContain('keyguard: baseline: none');
    expect(lines).toContainEqual(expect.stringMatching(/^keyguard: scanned 3 files, \d+ bytes; 3 findings, 2 distinct keys$/));
    expect(lines).toContainEqual('keyguard: skipped 1 symbolic link');
    expect(lines).toContain('keyguard: 1 binary file scanned for its marked keys only');
    expect(lines).toContain('keyguard:   skipped link.md: symlink');
    expect(lines.at(-1)).toMatch(/^keyguard: time: \d+ ms \(setup \d+ ms, scan \d+ ms, report \d+ ms\)$/);
  });

  test('names the config, the baseline and the source of a staged or stdin scan; with json, stdout stays JSON', () => {
    const dir = project();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ rules: { 'openai-key-assignment': 'off' } }) });
    runCli(['baseline'], { cwd: dir });
    const run = runCli(['scan', '--verbose', '--format', 'json', '--baseline', '.keyguard-baseline.json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stderr).toContain(
      `keyguard: config: keyguard.config.json; rules: ${rulesLine('openai-key-assignment')}; fails on warning and above\n`,
    );
    expect(run.stderr).toContain('keyguard: baseline: .keyguard-baseline.json (3 accepted findings)\n');
    const stdin = runCli(['scan', '--stdin', '--stdin-filename', 'x.py', '--verbose'], { cwd: dir, input: 'hello\n' });
    expect(stdin.status).toBe(0);
    expect(stdin.stderr).toMatch(/^keyguard: scanning standard input \(as x\.py\)$/m);
  });

  test('--quiet and --verbose together are refused in one line, exit 2; both are in scan --help only', () => {
    const dir = tempDir();
    const run = runCli(['scan', '--quiet', '--verbose'], { cwd: dir });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'keyguard: --quiet and --verbose cannot be combined. Pick one\n' });
    expect(commandHelp('scan')).toMatch(/-q, --quiet /);
    expect(commandHelp('scan')).toMatch(/--verbose /);
    expect(commandHelp('baseline')).not.toMatch(/--quiet|--verbose/);
    expect(runCli(['baseline', '--quiet'], { cwd: dir }).status).toBe(2);
  });
});
