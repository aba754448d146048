/**
 * This repository as a hook repository of the pre-commit framework (.pre-commit-hooks.yaml),
 * through the real `pre-commit` (Debian's, 3.0.4 on these machines: the oldest the manifest
 * supports): a project's .pre-commit-config.yaml names a local clone and a commit, as it
 * would name https://github.com/keyguard/keyguard and a tag. pre-commit clones it into its
 * own cache and runs the committed bundle/ from there, with nothing installed or built.
 *
 * In CI (CI=true) a missing `pre-commit` fails the test: .ci/run installs it with apt-get.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  containsAnyKey,
  describeKey,
  exec,
  fakeKey,
  reportPlaces,
  REPO_ROOT,
  removeTempDirs,
  tempDir,
  TempRepo,
  type Run,
} from '@keyguard/test-utils';

jest.setTimeout(180_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 81);
const OLD_KEY = fakeKey('legacy', 82);
const KEYS = [KEY, OLD_KEY];

/** The first yaml code block after `heading` in a Markdown file: what a user copies. */
function yamlBlock(file: string, heading: string): string {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)));
  if (!text.includes(heading) || !block) throw new Error(`${file}: no yaml block after "${heading}"`);
  return block[1];
}
const README_CONFIG = yamlBlock('README.md', '[pre-commit](https://pre-commit.com) framework');
const DOCS_CONFIG = yamlBlock('docs/pre-commit.md', '### The pre-commit framework');

const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const installed = version.status === 0;
if (!installed && process.env.CI !== 'true') {
  console.warn('pre-commit-framework.test.ts: skipped, `pre-commit` is not installed (apt-get install pre-commit; in CI this fails)');
}
const describeWithPreCommit = installed || process.env.CI === 'true' ? describe : describe.skip;

/**
 * A clone of this repository with the working tree's manifest and bundle committed on top (so
 * the test runs what is about to be committed), and that commit's id: the `repo` and `rev`.
 */
function hookRepository(): { path: string; rev: string } {
  const path = tempDir('keyguard-hook-repo-');
  const cloned = exec('git', ['clone', '-q', REPO_ROOT, path], { cwd: REPO_ROOT });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  const repo = new TempRepo(path);
  repo.git('config', 'user.name', 'Keyguard Test');
  repo.git('config', 'user.email', 'test@example.com');
  repo.git('config', 'commit.gpgsign', 'false');
  cpSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), join(path, '.pre-commit-hooks.yaml'));
  cpSync(join(REPO_ROOT, 'bundle'), join(path, 'bundle'), { recursive: true });
  repo.git('add', '-A', '.pre-commit-hooks.yaml', 'bundle');
  if (repo.git('status', '--porcelain', '--untracked-files=no').trim() !== '') repo.commit('the working tree manifest and bundle');
  return { path, rev: repo.head()! };
}

describeWithPreCommit(
  `the pre-commit framework with this repository as a hook repo (${version.stdout.trim() || 'pre-commit missing'})`,
  () => {
    let hooks: { path: string; rev: string };
    /** pre-commit's cache, shared by the tests of this file (it clones the hook repo once). */
    let home: string;

    beforeAll(() => {
      expect(installed).toBe(true); // in CI: install it (apt-get install pre-commit)
      hooks = hookRepository();
      home = tempDir('keyguard-pre-commit-home-');
    });

    const env = (): NodeJS.ProcessEnv => ({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never', NO_COLOR: '1' });
    const preCommit = (repo: TempRepo, args: string[]): Run => exec('pre-commit', args, { cwd: repo.dir, env: env() });

    /** A project whose .pre-commit-config.yaml is the documented one, pointed at the clone. */
    function project(config: string): TempRepo {
      const repo = new TempRepo();
      const pointed = config.replace('https://github.com/keyguard/keyguard', hooks.path).replace(/rev: v\S+/, `rev: ${hooks.rev}`);
      expect(pointed).toContain(hooks.rev);
      repo.write('.pre-commit-config.yaml', pointed);
      repo.write('README.md', '# a project\n').add('.pre-commit-config.yaml', 'README.md').commit('set up');
      const install = preCommit(repo, ['install']);
      expect(install.stderr).toBe('');
      expect(install.status).toBe(0);
      return repo;
    }

    const commit = (repo: TempRepo): Run => repo.tryGit(['commit', '-m', 'change'], env());

    it(`blocks a commit that adds a key (${describeKey(KEY)}) and lets the clean commit through`, () => {
      const repo = project(README_CONFIG);
      repo.write('app.py', `import openai\nopenai.api_key = "${KEY}"\n`).add('app.py');
      const blocked = commit(repo);
      expect(blocked.status).toBe(1);
      expect(blocked.output).toContain('keyguard (OpenAI API keys the commit adds)');
      expect(blocked.output).toContain('commit blocked');
      expect(reportPlaces(blocked.output)).toContain('app.py:2');
      expect(containsAnyKey(blocked.output, KEYS)).toBe(false);
      expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');

      repo.write('app.py', 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n').add('app.py');
      const clean = commit(repo);
      expect(clean.output).toMatch(/keyguard \(OpenAI API keys the commit adds\)\.+Passed/);
      expect(clean.status).toBe(0);
      expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
    });

    it('passes file names as files: a staged file named init or --help is scanned, not run', () => {
      const repo = project(README_CONFIG);
      repo.write('init', `OPENAI_API_KEY=${KEY}\n`).write('--help', 'nothing here\n').add('init', '--help');
      const blocked = commit(repo);
      expect(blocked.status).toBe(1);
      expect(reportPlaces(blocked.output)).toContain('init:1');
      expect(blocked.output).not.toContain('Usage');
      expect(repo.exists('.husky')).toBe(false);
    });

    it('pre-commit run keyguard-files --all-files finds a key already committed; the commit hook is for what a commit adds', () => {
      const repo = project(DOCS_CONFIG);
      repo
        .write('settings.py', `import os\nOPENAI_API_KEY = "${OLD_KEY}"\n`)
        .add('settings.py')
        .commit('an old leak, committed past the hook');
      repo.write('clean.txt', 'nothing\n').add('clean.txt').commit('later');

      const commitHook = preCommit(repo, ['run', '--all-files']);
      expect(commitHook.output).toMatch(/keyguard \(OpenAI API keys the commit adds\)\.+Passed/);
      expect(commitHook.status).toBe(0);

      const files = preCommit(repo, ['run', 'keyguard-files', '--all-files', '--hook-stage', 'manual']);
      expect(files.status).toBe(1);
      expect(files.output).toMatch(/keyguard \(OpenAI API keys anywhere in the files\)\.+Failed/);
      expect(files.output).toMatch(/settings\.py(:|\s+)2:\d+/);
      expect(containsAnyKey(files.output, KEYS)).toBe(false);
    });

    it('installs nothing: the hook environment is the clone, with no node_modules and no build', () => {
      const clones = exec(
        'sh',
        [
          '-c',
          'ls -d "$PRE_COMMIT_HOME"/repo*/bundle 2>/dev/null; ls -d "$PRE_COMMIT_HOME"/repo*/node_modules "$PRE_COMMIT_HOME"/repo*/packages/*/dist 2>/dev/null; true',
        ],
        { cwd: home, env: env() },
      );
      const lines = clones.stdout.split('\n').filter(Boolean);
      expect(lines.some((line) => line.endsWith('/bundle'))).toBe(true);
      expect(lines.filter((line) => !line.endsWith('/bundle'))).toEqual([]);
    });
  },
);

// A file-level check that holds without pre-commit: what the manifest asks for exists and runs.
describe('.pre-commit-hooks.yaml', () => {
  it('names committed, executable entry points in bundle/', () => {
    const manifest = exec('git', ['ls-files', '-s', '--', 'bundle/keyguard.js', 'bundle/keyguard-pre-commit.js'], {
      cwd: REPO_ROOT,
    }).stdout;
    expect(manifest).toMatch(/^100755 \S+ \d\tbundle\/keyguard-pre-commit\.js$/m);
    expect(manifest).toMatch(/^100755 \S+ \d\tbundle\/keyguard\.js$/m);
  });
});
