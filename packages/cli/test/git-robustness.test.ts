/**
 * History scans on odd repositories (issues 9 and 11), on the built CLI in real repositories:
 * a missing object behind an inexact rename does not end the walk, a key in an author field is
 * never printed whole, and a walk that cannot read a folder says so.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsAnyKey, describeKey, fakeKey, git, removeTempDirs, runCli, ScriptedRepo, tempDir, TempRepo } from '@keyguard/test-utils';

afterAll(removeTempDirs);
jest.setTimeout(60_000);

const OLD = fakeKey('proj', 801); // in the oldest commit, before the broken rename
const NEW = fakeKey('svcacct', 802); // in the newest commit, after it
const AUTHOR = fakeKey('proj', 803); // pasted into an author's name and e-mail

interface Report {
  findings: { file: string; line: number; commit?: string; author?: string }[];
  stats: { skipped: Record<string, number> };
  skipped: { path: string; reason: string; detail?: string; fails: boolean }[];
}

/**
 * `scan --git --format json` on a repository broken between the oldest and the newest commit:
 * both keys are found at the commits that added them, the one item it could not read (`unread`:
 * its path, and what else to hold) is counted and fails the run, and no key is printed whole.
 * Returns the run, for what each break says on stderr.
 */
function expectKeysAroundTheBreak(
  repo: ScriptedRepo,
  unread: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
): ReturnType<typeof runCli> {
  const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir, env });
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as Report;
  expect(report.findings.map((finding) => [finding.file, finding.commit])).toEqual([
    ['new.py', repo.sha('new key')],
    ['old.py', repo.sha('old key')],
  ]);
  expect(report.stats.skipped).toEqual({ unreadable: 1 });
  expect(report.skipped).toEqual([expect.objectContaining({ reason: 'unreadable', fails: true, ...unread })]);
  expect(containsAnyKey(run.stdout + run.stderr, [OLD, NEW])).toBe(false);
  return run;
}

/** 30 lines, so that a rename with one more line is an inexact rename to git (-M reads both blobs). */
const body = Array.from({ length: 30 }, (_, i) => `line ${i + 1} of a file long enough to be a rename`).join('\n');

/** The old key, the file holding it renamed and edited (an inexact rename), then the new key. */
function renamedRepo(name: string): { repo: ScriptedRepo; renameCommit: string } {
  const repo = new ScriptedRepo(join(tempDir(), name));
  repo.write('old.py', `${body}\ntoken = "${OLD}"\n`).commit('old key');
  repo.move('old.py', 'renamed.py');
  repo.write('renamed.py', `${body}\ntoken = "${OLD}"\none more line\n`);
  const renameCommit = repo.commit('inexact rename');
  repo.write('new.py', `token = "${NEW}"\n`).commit('new key');
  return { repo, renameCommit };
}

/** Deletes the loose object `rev` names (a damaged clone). */
function loseObject(repo: ScriptedRepo, rev: string): void {
  const oid = git(repo.dir, 'rev-parse', rev).trim();
  rmSync(join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
}

describe(`scan --git on a repository with a missing object (keys like ${describeKey(OLD)})`, () => {
  function brokenRepo(): { repo: ScriptedRepo; renameCommit: string } {
    const { repo, renameCommit } = renamedRepo('broken');
    // The renamed file's blob is lost: git log -M dies on it.
    loseObject(repo, `${renameCommit}:renamed.py`);
    expect(() => git(repo.dir, 'log', '--raw', '-M', '--format=%H').trim()).toThrow(/unable to read/);
    return { repo, renameCommit };
  }

  it('lists commits without rename detection, so nothing stops: the keys before and after are found, the missing blob is counted', () => {
    const { repo, renameCommit } = brokenRepo();
    const run = expectKeysAroundTheBreak(repo, { path: `renamed.py@${renameCommit.slice(0, 12)}` });
    expect(run.stderr).not.toMatch(/git log stopped|could not list the renames/);
    expect(run.stderr).toMatch(/could not be: renamed\.py@[0-9a-f]{12} \(unreadable\)/);
    expect(run.stderr).toMatch(/History: 3 commits/);
  });

  it('listing every commit with renames (KEYGUARD_HISTORY_RENAMES=eager), goes on without them past the break', () => {
    const { repo, renameCommit } = brokenRepo();
    const run = expectKeysAroundTheBreak(repo, { path: `renamed.py@${renameCommit.slice(0, 12)}` }, { KEYGUARD_HISTORY_RENAMES: 'eager' });
    expect(run.stderr).toMatch(
      /note: git log stopped \(unable to read [0-9a-f]+\) after \d+ commits?: the rest of the history was walked without rename detection/,
    );
    expect(run.stderr).toMatch(/could not be: renamed\.py@[0-9a-f]{12} \(unreadable\)/);
    expect(run.stderr).toMatch(/History: 3 commits/);
  });

  it('a renamed file with a finding whose source git cannot read counts as added where it was renamed, and says so', () => {
    const { repo, renameCommit } = renamedRepo('source');
    loseObject(repo, `${repo.sha('old key')}:old.py`);
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.commit])).toEqual([
      ['new.py', 1, repo.sha('new key')],
      ['renamed.py', 31, renameCommit],
    ]);
    expect(report.skipped).toEqual([expect.objectContaining({ path: `old.py@${repo.sha('old key').slice(0, 12)}`, reason: 'unreadable' })]);
    expect(run.stderr).toMatch(
      new RegExp(
        `note: git could not list the renames of commit ${renameCommit.slice(0, 12)} \\(unable to read [0-9a-f]+\\): a renamed file with a finding counts as added there`,
      ),
    );
    expect(containsAnyKey(run.stdout + run.stderr, [OLD, NEW])).toBe(false);
  });

  it('without findings the unread blob fails the scan (exit 2), and onSkipped can accept it', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'clean'));
    repo.write('a.txt', `${body}\n`).commit('one');
    repo.move('a.txt', 'b.txt');
    repo.write('b.txt', `${body}\nextra\n`);
    const rename = repo.commit('rename');
    const blob = git(repo.dir, 'rev-parse', `${rename}:b.txt`).trim();
    rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = runCli(['scan', '--git'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/No secrets found .*skipped 1 unreadable file/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    repo.write('keyguard.config.json', JSON.stringify({ onSkipped: { unreadable: 'warn' } }));
    expect(runCli(['scan', '--git'], { cwd: repo.dir }).status).toBe(0);
  });
});

describe('scan --git on a repository with a missing tree (git log fails without rename detection too)', () => {
  /** Keys before and after a commit whose folder's tree is lost: git log cannot list that commit's changes. */
  function missingTreeRepo(): { repo: ScriptedRepo; broken: string } {
    const repo = new ScriptedRepo(join(tempDir(), 'tree'));
    repo.write('old.py', `token = "${OLD}"\n`).commit('old key');
    const broken = repo.write('lib/util.py', 'x = 1\n').commit('lib');
    repo.write('new.py', `token = "${NEW}"\n`).commit('new key');
    const tree = git(repo.dir, 'rev-parse', `${broken}:lib`).trim();
    rmSync(join(repo.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    expect(() => git(repo.dir, 'log', '--raw', '--no-renames', '--format=%H')).toThrow(/unable to read tree/);
    return { repo, broken };
  }

  it('counts the commit it could not list as unread, walks on past it, and reports the keys on both sides', () => {
    const { repo, broken } = missingTreeRepo();
    const run = expectKeysAroundTheBreak(repo, {
      path: `commit ${broken.slice(0, 12)}`,
      detail: expect.stringMatching(/unable to read tree/),
    });
    expect(run.stderr).toMatch(/git log could not list the changes of commit [0-9a-f]{12} .*it was not scanned/);
    expect(run.stderr).toMatch(/History: 2 commits/);
  });

  it('without findings the unread commit fails the scan in every format (exit 2), unless onSkipped accepts it', () => {
    const { repo, broken } = missingTreeRepo();
    // No findings: the key files are left out by the config's ignore list.
    repo.write('keyguard.config.json', JSON.stringify({ ignore: ['old.py', 'new.py'] }));
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const run = runCli(['scan', '--git', '--format', format], { cwd: repo.dir });
      expect(run.status).toBe(2);
      expect(run.stdout + run.stderr).toMatch(/unreadable/);
      expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
      // The summary says a commit was not read, not a file: in the report, or on stderr.
      expect(format === 'text' ? run.stdout : run.stderr).toMatch(
        format === 'text' ? /^No secrets found \(.*\); 1 commit could not be read\.$/m : /^keyguard: 1 commit could not be read$/m,
      );
      expect(run.stdout + run.stderr).not.toMatch(/unreadable file/);
    }
    // SARIF: a commit is no file, so its notification has no location; its id is a property.
    const sarif = JSON.parse(runCli(['scan', '--git', '--format', 'sarif'], { cwd: repo.dir }).stdout) as {
      runs: { invocations: { toolExecutionNotifications: { level: string; locations?: unknown; properties?: { commit: string } }[] }[] }[];
    };
    const [unread] = sarif.runs[0].invocations[0].toolExecutionNotifications.filter((notification) => notification.level === 'error');
    expect(unread.locations).toBeUndefined();
    expect(unread.properties).toEqual({ commit: broken });
    repo.write('keyguard.config.json', JSON.stringify({ ignore: ['old.py', 'new.py'], onSkipped: { unreadable: 'warn' } }));
    expect(runCli(['scan', '--git'], { cwd: repo.dir }).status).toBe(0);
  });
});

describe('the summary of what was not read', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { summarizeSkipped } = require(join(__dirname, '..', 'dist', 'report', 'text.js')) as typeof import('../src/report/text');
  type Item = { path: string; reason: 'unreadable' | 'symlink'; unit?: 'commit' | 'history' };
  const unreadable = (path: string): Item => ({ path, reason: 'unreadable' });
  // As the history walk names them (sources/git-history.ts): a commit, the rest of a history.
  const unreadCommit = (sha: string): Item => ({ path: `commit ${sha}`, reason: 'unreadable', unit: 'commit' });
  const unreadRest = (commits: number): Item => ({
    path: `history after ${commits} commit${commits === 1 ? '' : 's'}`,
    reason: 'unreadable',
    unit: 'history',
  });

  it.each<[string, Item[], string]>([
    ['nothing', [], ''],
    ['a file', [unreadable('secrets/vault.txt')], 'skipped 1 unreadable file'],
    ['a file version in history', [unreadable('renamed.py@0123456789ab')], 'skipped 1 unreadable file'],
    ['a file named like a commit (a directory scan)', [unreadable('commit 0123456789ab')], 'skipped 1 unreadable file'],
    ['a commit git could not list', [unreadCommit('0123456789ab')], '1 commit could not be read'],
    ['two commits', [unreadCommit('0123456789ab'), unreadCommit('ba9876543210')], '2 commits could not be read'],
    ['the rest of the history', [unreadRest(5)], 'the history after 5 commits could not be read'],
    [
      'files and commits apart',
      [unreadable('a.py@0123456789ab'), { path: 'link', reason: 'symlink' }, unreadCommit('0123456789ab'), unreadRest(1)],
      'skipped 1 unreadable file, 1 symbolic link; 1 commit could not be read; the history after 1 commit could not be read',
    ],
  ])('%s', (_, items, summary) => {
    expect(summarizeSkipped({ skipped: items.map((item) => ({ skipped: true, ...item })) })).toBe(summary);
  });
});

describe('scan --git: author fields are redacted', () => {
  it('a key in the author name or e-mail is never printed whole, in any format', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'author'));
    repo.write('app.py', `token = "${OLD}"\n`).commit('add', `${AUTHOR} <${AUTHOR}@example.com>`);
    for (const format of ['json', 'sarif', 'text', 'github']) {
      const run = runCli(['scan', '--git', '--format', format], { cwd: repo.dir });
      expect(run.status).toBe(1);
      expect(containsAnyKey(run.stdout + run.stderr, [OLD, AUTHOR])).toBe(false);
    }
    const report = JSON.parse(runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir }).stdout) as Report;
    expect(report.findings[0].author).toMatch(/^sk-proj-\S*…\S* <sk-proj-\S*…\S*@example\.com>$/);
  });
});

describe('the folder walk outside git', () => {
  it('a folder whose entries cannot be judged is counted as unreadable, not skipped silently', () => {
    // Fault injection on the real walk (fast-glob runs with suppressErrors, so a throw in its
    // directory callback used to drop the folder without a word): rules that fail on one folder.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { walkFolder } = require(join(__dirname, '..', 'dist', 'sources', 'walk.js')) as typeof import('../src/sources/walk');
    const dir = tempDir();
    writeFileSync(join(dir, 'top.txt'), 'a\n');
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'inner.txt'), 'b\n');
    mkdirSync(join(dir, 'good'));
    writeFileSync(join(dir, 'good', 'fine.txt'), 'c\n');
    const rules = {
      isEntryExcluded(path: string): boolean {
        if (path.startsWith('bad/')) throw new Error('cannot judge bad/');
        return false;
      },
    } as unknown as Parameters<typeof walkFolder>[1];
    const found = walkFolder(dir, rules, dir);
    expect(found.files.map((file) => file.slice(dir.length + 1)).sort()).toEqual(['good/fine.txt', 'top.txt']);
    expect(found.unreadable).toEqual([{ path: join(dir, 'bad'), code: 'cannot judge bad/' }]);
  });
});

describe('ignore rules in --staged and --git match as git does', () => {
  it('.keyguardignore matches case as core.ignorecase says, and dir/ patterns as gitignore(5)', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'case'));
    writeFileSync(join(repo.dir, '.keyguardignore'), 'fixtures/\n*.snap\n');
    repo.write('fixtures/a.env', `token = "${OLD}"\n`);
    repo.write('Fixtures/prod.env', `token = "${NEW}"\n`);
    repo.write('deep/fixtures/b.env', `token = "${OLD}"\n`);
    repo.write('x.SNAP', `token = "${OLD}"\n`);
    const places = (args: string[]): string[] =>
      (JSON.parse(runCli(['scan', ...args, '--format', 'json'], { cwd: repo.dir }).stdout) as Report).findings.map(
        (finding) => finding.file,
      );
    // git tracks Fixtures/ and x.SNAP on a case-sensitive setting: a key there must be seen.
    expect(places(['--staged'])).toEqual(['Fixtures/prod.env', 'x.SNAP']);
    repo.commit('fixtures');
    expect(places(['--git'])).toEqual(['Fixtures/prod.env', 'x.SNAP']);
    git(repo.dir, 'config', 'core.ignorecase', 'true').trim();
    expect(places(['--git'])).toEqual([]);
    // A .keyguardignore deeper down applies below its folder, as in a folder scan.
    git(repo.dir, 'config', 'core.ignorecase', 'false').trim();
    writeFileSync(join(repo.dir, '.keyguardignore'), '');
    mkdirSync(join(repo.dir, 'Fixtures'), { recursive: true });
    writeFileSync(join(repo.dir, 'Fixtures', '.keyguardignore'), 'prod.env\n');
    expect(places(['--git'])).toEqual(['deep/fixtures/b.env', 'fixtures/a.env', 'x.SNAP']);
  });
});

describe('--staged on UTF-16 files', () => {
  const utf16 = (text: string, bom: boolean): Buffer => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);

  it.each([
    ['with a byte-order mark', true],
    ['without one', false],
  ])('%s: a key added after a character holding the byte 0x0A is found on its line', (_, bom) => {
    // U+010A is `0A 01` in UTF-16LE: git counts a line there, core does not.
    const repo = new TempRepo()
      .write('notes.txt', utf16('\u010a first line of notes\nsecond line of notes\n', bom))
      .add('notes.txt')
      .commit();
    repo.write('notes.txt', utf16(`\u010a first line of notes\nsecond line of notes\ntoken = "${OLD}"\n`, bom)).add('notes.txt');
    const run = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Report).findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['notes.txt:3']);
    // Only what the commit adds: the key already committed is not reported again.
    repo.commit();
    repo.write('notes.txt', utf16(`\u010a first line of notes\nsecond line of notes\ntoken = "${OLD}"\nmore\n`, bom)).add('notes.txt');
    expect(runCli(['scan', '--staged'], { cwd: repo.dir }).status).toBe(0);
  });
});

describe('large staged and history blobs are streamed, not skipped', () => {
  // Over STREAM_BLOB_ABOVE (8 MiB): read again as a stream out of git cat-file blob.
  const filler = `${'a line of filler text that is not a secret at all, '.repeat(2)}\n`;
  const fillerLines = Math.ceil((9 * 1024 * 1024) / filler.length);
  const big = filler.repeat(fillerLines);

  it('--staged finds a key at the end of a 9 MiB blob, on its line, and only what the commit adds', () => {
    const repo = new TempRepo().write('dump.txt', `${big}token = "${OLD}"\n`).add('dump.txt');
    const first = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(first.status).toBe(1);
    expect((JSON.parse(first.stdout) as Report).findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual([
      `dump.txt:${fillerLines + 1}`,
    ]);
    repo.commit();
    repo.write('dump.txt', `${big}token = "${OLD}"\nmore\n`).add('dump.txt');
    expect(runCli(['scan', '--staged'], { cwd: repo.dir }).status).toBe(0);
  });

  it('--git reports a key in a 9 MiB blob at the commit that added it, not at later ones', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'large'));
    repo.write('dump.txt', big).commit('clean dump');
    repo.write('dump.txt', `${big}token = "${OLD}"\r\n`).commit('key added');
    repo.write('dump.txt', `${big}token = "${OLD}"\r\nanother line\n`).commit('line added');
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Report).findings.map((finding) => [finding.line, finding.commit])).toEqual([
      [fillerLines + 1, repo.sha('key added')],
    ]);
    expect(containsAnyKey(run.stdout + run.stderr, [OLD])).toBe(false);
  });

  it('--git compares a small file with its 9 MiB parent without holding the parent: only the line the commit adds', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'large-parent'));
    repo.write('dump.txt', `${big}token = "${OLD}"\n`).commit('key in the dump');
    // The dump shrinks to two lines: the old key (no new line) and a new one.
    repo.write('dump.txt', `token = "${OLD}"\ntoken = "${NEW}"\n`).commit('dump cut down');
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Report).findings.map((finding) => [finding.line, finding.commit])).toEqual([
      [2, repo.sha('dump cut down')],
      [fillerLines + 1, repo.sha('key in the dump')],
    ]);
    expect(containsAnyKey(run.stdout + run.stderr, [OLD, NEW])).toBe(false);
  });
});
