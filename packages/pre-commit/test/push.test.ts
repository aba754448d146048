/**
 * The hooks git runs where pre-commit does not: real `git push`es to a bare remote through the
 * pre-push hook that `init` installs (plain, and husky), and a real clean `git merge` through
 * pre-merge-commit. A key committed with --no-verify (or by a cherry-pick, a rebase, another
 * clone) is stopped before it leaves the machine; what the remote already has is not scanned again.
 */
import { readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  binFolder,
  containsAnyKey,
  describeKey,
  exec,
  fakeKey,
  nodeProject,
  removeTempDirs,
  runHookBin,
  tempDir,
  TempRepo,
  type Run,
} from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 81);
const OTHER = fakeKey('svcacct', 82);
const KEYS = [KEY, OTHER];
const ZERO = '0'.repeat(40);

/** A repository with its hooks set up by `init`, a bare remote `origin`, and one clean commit pushed. */
function pushingRepo(env: NodeJS.ProcessEnv, setUp: () => TempRepo = () => new TempRepo()): { repo: TempRepo; remote: string } {
  const repo = setUp();
  expect(runHookBin(['init'], repo.dir).status).toBe(0);
  const remote = join(tempDir('keyguard-remote-'), 'origin.git');
  expect(exec('git', ['init', '-q', '--bare', remote], { cwd: repo.dir }).status).toBe(0);
  repo.git('remote', 'add', 'origin', remote);
  repo.write('README.md', '# demo\n').add('.').commit('first');
  const first = push(repo, env, ['-u', 'origin', 'main']);
  expect(first.stderr).not.toMatch(/blocked/);
  expect(first.status).toBe(0);
  return { repo, remote };
}

const push = (repo: TempRepo, env: NodeJS.ProcessEnv, args: string[] = ['origin', 'HEAD']): Run =>
  repo.tryGit(['push', '-q', ...args], env);
const remoteHead = (remote: string, ref = 'main'): string | undefined => {
  const run = exec('git', ['rev-parse', '--verify', '-q', ref], { cwd: remote });
  return run.status === 0 ? run.stdout.trim() : undefined;
};

function expectPushBlocked(run: Run, file: string, place = '1 file'): void {
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(`keyguard: push blocked: the commits being pushed to origin hold 1 finding in ${place}.`);
  expect(run.stderr).toMatch(new RegExp(`^${file.replace('.', '\\.')} @ [0-9a-f]{12}$`, 'm'));
  expect(run.stderr).toMatch(/nothing was sent to origin/);
  expect(run.stderr).toMatch(/git push --no-verify/);
  expect(containsAnyKey(run.output, KEYS)).toBe(false);
}

describe(`git push through the plain pre-push hook (keys like ${describeKey(KEY)})`, () => {
  const env = { PATH: `${binFolder()}${delimiter}${process.env.PATH}` };

  it('init installs pre-push and pre-merge-commit beside pre-commit', () => {
    const { repo } = pushingRepo(env);
    const hooks = join(repo.dir, '.git', 'hooks');
    expect(readFileSync(join(hooks, 'pre-push'), 'utf8')).toMatch(/keyguard-pre-commit pre-push "\$@" \|\| exit \$\?/);
    expect(readFileSync(join(hooks, 'pre-merge-commit'), 'utf8')).toMatch(/^\s*keyguard-pre-commit \|\| exit \$\?$/m);
    const again = runHookBin(['init'], repo.dir);
    expect(again.stdout).toMatch(/Nothing to change/);
  });

  it('blocks a push whose commit adds a key that bypassed the commit hook, until the commit is rewritten', () => {
    const { repo, remote } = pushingRepo(env);
    const before = remoteHead(remote);
    repo.write('app.py', `import os\ntoken = "${KEY}"\n`).add('app.py').commit('add the client');
    repo.write('notes.txt', 'later\n').add('notes.txt').commit('a clean commit on top');
    expectPushBlocked(push(repo, env), 'app.py');
    expect(remoteHead(remote)).toBe(before);
    // Deleting the line in a new commit leaves the key in the pushed history: still blocked.
    repo.write('app.py', 'import os\ntoken = os.environ["OPENAI_API_KEY"]\n').add('app.py').commit('read it from the environment');
    const still = push(repo, env);
    expectPushBlocked(still, 'app.py');
    expect(still.stderr).toMatch(/git rebase -i [0-9a-f]{12}\^/);
    // Rewritten without the key: the push goes through.
    repo.git('reset', '-q', '--soft', before!);
    repo.commit('add the client, reading the key from the environment');
    const clean = push(repo, env);
    expect(clean.stderr).not.toMatch(/blocked/);
    expect(clean.status).toBe(0);
    expect(remoteHead(remote)).toBe(repo.head());
  });

  it('blocks a push whose commit message holds a key (the commit hook cannot see a message)', () => {
    const { repo, remote } = pushingRepo(env);
    const before = remoteHead(remote);
    repo.write('notes.txt', 'clean\n').add('notes.txt').commit(`use ${KEY} for the demo`);
    const blocked = push(repo, env);
    expectPushBlocked(blocked, '\\(commit message\\)', '1 commit message');
    // The steps fit a message: rewrite it (the key has not left the machine), not the files.
    const commit = repo.head()!.slice(0, 12);
    expect(blocked.stderr).toContain(
      `1. Rewrite the message of commit ${commit}, which holds the key: git commit --amend if it is the last commit`,
    );
    expect(blocked.stderr).toMatch(/^ {2}3\. Push again\.$/m);
    expect(blocked.stderr).not.toMatch(/Move the key to an environment variable|not only out of the files/);
    expect(remoteHead(remote)).toBe(before);
    repo.git('commit', '-q', '--amend', '-m', 'the demo reads OPENAI_API_KEY');
    expect(push(repo, env).status).toBe(0);
  });

  it('scans only what the remote does not have: a new branch on top of pushed history, a deletion', () => {
    const { repo, remote } = pushingRepo(env);
    // A key the remote already has (pushed around the hook) is not this push's to block.
    repo.write('old.py', `token = "${OTHER}"\n`).add('old.py').commit('an old leak');
    expect(push(repo, env, ['--no-verify', 'origin', 'main']).status).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', 'clean\n').add('feature.txt').commit('feature');
    const newBranch = push(repo, env, ['origin', 'feature']);
    expect(newBranch.stderr).not.toMatch(/blocked/);
    expect(newBranch.status).toBe(0);
    // A new branch whose own commit adds a key: blocked, and only that key is named.
    repo.git('checkout', '-q', '-b', 'leaky');
    repo.write('src/app.py', `token = "${KEY}"\n`).add('src/app.py').commit('leak');
    const leaky = push(repo, env, ['origin', 'leaky']);
    expectPushBlocked(leaky, 'src/app.py');
    expect(leaky.stderr).not.toMatch(/old\.py/);
    expect(remoteHead(remote, 'leaky')).toBeUndefined();
    // Deleting a remote branch sends no commit.
    const deletion = push(repo, env, ['origin', '--delete', 'feature']);
    expect(deletion.status).toBe(0);
    expect(remoteHead(remote, 'feature')).toBeUndefined();
  });

  it('blocks a clean merge that brings in a key, through pre-merge-commit', () => {
    const { repo } = pushingRepo(env);
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.py', `token = "${KEY}"\n`).add('side.py').commit('a key, committed around the hook');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', 'main moves on\n').add('main.txt').commit('main');
    const head = repo.head();
    const merge = repo.tryGit(['merge', '--no-ff', '--no-edit', 'side'], env);
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(/commit blocked/);
    expect(merge.stderr).toMatch(/^side\.py$/m);
    expect(containsAnyKey(merge.output, KEYS)).toBe(false);
    expect(repo.head()).toBe(head);
  });

  it('blocks a push with a commit it could not read, and says a commit, not a file, was not read', () => {
    const { repo, remote } = pushingRepo(env);
    const before = remoteHead(remote);
    repo.write('lib/util.py', 'x = 1\n').add('lib').commit('lib');
    repo.write('notes.txt', 'clean\n').add('notes.txt').commit('a clean commit on top');
    // The folder's tree is lost (a damaged clone): git log cannot list that commit's changes.
    const tree = repo.git('rev-parse', 'HEAD~1:lib').trim();
    rmSync(join(repo.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const blocked = push(repo, env);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/^keyguard: push blocked: 1 commit could not be read \(above\)\. .*git push --no-verify$/m);
    expect(blocked.stderr).toMatch(/cannot read commit [0-9a-f]{12} \(unable to read tree/);
    expect(blocked.stderr).not.toMatch(/file version/);
    expect(remoteHead(remote)).toBe(before);
  });

  it('fails closed on input that is not what git passes, in one line, exit 2', () => {
    const { repo } = pushingRepo(env);
    const bad = exec(process.execPath, [join(__dirname, '..', 'dist', 'bin.js'), 'pre-push', 'origin'], {
      cwd: repo.dir,
      input: 'refs/heads/main not-a-sha refs/heads/main also-not\n',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^keyguard: push blocked because the secrets scan failed: line 1 of the pre-push input/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(2);
    const noRemote = exec(process.execPath, [join(__dirname, '..', 'dist', 'bin.js'), 'pre-push'], { cwd: repo.dir, input: '' });
    expect(noRemote.status).toBe(2);
    expect(noRemote.stderr).toMatch(/pre-push takes the remote and its URL.*The push is blocked/);
    const unknownSha = exec(process.execPath, [join(__dirname, '..', 'dist', 'bin.js'), 'pre-push', 'origin', 'url'], {
      cwd: repo.dir,
      input: `refs/heads/main ${'1'.repeat(40)} refs/heads/main ${ZERO}\n`,
    });
    expect(unknownSha.status).toBe(2);
    expect(unknownSha.stderr).toMatch(/push blocked because the secrets scan failed/);
  });
});

describe('git push through husky (init in a Node project)', () => {
  it('writes .husky/pre-push and .husky/pre-merge-commit, and the push is blocked', () => {
    const { repo, remote } = pushingRepo({}, () => {
      const project = nodeProject();
      return project;
    });
    expect(readFileSync(join(repo.dir, '.husky', 'pre-push'), 'utf8')).toMatch(/^keyguard-pre-commit pre-push "\$@" # /);
    expect(readFileSync(join(repo.dir, '.husky', 'pre-merge-commit'), 'utf8')).toMatch(/^keyguard-pre-commit # /);
    const husky = exec(process.execPath, [join(repo.dir, 'node_modules', 'husky', 'bin.js')], { cwd: repo.dir });
    expect(husky.status).toBe(0);
    const before = remoteHead(remote);
    repo.write('src/client.ts', `const client = new OpenAI({ apiKey: "${KEY}" });\n`).add('src').commit('leak');
    expectPushBlocked(push(repo, {}), 'src/client.ts');
    expect(remoteHead(remote)).toBe(before);
  });
});
