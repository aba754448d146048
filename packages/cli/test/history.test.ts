import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHistory, type HistoryStats, type ScanItem, type SourceEvent } from '@keyguard/cli';
import { containsAnyKey, describeKey, fakeKey, fakeValue, git, type JsonFinding, runCli, ScriptedRepo } from '@keyguard/test-utils';

const keys = {
  removed: fakeKey('proj', 501), // added in "add key", removed in the next commit
  renamed: fakeKey('legacy', 502), // added while the file is renamed
  shared: fakeKey('svcacct', 503), // one blob, added on two branches and re-added later
  feature: fakeKey('admin', 504), // on a branch merged cleanly
  resolution: fakeKey('proj', 505), // written by a conflict resolution
  stale: fakeKey('proj', 506), // on a branch never merged: --all only
  ignored: fakeKey('proj', 507), // silenced inline
};
const allKeys = Object.values(keys);

const root = mkdtempSync(join(tmpdir(), 'keyguard-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The main scripted history (oldest first):
 *   init          app.py and README.md, clean
 *   add key       app.py line 2 gets a key
 *   remove key    app.py back to clean: the key is gone from the tree, not from history
 *   rename        app.py → src/main.py, with a new key on line 33
 *   shared main   shared.txt (key on line 2) on main
 *   (feature)     feature 1: the same shared.txt blob; feature 2: config/settings.py with a key
 *   merge feature a clean merge: adds nothing of its own
 *   drop shared   shared.txt deleted
 *   readd shared  shared.txt re-added, the same blob again
 *   (hotfix)      conf.yml line 1 changed
 *   conf main     conf.yml line 1 changed differently on main
 *   merge hotfix  conflicts; the resolution writes a line with a key neither side had
 *   ignored       a key with keyguard-ignore
 *   (stale)       a branch never merged, with a key
 */
/** app.py: 32 lines, so that the rename with one added line is still a rename to git (-M). */
const APP = ['import os', ...Array.from({ length: 30 }, (_, i) => `setting_${i} = ${i * 7}`), 'print("hello")', ''].join('\n');

function buildMainRepo(dir: string): ScriptedRepo {
  const repo = new ScriptedRepo(dir);
  repo.write('app.py', APP).write('README.md', '# demo\n').write('conf.yml', 'mode: base\nname: demo\n').commit('init');
  repo.write('app.py', APP.replace('import os\n', `import os\ntoken = "${keys.removed}"\n`)).commit('add key');
  repo.write('app.py', APP).commit('remove key');
  repo
    .move('app.py', 'src/main.py')
    .write('src/main.py', `${APP}backup = "${keys.renamed}"\n`)
    .commit('rename', 'Grace Hopper <grace@example.com>');
  const shared = `shared settings\nkey: ${keys.shared}\n`;
  repo.write('shared.txt', shared).commit('shared main');
  repo.checkout('feature', true);
  repo.write('notes/shared.txt', shared).commit('feature 1');
  repo.write('config/settings.py', `MODEL = "gpt-4o"\nTOKEN = "${keys.feature}"\n`).commit('feature 2');
  repo.checkout('main').merge('merge feature', 'feature');
  repo.remove('shared.txt').commit('drop shared');
  repo.write('shared.txt', shared).commit('readd shared');
  repo.checkout('hotfix', true).write('conf.yml', 'mode: hotfix\nname: demo\n').commit('hotfix');
  repo.checkout('main').write('conf.yml', 'mode: main\nname: demo\n').commit('conf main');
  repo.merge('merge hotfix', 'hotfix', (r) => {
    r.write('conf.yml', `mode: resolved\nname: demo\ntoken: ${keys.resolution}\n`);
  });
  repo.write('tools.py', `LEGACY = "${keys.ignored}"  # keyguard-ignore\n`).commit('ignored');
  repo.checkout('stale', true).write('old.py', `x = 1\nOLD = "${keys.stale}"\n`).commit('stale');
  repo.checkout('main');
  return repo;
}

const repo = buildMainRepo(join(root, 'main'));

function scan(args: string[], cwd = repo.dir) {
  const run = runCli(['scan', '--git', ...args, '--format', 'json'], { cwd });
  expect(containsAnyKey(run.stdout + run.stderr, allKeys)).toBe(false);
  const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings : [];
  return { ...run, findings };
}

/** Findings as `path:line@commit-name`, sorted: what each mode must report. */
function places(findings: readonly JsonFinding[]): string[] {
  const names = new Map([...repo.commits].map(([name, sha]) => [sha, name]));
  return findings.map((finding) => `${finding.file}:${finding.line}@${names.get(finding.commit ?? '') ?? finding.commit}`).sort();
}

const MAIN_HISTORY = [
  'app.py:2@add key',
  'conf.yml:3@merge hotfix',
  'config/settings.py:2@feature 2',
  'notes/shared.txt:2@feature 1',
  'shared.txt:2@readd shared',
  'shared.txt:2@shared main',
  'src/main.py:33@rename',
].sort();

describe('keyguard scan --git', () => {
  test('the default scans the history of HEAD: each key at the commit that added it', () => {
    const run = scan([]);
    expect(run.status).toBe(1);
    expect(places(run.findings)).toEqual(MAIN_HISTORY);
  });

  test('--all adds the branches HEAD does not reach', () => {
    const run = scan(['--all']);
    expect(run.status).toBe(1);
    expect(places(run.findings)).toEqual([...MAIN_HISTORY, 'old.py:2@stale'].sort());
  });

  test('a bare repository (a mirror) and a folder of the checkout have the history of its root; --staged is refused in a mirror', () => {
    const mirror = join(root, 'mirror.git');
    git(root, 'clone', '-q', '--mirror', repo.dir, mirror);
    const same = (findings: readonly JsonFinding[]) =>
      findings.map((finding) => `${finding.file}:${finding.line}@${finding.commit} ${finding.fingerprint}`).sort();
    const checkout = same(scan(['--all']).findings);
    expect(checkout).toHaveLength(MAIN_HISTORY.length + 1);
    // History's paths and fingerprints are the tree's from a folder of the checkout too.
    for (const cwd of [mirror, join(mirror, 'refs'), join(repo.dir, 'src')]) {
      const run = scan(['--all'], cwd);
      expect(run.status).toBe(1);
      expect(same(run.findings)).toEqual(checkout);
    }
    const staged = runCli(['scan', '--staged'], { cwd: mirror });
    expect(staged.status).toBe(2);
    expect(staged.stderr).toContain('--staged needs a work tree, and this is a bare repository');
  });

  test('--since REV scans only the commits after REV on HEAD', () => {
    const run = scan(['--since', repo.sha('rename')]);
    expect(places(run.findings)).toEqual([
      'conf.yml:3@merge hotfix',
      'config/settings.py:2@feature 2',
      'notes/shared.txt:2@feature 1',
      'shared.txt:2@readd shared',
      'shared.txt:2@shared main',
    ]);
  });

  test.each([
    ['a branch name range', 'main..feature', []],
    [
      'what a pull request adds',
      `${'init'}..feature`,
      [
        'app.py:2@add key',
        'config/settings.py:2@feature 2',
        'notes/shared.txt:2@feature 1',
        'shared.txt:2@shared main',
        'src/main.py:33@rename',
      ],
    ],
    ['a range of one merge', 'conf main..merge hotfix', ['conf.yml:3@merge hotfix']],
    ['the stale branch against main', 'main..stale', ['old.py:2@stale']],
    ['HEAD on the left', 'HEAD..stale', ['old.py:2@stale']],
  ])('--range: %s', (_name, range, expected) => {
    const resolved = range.replace(/(init|conf main|merge hotfix)/g, (name) => repo.sha(name));
    const run = scan(['--range', resolved]);
    expect(run.status).toBe(expected.length > 0 ? 1 : 0);
    expect(places(run.findings)).toEqual(expected);
  });

  test('findings carry the commit, its author and date, and the line in that commit’s file', () => {
    const { findings } = scan([]);
    const renamed = findings.find((finding) => finding.file === 'src/main.py');
    expect(renamed).toMatchObject({
      ruleId: 'openai-api-key',
      line: 33,
      column: 11,
      commit: repo.sha('rename'),
      author: 'Grace Hopper <grace@example.com>',
      date: '2024-01-01T09:04:00+00:00',
    });
    const removed = findings.find((finding) => finding.file === 'app.py');
    expect(removed).toMatchObject({ commit: repo.sha('add key'), author: 'Ada Lovelace <ada@example.com>' });
    for (const finding of findings) expect(finding.secret).toContain('…');
  });

  test('a clean merge adds nothing; a conflict resolution that writes a key is reported at the merge', () => {
    const { findings } = scan([]);
    expect(findings.filter((finding) => finding.commit === repo.sha('merge feature'))).toEqual([]);
    expect(places(findings.filter((finding) => finding.commit === repo.sha('merge hotfix')))).toEqual(['conf.yml:3@merge hotfix']);
  });

  test('the text report groups findings by file and commit', () => {
    const run = runCli(['scan', '--git', '--format', 'text', '--no-color'], { cwd: repo.dir });
    expect(run.stdout).toContain(`shared.txt @ ${repo.sha('shared main').slice(0, 12)}`);
    expect(run.stdout).toContain(`src/main.py @ ${repo.sha('rename').slice(0, 12)}`);
    expect(run.stdout).toMatch(/History: \d+ commits/);
    expect(containsAnyKey(run.stdout + run.stderr, allKeys)).toBe(false);
  });

  test('a baseline accepts a key in every commit it appears in', () => {
    const everything = scan(['--all']).findings;
    const sharedFingerprints = new Set(everything.filter((finding) => finding.file === 'shared.txt').map((finding) => finding.fingerprint));
    expect(sharedFingerprints.size).toBe(1); // the fingerprint holds no commit
    const entry = everything.find((finding) => finding.file === 'shared.txt')!;
    const baseline = join(root, 'shared-baseline.json');
    writeFileSync(
      baseline,
      JSON.stringify({
        version: 1,
        findings: [{ fingerprint: entry.fingerprint, ruleId: entry.ruleId, file: entry.file, line: entry.line, secret: entry.secret }],
      }),
    );
    const run = scan(['--all', '--baseline', baseline]);
    expect(places(run.findings)).toEqual([...MAIN_HISTORY, 'old.py:2@stale'].filter((place) => !place.startsWith('shared.txt')).sort());
  });

  test('keyguard baseline --git records the history, and a scan with it passes', () => {
    const baseline = join(root, 'history-baseline.json');
    const record = runCli(['baseline', '--git', '--all', '--output', baseline], { cwd: repo.dir });
    expect(record.status).toBe(0);
    const run = scan(['--all', '--baseline', baseline]);
    expect(run.status).toBe(0);
    expect(run.findings).toEqual([]);
  });

  test.each([
    [['--range', 'nosuchbranch..HEAD'], /--range: unknown revision "nosuchbranch"/],
    [['--range', 'main..nosuchbranch'], /--range: unknown revision "nosuchbranch"/],
    [['--since', 'v9.9.9'], /--since: unknown revision "v9.9.9"/],
    [['--since', '2024-01-01'], /--since: unknown revision "2024-01-01" \(--since takes a commit, branch or tag, not a date\)/],
    [['--range', 'main'], /--range expects A\.\.B/],
  ])('bad revisions exit 2 with one line: %j', (args, message) => {
    const run = runCli(['scan', '--git', ...args], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('outside a git work tree --git exits 2 with one line', () => {
    const outside = mkdtempSync(join(tmpdir(), 'keyguard-not-a-repo-'));
    try {
      const run = runCli(['scan', '--git'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/not inside a git work tree.*keyguard scan \./);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('history edge cases', () => {
  test('an empty repository: exit 0 and a note that there is no history', () => {
    const empty = new ScriptedRepo(join(root, 'empty'));
    const text = runCli(['scan', '--git', '--format', 'text', '--no-color'], { cwd: empty.dir });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('The repository has no commits yet');
    expect(runCli(['scan', '--git', '--all'], { cwd: empty.dir }).status).toBe(0);
    const range = runCli(['scan', '--git', '--range', 'main..HEAD'], { cwd: empty.dir });
    expect(range.status).toBe(2);
    expect(range.stderr).toMatch(/no commits yet/);
  });

  test('a shallow clone: scans what is there, says history is truncated, with the fetch-depth hint', () => {
    const shallow = join(root, 'shallow');
    git(root, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${repo.dir}`, shallow);
    const run = runCli(['scan', '--git', '--format', 'text', '--no-color'], { cwd: shallow });
    expect(run.stdout).toContain('History is truncated');
    expect(run.stdout).toContain('fetch-depth: 0');
    expect(run.stdout).toContain('git fetch --unshallow');
    // The boundary commit stands for everything before it: its whole tree is new.
    const json = scan([], shallow);
    expect(json.status).toBe(1);
    expect(json.stderr).toMatch(/^keyguard: note: History is truncated.*fetch-depth: 0/m); // machine formats say it on stderr
    const head = git(shallow, 'rev-parse', 'HEAD').trim();
    expect(json.findings.map((finding) => `${finding.file}:${finding.line}`).sort()).toEqual([
      'conf.yml:3',
      'config/settings.py:2',
      'notes/shared.txt:2',
      'shared.txt:2',
      'src/main.py:33',
    ]);
    expect(new Set(json.findings.map((finding) => finding.commit))).toEqual(new Set([head]));
  });

  test('a blob scanned as a lock file is judged again under another name (lock files get the key shapes only)', async () => {
    const locks = new ScriptedRepo(join(root, 'locks'));
    // A value only the context rule reports: nothing in yarn.lock, a finding in deps.lock.
    const text = `lodash@4.17.21:\nOPENAI_API_KEY=${fakeValue(71)}\n`;
    locks.write('deps.lock', text).commit('copy');
    // More file versions than the walk holds in flight (256): the lock file's verdict (the
    // newest commit, walked first) is known before deps.lock is met.
    for (let i = 0; i < 300; i++) locks.write(`fill/${String(i).padStart(3, '0')}.txt`, `filler ${i}\n`);
    locks.commit('fillers');
    locks.write('yarn.lock', text).commit('lock');
    const names = new Map([...locks.commits].map(([name, sha]) => [sha, name]));
    let stats: HistoryStats | undefined;
    const items = await collect(readHistory({ cwd: locks.dir, all: true, onStats: (value) => (stats = value) }));
    expect(items.map((item) => `${item.path}@${names.get(item.commit!)}`)).toEqual(['deps.lock@copy']);
    expect(stats).toMatchObject({ fileVersions: 302, blobsScanned: 302 }); // the blob once as a lock file, once as deps.lock
    const run = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: locks.dir });
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}@${names.get(finding.commit!)}`)).toEqual([
      'openai-key-assignment deps.lock:2@copy',
    ]);
  });

  test('the same blob in many commits and branches is read and scanned once, reported at each commit that adds it', async () => {
    const dedupe = new ScriptedRepo(join(root, 'dedupe'));
    const text = `first line\nsecret ${keys.shared}\n`;
    dedupe.write('a.txt', text).commit('a');
    dedupe.checkout('side', true).write('b.txt', text).commit('b on side');
    dedupe.write('unrelated.txt', 'nothing\n').commit('unrelated');
    dedupe.checkout('main').remove('a.txt').commit('drop a');
    dedupe.write('a.txt', text).commit('readd a');
    dedupe.write('c.txt', 'first line\nsecret elsewhere\n').commit('c');

    let stats: HistoryStats | undefined;
    const items = await collect(readHistory({ cwd: dedupe.dir, all: true, onStats: (value) => (stats = value) }));
    const names = new Map([...dedupe.commits].map(([name, sha]) => [sha, name]));
    expect(items.map((item) => `${item.path}@${names.get(item.commit!)}`).sort()).toEqual(['a.txt@a', 'a.txt@readd a', 'b.txt@b on side']);
    for (const item of items) expect([...(item.lines ?? [])]).toEqual([1, 2]); // each commit adds the whole file
    expect(stats).toMatchObject({ commits: 6, fileVersions: 5, blobsScanned: 3 }); // the key's blob, unrelated.txt, c.txt
    const run = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: dedupe.dir });
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((finding) => `${finding.file}:${finding.line}@${names.get(finding.commit!)}`).sort()).toEqual([
      'a.txt:2@a',
      'a.txt:2@readd a',
      'b.txt:2@b on side',
    ]);
  });

  test('a line moved within a file, or a file renamed unchanged, is not reported again', () => {
    const moved = new ScriptedRepo(join(root, 'moved'));
    moved.write('keys.py', `A = 1\nK = "${keys.removed}"\nB = 2\n`).commit('add');
    moved.write('keys.py', `K = "${keys.removed}"\nA = 1\nB = 2\n`).commit('move line');
    moved.move('keys.py', 'lib/keys.py').commit('rename');
    moved.write('lib/keys.py', `K = "${keys.removed}"\r\nA = 1\r\nB = 2\r\n`).commit('crlf');
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: moved.dir });
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((finding) => `${finding.file}:${finding.line}@${finding.commit}`)).toEqual([`keys.py:2@${moved.sha('add')}`]);
  });

  test('scan workers and the main thread find the same items', async () => {
    const on = await collect(readHistory({ cwd: repo.dir, all: true, threads: 3 }));
    const off = await collect(readHistory({ cwd: repo.dir, all: true, threads: 1 }));
    const summary = (items: ScanItem[]) => items.map((item) => `${item.path}@${item.commit}:${[...(item.lines ?? [])].join(',')}`).sort();
    expect(summary(on)).toEqual(summary(off));
    // The rename with one new line: only that line is the commit's, the rest came with app.py.
    const renamed = on.find((item) => item.path === 'src/main.py')!;
    expect([...(renamed.lines ?? [])]).toEqual([33]);
  });

  test('.keyguardignore and the config ignore list apply to history', () => {
    const ignoring = new ScriptedRepo(join(root, 'ignoring'));
    ignoring
      .write('fixtures/key.txt', `k ${keys.feature}\n`)
      .write('src/key.txt', `k ${keys.renamed}\n`)
      .write('vendor/key.txt', `k ${keys.shared}\n`)
      .commit('keys');
    writeFileSync(join(ignoring.dir, '.keyguardignore'), 'fixtures/\n');
    writeFileSync(join(ignoring.dir, 'keyguard.config.json'), JSON.stringify({ ignore: ['vendor/'] }));
    const files = (args: string[]) =>
      (
        JSON.parse(runCli(['scan', '--git', ...args, '--format', 'json'], { cwd: ignoring.dir }).stdout) as { findings: JsonFinding[] }
      ).findings
        .map((finding) => finding.file)
        .sort();
    expect(files([])).toEqual(['src/key.txt']);
    expect(files(['--no-ignore'])).toEqual(['fixtures/key.txt', 'src/key.txt']);
  });

  test('inline ignores apply: the ignored key is never reported', () => {
    const { findings } = scan(['--all']);
    expect(findings.some((finding) => finding.file === 'tools.py')).toBe(false);
    expect(describeKey(keys.ignored)).not.toContain(keys.ignored);
  });
});

async function collect(events: AsyncIterable<SourceEvent>): Promise<ScanItem[]> {
  const items: ScanItem[] = [];
  for await (const event of events) if (!('skipped' in event)) items.push(event);
  return items;
}
