import { rmSync } from 'node:fs';
import { containsAnyKey, fakeKey, git, parseJsonReport, runCli, tempRepo, writeFiles } from '@keyguard/test-utils';

/**
 * Commit messages are part of what a push publishes: a key pasted into one is a finding of
 * `--git`, reported under `(commit message)` with its commit, never whole.
 */
const key = fakeKey('proj', 811);
const other = fakeKey('svcacct', 812);
let repo: string;

beforeAll(() => {
  repo = tempRepo();
  writeFiles(repo, { 'a.txt': 'one\n' });
  git(repo, 'add', 'a.txt');
  git(repo, 'commit', '-q', '-m', `try the new key\n\nOPENAI_API_KEY=${key} works for staging`);
  writeFiles(repo, { 'a.txt': 'two\n' });
  git(repo, 'commit', '-q', '-am', 'set OPENAI_API_KEY=sk-... in your .env (placeholder)');
  writeFiles(repo, { 'a.txt': 'three\n' });
  git(repo, 'commit', '-q', '-am', `rotate: old one was ${other}`);
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('keys in commit messages', () => {
  it('--git reports each, under (commit message), with its commit and line, redacted', () => {
    const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(1);
    const findings = parseJsonReport(run.stdout).findings;
    const commits = git(repo, 'log', '--format=%H').trim().split('\n');
    expect(findings.map((finding) => [finding.file, finding.line, finding.commit, finding.ruleId])).toEqual([
      ['(commit message)', 1, commits[0], 'openai-api-key'],
      ['(commit message)', 3, commits[2], 'openai-api-key'],
    ]);
    expect(containsAnyKey(run.stdout + run.stderr, [key, other])).toBe(false);
  });

  it('a range reads only its own commits’ messages', () => {
    const run = runCli(['scan', '--git', '--range', 'HEAD~2..HEAD~1', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(0);
    expect(parseJsonReport(run.stdout).findings).toEqual([]);
  });

  it('text and SARIF name the message and its commit', () => {
    const text = runCli(['scan', '--git', '--no-color'], { cwd: repo });
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('(commit message) @ ');
    const sarif = runCli(['scan', '--git', '--format', 'sarif'], { cwd: repo });
    expect(sarif.stdout).toContain('"uri": "(commit%20message)"');
  });

  it('an allow pattern for the key silences it in a message as in a file', () => {
    writeFiles(repo, { 'keyguard.config.json': JSON.stringify({ allow: [`^${key.slice(0, 30)}.*$`, `^${other.slice(0, 30)}.*$`] }) });
    try {
      const run = runCli(['scan', '--git', '--format', 'json'], { cwd: repo });
      expect(parseJsonReport(run.stdout).findings).toEqual([]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(`${repo}/keyguard.config.json`);
    }
  });
});
