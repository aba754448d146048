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
/** The pre-push stage's name: `push` before pre-commit 3.2 (which rejects `pre-push`), `pre-push` since. */
const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(version.stdout) ?? []).slice(1).map(Number);
const PUSH_STAGE = major > 3 || (major === 3 && minor >= 2) ? 'pre-push' : 'push';

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
      const pointed = config
        .replace('https://github.com/keyguard/keyguard', hooks.path)
        .replace(/rev: v\S+/, `rev: ${hooks.rev}`)
        .replace('stages: [pre-push]', `stages: [${PUSH_STAGE}]`);
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

    describe('keyguard-pre-push at the pre-push stage (pre-commit install --hook-type pre-push)', () => {
      /** The documented project, its pre-push hook installed, a bare remote, main pushed once. */
      function pushingProject(): { repo: TempRepo; remote: string } {
        const repo = project(DOCS_CONFIG);
        expect(DOCS_CONFIG).toMatch(/- id: keyguard-pre-push\b[^\n]*\n\s+stages: \[pre-push\]/);
        const install = preCommit(repo, ['install', '--hook-type', 'pre-push']);
        expect(install.status).toBe(0);
        const remote = join(tempDir('keyguard-remote-'), 'origin.git');
        expect(exec('git', ['init', '-q', '--bare', remote], { cwd: repo.dir }).status).toBe(0);
        repo.git('remote', 'add', 'origin', remote);
        // The first push sends the root commit: pre-commit sets no range, only the local branch.
        const first = push(repo, ['-u', 'origin', 'main']);
        expect(first.output).toMatch(/keyguard \(OpenAI API keys in the commits being pushed\)\.+Passed/);
        expect(first.status).toBe(0);
        return { repo, remote };
      }
      const push = (repo: TempRepo, args: string[]): Run => repo.tryGit(['push', ...args], env());
      const remoteHead = (remote: string, ref: string): string | undefined => {
        const run = exec('git', ['rev-parse', '--verify', '-q', ref], { cwd: remote });
        return run.status === 0 ? run.stdout.trim() : undefined;
      };
      function expectBlocked(run: Run, file: string): void {
        expect(run.status).not.toBe(0);
        expect(run.output).toMatch(/keyguard \(OpenAI API keys in the commits being pushed\)\.+Failed/);
        expect(run.output).toMatch(/keyguard: push blocked: the commits being pushed to origin hold 1 finding in 1 file/);
        expect(run.output).toMatch(new RegExp(`^${file.replace('.', '\\.')} @ [0-9a-f]{12}$`, 'm'));
        expect(containsAnyKey(run.output, KEYS)).toBe(false);
      }

      it('blocks a push of a commit that adds a key, also when a later commit deletes the file; a clean push passes', () => {
        const { repo, remote } = pushingProject();
        const pushed = remoteHead(remote, 'main');
        // Past the commit hook (--no-verify), as a cherry-pick or a rebase would be.
        repo.write('app.py', `import openai\nopenai.api_key = "${KEY}"\n`).add('app.py');
        repo.git('commit', '-q', '--no-verify', '-m', 'add the client');
        expectBlocked(push(repo, ['origin', 'main']), 'app.py');
        expect(remoteHead(remote, 'main')).toBe(pushed);
        // No file differs between the range's ends now; the key is still in a pushed commit.
        repo.git('rm', '-q', 'app.py');
        repo.git('commit', '-q', '--no-verify', '-m', 'remove it again');
        expect(repo.git('diff', '--name-only', `${pushed}`, 'HEAD').trim()).toBe('');
        expectBlocked(push(repo, ['origin', 'main']), 'app.py');
        expect(remoteHead(remote, 'main')).toBe(pushed);
        // The commits rewritten: the push passes.
        repo.git('reset', '-q', '--hard', pushed!);
        repo.write('app.py', 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n').add('app.py');
        repo.git('commit', '-q', '--no-verify', '-m', 'read it from the environment');
        const clean = push(repo, ['origin', 'main']);
        expect(clean.output).toMatch(/keyguard \(OpenAI API keys in the commits being pushed\)\.+Passed/);
        expect(clean.status).toBe(0);
        expect(remoteHead(remote, 'main')).toBe(repo.head());
      });

      it('scans a new branch from where it leaves pushed history, and lets a deletion through', () => {
        const { repo, remote } = pushingProject();
        repo.git('checkout', '-q', '-b', 'feature');
        repo.write('settings.py', `OPENAI_API_KEY = "${OLD_KEY}"\n`).add('settings.py');
        repo.git('commit', '-q', '--no-verify', '-m', 'a key on a new branch');
        expectBlocked(push(repo, ['origin', 'feature']), 'settings.py');
        expect(remoteHead(remote, 'feature')).toBeUndefined();

        repo.git('checkout', '-q', 'main');
        repo.git('checkout', '-q', '-b', 'docs');
        repo.write('docs.md', '# docs\n').add('docs.md');
        repo.git('commit', '-q', '--no-verify', '-m', 'clean branch');
        const clean = push(repo, ['origin', 'docs']);
        expect(clean.output).toMatch(/keyguard \(OpenAI API keys in the commits being pushed\)\.+Passed/);
        expect(clean.status).toBe(0);
        expect(remoteHead(remote, 'docs')).toBe(repo.head());

        const deletion = push(repo, ['origin', '--delete', 'docs']);
        expect(deletion.status).toBe(0);
        expect(remoteHead(remote, 'docs')).toBeUndefined();
      });

      it('scans a range given by hand, and with no range says it checked nothing and passes', () => {
        const { repo } = pushingProject();
        const base = repo.head()!;
        repo.write('app.py', `token = "${KEY}"\n`).add('app.py');
        repo.git('commit', '-q', '--no-verify', '-m', 'a key');
        const ranged = preCommit(repo, ['run', 'keyguard-pre-push', '--hook-stage', PUSH_STAGE, '--from-ref', base, '--to-ref', 'HEAD']);
        expect(ranged.status).toBe(1);
        expect(ranged.output).toMatch(/push blocked: the commits being pushed to the remote hold 1 finding/);
        expect(containsAnyKey(ranged.output, KEYS)).toBe(false);

        const none = preCommit(repo, ['run', 'keyguard-pre-push', '--hook-stage', PUSH_STAGE, '--verbose']);
        expect(none.status).toBe(0);
        expect(none.output).toMatch(
          /keyguard-pre-push checks the commits a push sends; pre-commit ran it with no push .*checked nothing here/,
        );
        expect(none.output).toMatch(/stages: \[pre-push\]/);
      });
    });

    it('keyguard-pre-push listed without stages leaves commits to keyguard: a clean commit passes, a key is still blocked', () => {
      // A user who copies the hook id without `stages:` (pre-commit runs it at every installed stage).
      const config = DOCS_CONFIG.replace(/\n\s+stages: \[pre-push\][^\n]*/, '');
      expect(config).toMatch(/- id: keyguard-pre-push\b[^\n]*\n\s+- id: keyguard-files/);
      const repo = project(config);
      repo.write('notes.txt', 'nothing secret\n').add('notes.txt');
      const clean = commit(repo);
      expect(clean.output).toMatch(/keyguard \(OpenAI API keys in the commits being pushed\)\.+Passed/);
      expect(clean.status).toBe(0);
      expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
      repo.write('app.py', `OPENAI_API_KEY = "${KEY}"\n`).add('app.py');
      const blocked = commit(repo);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toMatch(/keyguard \(OpenAI API keys the commit adds\)\.+Failed/);
      expect(containsAnyKey(blocked.output, KEYS)).toBe(false);
      expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
    });

    it('keyguard, which sets no stages, also blocks a clean merge that brings a key once pre-merge-commit is installed', () => {
      const repo = project(README_CONFIG);
      expect(preCommit(repo, ['install', '--hook-type', 'pre-merge-commit']).status).toBe(0);
      repo.git('checkout', '-q', '-b', 'feature');
      repo.write('feature.py', `OPENAI_API_KEY = "${KEY}"\n`).add('feature.py');
      repo.git('commit', '-q', '--no-verify', '-m', 'a key, past the commit hook');
      repo.git('checkout', '-q', 'main');
      repo.write('other.txt', 'main moves on\n').add('other.txt');
      expect(commit(repo).status).toBe(0);
      const before = repo.head();
      const merged = repo.tryGit(['merge', '--no-ff', '--no-edit', 'feature'], env());
      expect(merged.status).not.toBe(0);
      expect(merged.output).toMatch(/keyguard \(OpenAI API keys the commit adds\)\.+Failed/);
      expect(reportPlaces(merged.output)).toContain('feature.py:1');
      expect(containsAnyKey(merged.output, KEYS)).toBe(false);
      expect(repo.head()).toBe(before);
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
