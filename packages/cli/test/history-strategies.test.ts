import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeKey, fakeValue, parseJsonReport, runCli, ScriptedRepo } from '@keyguard/test-utils';

const git = (dir: string, args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });

// The history walk's two strategies (issue 16): `blobs` reads every new blob, `patches` reads a
// file version only when the lines its commit added could hold a finding. On every history
// here, the built CLI must give the same findings (rule, file, line, commit, fingerprint), the
// same skipped counts and the same exit status with either.
const root = mkdtempSync(join(tmpdir(), 'keyguard-strategies-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

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

interface Outcome {
  status: number | null;
  findings: string[];
  skipped: Record<string, number>;
}

function scan(dir: string, strategy: 'blobs' | 'patches'): Outcome {
  const result = runCli(['scan', '--git', '--all', '--format', 'json'], { cwd: dir, env: { KEYGUARD_HISTORY_STRATEGY: strategy } });
  const report = parseJsonReport(result.stdout);
  return {
    status: result.status,
    findings: report.findings.map((finding) => [finding.ruleId, finding.file, finding.line, finding.commit, finding.fingerprint].join(' ')),
    skipped: report.stats.skipped,
  };
}

describe('history strategies', () => {
  it.each(Object.entries(scripts))('give the same findings and skips: %s', (name, script) => {
    const repo = new ScriptedRepo(join(root, name.replace(/\W+/g, '-')));
    script(repo);
    const blobs = scan(repo.dir, 'blobs');
    const patches = scan(repo.dir, 'patches');
    expect(patches).toEqual(blobs);
    expect(blobs.findings.length).toBeGreaterThan(0);
  });
});
