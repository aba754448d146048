/**
 * The command line: commands, flags, usage errors and exit statuses (0 nothing found,
 * 1 findings, 2 usage/config/runtime error with one line on stderr). Runs the built command.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLAGS, HELP, flagsOf, type CommandName } from '@keyguard/cli';
import { rules } from '@keyguard/core';
import { CLI_BIN, fakeKey, removeTempDirs, runCli, tempDir, writeFiles } from '@keyguard/test-utils';

afterAll(removeTempDirs);

const KEY = fakeKey('svcacct');

/** A user error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectUsageError(args: string[], cwd: string, message?: RegExp): void {
  const result = runCli(args, { cwd });
  expect({ args, status: result.status }).toEqual({ args, status: 2 });
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^keyguard: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  if (message) expect(result.stderr).toMatch(message);
}

describe('exit statuses', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'clean/app.py': 'import os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
    'leaky/app.py': `client = OpenAI(api_key="${KEY}")\n`,
  });

  test.each([
    ['nothing found', ['scan', 'clean'], 0],
    ['findings', ['scan', 'leaky'], 1],
    ['findings, json', ['scan', 'leaky', '--format', 'json'], 1],
    ['`keyguard` alone scans the working directory', [], 1],
    ['a path that does not exist', ['scan', 'missing'], 2],
    ['an unknown flag', ['scan', '--frobnicate'], 2],
  ] as const)('%s → %i', (_name, args, status) => {
    expect(runCli([...args], { cwd: dir }).status).toBe(status);
  });
});

describe('commands', () => {
  const dir = tempDir();

  test('--help and -h print the usage and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const result = runCli([flag], { cwd: dir });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^keyguard: keeps OpenAI API keys out/);
      for (const word of [
        '--staged',
        '--git',
        '--stdin',
        '--format',
        '--output',
        '--baseline',
        '--config',
        '--no-ignore',
        'keyguard baseline',
        'keyguard rules',
      ]) {
        expect(result.stdout).toContain(word);
      }
    }
  });

  test('the overview names every flag of the table', () => {
    for (const flag of FLAGS.filter((spec) => spec.name !== 'help')) expect(HELP).toContain(`--${flag.name}`);
  });

  test.each(['scan', 'baseline', 'rules'] as const)(
    'keyguard %s --help lists exactly its flags from the table, exit 0',
    (command: CommandName) => {
      for (const args of [
        [command, '--help'],
        [command, '-h'],
        ['help', command],
      ]) {
        const result = runCli(args, { cwd: dir });
        expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
        expect(result.stdout).toMatch(new RegExp(`^Usage: keyguard ${command}\\b`));
        const listed = result.stdout.split('\n').flatMap((line) => /^ {2}(?:-\w, )?--([\w-]+)/.exec(line)?.[1] ?? []);
        expect(listed).toEqual(flagsOf(command).map((flag) => flag.name));
      }
    },
  );

  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(CLI_BIN, '..', '..', 'package.json'), 'utf8')) as { version: string };
    const result = runCli(['--version'], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('rules lists each rule id with its description', () => {
    const result = runCli(['rules'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(rules.map((rule) => rule.id));
    for (const line of lines) expect(line).toMatch(/^\S+ {2,}\S.{10,}$/);
  });
});

describe('usage errors exit 2 with one line', () => {
  const dir = tempDir();
  writeFiles(dir, { 'a.txt': 'hello\n' });

  test.each([
    [['scan', '--frobnicate'], /unknown flag --frobnicate for scan\. See keyguard scan --help$/m],
    [['lint'], /unknown command "lint"/],
    [['scan', '--format', 'xml'], /--format must be one of text, json, jsonl, sarif, github \(got "xml"\)/],
    [['scan', '--format'], /--format/],
    [['scan', '--output'], /--output/],
    [['scan', '--stdin-filename', 'a.py'], /--stdin-filename goes with --stdin/],
    [['scan', '--since', 'HEAD~3'], /--since, --range and --all go with --git/],
    [['scan', '--range', 'main..HEAD'], /go with --git/],
    [['scan', '--all'], /go with --git/],
    [['scan', '--stdin', '--git'], /cannot be combined/],
    [['scan', '--staged', '--git'], /cannot be combined/],
    [['scan', '--stdin', 'a.txt'], /paths cannot be given with --stdin/],
    [['scan', '--stdin', '--stdin-filename', ''], /--stdin-filename needs a name/],
    [['scan', '--git', '--since', 'HEAD~1', '--all'], /cannot be combined/],
    [['scan', '--git', '--range', 'main'], /--range expects A\.\.B \(got "main"\)/],
    [['rules', 'extra'], /keyguard rules takes no paths/],
    [['baseline', '--format', 'json'], /--format does not apply/],
    [['baseline', '--baseline', 'x.json'], /--baseline does not apply/],
    [['scan', '--config', 'nope.json'], /--config nope\.json: no such file/],
    [['scan', '--baseline', 'nope.json'], /--baseline nope\.json: no such file.*keyguard baseline --output nope\.json/],
    [['scan', '--output', 'no/such/dir/out.txt'], /the folder does not exist/],
    [['scan', '--output', '.'], /cannot write \. \(EISDIR\)/],
  ])('%j', (args, message) => {
    expectUsageError(args, dir, message);
  });
});

describe('unknown flags: exit 2, one line, a close flag suggested', () => {
  const dir = tempDir();

  test.each([
    [['scan', '--stagd'], 'unknown flag --stagd for scan. Did you mean --staged? See keyguard scan --help'],
    [['--stagd'], 'unknown flag --stagd. Did you mean --staged? See keyguard --help'],
    [['scan', '--formt', 'json'], 'unknown flag --formt for scan. Did you mean --format? See keyguard scan --help'],
    [['baseline', '--outptu', 'b.json'], 'unknown flag --outptu for baseline. Did you mean --output? See keyguard baseline --help'],
    [['scan', '--frobnicate'], 'unknown flag --frobnicate for scan. See keyguard scan --help'],
    [['scan', '-x'], 'unknown flag -x for scan. See keyguard scan --help'],
    [['rules', '--staged'], '--staged does not apply to keyguard rules. See keyguard rules --help'],
    [['baseline', '--no-color'], '--no-color does not apply to keyguard baseline. See keyguard baseline --help'],
  ])('%j', (args, line) => {
    expect(runCli(args, { cwd: dir })).toEqual({ status: 2, stdout: '', stderr: `keyguard: ${line}\n` });
  });
});

describe('the process around the command', () => {
  const sh = (script: string, cwd: string) =>
    spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, CLI_BIN, NODE: process.execPath } });

  test("a reader that stops early (| head) ends the run quietly, with the scan's status", () => {
    const dir = tempDir();
    writeFiles(dir, Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}.py`, `client = OpenAI(api_key="${KEY}")\n`])));
    const result = sh('"$NODE" "$CLI_BIN" scan 2>stderr.txt | head -c 10 >/dev/null', dir);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'stderr.txt'), 'utf8')).toBe('');
  });

  test('a working directory deleted under the shell is one line and exit 2', () => {
    const dir = tempDir();
    const result = sh('mkdir gone && cd gone && rmdir ../gone && "$NODE" "$CLI_BIN" scan', dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^keyguard: cannot read the working directory \(ENOENT\)\. [^\n]+\n$/);
  });
});
