/**
 * UTF-16 blobs over 8 MiB (STREAM_BLOB_ABOVE) in --staged and --git, on the built CLI in real
 * repositories (issue 11). They are streamed from git, never held whole; git counts their lines
 * by 0x0A bytes, and every row here holds U+010A (`0A 01` in UTF-16LE, `01 0A` in UTF-16BE),
 * so git's line numbers run at twice core's. A key on a line the commit adds must be reported,
 * on core's line, and a key on an unchanged line must not be.
 */
import { containsAnyKey, describeKey, fakeKey, parseJsonReport, removeTempDirs, runCli, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(180_000);
afterAll(removeTempDirs);

const OLD_KEY = fakeKey('proj', 111);
const NEW_KEY = fakeKey('proj', 112);
const KEYS = [OLD_KEY, NEW_KEY];

/** Rows of text with a U+010A in each: about 9.4 MiB in UTF-16 (over the 8 MiB streaming limit). */
const ROWS = 360_000;
const OLD_LINE = 5;
const NEW_LINE = 250_000;

function rows(withNewKey: boolean): string {
  const lines: string[] = [];
  for (let i = 1; i <= ROWS; i++) {
    if (i === OLD_LINE) lines.push(`OPENAI_API_KEY=${OLD_KEY}`);
    else if (i === NEW_LINE && withNewKey) lines.push(`token = "${NEW_KEY}"`);
    else lines.push(`row ${String(i).padStart(6, '0')} \u010a`);
  }
  return `${lines.join('\n')}\n`;
}

function encode(text: string, kind: 'utf16le' | 'utf16be-bom'): Buffer {
  const bytes = Buffer.from(text, 'utf16le');
  if (kind === 'utf16le') return bytes;
  bytes.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]);
}

const places = (stdout: string): string[] => parseJsonReport(stdout).findings.map((finding) => `${finding.file}:${finding.line}`);

describe.each(['utf16le', 'utf16be-bom'] as const)(`a %s blob over 8 MiB (keys like ${describeKey(NEW_KEY)})`, (kind) => {
  /** HEAD holds the rows with a key on line 5; the work tree adds a key on line 250,000. */
  function repository(): TempRepo {
    const repo = new TempRepo();
    const before = encode(rows(false), kind);
    expect(before.length).toBeGreaterThan(8 * 1024 * 1024);
    repo.write('data/rows.txt', before).add('data/rows.txt').commit('the rows');
    repo.write('data/rows.txt', encode(rows(true), kind)).add('data/rows.txt');
    // git's count: every row's U+010A holds a 0x0A byte, so the added line is far past core's number.
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/m.exec(repo.git('diff', '--cached', '-a', '-U0', '--', 'data/rows.txt'));
    expect(Number(hunk?.[1])).toBeGreaterThan(NEW_LINE + 100_000);
    return repo;
  }

  it('--staged reports the key on the added line, on core line numbers, and not the unchanged one', () => {
    const repo = repository();
    const run = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(run.stderr).toBe('');
    expect(places(run.stdout)).toEqual([`data/rows.txt:${NEW_LINE}`]);
    expect(run.status).toBe(1);
    expect(containsAnyKey(run.stdout, KEYS)).toBe(false);
    // All lines: both keys, where core numbers them.
    const all = runCli(['scan', '--staged', '--all-lines', '--format', 'json'], { cwd: repo.dir });
    expect(places(all.stdout)).toEqual([`data/rows.txt:${OLD_LINE}`, `data/rows.txt:${NEW_LINE}`]);
  });

  it('--git reports each key in the commit that added it, once', () => {
    const repo = repository();
    repo.commit('a key in the middle');
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo.dir });
    expect(run.stderr).not.toMatch(/warning|skipped|not scanned/i);
    const report = parseJsonReport(run.stdout);
    const [first, second] = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}@${finding.commit}`).sort();
    expect(found).toEqual([`data/rows.txt:${NEW_LINE}@${second}`, `data/rows.txt:${OLD_LINE}@${first}`].sort());
    expect(run.status).toBe(1);
    expect(containsAnyKey(run.stdout, KEYS)).toBe(false);
  });
});
