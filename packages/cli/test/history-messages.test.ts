import { rmSync } from 'node:fs';
import { FALSE_ALARM_STEP, remediationFor } from '@keyguard/core';
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
    // Each finding's own message fits a message too: reword the commit, not "read it from OPENAI_API_KEY".
    for (const finding of findings) {
      expect(finding.message).toContain('take it out of the commit message');
      expect(finding.message).not.toContain('read it from');
    }
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

  it('the text report says to rewrite the messages, not to move the keys to the environment', () => {
    const text = runCli(['scan', '--git', '--no-color'], { cwd: repo });
    const [newest, , oldest] = git(repo, 'log', '--format=%H').trim().split('\n');
    expect(text.stdout).toContain(
      `Rewrite the messages of commits ${newest.slice(0, 12)}, ${oldest.slice(0, 12)}, which hold the keys: git commit --amend for the last commit; for older ones, git rebase -i`,
    );
    expect(text.stdout).toMatch(/If those commits were already pushed or shared, rotate the key as well/);
    expect(text.stdout).not.toMatch(/Move the key to an environment variable/);
    expect(text.stdout).toMatch(/^2 findings \(2 distinct keys\) in 2 commit messages \(/m);
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

describe('the steps for a key in a commit message', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const blocks = require('../dist/report/text-blocks.js') as typeof import('../src/report/text-blocks');
  const finding = (file: string, commit: string | undefined, secretId: string) =>
    ({
      file,
      commit,
      secretId,
      line: 1,
      column: 1,
      message: 'm',
      ruleId: 'openai-api-key',
      label: 'project key',
      severity: 'error',
    }) as const;
  const first = 'a'.repeat(40);
  const second = 'b'.repeat(40);
  const ruleSteps = remediationFor([{ ruleId: 'openai-api-key', label: 'project key' }]);
  const rewriteOne = `Rewrite the message of commit ${'a'.repeat(12)}, which holds the key: git commit --amend if it is the last commit, otherwise git rebase -i ${'a'.repeat(12)}^ and mark it reword. Do it before you push.`;
  const rotateOne =
    'If that commit was already pushed or shared, rotate the key as well: rewriting the message does not take back what was published.';

  it.each<[string, ReturnType<typeof finding>[], string[], string]>([
    [
      'a message alone',
      [finding('(commit message)', first, 'k1')],
      [rewriteOne, rotateOne, FALSE_ALARM_STEP],
      '1 finding in 1 commit message',
    ],
    [
      "a file and a message: the rule's steps, then the message's, the false alarm last",
      [finding('app.py', second, 'k1'), finding('(commit message)', first, 'k2')],
      [...ruleSteps.filter((step) => step !== FALSE_ALARM_STEP), rewriteOne, rotateOne, FALSE_ALARM_STEP],
      '2 findings (2 distinct keys) in 1 file and 1 commit message',
    ],
    ['a file named so outside history is a file', [finding('(commit message)', undefined, 'k1')], ruleSteps, '1 finding in 1 file'],
    ['a file alone, as before', [finding('app.py', first, 'k1')], ruleSteps, '1 finding in 1 file'],
  ])('%s', (_, findings, steps, count) => {
    expect(blocks.nextSteps(findings)).toEqual(steps);
    expect(blocks.findingCount(findings)).toBe(count);
  });
});
