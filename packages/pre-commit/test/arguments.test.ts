/**
 * keyguard-pre-commit fails closed on its arguments (issues 10 and 11): an unknown flag is an
 * error that blocks the commit, never a file name; file names after `--` (the pre-commit
 * framework's entry) are files whatever they look like; nothing staged is said, not passed
 * over in silence. Real temporary repositories and real `git commit`s through a hook script
 * that runs the built hook as each set-up does.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containsAnyKey,
  describeKey,
  fakeKey,
  HOOK_BIN,
  reportPlaces,
  removeTempDirs,
  runHookBin,
  TempRepo,
  type Run,
} from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 71);
const keyLine = `token = "${KEY}"\n`;

/** A repository whose pre-commit hook runs the built keyguard-pre-commit with `args` (shell words). */
function repoWithHook(args: string): TempRepo {
  const repo = new TempRepo().write('README.md', '# demo\n').add('README.md').commit('base');
  const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
  writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${HOOK_BIN}" ${args}\n`);
  chmodSync(hook, 0o755);
  return repo;
}

const commit = (repo: TempRepo): Run => repo.tryGit(['commit', '-q', '-m', 'change']);
const head = (repo: TempRepo): string => repo.git('rev-parse', 'HEAD').trim();

describe(`keyguard-pre-commit arguments (keys like ${describeKey(KEY)})`, () => {
  it.each(['--all-linez', '--bogus', '-x', '--no-verify'])(
    'refuses the unknown flag %s with exit 2 and one line, and the commit is blocked',
    (flag) => {
      const repo = repoWithHook(flag);
      repo.write('app.py', keyLine).add('app.py');
      const before = head(repo);
      const run = commit(repo);
      expect(run.status).not.toBe(0);
      expect(head(repo)).toBe(before);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`unknown option "${flag}"`);
      expect(runHookBin([flag], repo.dir).status).toBe(2);
      expect(containsAnyKey(run.output, [KEY])).toBe(false);
    },
  );

  it('takes --all-lines: whole staged files, not only the lines the commit adds', () => {
    const repo = new TempRepo().write('old.txt', keyLine).add('old.txt').commit('key before keyguard');
    repo.write('old.txt', `${keyLine}more\n`).add('old.txt');
    expect(runHookBin([], repo.dir).status).toBe(0);
    const run = runHookBin(['--all-lines'], repo.dir);
    expect(run.status).toBe(1);
    expect(reportPlaces(run.stderr)).toEqual(['old.txt:1']);
  });

  it('scans staged files named init, --help, -h, --version, -v given after -- (the framework entry): blocked, nothing set up', () => {
    const names = ['init', '--help', '-h', '--version', '-v'];
    const repo = repoWithHook('-- "$@"');
    for (const name of names) repo.write(name, keyLine);
    repo.add(...names);
    // The pre-commit framework runs its entry with the file names appended: `... -- init --help`.
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${HOOK_BIN}" -- ${names.map((name) => `'${name}'`).join(' ')}\n`);
    const script = readFileSync(hook, 'utf8');
    const before = head(repo);
    const run = commit(repo);
    expect(run.status).not.toBe(0);
    expect(head(repo)).toBe(before);
    for (const name of names) expect(reportPlaces(run.stderr)).toContain(`${name}:1`);
    expect(readFileSync(hook, 'utf8')).toBe(script); // init did not run
    expect(run.stdout).not.toMatch(/keyguard-pre-commit init|Usage/);
    expect(containsAnyKey(run.output, [KEY])).toBe(false);
    // One such file alone after -- is a file too, not a command.
    for (const name of names) {
      const alone = runHookBin(['--', name], repo.dir);
      expect(alone.status).toBe(1);
      expect(reportPlaces(alone.stderr)).toEqual([`${name}:1`]);
    }
  });

  it('says so when nothing staged adds content, and when none of the files given is staged', () => {
    const repo = new TempRepo().write('a.txt', 'a\n').add('a.txt').commit('base');
    const nothing = runHookBin([], repo.dir);
    expect(nothing).toMatchObject({ status: 0, stdout: '' });
    expect(nothing.stderr).toBe('keyguard: nothing staged adds content, so nothing was scanned\n');
    repo.write('b.txt', 'b\n').add('b.txt');
    const other = runHookBin(['--', 'a.txt'], repo.dir);
    expect(other.stderr).toBe('keyguard: the file given adds no staged content, so nothing was scanned\n');
    expect(runHookBin([], repo.dir)).toMatchObject({ status: 0, stderr: '' });
    // A staged binary file is scanned (for marked keys), not "nothing scanned".
    repo.commit('b');
    repo.write('logo.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.alloc(64), Buffer.from('\nbytes\n')])).add('logo.bin');
    expect(runHookBin([], repo.dir)).toMatchObject({ status: 0, stderr: '' });
  });
});
