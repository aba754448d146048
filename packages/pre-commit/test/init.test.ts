/** `keyguard-pre-commit init`: sets a project up, merging with what is there, never replacing it. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { exec, removeTempDirs, runHookBin, tempDir, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const read = (repo: TempRepo, path: string): string => readFileSync(join(repo.dir, path), 'utf8');
const readJson = (repo: TempRepo, path: string): Record<string, any> => JSON.parse(read(repo, path));
/** What init writes into .husky/pre-commit when nothing else runs on the staged files. */
const HUSKY_LINE = 'keyguard-pre-commit # blocks a commit that adds an OpenAI API key (added by keyguard-pre-commit init)';
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
const isExecutable = (repo: TempRepo, path: string): boolean => (statSync(join(repo.dir, path)).mode & 0o111) !== 0;

describe('keyguard-pre-commit init in a Node project', () => {
  it('--dry-run shows what it would write and writes nothing', () => {
    const repo = new TempRepo().write('package.json', '{\n  "name": "demo"\n}\n');
    const run = runHookBin(['init', '--dry-run'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/would create \.husky\/pre-commit/);
    expect(run.stdout).toMatch(/would update package\.json/);
    expect(run.stdout).toContain(`--- .husky/pre-commit\n${HUSKY_LINE}\n---`);
    expect(repo.exists('.husky')).toBe(false);
    expect(read(repo, 'package.json')).toBe('{\n  "name": "demo"\n}\n');
  });

  it('in a project without lint-staged, sets up husky to run keyguard-pre-commit alone (the fastest hook)', () => {
    const repo = new TempRepo().write('package.json', '{\n    "name": "demo",\n    "version": "1.0.0"\n}\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\(Node project: husky runs keyguard-pre-commit\)/);
    expect(read(repo, '.husky/pre-commit')).toBe(`${HUSKY_LINE}\n`);
    expect(isExecutable(repo, '.husky/pre-commit')).toBe(true);
    const manifest = readJson(repo, 'package.json');
    expect(manifest).toEqual({ name: 'demo', version: '1.0.0', devDependencies: expect.any(Object), scripts: { prepare: 'husky' } });
    expect(Object.keys(manifest.devDependencies)).toEqual(['@keyguard/pre-commit', 'husky']);
    expect(manifest.devDependencies.husky).toMatch(/^\^9\./);
    expect(read(repo, 'package.json')).toMatch(/^\{\n {4}"name"/); // its own indentation kept
    expect(run.stdout).toMatch(/created \.husky\/pre-commit/);
    expect(run.stdout).toMatch(/Next: run npm install/);
    const again = runHookBin(['init'], repo.dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Nothing to change/);
  });

  it('puts keyguard-pre-commit first in a husky hook that runs other commands, and keeps them', () => {
    const repo = new TempRepo().write(
      'package.json',
      `${JSON.stringify({ name: 'app', scripts: { prepare: 'husky' }, devDependencies: { husky: '^9.1.0' } })}\n`,
    );
    repo.write('.husky/pre-commit', '#!/bin/sh\nnpm test\nexit 0\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.husky/pre-commit')).toBe(`#!/bin/sh\n${HUSKY_LINE}\nnpm test\nexit 0\n`);
    expect(readJson(repo, 'package.json').devDependencies).toEqual({
      '@keyguard/pre-commit': expect.stringMatching(/^\^/),
      husky: '^9.1.0',
    });
  });

  it('goes through lint-staged when the project already has it, with its own tasks', () => {
    const repo = new TempRepo().write(
      'package.json',
      `${JSON.stringify({ name: 'app', devDependencies: { 'lint-staged': '^16.0.0' } }, null, 2)}\n`,
    );
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\(Node project using lint-staged: husky \+ lint-staged\)/);
    expect(read(repo, '.husky/pre-commit')).toBe('lint-staged\n');
    const manifest = readJson(repo, 'package.json');
    expect(manifest['lint-staged']).toEqual({ '*': 'keyguard-pre-commit' });
    expect(Object.keys(manifest.devDependencies)).toEqual(['@keyguard/pre-commit', 'husky', 'lint-staged']);
  });

  it('merges into husky and lint-staged already configured, never replacing them', () => {
    const repo = new TempRepo();
    repo.write(
      'package.json',
      `${JSON.stringify({ name: 'app', scripts: { prepare: 'husky', test: 'jest' }, devDependencies: { husky: '^9.1.0', 'lint-staged': '^16.0.0' } }, null, 2)}\n`,
    );
    repo.write('.husky/pre-commit', 'npm test\n');
    repo.write('.lintstagedrc.json', '{\n  "*.js": "eslint --fix",\n  "*": "prettier --ignore-unknown --write"\n}\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.husky/pre-commit')).toBe('npm test\nlint-staged\n');
    expect(readJson(repo, '.lintstagedrc.json')).toEqual({
      '*.js': 'eslint --fix',
      '*': ['prettier --ignore-unknown --write', 'keyguard-pre-commit'],
    });
    const manifest = readJson(repo, 'package.json');
    expect(manifest.scripts).toEqual({ prepare: 'husky', test: 'jest' });
    expect(manifest.devDependencies).toEqual({
      '@keyguard/pre-commit': expect.stringMatching(/^\^/),
      husky: '^9.1.0',
      'lint-staged': '^16.0.0',
    });
    expect(manifest['lint-staged']).toBeUndefined(); // the config stays where it lives
    expect(run.stdout).toMatch(/updated \.lintstagedrc\.json: merged/);
    expect(run.stdout).toMatch(/updated \.husky\/pre-commit: appended lint-staged/);
  });

  it('merges into a "lint-staged" key in package.json and an existing prepare script', () => {
    const repo = new TempRepo();
    repo.write(
      'package.json',
      `${JSON.stringify({ name: 'app', scripts: { prepare: 'npm run build' }, 'lint-staged': { '*.ts': ['eslint'] } }, null, '\t')}\n`,
    );
    repo.write('.husky/pre-commit', 'npx lint-staged --concurrent false\n');
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    const manifest = readJson(repo, 'package.json');
    expect(manifest['lint-staged']).toEqual({ '*.ts': ['eslint'], '*': 'keyguard-pre-commit' });
    expect(manifest.scripts.prepare).toBe('npm run build && husky');
    expect(read(repo, '.husky/pre-commit')).toBe('npx lint-staged --concurrent false\n');
    expect(read(repo, 'package.json')).toMatch(/^\{\n\t"name"/);
  });

  it('does not edit a lint-staged config it cannot merge safely, and says what to add (exit 1)', () => {
    const repo = new TempRepo().write('package.json', '{"name":"app"}\n').write('.lintstagedrc.yaml', "'*.js': eslint\n");
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(1);
    expect(read(repo, '.lintstagedrc.yaml')).toBe("'*.js': eslint\n");
    expect(run.stdout).toMatch(
      /\.lintstagedrc\.yaml is not JSON, so init did not edit it\. Add this task to it yourself: "\*": "keyguard-pre-commit"/,
    );
  });

  it('reports a broken package.json with exit 2', () => {
    const repo = new TempRepo().write('package.json', '{ "name": ');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^keyguard-pre-commit: package\.json is not valid JSON/);
  });
});

describe('keyguard-pre-commit init in a project without Node tooling', () => {
  it('writes a plain, executable .git/hooks/pre-commit (and --dry-run writes nothing)', () => {
    const repo = new TempRepo().write('app.py', 'print(1)\n');
    expect(runHookBin(['init', '--dry-run'], repo.dir).stdout).toMatch(/would create \.git\/hooks\/pre-commit/);
    expect(repo.exists('.git/hooks/pre-commit')).toBe(false);
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    const hook = read(repo, '.git/hooks/pre-commit');
    expect(hook).toMatch(/^#!\/bin\/sh\n# >>> keyguard-pre-commit/);
    expect(hook).toContain('keyguard-pre-commit || exit $?');
    expect(isExecutable(repo, '.git/hooks/pre-commit')).toBe(true);
    expect(run.stdout).toMatch(/npm install -g @keyguard\/pre-commit/);
    expect(runHookBin(['init'], repo.dir).stdout).toMatch(/already runs keyguard-pre-commit/);
  });

  it('adds itself to an existing hook without replacing it, at the top (before any exit)', () => {
    const repo = new TempRepo().write('.git/hooks/pre-commit', '#!/bin/bash\necho "existing check"\nexit 0\n');
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    const hook = read(repo, '.git/hooks/pre-commit');
    expect(hook.startsWith('#!/bin/bash\n# >>> keyguard-pre-commit')).toBe(true);
    expect(hook.endsWith('# <<< keyguard-pre-commit\necho "existing check"\nexit 0\n')).toBe(true);
  });

  it('honours core.hooksPath', () => {
    const repo = new TempRepo();
    repo.git('config', 'core.hooksPath', 'tools/hooks');
    expect(runHookBin(['init'], join(repo.dir)).status).toBe(0);
    expect(read(repo, 'tools/hooks/pre-commit')).toContain('keyguard-pre-commit');
    expect(repo.exists('.git/hooks/pre-commit')).toBe(false);
  });

  it('leaves a hook in another language alone and says what to do (exit 1)', () => {
    const repo = new TempRepo().write('.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint("hi")\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(1);
    expect(read(repo, '.git/hooks/pre-commit')).toBe('#!/usr/bin/env python3\nprint("hi")\n');
    expect(run.stdout).toMatch(/is not a shell script/);
  });

  it('needs a git repository (exit 2) and rejects unknown options', () => {
    expect(runHookBin(['init'], tempDir())).toMatchObject({ status: 2, stderr: expect.stringMatching(/needs a git repository/) });
    expect(runHookBin(['init', '--force'], tempDir())).toMatchObject({ status: 2, stderr: expect.stringMatching(/does not take --force/) });
  });
});

describe('keyguard-pre-commit init in a project that uses the pre-commit framework', () => {
  const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  const hasPreCommit = preCommitVersion.status === 0;
  // The stage's name for the installed pre-commit: `push` before 3.2 (Debian's 3.0.4), `pre-push` since or without one.
  const [major = 99, minor = 0] = (/(\d+)\.(\d+)/.exec(preCommitVersion.stdout ?? '') ?? []).slice(1).map(Number);
  const stage = major < 3 || (major === 3 && minor < 2) ? 'push' : 'pre-push';
  const entry = (indent: string): string =>
    [
      `${indent}- repo: https://github.com/keyguard/keyguard`,
      `${indent}  rev: v${VERSION}`,
      `${indent}  hooks:`,
      `${indent}    - id: keyguard`,
      `${indent}    - id: keyguard-pre-push`,
      `${indent}      stages: [${stage}]`,
      '',
    ].join('\n');

  /** pre-commit's own check of the config, where pre-commit is installed (CI installs it). */
  function expectValidConfig(repo: TempRepo): void {
    if (!hasPreCommit) return;
    const run = exec('pre-commit', ['validate-config', '.pre-commit-config.yaml'], { cwd: repo.dir });
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  }

  it('adds keyguard to .pre-commit-config.yaml, keeping its comments, and leaves package.json and husky alone', () => {
    const config =
      '# our hooks\nrepos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace # keep\n\n# the end\n';
    const repo = new TempRepo().write('.pre-commit-config.yaml', config).write('package.json', '{"name":"app"}\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\(pre-commit framework: \.pre-commit-config\.yaml\)/);
    expect(run.stdout).toMatch(/updated \.pre-commit-config\.yaml: added the repo https:\/\/github\.com\/keyguard\/keyguard/);
    expect(run.stdout).toMatch(/with the hooks keyguard and keyguard-pre-push/);
    expect(run.stdout).toMatch(/Next: run pre-commit install and pre-commit install --hook-type pre-push/);
    expect(read(repo, '.pre-commit-config.yaml')).toBe(config.replace('# keep\n', `# keep\n${entry('  ')}`));
    expect(read(repo, 'package.json')).toBe('{"name":"app"}\n');
    expect(repo.exists('.husky')).toBe(false);
    expectValidConfig(repo);
    expect(runHookBin(['init'], repo.dir).stdout).toMatch(/already runs keyguard/);
  });

  it('says how to add keyguard-pre-push where keyguard is there without it', () => {
    const config = `repos:\n  - repo: https://github.com/keyguard/keyguard\n    rev: v0.0.9\n    hooks:\n      - id: keyguard\n`;
    const repo = new TempRepo().write('.pre-commit-config.yaml', config);
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.pre-commit-config.yaml')).toBe(config);
    expect(run.stdout).toContain(`- id: keyguard-pre-push\n      stages: [${stage}]\nand run pre-commit install --hook-type pre-push`);
  });

  it("adds the item at the list's own indentation, before the keys that follow repos", () => {
    const config =
      'default_install_hook_types: [pre-commit]\nrepos:\n- repo: local\n  hooks:\n  - id: lint\n    name: lint\n    entry: "true"\n    language: system\nfail_fast: false\n';
    const repo = new TempRepo().write('.pre-commit-config.yaml', config);
    expect(runHookBin(['init'], repo.dir).status).toBe(0);
    expect(read(repo, '.pre-commit-config.yaml')).toBe(config.replace('fail_fast', `${entry('')}fail_fast`));
    expectValidConfig(repo);
  });

  it('finds the framework by the git hook pre-commit generated, and never edits that hook', () => {
    const repo = new TempRepo();
    const hook =
      '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\nARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=pre-commit)\nexec pre-commit "${ARGS[@]}"\n';
    repo.write('.git/hooks/pre-commit', hook);
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.git/hooks/pre-commit')).toBe(hook);
    expect(read(repo, '.pre-commit-config.yaml')).toBe(`repos:\n${entry('  ')}`);
    expect(run.stdout).toMatch(/created \.pre-commit-config\.yaml/);
    expect(run.stdout).toMatch(/The git hook that pre-commit generated is left as it is/);
    expect(run.stdout).toMatch(/Next: run pre-commit install --hook-type pre-push \(the git hooks that run keyguard on push/);
    expectValidConfig(repo);
  });

  it('does not edit a repos list written inline, and says what to add (exit 1)', () => {
    const repo = new TempRepo().write('.pre-commit-config.yaml', 'repos: []\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(1);
    expect(read(repo, '.pre-commit-config.yaml')).toBe('repos: []\n');
    expect(run.stdout).toContain(`inline (repos: [...]), so init did not edit it. Add this repo to its repos yourself:\n${entry('  ')}`);
  });
});
