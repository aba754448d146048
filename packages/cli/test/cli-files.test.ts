/**
 * `keyguard scan PATH...` over real folders: which files are walked (git, .gitignore,
 * .keyguardignore, --no-ignore), what is skipped and said so (binary, unreadable, links),
 * and how odd files and paths are read. Runs the built command.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  assemblyLike,
  elfLike,
  expectNoWholeKey,
  fakeKey,
  fakeValue,
  git,
  parseJsonReport,
  pycLike,
  removeTempDirs,
  runCli,
  tempDir,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const KEY = fakeKey('proj');
const LEGACY = fakeKey('legacy');
const leak = (key = KEY): string => `from openai import OpenAI\nclient = OpenAI(api_key="${key}")\n`;
const KEYS = [KEY, LEGACY, fakeValue(), fakeValue(1)];

/** The findings' files of a JSON scan, sorted. */
function scannedFiles(cwd: string, args: string[] = []): { status: number | null; files: string[]; stats: { files: number } } {
  const run = runCli(['scan', ...args, '--format', 'json'], { cwd });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expectNoWholeKey([run.stdout, run.stderr], KEYS);
  const report = parseJsonReport(run.stdout);
  return { status: run.status, files: [...new Set(report.findings.map((finding) => finding.file))].sort(), stats: report.stats };
}

describe('outside a git repository', () => {
  test('finds a key, exits 1 and reports the path relative to the working directory', () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.py': leak(), 'README.md': '# nothing here\n' });
    const run = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = parseJsonReport(run.stdout);
    expect(report.findings).toHaveLength(1);
    const text = leak();
    expect(report.findings[0]).toMatchObject({
      ruleId: 'openai-api-key',
      file: 'src/app.py',
      line: 2,
      column: text.split('\n')[1].indexOf(KEY) + 1,
      endLine: 2,
      endColumn: text.split('\n')[1].indexOf(KEY) + KEY.length + 1,
    });
    expect(report.stats.files).toBe(2);
    expect(report.stats.bytes).toBe(Buffer.byteLength(text) + '# nothing here\n'.length);
  });

  test('exits 0 and says so when nothing is found', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': 'import os\nkey = os.environ["OPENAI_API_KEY"]\n' });
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^No secrets found \(1 file scanned, \d+ ms\)\.\n$/);
  });

  test('honours nested .gitignore files, and --no-ignore scans everything', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitignore': 'build/\n*.log\n',
      'build/out.py': leak(),
      'debug.log': leak(),
      'src/.gitignore': 'local.py\n',
      'src/local.py': leak(),
      'src/app.py': leak(),
      'other/local.py': leak(), // src/.gitignore does not reach here
    });
    expect(scannedFiles(dir).files).toEqual(['other/local.py', 'src/app.py']);
    expect(scannedFiles(dir, ['--no-ignore']).files).toEqual(['build/out.py', 'debug.log', 'other/local.py', 'src/app.py', 'src/local.py']);
  });

  test('honours .keyguardignore at the root and in sub-folders', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.keyguardignore': '# fixtures hold planted values\nfixtures/\n',
      'fixtures/leak.py': leak(),
      'pkg/.keyguardignore': 'generated-*.js\n',
      'pkg/generated-client.js': `const key = "${LEGACY}";\n`,
      'pkg/index.js': `const key = "${LEGACY}";\n`,
    });
    expect(scannedFiles(dir).files).toEqual(['pkg/index.js']);
    expect(scannedFiles(dir, ['--no-ignore']).files).toEqual(['fixtures/leak.py', 'pkg/generated-client.js', 'pkg/index.js']);
  });

  test('scans a file named on the command line even when an ignore file lists it', () => {
    const dir = tempDir();
    writeFiles(dir, { '.keyguardignore': 'secret.py\n', 'secret.py': leak() });
    expect(scannedFiles(dir).status).toBe(0);
    expect(scannedFiles(dir, ['secret.py'])).toMatchObject({ status: 1, files: ['secret.py'] });
  });

  test('scans a folder named on the command line even when an ignore file lists it, with the ignore files inside it', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.keyguardignore': 'examples/\n',
      'examples/app/main.py': leak(),
      'examples/app/.keyguardignore': 'vendored.py\n',
      'examples/app/vendored.py': leak(),
    });
    expect(scannedFiles(dir).status).toBe(0);
    expect(scannedFiles(dir, ['examples/'])).toMatchObject({ status: 1, files: ['examples/app/main.py'] });
    const repo = tempRepo();
    writeFiles(repo, { '.keyguardignore': 'examples/\n', 'examples/main.py': leak() });
    expect(scannedFiles(repo).status).toBe(0);
    expect(scannedFiles(join(repo, 'examples'), ['.'])).toMatchObject({ status: 1, files: ['main.py'] });
  });

  test('follows git: a deeper .gitignore re-includes, unless a parent folder is excluded (issue 9)', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitignore': '*.log\nbuild/\n',
      'sub/.gitignore': '!keep.log\n',
      'sub/keep.log': leak(),
      'sub/other.log': leak(),
      'build/.gitignore': '!*\n',
      'build/out.py': leak(),
    });
    expect(scannedFiles(dir).files).toEqual(['sub/keep.log']);
  });

  test('matches case as git does here: fixtures/ does not hide Fixtures/ (issue 11)', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.keyguardignore': 'fixtures/\n',
      '.gitignore': '*.env\n',
      'fixtures/prod.py': leak(),
      'Fixtures/prod.py': leak(),
      'prod.ENV': leak(),
    });
    const expected = process.platform === 'linux' ? ['Fixtures/prod.py', 'prod.ENV'] : [];
    expect(scannedFiles(dir).files).toEqual(expected);
  });

  test('expands a quoted glob itself, as a Windows shell will not, and scans its matches as named', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitignore': '*.env\n',
      '.env': `OPENAI_API_KEY=${fakeValue()}\n`,
      'config/prod.env': `OPENAI_API_KEY=${fakeValue(1)}\n`,
      'node_modules/dep/test.env': `OPENAI_API_KEY=${fakeValue()}\n`,
      'app.py': leak(),
    });
    expect(scannedFiles(dir, ['**/*.env'])).toMatchObject({ status: 1, files: ['.env', 'config/prod.env'] });
    const none = runCli(['scan', '**/*.toml'], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      'keyguard: **/*.toml: no file matches this pattern. Check the pattern (quote it so that keyguard expands it), or run: keyguard scan .\n',
    );
  });

  test('never walks node_modules or .git', () => {
    const dir = tempDir();
    writeFiles(dir, { 'node_modules/pkg/index.js': leak(), '.git/config': leak(), 'app.py': 'print(1)\n' });
    expect(scannedFiles(dir, ['--no-ignore'])).toMatchObject({ status: 0, files: [], stats: { files: 1 } });
  });
});

describe('in a git repository', () => {
  test('scans tracked files and untracked files git does not ignore', () => {
    const dir = tempRepo();
    writeFiles(dir, {
      '.gitignore': 'ignored/\n.env\n',
      'tracked.py': leak(),
      'forced.env': `OPENAI_API_KEY=${fakeValue()}\n`,
      'untracked.py': leak(),
      'ignored/leak.py': leak(),
      '.env': `OPENAI_API_KEY=${fakeValue(1)}\n`,
    });
    git(dir, 'add', '.gitignore', 'tracked.py', 'forced.env');
    git(dir, 'commit', '-q', '-m', 'init');
    expect(scannedFiles(dir).files).toEqual(['forced.env', 'tracked.py', 'untracked.py']);
    expect(scannedFiles(dir, ['--no-ignore']).files).toEqual(['.env', 'forced.env', 'ignored/leak.py', 'tracked.py', 'untracked.py']);
  });

  test('scans a git-ignored folder named on the command line, but not the node_modules below it unless named', () => {
    const dir = tempRepo();
    writeFiles(dir, {
      '.gitignore': 'build/\n',
      'build/out.js': leak(),
      'build/node_modules/dep/index.js': leak(),
      'app.py': 'print(1)\n',
    });
    expect(scannedFiles(dir).files).toEqual([]);
    expect(scannedFiles(dir, ['build'])).toMatchObject({ status: 1, files: ['build/out.js'] });
    expect(scannedFiles(dir, ['build/node_modules/dep'])).toMatchObject({ status: 1, files: ['build/node_modules/dep/index.js'] });
  });

  describe.each([false, true])('with --no-ignore and core.ignorecase %s', (ignoreCase) => {
    let dir: string;
    beforeAll(() => {
      dir = tempRepo();
      git(dir, 'config', 'core.ignorecase', String(ignoreCase));
      writeFiles(dir, {
        'app.py': leak(),
        'node_modules/a/index.js': leak(),
        'node_modules/a/node_modules/b/index.js': leak(),
        'lib/node_modules/c/index.js': leak(),
        'lib/src/node_modules.js': leak(),
        'Node_Modules/d.py': leak(),
        'w[1]*/x.py': leak(),
        'w[1]*/node_modules/e/index.js': leak(),
      });
    });

    // Only a node_modules below the target is passed over, whatever the target's name holds
    // and wherever it lies; a folder named in another case is scanned, whatever git's case rule.
    test.each([
      [[], ['Node_Modules/d.py', 'app.py', 'lib/src/node_modules.js', 'w[1]*/x.py']],
      [['lib'], ['lib/src/node_modules.js']],
      [['w[1]*'], ['w[1]*/x.py']],
      [['node_modules'], ['node_modules/a/index.js']],
      [['node_modules/a/node_modules/b'], ['node_modules/a/node_modules/b/index.js']],
      [['lib/node_modules'], ['lib/node_modules/c/index.js']],
    ])('scan %j skips the node_modules below it', (paths, expected) => {
      expect(scannedFiles(dir, ['--no-ignore', ...paths])).toMatchObject({ status: 1, files: expected });
    });
  });

  test('.keyguardignore matches case as the repository says (core.ignorecase)', () => {
    const dir = tempRepo();
    git(dir, 'config', 'core.ignorecase', 'false');
    writeFiles(dir, { '.keyguardignore': 'fixtures/\n', 'fixtures/a.py': leak(), 'Fixtures/a.py': leak() });
    expect(scannedFiles(dir).files).toEqual(['Fixtures/a.py']);
    git(dir, 'config', 'core.ignorecase', 'true');
    expect(scannedFiles(dir).files).toEqual([]);
  });

  test('a tracked file stays scanned even when .gitignore lists it later', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'config.py': leak() });
    git(dir, 'add', 'config.py');
    git(dir, 'commit', '-q', '-m', 'init');
    writeFiles(dir, { '.gitignore': 'config.py\n' });
    expect(scannedFiles(dir).files).toEqual(['config.py']);
  });

  test('applies .keyguardignore files, and reports paths relative to a sub-folder it runs in', () => {
    const dir = tempRepo();
    writeFiles(dir, {
      '.keyguardignore': 'examples/\n',
      'examples/leak.py': leak(),
      'src/app.py': leak(),
      'src/nested/.keyguardignore': 'fixture.py\n',
      'src/nested/fixture.py': leak(),
    });
    expect(scannedFiles(dir).files).toEqual(['src/app.py']);
    expect(scannedFiles(join(dir, 'src'), ['..']).files).toEqual(['app.py']);
    expect(scannedFiles(join(dir, 'src', 'nested'), ['../..']).files).toEqual(['../app.py']);
  });

  test('scans a folder named by path in another repository from outside it', () => {
    const dir = tempRepo();
    writeFiles(dir, { '.gitignore': 'ignored.py\n', 'ignored.py': leak(), 'app.py': leak() });
    const elsewhere = tempDir();
    const result = scannedFiles(elsewhere, [dir]);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatch(/^\.\.\/.*\/app\.py$/);
  });

  test('handles paths with spaces, unicode and pattern characters', () => {
    const dir = tempRepo();
    const names = ['dir with space/my app.py', 'ünïcödé/日本語.py', '[abc]/*star*.py', 'a,b:c.py'];
    writeFiles(dir, Object.fromEntries(names.map((name) => [name, leak()])));
    git(dir, 'add', '[abc]');
    expect(scannedFiles(dir).files).toEqual([...names].sort());
    expect(scannedFiles(dir, ['[abc]']).files).toEqual(['[abc]/*star*.py']);
  });

  test('skips a submodule-like nested repository and says so', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': 'print(1)\n' });
    const nested = join(dir, 'vendor', 'lib');
    mkdirSync(nested, { recursive: true });
    git(nested, 'init', '-q');
    writeFiles(nested, { 'x.py': 'print(2)\n' });
    git(nested, 'add', 'x.py');
    git(nested, 'commit', '-q', '-m', 'lib');
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/skipped 1 submodule\.$/m);
  });
});

describe('what is skipped is counted, never silent', () => {
  test('binary files are scanned for marked keys only: counted in the summary and stats, not listed as skipped', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'image.png': Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(40),
        Buffer.from(leak(fakeKey('unmarked'))),
      ]),
      'lib.so': elfLike([leak(fakeKey('unmarked'))]).bytes,
      'app.py': 'print(1)\n',
    });
    const text = runCli(['scan'], { cwd: dir });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^No secrets found \(1 file scanned, 2 binary files scanned for their marked keys only, \d+ ms\)\.$/m);
    const json = runCli(['scan', '--format', 'json'], { cwd: dir });
    const report = parseJsonReport(json.stdout);
    expect(report.stats.files).toBe(1);
    // Counted as before under stats.skipped (the JSON contract only grows), never listed: they were scanned.
    expect(report.stats.skipped).toEqual({ binary: 2 });
    expect(report.skipped).toEqual([]);
    expect(json.stderr).toBe('');
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: dir }).stdout) as {
      runs: {
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
      }[];
    };
    const [invocation] = sarif.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'note', message: { text: expect.stringMatching(/^Scanned 2 binary file\(s\) only for the keys/) } }),
    ]);
  });

  test('finds marker-anchored keys inside binary files, on line 1 at the byte offset + 1, and still counts them as binary', () => {
    const dir = tempDir();
    const pyc = pycLike(['OPENAI_API_KEY', LEGACY, fakeKey('unmarked', 4)]);
    const elf = elfLike([KEY]);
    writeFiles(dir, { '__pycache__/app.cpython-312.pyc': pyc.bytes, 'bin/app': elf.bytes });
    const run = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = parseJsonReport(run.stdout);
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.column, finding.endColumn])).toEqual([
      ['__pycache__/app.cpython-312.pyc', 1, pyc.offsets[1] + 1, pyc.offsets[1] + LEGACY.length + 1],
      ['bin/app', 1, elf.offsets[0] + 1, elf.offsets[0] + KEY.length + 1],
    ]);
    expect(run.stderr).toBe('');
    expect(report.stats.skipped).toEqual({ binary: 2 });
    expectNoWholeKey([run.stdout, run.stderr], [LEGACY, KEY]);
  });

  test("finds a key in a .NET assembly's UTF-16LE strings, at its byte span, in a scan, --staged and --git", () => {
    const dir = tempRepo();
    const dll = assemblyLike(['OpenAIClient', KEY, LEGACY]);
    writeFiles(dir, { 'bin/App.dll': dll.bytes });
    const spans = (run: { stdout: string }): unknown[] =>
      parseJsonReport(run.stdout).findings.map((finding) => [finding.file, finding.line, finding.column, finding.endColumn]);
    const expected = [
      ['bin/App.dll', 1, dll.offsets[1] + 1, dll.offsets[1] + 2 * KEY.length + 1],
      ['bin/App.dll', 1, dll.offsets[2] + 1, dll.offsets[2] + 2 * LEGACY.length + 1],
    ];
    const scan = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(scan.status).toBe(1);
    expect(spans(scan)).toEqual(expected);
    git(dir, 'add', '.');
    const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(staged.status).toBe(1);
    expect(spans(staged)).toEqual(expected);
    git(dir, 'commit', '-q', '-m', 'add the assembly');
    const history = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: dir });
    expect(history.status).toBe(1);
    expect(spans(history)).toEqual(expected);
    expectNoWholeKey([scan.stdout, scan.stderr, staged.stdout, staged.stderr, history.stdout, history.stderr], [KEY, LEGACY]);
  });

  test('a committed .pyc with a key is found by --staged and by --git', () => {
    const dir = tempRepo();
    const pyc = pycLike(['OPENAI_API_KEY', KEY]);
    writeFiles(dir, { 'app.py': 'print(1)\n', '__pycache__/app.cpython-312.pyc': pyc.bytes });
    git(dir, 'add', '.');
    const where = (run: { stdout: string }): unknown[] =>
      parseJsonReport(run.stdout).findings.map((finding) => [finding.file, finding.line, finding.column]);
    const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(staged.status).toBe(1);
    expect(where(staged)).toEqual([['__pycache__/app.cpython-312.pyc', 1, pyc.offsets[1] + 1]]);
    git(dir, 'commit', '-q', '-m', 'add the bytecode');
    const history = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: dir });
    expect(history.status).toBe(1);
    expect(where(history)).toEqual([['__pycache__/app.cpython-312.pyc', 1, pyc.offsets[1] + 1]]);
    expectNoWholeKey([staged.stdout, staged.stderr, history.stdout, history.stderr], [KEY]);
  });

  test('a text file with a stray NUL, and UTF-16 without a byte-order mark, are scanned as text', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.env': `DEBUG=1\0\nOPENAI_API_KEY=${fakeValue()}\n`,
      'notes.txt': Buffer.from(leak(), 'utf16le'),
    });
    expect(scannedFiles(dir)).toMatchObject({ status: 1, files: ['.env', 'notes.txt'] });
  });

  test('a UTF-16 file with a byte-order mark is text, not binary', () => {
    const dir = tempDir();
    writeFiles(dir, { 'notes.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leak(), 'utf16le')]) });
    expect(scannedFiles(dir)).toMatchObject({ status: 1, files: ['notes.txt'] });
  });

  test('symbolic link loops do not trap the walk', () => {
    const dir = tempDir();
    writeFiles(dir, { 'src/app.py': leak() });
    symlinkSync('.', join(dir, 'src', 'loop')); // src/loop -> src
    symlinkSync('../src', join(dir, 'src', 'up')); // src/up -> src
    symlinkSync('self', join(dir, 'self')); // self -> self: ELOOP when followed
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/1 finding in 1 file \(1 file scanned, \d+ ms\); skipped 3 symbolic links\.$/m);
    // Named on the command line, a loop is followed once by the OS and fails with ELOOP.
    const named = runCli(['scan', 'self', 'src/loop'], { cwd: dir });
    expect(named.status).toBe(1);
    expect(named.stderr).toContain('keyguard: warning: cannot read self (ELOOP); it was not scanned\n');
    expect(named.stdout).toMatch(/^src\/loop\/app\.py\n {2}2:/m);
  });

  test('a FIFO in the walk is reported as unreadable and the scan goes on', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': leak() });
    const made = spawnSync('mkfifo', [join(dir, 'pipe')]);
    if (made.status !== 0) return; // no mkfifo on this system: nothing to test
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('keyguard: warning: cannot read pipe (not a regular file); it was not scanned\n');
    expect(run.stdout).toMatch(/skipped 1 unreadable file\.$/m);
  });

  const withMkfifo = spawnSync('mkfifo', ['--version']).status === 0 ? test : test.skip;
  withMkfifo('a FIFO or a device named on the command line is skipped and counted, never opened (no hang)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': leak() });
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    const run = runCli(['scan', 'pipe', '/dev/zero', '/dev/null', 'app.py'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/1 finding in 1 file \(1 file scanned, \d+ ms\); skipped 3 unreadable files\.$/m);
    expect(run.stderr).toContain('keyguard: warning: cannot read pipe (not a regular file); it was not scanned\n');
    expect(run.stderr).toMatch(/cannot read .*dev\/zero \(not a regular file\)/);
  });

  withMkfifo('a FIFO named .gitignore or .keyguardignore is not read: the walk goes on and counts it', () => {
    const dir = tempDir();
    writeFiles(dir, { 'sub/app.py': leak() });
    expect(spawnSync('mkfifo', [join(dir, '.gitignore')]).status).toBe(0);
    expect(spawnSync('mkfifo', [join(dir, 'sub', '.keyguardignore')]).status).toBe(0);
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/skipped 2 unreadable files\.$/m);
  });

  withMkfifo('a tracked file replaced by a FIFO does not hang a scan in a repository', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': leak(), 'data.txt': 'x\n' });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    rmSync(join(dir, 'data.txt'));
    expect(spawnSync('mkfifo', [join(dir, 'data.txt')]).status).toBe(0);
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/skipped 1 unreadable file\.$/m);
  });

  // /proc/self/mem has a regular file's stat, but reading it from offset 0 fails with EIO,
  // even for root: a real read failure that runs the same code path as EACCES.
  const procMem = process.platform === 'linux' ? test : test.skip;
  procMem('a file whose read fails is a warning, the scan goes on and still finds keys', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': leak() });
    const run = runCli(['scan', '/proc/self/mem', '.'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^keyguard: warning: cannot read .*proc\/self\/mem \(EIO\); it was not scanned\n$/);
    expect(run.stdout).toMatch(/1 finding in 1 file \(1 file scanned, \d+ ms\); skipped 1 unreadable file\.$/m);
  });

  const asNonRoot = typeof process.getuid === 'function' && process.getuid() !== 0 ? test : test.skip;
  asNonRoot('a file without read permission is a warning (not as root: root reads it anyway)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': leak(), 'locked.py': leak(LEGACY) });
    chmodSync(join(dir, 'locked.py'), 0o000);
    try {
      const run = runCli(['scan'], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('keyguard: warning: cannot read locked.py (EACCES); it was not scanned\n');
    } finally {
      chmodSync(join(dir, 'locked.py'), 0o644);
    }
  });

  test('a file over maxFileSize is skipped with a warning that says how to scan it', () => {
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': '{ "maxFileSize": 1000 }', 'big.py': `${'#'.repeat(2000)}\n${leak()}`, 'small.py': leak() });
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^keyguard: warning: big\.py is larger than maxFileSize \(\d+ bytes\); it was not scanned\. Raise "maxFileSize"/,
    );
    expect(run.stdout).toMatch(/skipped 1 file over maxFileSize\.$/m);
  });
});

describe('file contents', () => {
  const cases: { name: string; bytes: () => Buffer; line: number; column: number; invalidUtf8?: boolean }[] = [
    { name: 'CRLF line ends', bytes: () => Buffer.from(leak().replace(/\n/g, '\r\n')), line: 2, column: 26 },
    {
      name: 'a UTF-8 byte-order mark',
      bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(leak())]),
      line: 2,
      column: 26,
    },
    {
      name: 'invalid UTF-8',
      bytes: () => Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' \n'), Buffer.from(leak())]),
      line: 3,
      column: 26,
      invalidUtf8: true,
    },
    {
      name: 'a very long line',
      bytes: () => Buffer.from(`x = 1; ${'y'.repeat(1_000_000)} ; key = "${KEY}"\n`),
      line: 1,
      column: 'x = 1; '.length + 1_000_000 + ' ; key = "'.length + 1,
    },
    {
      name: 'minified JSON with escaped quotes',
      bytes: () => Buffer.from(`{"cells":[{"source":["key = \\"${KEY}\\"\\n"]}]}`),
      line: 1,
      column: 31,
    },
  ];

  test.each(cases)('finds the key at the right place in a file with $name', ({ bytes, line, column, invalidUtf8 }) => {
    const dir = tempDir();
    writeFiles(dir, { 'file.py': bytes() });
    const run = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = parseJsonReport(run.stdout);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'openai-api-key', line, column, endLine: line, endColumn: column + KEY.length });
    if (invalidUtf8) expect(run.stderr).toMatch(/^keyguard: note: 1 file\(s\) hold invalid UTF-8 \(file\.py\)/);
    else expect(run.stderr).toBe('');
  });
});

describe('bad paths', () => {
  test('a path that does not exist exits 2 with one line and no stack trace', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': leak() });
    const run = runCli(['scan', 'app.py', 'no/such/dir'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('keyguard: no/such/dir: no such file or folder. Check the path, or run: keyguard scan .\n');
  });

  test('a path below a file exits 2 too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.py'), 'print(1)\n');
    const run = runCli(['scan', 'app.py/x'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
