/**
 * `keyguard scan --staged` in real temporary git repositories: what the next commit would add,
 * read from the index (never the working tree), in every case that breaks hooks.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsAnyKey, describeKey, fakeKey, reportPlaces } from '@keyguard/test-utils';
import { CLI_BIN, exec, removeTempDirs, runHookBin, scanStaged, stagedFindings, tempDir, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 41);
const OTHER = fakeKey('svcacct', 42);
const KEYS = [KEY, OTHER];
/** A line that holds a key, and nothing else core would report. */
const keyLine = (key = KEY): string => `token = "${key}"`;
const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const CLEAN = lines('alpha', 'beta', 'gamma');

function expectNoWholeKey(output: string): void {
  expect(containsAnyKey(output, KEYS)).toBe(false);
}

describe(`keyguard scan --staged (keys like ${describeKey(KEY)})`, () => {
  it('scans the first commit of a repository (no HEAD yet)', () => {
    const repo = new TempRepo().write('app.py', lines('import os', keyLine())).add('app.py');
    expect(repo.head()).toBeUndefined();
    const { status, places, run, report } = stagedFindings([], repo.dir);
    expect(places).toEqual(['app.py:2']);
    expect(status).toBe(1);
    expect(report?.findings[0].column).toBe(10);
    expectNoWholeKey(run.output);
  });

  it('reads the index: a key only in the working tree, with a clean version staged, is allowed', () => {
    const repo = new TempRepo().write('app.py', CLEAN).add('app.py').commit();
    repo.write('app.py', lines('alpha', 'beta', 'gamma', 'delta')).add('app.py');
    repo.write('app.py', lines('alpha', 'beta', 'gamma', 'delta', keyLine())); // not staged
    expect(stagedFindings([], repo.dir).status).toBe(0);
  });

  it('reads the index: a key staged and then deleted from the working tree still blocks', () => {
    const repo = new TempRepo().write('app.py', CLEAN).add('app.py').commit();
    repo.write('app.py', lines('alpha', keyLine(), 'beta', 'gamma')).add('app.py');
    repo.write('app.py', CLEAN);
    const { status, places } = stagedFindings([], repo.dir);
    expect(places).toEqual(['app.py:2']);
    expect(status).toBe(1);
    rmSync(join(repo.dir, 'app.py'));
    expect(stagedFindings([], repo.dir).places).toEqual(['app.py:2']);
  });

  it('reports only the lines the commit adds; --all-lines scans whole staged files', () => {
    const repo = new TempRepo()
      .write('config.txt', lines('one', keyLine(), 'two'))
      .add('config.txt')
      .commit();
    repo.write('config.txt', lines('zero', 'one', keyLine(), 'two', 'three')).add('config.txt');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 0, places: [] });
    expect(stagedFindings(['--all-lines'], repo.dir)).toMatchObject({ status: 1, places: ['config.txt:3'] });
    repo.write('config.txt', lines('zero', 'one', keyLine(), 'two', keyLine(OTHER), 'three')).add('config.txt');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['config.txt:5'] });
  });

  it('reports a renamed file under its new path, and only the lines the rename adds', () => {
    const body = Array.from({ length: 12 }, (_, i) => `line ${i}`);
    const repo = new TempRepo()
      .write('old name.txt', lines(...body, keyLine()))
      .add('old name.txt')
      .commit();
    repo.git('mv', 'old name.txt', 'new name.txt');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 0, places: [] });
    repo.write('new name.txt', lines(...body, keyLine(), keyLine(OTHER))).add('new name.txt');
    expect(repo.git('diff', '--cached', '--name-status', '-M')).toMatch(/^R\d+/);
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['new name.txt:14'] });
  });

  it('reports a copied file under its new path, and only the lines the copy adds', () => {
    const body = Array.from({ length: 40 }, (_, i) => `line ${i} of a file long enough for git to call the new one a copy`);
    const repo = new TempRepo()
      .write('src.txt', lines(...body))
      .add('src.txt')
      .commit();
    repo
      .write('src.txt', lines(...body, 'more'))
      .write('copy.txt', lines(...body, keyLine()))
      .add('src.txt', 'copy.txt');
    expect(repo.git('diff', '--cached', '--name-status', '-C')).toMatch(/^C\d+\tsrc\.txt\tcopy\.txt/m);
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['copy.txt:41'] });
  });

  it('has nothing to scan in a deleted file', () => {
    const repo = new TempRepo().write('leak.txt', lines(keyLine())).add('leak.txt').commit();
    repo.git('rm', '-q', 'leak.txt');
    const { status, run } = stagedFindings([], repo.dir);
    expect(status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('handles file modes: a mode change adds no line, a new executable file is scanned', () => {
    const repo = new TempRepo().write('run.sh', lines('#!/bin/sh', keyLine())).add('run.sh').commit();
    chmodSync(join(repo.dir, 'run.sh'), 0o755);
    repo.add('run.sh');
    expect(repo.git('diff', '--cached', '--raw')).toContain('100755');
    expect(stagedFindings([], repo.dir).status).toBe(0);
    repo.write('deploy.sh', lines('#!/usr/bin/env bash', 'set -eu', `echo deploying`, keyLine(OTHER)));
    chmodSync(join(repo.dir, 'deploy.sh'), 0o755);
    repo.add('deploy.sh');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['deploy.sh:4'] });
  });

  it('skips a staged symbolic link (its content is a path) and says so', () => {
    const repo = new TempRepo().write('real.txt', CLEAN).add('real.txt').commit();
    symlinkSync('real.txt', join(repo.dir, 'link.txt'));
    repo.add('link.txt');
    const run = scanStaged([], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/skipped 1 symbolic link/);
    // Named as lint-staged names it, the link is the link, not the file it points to.
    repo.write('real.txt', lines('x', keyLine())).add('real.txt');
    expect(stagedFindings(['--', join(repo.dir, 'link.txt')], repo.dir)).toMatchObject({ status: 0, places: [] });
    expect(stagedFindings(['--', join(repo.dir, 'real.txt')], repo.dir).places).toEqual(['real.txt:2']);
  });

  it('maps paths given through a symbolic link to the repository folder', () => {
    const repo = new TempRepo().write('src/app.py', lines(keyLine())).add('src');
    const alias = join(tempDir(), 'alias');
    symlinkSync(repo.dir, alias);
    expect(stagedFindings(['--', join(alias, 'src', 'app.py')], join(alias, 'src')).places).toEqual(['app.py:1']);
    expect(stagedFindings(['app.py'], join(alias, 'src')).places).toEqual(['app.py:1']);
  });

  const oddNames = [
    ['a space', 'dir with space/file name.py'],
    ['double quotes', 'say "hi".txt'],
    ['a single quote', "it's.txt"],
    ['unicode', 'données/clé-ü-日本.txt'],
    ['a newline', 'new\nline.txt'],
    ['a tab and a backslash', 'tab\there\\back.txt'],
    ['a leading dash', '-rf.txt'],
  ];
  it.each(oddNames)('reports the exact path of a file whose name holds %s', (_, name) => {
    const repo = new TempRepo().write(name, lines('first', keyLine())).add(name);
    const { status, report, run } = stagedFindings([], repo.dir);
    expect(report?.findings.map((finding) => [finding.file, finding.line])).toEqual([[name, 2]]);
    expect(status).toBe(1);
    expectNoWholeKey(run.output);
    // lint-staged passes such a path as an absolute argument.
    expect(stagedFindings(['--', join(repo.dir, name)], repo.dir).places).toEqual([`${name}:2`]);
  });

  it('scans a merge against the first parent: the merged-in key blocks the merge commit', () => {
    const repo = new TempRepo().write('base.txt', CLEAN).add('base.txt').commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('feature.txt', lines('f', keyLine())).add('feature.txt').commit('feature');
    repo.git('checkout', '-q', 'main');
    repo.write('main.txt', CLEAN).add('main.txt').commit('main');
    repo.git('merge', '--no-ff', '--no-commit', '-q', 'feature');
    expect(repo.exists('.git/MERGE_HEAD')).toBe(true);
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['feature.txt:2'] });
  });

  it('refuses to scan unresolved conflicts (exit 2), then scans the resolution', () => {
    const repo = new TempRepo()
      .write('shared.txt', lines('a', 'b', 'c'))
      .add('shared.txt')
      .commit('base');
    repo.git('checkout', '-q', '-b', 'other');
    repo
      .write('shared.txt', lines('a', 'other', 'c'))
      .add('shared.txt')
      .commit('other');
    repo.git('checkout', '-q', 'main');
    repo
      .write('shared.txt', lines('a', 'mine', 'c'))
      .add('shared.txt')
      .commit('mine');
    expect(repo.tryGit(['merge', '-q', 'other']).status).not.toBe(0);
    const conflicted = scanStaged([], repo.dir);
    expect(conflicted.status).toBe(2);
    expect(conflicted.stderr).toMatch(/^keyguard: 1 file has unresolved merge conflicts \(shared\.txt\)\. Resolve them/);
    expect(conflicted.stderr.trim().split('\n')).toHaveLength(1);
    repo.write('shared.txt', lines('a', 'mine', 'other', keyLine(), 'c')).add('shared.txt');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['shared.txt:4'] });
  });

  it('skips a submodule and says so: its content was not scanned, so the scan fails (git-skipped.test.ts)', () => {
    const inner = new TempRepo().write('inner.txt', lines(keyLine())).add('inner.txt').commit();
    const repo = new TempRepo().write('top.txt', CLEAN).add('top.txt').commit();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${inner.head()},vendor/lib`);
    const run = scanStaged([], repo.dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/skipped 1 submodule/);
    expectNoWholeKey(run.output);
  });

  it('scans binary files for marked keys only, skips files over maxFileSize, and says both', () => {
    const repo = new TempRepo();
    // Binary by its many NULs (a few would be text since issue 11); a marker-carrying key in it would be found.
    repo.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.alloc(64), Buffer.from('\nplain bytes\n')]));
    repo.write('keyguard.config.json', JSON.stringify({ maxFileSize: 2000 }));
    repo.write('big.txt', lines('x'.repeat(3000), keyLine()));
    repo.add('blob.bin', 'big.txt');
    const run = scanStaged([], repo.dir);
    expect(run.status).toBe(2); // big.txt was not scanned (onSkipped: git-skipped.test.ts)
    expect(run.stdout).toMatch(/1 binary file scanned for its marked keys only/);
    expect(run.stdout).toMatch(/; skipped 1 file over maxFileSize\.$/m);
    expect(run.stderr).toMatch(/big\.txt is larger than maxFileSize/);
    expectNoWholeKey(run.output);
  });

  it('still scans a text file that .gitattributes marks binary (git would hide its diff)', () => {
    const repo = new TempRepo().write('.gitattributes', '*.cfg binary\n').add('.gitattributes').commit();
    repo.write('app.cfg', lines('x', keyLine())).add('app.cfg');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['app.cfg:2'] });
  });

  it('scans what core.autocrlf=true stages (LF), with the right line numbers', () => {
    const repo = new TempRepo();
    repo.git('config', 'core.autocrlf', 'true');
    repo.write('win.txt', `one\r\ntwo\r\n${keyLine()}\r\n`).add('win.txt');
    expect(repo.git('cat-file', '-p', ':win.txt')).not.toContain('\r');
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 1, places: ['win.txt:3'] });
  });

  it('reports paths relative to the folder it runs in', () => {
    const repo = new TempRepo().write('src/deep/app.py', lines(keyLine())).write('root.txt', lines('a', keyLine(OTHER)));
    repo.add('src', 'root.txt');
    expect(stagedFindings([], join(repo.dir, 'src')).places).toEqual(['../root.txt:2', 'deep/app.py:1']);
    expect(stagedFindings(['deep/app.py'], join(repo.dir, 'src')).places).toEqual(['deep/app.py:1']);
    expect(stagedFindings(['deep'], join(repo.dir, 'src')).places).toEqual(['deep/app.py:1']);
  });

  it('scans the index of a linked git worktree, not the main one', () => {
    const repo = new TempRepo().write('base.txt', CLEAN).add('base.txt').commit();
    const worktree = join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
    const side = new TempRepo(worktree).write('side.txt', lines('s', keyLine())).add('side.txt');
    expect(stagedFindings([], side.dir)).toMatchObject({ status: 1, places: ['side.txt:2'] });
    expect(stagedFindings([], repo.dir)).toMatchObject({ status: 0, places: [] });
  });

  it('takes lint-staged-style file arguments: only those staged files are scanned', () => {
    const repo = new TempRepo()
      .write('a.txt', lines(keyLine()))
      .write('b.txt', lines('b', keyLine(OTHER)))
      .add('a.txt', 'b.txt');
    expect(stagedFindings(['--', join(repo.dir, 'b.txt')], repo.dir).places).toEqual(['b.txt:2']);
    expect(stagedFindings(['a.txt', 'b.txt'], repo.dir).places).toEqual(['a.txt:1', 'b.txt:2']);
    expect(stagedFindings(['not-staged.txt'], repo.dir)).toMatchObject({ status: 0, places: [] });
    const outside = scanStaged([tempDir()], repo.dir);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/is outside the repository/);
  });

  it('honours inline ignores, .keyguardignore and a baseline', () => {
    const repo = new TempRepo();
    repo.write('ignored-inline.py', lines(`${keyLine()}  # keyguard-ignore`));
    repo.write('fixtures/sample.txt', lines(keyLine()));
    repo.write('.keyguardignore', 'fixtures/\n');
    repo.write('known.txt', lines(keyLine(OTHER)));
    repo.add('ignored-inline.py', 'fixtures/sample.txt', 'known.txt');
    expect(stagedFindings([], repo.dir).places).toEqual(['known.txt:1']);
    writeFileSync(join(repo.dir, '.keyguardignore'), 'fixtures/\nknown.txt\n');
    expect(stagedFindings(['--', join(repo.dir, 'known.txt')], repo.dir).status).toBe(0);
    writeFileSync(join(repo.dir, '.keyguardignore'), 'fixtures/\n');
    const baseline = exec(process.execPath, [join(__dirname, '..', 'dist', 'bin.js'), 'baseline', 'known.txt'], { cwd: repo.dir });
    expect(baseline.status).toBe(0);
    expect(stagedFindings(['--baseline', '.keyguard-baseline.json'], repo.dir)).toMatchObject({ status: 0, places: [] });
  });

  it('is not thrown off by diff settings in the user config', () => {
    const repo = new TempRepo().write('base.txt', CLEAN).add('base.txt').commit();
    for (const [name, value] of [
      ['diff.noprefix', 'true'],
      ['diff.relative', 'true'],
      ['color.diff', 'always'],
      ['diff.external', 'false'],
      ['diff.mnemonicPrefix', 'true'],
      ['core.quotePath', 'true'],
      ['diff.renames', 'false'],
      ['diff.suppressBlankEmpty', 'true'],
    ]) {
      repo.git('config', name, value);
    }
    mkdirSync(join(repo.dir, 'sub'));
    repo
      .write('base.txt', lines('alpha', '', 'beta', 'gamma', '', keyLine()))
      .write('üñí cøde.txt', lines('', keyLine(OTHER)))
      .add('.');
    expect(stagedFindings([], join(repo.dir, 'sub')).places).toEqual(['../base.txt:6', '../üñí cøde.txt:2']);
  });

  it('fails with one line and exit 2 outside a git repository', () => {
    const run = scanStaged([], tempDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^keyguard: --staged needs a git repository/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with exit 2 when git cannot be run or the index is corrupt (never a silent pass)', () => {
    const repo = new TempRepo().write('app.py', lines(keyLine())).add('app.py');
    const noGit = scanStaged([], repo.dir, { PATH: tempDir() });
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toMatch(/git was not found on PATH/);
    writeFileSync(join(repo.dir, '.git', 'index'), 'DIRC garbage');
    const corrupt = scanStaged([], repo.dir);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toMatch(/^keyguard: git diff failed: .*index/);
    expect(corrupt.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('scans many staged files in one pass, each reported once', () => {
    const repo = new TempRepo();
    for (let i = 0; i < 60; i++) repo.write(`many/f${i}.txt`, i % 20 === 7 ? lines(`n${i}`, keyLine()) : lines(`n${i}`, 'plain'));
    repo.write('many/same.txt', lines('n7', keyLine())); // the same blob as f7: read once, reported twice
    repo.add('many');
    expect(stagedFindings([], repo.dir).places).toEqual(['many/f27.txt:2', 'many/f47.txt:2', 'many/f7.txt:2', 'many/same.txt:2']);
  });

  it('applies .keyguard-baseline.json at the repository root by default, as the hook does, from any folder', () => {
    const repo = new TempRepo()
      .write('src/known.txt', lines(keyLine()))
      .write('src/new.txt', lines(keyLine(OTHER)))
      .add('src');
    expect(exec(process.execPath, [CLI_BIN, 'baseline', 'src/known.txt'], { cwd: repo.dir }).status).toBe(0);
    for (const cwd of [repo.dir, join(repo.dir, 'src')]) {
      const prefix = cwd === repo.dir ? 'src/' : '';
      expect(stagedFindings([], cwd).places).toEqual([`${prefix}new.txt:1`]);
      const hook = runHookBin([], cwd);
      expect(hook.status).toBe(1);
      expect(reportPlaces(hook.stderr)).toEqual([`${prefix}new.txt:1`]);
      expect(hook.stderr).not.toMatch(/known\.txt/);
    }
    // A baseline the config names takes precedence (here: one that records nothing).
    repo.write('empty-baseline.json', `${JSON.stringify({ version: 1, findings: [] })}\n`);
    repo.write('keyguard.config.json', JSON.stringify({ baseline: 'empty-baseline.json' }));
    expect(stagedFindings([], repo.dir).places).toEqual(['src/known.txt:1', 'src/new.txt:1']);
    expect(reportPlaces(runHookBin([], repo.dir).stderr)).toContain('src/known.txt:1');
    // A plain directory scan applies no baseline it was not told about.
    rmSync(join(repo.dir, 'keyguard.config.json'));
    expect(exec(process.execPath, [CLI_BIN, 'scan', 'src', '--format', 'json'], { cwd: repo.dir }).stdout).toMatch(/known\.txt/);
  });
});
