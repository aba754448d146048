/**
 * The built `keyguard-pre-commit` run directly, as lint-staged and the pre-commit framework
 * run it: quiet when clean, a message for a person when blocked, closed when the scan fails.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsAnyKey, describeKey, fakeKey } from '@keyguard/test-utils';
import { exec, CLI_BIN, removeTempDirs, runHookBin, tempDir, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 51);
const OTHER = fakeKey('legacy', 52);
const keyLine = (key = KEY): string => `token = "${key}"`;

describe(`keyguard-pre-commit (keys like ${describeKey(KEY)})`, () => {
  it('exits 0 and prints nothing when nothing staged holds a key', () => {
    const repo = new TempRepo().write('app.py', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n').add('app.py');
    const run = runHookBin([], repo.dir);
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('blocks with a message for a person: where, what happened, what to do', () => {
    const repo = new TempRepo().write('src/app.py', `import os\n\n${keyLine()}\n`).add('src/app.py');
    const run = runHookBin([], repo.dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const message = run.stderr;
    expect(message).toMatch(/^keyguard: commit blocked: the staged changes hold 1 finding in 1 file\.$/m);
    // The CLI's stylish rows: the path once, then line:col  message  rule.
    expect(message).toMatch(/^src\/app\.py\n {2}3:10 {2}OpenAI project key sk-proj-\S+…\S+ .* {2}openai-api-key$/m);
    expect(message).toMatch(/stopped before the key left this machine/);
    expect(message).toMatch(/^ {2}1\. Rotate the key now at https:\/\/platform\.openai\.com\/api-keys/m);
    // keyguard fix --staged, right after rotating (issue 14).
    expect(message).toMatch(/^ {2}2\. Let keyguard move the key out of src\/app\.py: npx @keyguard\/cli fix --staged /m);
    expect(message).toContain('os.environ["OPENAI_API_KEY"]');
    expect(message).toContain('process.env.OPENAI_API_KEY');
    expect(message).toMatch(/Stage the fixed files \(git add\) and commit again/);
    expect(message).toContain('keyguard-ignore');
    expect(message).toContain('keyguard baseline');
    expect(message).toContain('git commit --no-verify');
    // The rules' own false-alarm step is not repeated: the hook has its own section.
    expect(message.match(/false alarm/gi)).toHaveLength(1);
    expect(containsAnyKey(run.output, [KEY])).toBe(false);
  });

  it('counts distinct keys, and for a staged .env says to unstage it and ignore it', () => {
    const repo = new TempRepo()
      .write('.env', `OPENAI_API_KEY=${KEY}\n`)
      .write('app.py', `${keyLine()}\n${keyLine(OTHER)}\n`)
      .add('.env', 'app.py');
    const run = runHookBin([], repo.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/commit blocked: the staged changes hold 3 findings \(2 distinct keys\) in 2 files\./);
    expect(run.stderr).toContain('For .env: git rm --cached -- .env, then add it to .gitignore.');
    expect(containsAnyKey(run.output, [KEY, OTHER])).toBe(false);
    // Only the .env: no "read it from the environment".
    repo.git('rm', '-q', '--cached', 'app.py');
    const envOnly = runHookBin([], repo.dir).stderr;
    expect(envOnly).toContain('git rm --cached -- .env');
    expect(envOnly).not.toContain('os.environ');
    expect(envOnly).not.toContain('fix --staged');
  });

  it('scans only the files it is given, as lint-staged passes them (absolute paths)', () => {
    const repo = new TempRepo()
      .write('a.txt', `${keyLine()}\n`)
      .write('b b.txt', `x\n${keyLine(OTHER)}\n`)
      .add('a.txt', 'b b.txt');
    const run = runHookBin([join(repo.dir, 'b b.txt')], repo.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^b b\.txt\n {2}2:/m);
    expect(run.stderr).not.toMatch(/a\.txt/);
    expect(runHookBin(['--', 'a.txt'], repo.dir).stderr).toMatch(/^a\.txt\n {2}1:/m);
    expect(containsAnyKey(run.output, [KEY, OTHER])).toBe(false);
  });

  it('shows a path holding a newline quoted, on one line', () => {
    const repo = new TempRepo().write('odd\nname.txt', `${keyLine()}\n`).add('odd\nname.txt');
    const run = runHookBin([], repo.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^"odd\\nname\.txt"\n {2}1:/m);
  });

  it('lets an inline keyguard-ignore and the recorded baseline through', () => {
    const repo = new TempRepo().write('fixture.py', `${keyLine()}  # keyguard-ignore\n`).add('fixture.py');
    expect(runHookBin([], repo.dir).status).toBe(0);
    repo.write('known.txt', `${keyLine(OTHER)}\n`).add('known.txt');
    expect(runHookBin([], repo.dir).status).toBe(1);
    // "record it with keyguard baseline": the hook honours .keyguard-baseline.json without a flag.
    expect(exec(process.execPath, [CLI_BIN, 'baseline', 'known.txt'], { cwd: repo.dir }).status).toBe(0);
    expect(runHookBin([], repo.dir)).toMatchObject({ status: 0, stderr: '' });
  });

  it('fails closed when git is missing: blocked, says why and how to bypass', () => {
    const repo = new TempRepo().write('a.txt', 'clean\n').add('a.txt');
    const run = runHookBin([], repo.dir, { PATH: tempDir() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^keyguard: commit blocked because the secrets scan failed: .*git was not found on PATH/);
    expect(run.stderr).toContain('git commit --no-verify');
  });

  it('fails closed on a corrupt index', () => {
    const repo = new TempRepo().write('a.txt', 'clean\n').add('a.txt');
    writeFileSync(join(repo.dir, '.git', 'index'), 'DIRC not really an index');
    const run = runHookBin([], repo.dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/secrets scan failed: git diff failed: .*index/);
    expect(run.stderr).toContain('git commit --no-verify');
  });

  it('fails closed on a broken config and outside a repository', () => {
    const repo = new TempRepo().write('keyguard.config.json', '{ "rules": ').write('a.txt', 'clean\n').add('a.txt');
    expect(runHookBin([], repo.dir)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/secrets scan failed: keyguard\.config\.json/),
    });
    expect(runHookBin([], tempDir())).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/secrets scan failed: --staged needs a git repository/),
    });
  });

  it('prints its usage and version', () => {
    const dir = tempDir();
    expect(runHookBin(['--help'], dir)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^keyguard-pre-commit: blocks a commit/),
    });
    expect(runHookBin(['--version'], dir).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
