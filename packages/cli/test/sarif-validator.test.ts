/**
 * Our SARIF passes Microsoft's SARIF validator (@microsoft/sarif-multitool): no errors and no
 * warnings over real reports (a folder scan, a history scan, an empty scan). Its notes are
 * listed in docs/ci.md with the reason each one stays.
 *
 * npm here does not run the platform package's install script (a chmod), so this test gives
 * the bundled binary its run bit itself.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeKey, fakeValue, git, removeTempDirs, runCli, ScriptedRepo, tempDir, writeFiles } from '@keyguard/test-utils';

afterAll(removeTempDirs);
jest.setTimeout(180_000);

const KEY = fakeKey('proj', 701);
const OTHER = fakeKey('legacy', 702);
const VALUE = fakeValue(703);

/** The validator's binary for this platform (`require('@microsoft/sarif-multitool')` names it). */
function multitool(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const binary = require('@microsoft/sarif-multitool') as string;
  if (!existsSync(binary)) throw new Error(`the SARIF multitool is missing at ${binary}: run npm ci`);
  chmodSync(binary, 0o755);
  return binary;
}

interface Issue {
  ruleId: string;
  level: string;
  where: string;
}

/** Runs `sarif-multitool validate` on a file; returns every issue it logged, notes included. */
function validate(file: string): Issue[] {
  const output = `${file}.validation.sarif`;
  const run = spawnSync(multitool(), ['validate', file, '--output', output, '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    timeout: 150_000,
  });
  if (run.error) throw run.error;
  expect(run.stdout).toContain('Analysis completed successfully');
  const log = JSON.parse(readFileSync(output, 'utf8'));
  const invocation = log.runs[0].invocations?.[0] ?? {};
  const notifications = [...(invocation.toolExecutionNotifications ?? []), ...(invocation.toolConfigurationNotifications ?? [])];
  const failures = notifications.filter((notification: { level?: string }) => notification.level === 'error');
  expect(failures).toEqual([]);
  return (log.runs[0].results ?? []).map((result: { ruleId: string; level: string; message: { arguments?: string[] } }) => ({
    ruleId: result.ruleId,
    level: result.level ?? 'warning',
    where: result.message.arguments?.[0] ?? '',
  }));
}

/**
 * Notes we accept, each with its reason (docs/ci.md lists them):
 * SARIF2002 message arguments: GitHub shows `message.text`, which we fill;
 * SARIF2003 versionControlProvenance: the reporter does not know the remote (upload-sarif adds it);
 * SARIF2006 URLs not reachable: the test runs without network;
 * SARIF2009 rule ids like `CS2001`: our ids are a public contract (DESIGN.md);
 * SARIF2010/SARIF2011 snippets and context regions: they would hold the key itself.
 */
const ACCEPTED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2009', 'SARIF2010', 'SARIF2011']);

function expectValid(file: string): void {
  const issues = validate(file);
  expect(issues.filter((issue) => issue.level === 'error' || issue.level === 'warning')).toEqual([]);
  expect(issues.filter((issue) => !ACCEPTED_NOTES.has(issue.ruleId))).toEqual([]);
}

describe('Microsoft SARIF validator', () => {
  test('a folder scan with findings in awkward paths is valid', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/app.py': `from openai import OpenAI\nclient = OpenAI(api_key="${KEY}")\n`,
      'web/my client #2.ts': `export const a = new OpenAI({ apiKey: '${VALUE}' });\n`,
      'docs/ünïcode.md': `An old key: ${OTHER}\n`,
    });
    const file = join(dir, 'report.sarif');
    expect(runCli(['scan', '--format', 'sarif', '--output', file], { cwd: dir }).status).toBe(1);
    expectValid(file);
  });

  test('a history scan is valid', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'repo'));
    repo.write('app.py', `token = "${KEY}"\n`).commit('add');
    repo.write('app.py', 'token = None\n').commit('remove');
    const file = join(repo.dir, '..', 'history.sarif');
    expect(runCli(['scan', '--git', '--format', 'sarif', '--output', file], { cwd: repo.dir }).status).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).runs[0].results[0].properties.commit).toBe(repo.sha('add'));
    expectValid(file);
  });

  test('a shallow clone’s report, with its truncated-history warning, is valid', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'origin'));
    repo.write('app.py', 'token = None\n').commit('first');
    repo.write('app.py', `token = "${KEY}"\n`).commit('second');
    const shallow = join(repo.dir, '..', 'shallow');
    git(join(repo.dir, '..'), 'clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow);
    const file = join(repo.dir, '..', 'shallow.sarif');
    expect(runCli(['scan', '--git', '--format', 'sarif', '--output', file], { cwd: shallow }).status).toBe(1);
    const notifications = JSON.parse(readFileSync(file, 'utf8')).runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications[0]).toMatchObject({ level: 'warning', message: { text: expect.stringContaining('fetch-depth: 0') } });
    expectValid(file);
  });

  test('a history scan that could not read everything (its notifications on files) is valid', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'skips'));
    repo.write('big.txt', `${'x'.repeat(3000)}\n`).commit('big');
    repo.write('image.bin', '\0\0\0\0\0\0\0\0\0\0 binary').commit('image');
    writeFileSync(join(repo.dir, 'keyguard.config.json'), JSON.stringify({ maxFileSize: 2000 }));
    const file = join(repo.dir, '..', 'skips.sarif');
    expect(runCli(['scan', '--git', '--format', 'sarif', '--output', file], { cwd: repo.dir }).status).toBe(2);
    const [invocation] = JSON.parse(readFileSync(file, 'utf8')).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((notification: { level: string }) => notification.level)).toEqual([
      'note',
      'error',
      'note',
    ]);
    expectValid(file);
  });

  test('a history scan with a commit git could not list (a notification on no file) is valid', () => {
    const repo = new ScriptedRepo(join(tempDir(), 'tree'));
    repo.write('a.txt', 'one\n').commit('one');
    const broken = repo.write('lib/util.py', 'x = 1\n').commit('lib');
    repo.write('b.txt', 'two\n').commit('two');
    const tree = git(repo.dir, 'rev-parse', `${broken}:lib`).trim();
    rmSync(join(repo.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const file = join(repo.dir, '..', 'tree.sarif');
    expect(runCli(['scan', '--git', '--format', 'sarif', '--output', file], { cwd: repo.dir }).status).toBe(2);
    const [invocation] = JSON.parse(readFileSync(file, 'utf8')).runs[0].invocations;
    expect(invocation.toolExecutionNotifications).toContainEqual(
      expect.objectContaining({ level: 'error', properties: { commit: broken }, descriptor: { id: 'keyguard/skipped/unreadable' } }),
    );
    expectValid(file);
  });

  test('an empty report is valid', () => {
    const dir = tempDir();
    writeFiles(dir, { 'README.md': '# nothing here\n' });
    const file = join(dir, 'empty.sarif');
    expect(runCli(['scan', '--format', 'sarif', '--output', file], { cwd: dir }).status).toBe(0);
    expectValid(file);
  });

  test('the validator does catch a broken log (so the checks above can fail)', () => {
    const dir = tempDir();
    const file = join(dir, 'broken.sarif');
    writeFileSync(
      file,
      JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'keyguard' } }, results: [{ ruleId: 'x', locations: [] }] }] }),
    );
    const issues = validate(file);
    expect(issues.some((issue) => issue.level === 'error')).toBe(true);
  });
});
