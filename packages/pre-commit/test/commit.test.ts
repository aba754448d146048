/**
 * Real `git commit`s through the hook that `init` installs: the plain git hook (keyguard-pre-commit
 * on PATH) and husky 9 + lint-staged 16 (this repository's own copies, linked into a temporary
 * Node project, so the test runs offline).
 */
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { containsAnyKey, describeKey, fakeKey, pycLike, reportPlaces } from '@keyguard/test-utils';
import { binFolder, exec, nodeProject, removeTempDirs, REPO_ROOT, runHookBin, tempDir, TempRepo, type Run } from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 61);
const OTHER = fakeKey('admin', 62);
const KEYS = [KEY, OTHER];
const keyLine = (key = KEY): string => `token = "${key}"`;

function commit(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv, cwd = repo.dir): Run {
  return repo.tryGit(['commit', '-m', 'change', ...args], env, cwd);
}

function expectBlocked(run: Run, place: string): void {
  expect(run.status).not.toBe(0);
  expect(run.output).toMatch(/commit blocked/);
  expect(reportPlaces(run.output)).toContain(place);
  expect(containsAnyKey(run.output, KEYS)).toBe(false);
}

describe(`a real git commit through the plain hook (keys like ${describeKey(KEY)})`, () => {
  const env = { PATH: `${binFolder()}${delimiter}${process.env.PATH}` };

  function plainRepo(): TempRepo {
    const repo = new TempRepo();
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    return repo;
  }

  it('blocks the first commit of a repository when it adds a key, and allows it once fixed', () => {
    const repo = plainRepo().write('app.py', `import os\n${keyLine()}\n`).add('app.py');
    expectBlocked(commit(repo, [], env), 'app.py:2');
    expect(repo.head()).toBeUndefined();
    repo.write('app.py', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n').add('app.py');
    const run = commit(repo, [], env);
    expect(run.status).toBe(0);
    expect(repo.head()).toBeDefined();
  });

  it('follows partial staging: judges what is staged, not the working tree', () => {
    const repo = plainRepo().write('app.py', 'a\nb\n').add('app.py').commit();
    repo.write('app.py', 'a\nb\nc\n').add('app.py').write('app.py', `a\nb\nc\n${keyLine()}\n`);
    expect(commit(repo, [], env).status).toBe(0); // the key stays in the working tree only
    repo.write('app.py', `a\nb\nc\n${keyLine()}\n`).add('app.py').write('app.py', 'a\nb\nc\n');
    expectBlocked(commit(repo, [], env), 'app.py:4'); // staged, then deleted from the working tree
  });

  it('blocks `git commit -a` and `git commit <path>`, which stage through a temporary index', () => {
    const repo = plainRepo().write('app.py', 'a\n').write('other.txt', 'o\n').add('app.py', 'other.txt').commit();
    repo.write('app.py', `a\n${keyLine()}\n`);
    expectBlocked(commit(repo, ['-a'], env), 'app.py:2');
    expectBlocked(commit(repo, ['--', 'app.py'], env), 'app.py:2');
    repo.write('other.txt', 'o\np\n');
    expect(commit(repo, ['--', 'other.txt'], env).status).toBe(0);
  });

  it('blocks a conflict resolution that adds a key, and reports paths from the repository root', () => {
    const repo = plainRepo().write('src/shared.txt', 'a\nb\nc\n').add('src/shared.txt').commit('base');
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('src/shared.txt', 'a\nother\nc\n').add('src/shared.txt').commit('other');
    repo.git('checkout', '-q', 'main');
    repo.write('src/shared.txt', 'a\nmine\nc\n').add('src/shared.txt').commit('mine');
    expect(repo.tryGit(['merge', '-q', 'other']).status).not.toBe(0);
    repo.write('src/shared.txt', `a\nmine\nother\n${keyLine(OTHER)}\nc\n`).add('src/shared.txt');
    expectBlocked(commit(repo, ['--no-edit'], env, join(repo.dir, 'src')), 'src/shared.txt:4');
    repo.write('src/shared.txt', 'a\nmine\nother\nc\n').add('src/shared.txt');
    expect(commit(repo, ['--no-edit'], env).status).toBe(0);
  });

  it('commits renames, deletions, accepted submodules and binary files that add no key', () => {
    const repo = plainRepo()
      .write('keyguard.config.json', JSON.stringify({ onSkipped: { submodule: 'warn' } }))
      .write('old.txt', `${keyLine()}\n`)
      .write('gone.txt', `${keyLine(OTHER)}\n`)
      .add('old.txt', 'gone.txt')
      .commit();
    repo.git('mv', 'old.txt', 'new.txt');
    repo.git('rm', '-q', 'gone.txt');
    repo.write('image.bin', Buffer.from([0, 255, 0, 1]));
    repo.add('image.bin');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${repo.head()},vendor/lib`);
    const run = commit(repo, [], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('fails closed: a scan that cannot run blocks the commit and says how to bypass', () => {
    const repo = plainRepo().write('keyguard.config.json', '{ "maxFileSize": "big" }').write('a.txt', 'clean\n').add('a.txt');
    const run = commit(repo, [], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/commit blocked because the secrets scan failed: keyguard\.config\.json/);
    expect(run.stderr).toContain('git commit --no-verify');
    expect(repo.head()).toBeUndefined();
    expect(commit(repo, ['--no-verify'], env).status).toBe(0);
  });

  it('blocks, with a message, when keyguard-pre-commit is not installed', () => {
    const repo = plainRepo().write('a.txt', 'clean\n').add('a.txt');
    const withoutIt = { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter) };
    const run = commit(repo, [], withoutIt);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/keyguard-pre-commit is not installed/);
  });
});

/**
 * The cases that break hooks, each through a real `git commit` with the plain hook: how the
 * repository is brought to the commit, then where the hook must block (or null: allowed).
 */
const BODY = Array.from({ length: 40 }, (_, i) => `line ${i} of a file long enough for git to call a near copy a copy`);
const text = (...lines: string[]): string => `${lines.join('\n')}\n`;
const hookCases: [string, (repo: TempRepo) => { cwd?: string; args?: string[] } | void, string | null][] = [
  [
    'a copied file: the new path, the added line',
    (repo) => {
      repo
        .write('src.txt', text(...BODY))
        .add('src.txt')
        .commit();
      repo
        .write('src.txt', text(...BODY, 'more'))
        .write('copy.txt', text(...BODY, keyLine()))
        .add('src.txt', 'copy.txt');
    },
    'copy.txt:41',
  ],
  [
    'a new executable file',
    (repo) => {
      repo.write('deploy.sh', text('#!/bin/sh', keyLine()));
      chmodSync(join(repo.dir, 'deploy.sh'), 0o755);
      repo.add('deploy.sh');
    },
    'deploy.sh:2',
  ],
  [
    'a mode change of a file committed with a key (adds no line)',
    (repo) => {
      repo.write('run.sh', text('#!/bin/sh', keyLine())).add('run.sh').commit();
      chmodSync(join(repo.dir, 'run.sh'), 0o755);
      repo.add('run.sh');
    },
    null,
  ],
  [
    'a name with double quotes (shown quoted)',
    (repo) => void repo.write('say "hi".txt', text('x', keyLine())).add('say "hi".txt'),
    '"say \\"hi\\".txt":2',
  ],
  ['a unicode name', (repo) => void repo.write('données/clé ü.txt', text('x', keyLine())).add('données'), 'données/clé ü.txt:2'],
  [
    'a name with a newline (shown quoted)',
    (repo) => void repo.write('new\nline.txt', text('x', keyLine())).add('new\nline.txt'),
    '"new\\nline.txt":2',
  ],
  [
    'core.autocrlf=true',
    (repo) => {
      repo.git('config', 'core.autocrlf', 'true');
      repo.write('win.txt', `one\r\ntwo\r\n${keyLine()}\r\n`).add('win.txt');
    },
    'win.txt:3',
  ],
  [
    'a merge committed after --no-commit (the first parent is HEAD)',
    (repo) => {
      repo.write('base.txt', 'base\n').add('base.txt').commit();
      repo.git('checkout', '-q', '-b', 'feature');
      repo.write('feature.txt', text('f', keyLine())).add('feature.txt').commit('feature');
      repo.git('checkout', '-q', 'main');
      repo.write('main.txt', 'main\n').add('main.txt').commit('main');
      repo.git('merge', '--no-ff', '--no-commit', '-q', 'feature');
      return { args: ['--no-edit'] };
    },
    'feature.txt:2',
  ],
  [
    'a commit from a linked worktree',
    (repo) => {
      repo.write('base.txt', 'base\n').add('base.txt').commit();
      const worktree = join(tempDir(), 'wt');
      repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
      new TempRepo(worktree).write('side/app.py', text('s', keyLine())).add('side');
      return { cwd: join(worktree, 'side') };
    },
    'side/app.py:2',
  ],
  [
    'a file over maxFileSize that the config accepts (skipped, with a warning)',
    (repo) => {
      repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 2000, onSkipped: { 'too-large': 'warn' } }));
      repo.write('big.txt', text('x'.repeat(3000), keyLine())).add('big.txt');
    },
    null,
  ],
  // Issue 11's silent passes, each through a real commit: none may let the key through.
  [
    'an 11 MiB dump with the key at its end (streamed from git, no size cap)',
    (repo) => {
      const rows = Array.from({ length: 220_000 }, (_, i) => `{"row": ${i}, "text": "lorem ipsum dolor sit amet"},`);
      repo.write('dump.json', `${rows.join('\n')}\n${keyLine()}\n`).add('dump.json');
    },
    'dump.json:220001',
  ],
  ['a .env with a stray NUL byte (text, not binary)', (repo) => void repo.write('.env', `DEBUG=1\0\n${keyLine()}\n`).add('.env'), '.env:2'],
  [
    'UTF-16 without a byte-order mark (told by its zero bytes)',
    (repo) => void repo.write('notes.txt', Buffer.from(text('notes', keyLine()), 'utf16le')).add('notes.txt'),
    'notes.txt:2',
  ],
  [
    'a compiled file holding a marked key (binary: scanned for marked keys)',
    (repo) => void repo.write('app.pyc', pycLike(['OPENAI_API_KEY', KEY]).bytes).add('app.pyc'),
    'app.pyc:1',
  ],
  ['an inline keyguard-ignore', (repo) => void repo.write('fixture.py', text(`${keyLine()}  # keyguard-ignore`)).add('fixture.py'), null],
  [
    'a finding recorded in .keyguard-baseline.json',
    (repo) => {
      repo.write('known.txt', text(keyLine(OTHER))).add('known.txt');
      expect(
        exec(process.execPath, [join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js'), 'baseline', 'known.txt'], { cwd: repo.dir }).status,
      ).toBe(0);
    },
    null,
  ],
];

describe('the cases that break hooks, through a real git commit with the plain hook', () => {
  const env = { PATH: `${binFolder()}${delimiter}${process.env.PATH}` };

  it('blocks a file over maxFileSize that the config does not accept: not scanned is not passed (exit 2)', () => {
    const repo = new TempRepo();
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 2000 }));
    repo.write('big.txt', text('x'.repeat(3000), keyLine())).add('big.txt');
    const run = commit(repo, [], env);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/big\.txt \(too-large\)/);
    expect(run.output).toMatch(/"onSkipped": \{ "too-large": "warn" \}/);
    expect(repo.head()).toBeUndefined();
    expect(containsAnyKey(run.output, KEYS)).toBe(false);
  });

  it.each(hookCases)('%s', (_, arrange, place) => {
    const repo = new TempRepo();
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    const { cwd, args = [] } = arrange(repo) ?? {};
    const before = repo.tryGit(['rev-parse', '-q', '--verify', 'HEAD'], {}, cwd ?? repo.dir).stdout;
    const run = commit(repo, args, env, cwd);
    const after = repo.tryGit(['rev-parse', '-q', '--verify', 'HEAD'], {}, cwd ?? repo.dir).stdout;
    if (place === null) {
      expect(run.output).not.toMatch(/commit blocked/);
      expect(run.status).toBe(0);
      expect(after).not.toBe(before);
    } else {
      expectBlocked(run, place);
      expect(after).toBe(before);
    }
    expect(containsAnyKey(run.output, KEYS)).toBe(false);
  });
});

/** The two hooks init writes in a Node project: keyguard alone, or through the project's lint-staged. */
const nodeSetUps: { name: string; devDependencies: Record<string, string>; hook: RegExp; lintStaged?: Record<string, string> }[] = [
  {
    name: 'husky running keyguard-pre-commit (no lint-staged in the project)',
    devDependencies: {},
    hook: /^keyguard-pre-commit # /,
    lintStaged: undefined,
  },
  {
    name: 'husky + lint-staged (the project uses lint-staged)',
    devDependencies: { 'lint-staged': '^16.2.0' },
    hook: /^lint-staged\n$/,
    lintStaged: { '*': 'keyguard-pre-commit' },
  },
];

describe.each(nodeSetUps)(`a real git commit through $name (keys like ${describeKey(KEY)})`, ({ devDependencies, hook, lintStaged }) => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = nodeProject(devDependencies);
    const init = runHookBin(['init'], repo.dir);
    expect(init.status).toBe(0);
    // What `npm install` runs through the "prepare": "husky" script that init added.
    const husky = exec(process.execPath, [join(repo.dir, 'node_modules', 'husky', 'bin.js')], { cwd: repo.dir });
    expect(husky.status).toBe(0);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it('was set up by init: the husky hook, the lint-staged entry only with lint-staged', () => {
    expect(readFileSync(join(repo.dir, '.husky', 'pre-commit'), 'utf8')).toMatch(hook);
    const manifest = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'));
    expect(manifest['lint-staged']).toEqual(lintStaged);
  });

  it('allows a clean first commit', () => {
    repo.write('README.md', '# demo\n').add('.gitignore', 'package.json', '.husky/pre-commit', 'README.md');
    const run = commit(repo, [], {});
    expect(run.stderr).not.toMatch(/blocked/);
    expect(run.status).toBe(0);
  });

  it('blocks a commit that adds a key, naming the staged path and line', () => {
    repo.write('src/my app/client.ts', `import OpenAI from 'openai';\n\nconst client = new OpenAI({ apiKey: "${KEY}" });\n`).add('src');
    const before = repo.head();
    expectBlocked(commit(repo, [], {}), 'src/my app/client.ts:3');
    expect(repo.head()).toBe(before);
    // The index and working tree are as they were (lint-staged puts them back; keyguard alone never touches them).
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('src/my app/client.ts');
  });

  it('allows the commit once the key is read from the environment', () => {
    repo
      .write('src/my app/client.ts', "import OpenAI from 'openai';\n\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n")
      .add('src');
    const run = commit(repo, [], {});
    expect(run.status).toBe(0);
    rmSync(join(repo.dir, 'src'), { recursive: true });
  });
});
