/** `keyguard-pre-commit init`: sets a project up, merging with what is there, never replacing it. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, runHookBin, tempDir, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const read = (repo: TempRepo, path: string): string => readFileSync(join(repo.dir, path), 'utf8');
const readJson = (repo: TempRepo, path: string): Record<string, any> => JSON.parse(read(repo, path));
const isExecutable = (repo: TempRepo, path: string): boolean => (statSync(join(repo.dir, path)).mode & 0o111) !== 0;

describe('keyguard-pre-commit init in a Node project', () => {
  it('--dry-run shows what it would write and writes nothing', () => {
    const repo = new TempRepo().write('package.json', '{\n  "name": "demo"\n}\n');
    const run = runHookBin(['init', '--dry-run'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/would create \.husky\/pre-commit/);
    expect(run.stdout).toMatch(/would update package\.json/);
    expect(run.stdout).toContain('"*": "keyguard-pre-commit"');
    expect(repo.exists('.husky')).toBe(false);
    expect(read(repo, 'package.json')).toBe('{\n  "name": "demo"\n}\n');
  });

  it('sets up husky and lint-staged in an empty project', () => {
    const repo = new TempRepo().write('package.json', '{\n    "name": "demo",\n    "version": "1.0.0"\n}\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.husky/pre-commit')).toBe('npx lint-staged\n');
    expect(isExecutable(repo, '.husky/pre-commit')).toBe(true);
    const manifest = readJson(repo, 'package.json');
    expect(manifest).toMatchObject({ name: 'demo', version: '1.0.0', scripts: { prepare: 'husky' }, 'lint-staged': { '*': 'keyguard-pre-commit' } });
    expect(Object.keys(manifest.devDependencies)).toEqual(['@keyguard/pre-commit', 'husky', 'lint-staged']);
    expect(manifest.devDependencies.husky).toMatch(/^\^9\./);
    expect(manifest.devDependencies['lint-staged']).toMatch(/^\^16\./);
    expect(read(repo, 'package.json')).toMatch(/^\{\n {4}"name"/); // its own indentation kept
    expect(run.stdout).toMatch(/created \.husky\/pre-commit/);
    expect(run.stdout).toMatch(/Next: run npm install/);
    const again = runHookBin(['init'], repo.dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Nothing to change/);
  });

  it('merges into husky and lint-staged already configured, never replacing them', () => {
    const repo = new TempRepo();
    repo.write('package.json', `${JSON.stringify({ name: 'app', scripts: { prepare: 'husky', test: 'jest' }, devDependencies: { husky: '^9.1.0', 'lint-staged': '^16.0.0' } }, null, 2)}\n`);
    repo.write('.husky/pre-commit', 'npm test\n');
    repo.write('.lintstagedrc.json', '{\n  "*.js": "eslint --fix",\n  "*": "prettier --ignore-unknown --write"\n}\n');
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(read(repo, '.husky/pre-commit')).toBe('npm test\nnpx lint-staged\n');
    expect(readJson(repo, '.lintstagedrc.json')).toEqual({ '*.js': 'eslint --fix', '*': ['prettier --ignore-unknown --write', 'keyguard-pre-commit'] });
    const manifest = readJson(repo, 'package.json');
    expect(manifest.scripts).toEqual({ prepare: 'husky', test: 'jest' });
    expect(manifest.devDependencies).toEqual({ '@keyguard/pre-commit': expect.stringMatching(/^\^/), husky: '^9.1.0', 'lint-staged': '^16.0.0' });
    expect(manifest['lint-staged']).toBeUndefined(); // the config stays where it lives
    expect(run.stdout).toMatch(/updated \.lintstagedrc\.json: merged/);
    expect(run.stdout).toMatch(/updated \.husky\/pre-commit: appended npx lint-staged/);
  });

  it('merges into a "lint-staged" key in package.json and an existing prepare script', () => {
    const repo = new TempRepo();
    repo.write('package.json', `${JSON.stringify({ name: 'app', scripts: { prepare: 'npm run build' }, 'lint-staged': { '*.ts': ['eslint'] } }, null, '\t')}\n`);
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
    expect(run.stdout).toMatch(/\.lintstagedrc\.yaml is not JSON, so init did not edit it\. Add this task to it yourself: "\*": "keyguard-pre-commit"/);
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
