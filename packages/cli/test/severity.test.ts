/**
 * Severities end to end, on the built command (issue 12): each finding carries its rule's
 * severity as the config sets it, every format shows it in that format's own words (text row,
 * JSON `severity`, SARIF `level`, GitHub annotation kind), and the fail-on severity (config
 * `failOn`, `--fail-on`) alone decides the exit status. The hook's decision is tested in
 * packages/pre-commit/test/severity.test.ts.
 */
import {
  expectNoWholeKey,
  fakeKey,
  parseJsonReport,
  removeTempDirs,
  runCli,
  tempDir,
  withoutTimings,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const KEY = fakeKey('proj', 31);
type Setting = 'error' | 'warning' | 'warn' | 'note';

/** One key in one file, with the key rule set to `setting` and, if given, the config's failOn. */
function project(setting: Setting, failOn?: string): string {
  const dir = tempDir();
  writeFiles(dir, {
    'app.py': `import openai\nopenai.api_key = "${KEY}"\n`,
    'keyguard.config.json': JSON.stringify({ rules: { 'openai-api-key': setting }, ...(failOn ? { failOn } : {}) }),
  });
  return dir;
}

describe('each format shows the severity the config gives', () => {
  test.each<[Setting, string, string]>([
    ['error', 'error', 'error'],
    ['warning', 'warning', 'warning'],
    ['warn', 'warning', 'warning'],
    ['note', 'note', 'notice'],
  ])('%s: JSON %s, SARIF level, GitHub ::%s, the text row', (setting, severity, kind) => {
    const dir = project(setting);
    const json = runCli(['scan', '--format', 'json'], { cwd: dir });
    expect(parseJsonReport(json.stdout).findings.map((finding) => finding.severity)).toEqual([severity]);

    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: dir }).stdout) as {
      runs: {
        results: { level: string; ruleId: string }[];
        tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
      }[];
    };
    expect(sarif.runs[0].results.map((result) => result.level)).toEqual([severity]);
    // The rule's own default stays in the descriptor; the result carries what this run gave it.
    const descriptor = sarif.runs[0].tool.driver.rules.find((rule) => rule.id === 'openai-api-key')!;
    expect(descriptor.defaultConfiguration.level).toBe('error');

    const github = runCli(['scan', '--format', 'github'], { cwd: dir });
    expect(github.stdout.split('\n')[0]).toMatch(new RegExp(`^::${kind} file=app\\.py,line=2,`));

    const text = runCli(['scan'], { cwd: dir });
    const row = withoutTimings(text.stdout).split('\n')[1];
    expect(row).toMatch(severity === 'error' ? /^ {2}2:\d+ {2}OpenAI/ : new RegExp(`^ {2}2:\\d+ {2}${severity} {2}OpenAI`));
    expectNoWholeKey([json.stdout, text.stdout, github.stdout, JSON.stringify(sarif)], [KEY]);
  });
});

describe('the fail-on severity decides the exit status, and only it', () => {
  // [rule severity, config failOn, --fail-on, exit status]
  test.each<[Setting, string | undefined, string | undefined, number]>([
    ['error', undefined, undefined, 1],
    ['warning', undefined, undefined, 1],
    ['note', undefined, undefined, 0],
    ['error', undefined, 'error', 1],
    ['warning', undefined, 'error', 0],
    ['note', undefined, 'note', 1],
    ['warning', 'error', undefined, 0],
    ['note', 'note', undefined, 1],
    ['warning', 'error', 'warning', 1],
    ['note', 'note', 'error', 0],
  ])('a %s finding, failOn %s, --fail-on %s: exit %d', (setting, failOn, flag, status) => {
    const dir = project(setting, failOn);
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const run = runCli(['scan', '--format', format, ...(flag ? ['--fail-on', flag] : [])], { cwd: dir });
      expect([format, run.status, run.stderr]).toEqual([format, status, '']);
      // Reported whatever the exit status: a pass is not a silence.
      expect(run.stdout).toContain('sk-proj-');
    }
  });

  test('the text summary says when findings do not fail the run', () => {
    const passing = withoutTimings(runCli(['scan'], { cwd: project('note') }).stdout);
    expect(passing).toContain('1 finding in 1 file; it does not fail the run (below --fail-on warning) (2 files scanned, N ms).');
    const failing = withoutTimings(runCli(['scan'], { cwd: project('error') }).stdout);
    expect(failing).toContain('1 finding in 1 file (2 files scanned, N ms).');
  });

  test('a wrong failOn in the config is one line and exit 2', () => {
    const run = runCli(['scan'], { cwd: project('error', 'live') });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('"failOn" must be one of "note", "warning", "error"')]);
  });

  test('keyguard rules lists each severity as the config sets it', () => {
    const run = runCli(['rules'], { cwd: project('note') });
    expect(run.stdout).toMatch(/^openai-api-key +note +/m);
  });
});

describe("a finding's own steps", () => {
  test('an admin key: the text report (whose steps the hook shares) puts revoking it first', () => {
    const dir = tempDir();
    writeFiles(dir, { 'admin.py': `import openai\nopenai.api_key = "${fakeKey('admin', 3)}"\n` });
    const text = runCli(['scan'], { cwd: dir }).stdout;
    const steps = text.slice(text.indexOf('What to do:')).split('\n').slice(1, 3);
    expect(steps[0]).toMatch(/^ {2}- .*[Rr]evoke/);
    expect(text).toContain('OPENAI_ADMIN_KEY');
  });
});
