import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeKey, fakeValue, parseJsonReport, runCli, ScriptedRepo } from '@keyguard/test-utils';

const git = (dir: string, args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });

// The history walk's two strategies (issue 16): `blobs` reads every new blob, `patches` reads a
// file version only when the lines its commit added could hold a finding. And two ways to know
// renames, for either strategy: listing every commit with `git log -M` (eager, as the walk once
// did), or listing without and recovering a rename where it matters (lazy, the default:
// history-renames.ts). On every history here, the built CLI must give the same
// findings (rule, file, line, commit, fingerprint), the same skipped counts and the same exit
// status every way.
const root = mkdtempSync(join(tmpdir(), 'keyguard-strategies-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lines enough that a file with one more line is still a rename to git (-M). */
const BODY = Array.from({ length: 30 }, (_, i) => `line_${i} = "text of a file long enough to be renamed"`);
const APP = (lines: string[]): string => [...lines, ...Array.from({ length: 30 }, (_, i) => `setting_${i} = ${i * 7}`), ''].join('\n');

type Script = (repo: ScriptedRepo) => void;
const scripts: Record<string, Script> = {
  'a key added, removed, and a file renamed with a new key': (repo) => {
    repo.write('app.py', APP(['import os'])).commit('init');
    repo.write('app.py', APP(['import os', `openai_api_key = "${fakeKey('proj', 601)}"`])).commit('add key');
    repo.write('app.py', APP(['import os'])).commit('remove key');
    repo.move('app.py', 'src/main.py');
    repo.write('src/main.py', APP(['import os', `KEY = "${fakeKey('legacy', 602)}"`])).commit('rename');
  },
  'a rotated value on a line that names no provider': (repo) => {
    const client = (value: string): string =>
      [
        'from openai import AzureOpenAI',
        '',
        'client = AzureOpenAI(',
        `    api_key="${value}",`,
        '    api_version="2024-02-01",',
        ')',
        '',
      ].join('\n');
    repo.write('client.py', client(fakeValue(1))).commit('client');
    repo.write('client.py', client(fakeValue(2))).commit('rotate');
    repo.write('notes.md', '# notes\n').commit('docs');
  },
  'a constant set far above the sink that names it': (repo) => {
    const filler = Array.from({ length: 200 }, (_, i) => `value_${i} = compute(${i})`);
    const file = (value: string): string => [`API_KEY = "${value}"`, ...filler, 'client = OpenAI(api_key=API_KEY)', ''].join('\n');
    repo.write('svc.py', file(fakeValue(3))).commit('svc');
    repo.write('svc.py', file(fakeValue(4))).commit('new constant');
  },
  'branches, a clean merge, a conflict resolved with a key, a branch never merged': (repo) => {
    repo.write('conf.yml', 'mode: dev\n').write('README.md', 'hello\n').commit('init');
    repo.checkout('feature', true);
    repo.write('config/settings.py', `OPENAI_API_KEY = "${fakeKey('admin', 603)}"\n`).commit('feature');
    repo.checkout('main');
    repo.merge('merge feature', 'feature');
    repo.checkout('hotfix', true);
    repo.write('conf.yml', 'mode: hotfix\n').commit('hotfix');
    repo.checkout('main');
    repo.write('conf.yml', 'mode: prod\n').commit('conf main');
    repo.merge('merge hotfix', 'hotfix', (r) => r.write('conf.yml', `mode: prod\nOPENAI_API_KEY: ${fakeKey('proj', 604)}\n`));
    repo.checkout('stale', true);
    repo.write('stale.env', `OPENAI_API_KEY=${fakeKey('svcacct', 605)}\n`).commit('stale');
    repo.checkout('main');
  },
  'binary, UTF-16, CRLF, an LFS pointer, a symbolic link, a mode change and an empty file': (repo) => {
    const key = fakeKey('proj', 606);
    writeFileSync(join(repo.dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0, 0]), Buffer.from(`x${key}x`), Buffer.from([0, 0])]));
    git(repo.dir, ['add', 'blob.bin']);
    repo.write('utf16.txt', '');
    writeFileSync(
      join(repo.dir, 'utf16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`OPENAI_API_KEY=${fakeKey('legacy', 607)}\n`, 'utf16le')]),
    );
    git(repo.dir, ['add', 'utf16.txt']);
    repo.write('crlf.env', `A=1\r\nOPENAI_API_KEY=${fakeKey('svcacct', 608)}\r\n`);
    repo.write('big.psd', 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 12345\n');
    symlinkSync('crlf.env', join(repo.dir, 'link.env'));
    git(repo.dir, ['add', 'link.env']);
    repo.write('empty.txt', '').commit('kinds');
    git(repo.dir, ['update-index', '--chmod=+x', 'crlf.env']);
    repo.commit('mode');
    repo.write('crlf.env', `A=2\r\nOPENAI_API_KEY=${fakeKey('svcacct', 608)}\r\n`).commit('crlf edit');
  },
  'exact and inexact renames of files with keys, and a file copied twice where one was deleted': (repo) => {
    const key = fakeKey('proj', 612);
    repo.write('a.py', [...BODY, `KEY = "${key}"`, ''].join('\n'));
    repo.write('b.env', `OPENAI_API_KEY=${fakeKey('legacy', 613)}\n${BODY.join('\n')}\n`);
    repo.write('d.py', `token = "${fakeKey('svcacct', 614)}"\n`);
    writeFileSync(join(repo.dir, 'logo.bin'), Buffer.from([0, 1, 2, 0, 0, 3, 4]));
    git(repo.dir, ['add', 'logo.bin']);
    repo.commit('init');
    // Exact: nothing is new. Inexact, with a line added: only that line is new.
    repo.move('a.py', 'src/a.py').move('logo.bin', 'assets/logo.bin').commit('move a and the logo');
    repo.move('b.env', 'conf/b.env');
    repo.write('conf/b.env', `OPENAI_API_KEY=${fakeKey('legacy', 613)}\n${BODY.join('\n')}\nOTHER=${fakeKey('admin', 615)}\n`);
    repo.commit('move and edit b');
    // One deleted, two added with its blob: git renames one, the other is added with its key.
    repo.remove('d.py');
    repo.write('lib/d.py', `token = "${fakeKey('svcacct', 614)}"\n`);
    repo.write('tools/d.py', `token = "${fakeKey('svcacct', 614)}"\n`).commit('copy d');
    // And an exact rename with a mode change.
    repo.move('src/a.py', 'bin/a.py');
    git(repo.dir, ['update-index', '--chmod=+x', 'bin/a.py']);
    repo.commit('move a, executable');
  },
  'a file renamed on a branch and edited on main, merged; a rename inside the merge': (repo) => {
    repo.write('app.py', [...BODY, `KEY = "${fakeKey('proj', 616)}"`, ''].join('\n')).commit('init');
    repo.checkout('feature', true);
    repo.move('app.py', 'pkg/app.py').commit('move on feature');
    repo.checkout('main');
    repo
      .write('app.py', [...BODY, `KEY = "${fakeKey('proj', 616)}"`, `SECOND = "${fakeKey('admin', 617)}"`, ''].join('\n'))
      .commit('edit on main');
    repo.merge('merge feature', 'feature');
    repo.checkout('other', true);
    repo.write('side.py', 'x = 1\n').commit('side');
    repo.checkout('main');
    repo.merge('merge other', 'other');
    git(repo.dir, ['mv', 'pkg/app.py', 'pkg/main.py']);
    git(repo.dir, ['commit', '-q', '--amend', '--no-edit']);
  },
  'a key split over two lines, inline-ignored keys and ignore files': (repo) => {
    const key = fakeKey('proj', 609);
    repo.write('split.ts', `const key =\n  '${key.slice(0, 12)}' +\n  '${key.slice(12)}';\n`).commit('split');
    repo.write('ignored.py', `KEY = "${fakeKey('proj', 610)}"  # keyguard-ignore\n`).commit('ignored');
    repo
      .write('.keyguardignore', 'vendor/\n')
      .write('vendor/lib.py', `OPENAI_API_KEY = "${fakeKey('proj', 611)}"\n`)
      .commit('vendor');
  },
};

/** The script's repository, made once (each describe below reads it). */
const made = new Map<string, string>();
function scripted(name: string, script: Script): string {
  let dir = made.get(name);
  if (!dir) {
    const repo = new ScriptedRepo(join(root, name.replace(/\W+/g, '-')));
    script(repo);
    dir = repo.dir;
    made.set(name, dir);
  }
  return dir;
}

interface Outcome {
  status: number | null;
  findings: string[];
  skipped: Record<string, number>;
  /** What was not scanned, and where it was first met: a moved file is met where it was added. */
  skippedItems: string[];
}

function scan(dir: string, env: NodeJS.ProcessEnv): Outcome {
  const result = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: dir, env });
  const report = parseJsonReport(result.stdout);
  return {
    status: result.status,
    findings: report.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.commit, finding.fingerprint].join(' ')),
    skipped: report.stats.skipped,
    skippedItems: report.skipped.map((item) => `${item.reason} ${item.path}`),
  };
}

describe('history strategies', () => {
  it.each(Object.entries(scripts))('give the same findings and skips: %s', (name, script) => {
    const dir = scripted(name, script);
    const blobs = scan(dir, {});
    expect(scan(dir, { KEYGUARD_HISTORY_STRATEGY: 'patches' })).toEqual(blobs);
    expect(scan(dir, { KEYGUARD_HISTORY_STRATEGY: 'patches', KEYGUARD_HISTORY_RENAMES: 'eager' })).toEqual(blobs);
    expect(scan(dir, { KEYGUARD_HISTORY_RENAMES: 'eager' })).toEqual(blobs);
    expect(blobs.findings.length).toBeGreaterThan(0);
  });
});

describe('renames recovered from a listing without them', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { streamCommits } = require(join(__dirname, '..', 'dist', 'git', 'log.js')) as typeof import('../src/git/log');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pairExactRenames } = require(
    join(__dirname, '..', 'dist', 'sources', 'history-renames.js'),
  ) as typeof import('../src/sources/history-renames');
  type Record = import('../src/git/log').CommitRecord;
  /** The files of a commit the walk visits: new content, not a deletion, not an unchanged (renamed) blob. */
  const visited = (record: Record): string[] =>
    record.files
      .filter((file) => /^1006/.test(file.mode) && !/^0+$/.test(file.blob) && !file.parentBlobs.includes(file.blob))
      .map((file) => file.path)
      .sort();
  async function listed(dir: string, renames: boolean): Promise<Map<string, Record>> {
    const commits = new Map<string, Record>();
    for await (const record of streamCommits({ cwd: dir }, ['--all'], { renames })) commits.set(record.commit, record);
    return commits;
  }

  it.each(Object.entries(scripts))(
    'visits what git log -M lists as new, and more only where git chose by path: %s',
    async (name, script) => {
      const dir = scripted(name, script);
      const eager = await listed(dir, true);
      const lazy = await listed(dir, false);
      expect([...lazy.keys()]).toEqual([...eager.keys()]);
      for (const [commit, record] of lazy) {
        const want = visited(eager.get(commit)!);
        const got = visited(pairExactRenames(record));
        // A merge names no deleted source, and a blob added more often than deleted is left
        // added (git chose one by path): there the walk visits more, and a finding asks git -M.
        const deleted = record.files.filter((file) => /^0+$/.test(file.blob)).map((file) => file.parentBlobs[0]);
        const count = (blobs: string[], blob: string): number => blobs.filter((other) => other === blob).length;
        const added = record.files.filter((file) => file.parentBlobs.length === 0).map((file) => file.blob);
        const leftAdded = (path: string): boolean => {
          const blob = record.files.find((file) => file.path === path)!.blob;
          return record.parents.length > 1 || count(added, blob) > count(deleted, blob);
        };
        expect(got).toEqual(expect.arrayContaining(want));
        expect(got.filter((path) => !want.includes(path)).filter((path) => !leftAdded(path))).toEqual([]);
      }
    },
  );

  it('pairs exact renames, a mode change among them, and leaves a blob added twice where it was deleted once', () => {
    const name = 'exact and inexact renames of files with keys, and a file copied twice where one was deleted';
    const dir = scripted(name, scripts[name]);
    return Promise.all([listed(dir, false), listed(dir, true)]).then(([lazy, eager]) => {
      const byMessage = (commits: Map<string, Record>, index: number): Record => [...commits.values()][index];
      // Newest first: the move with a mode change, the double copy, the inexact move, the exact moves.
      expect(visited(pairExactRenames(byMessage(lazy, 0)))).toEqual([]);
      expect(visited(pairExactRenames(byMessage(lazy, 1)))).toEqual(['lib/d.py', 'tools/d.py']);
      expect(visited(byMessage(eager, 1))).toHaveLength(1);
      expect(visited(pairExactRenames(byMessage(lazy, 3)))).toEqual([]);
      expect(visited(byMessage(lazy, 3))).toEqual(['assets/logo.bin', 'src/a.py']);
    });
  });
});
