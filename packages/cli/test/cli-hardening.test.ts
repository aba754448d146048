/**
 * Hostile input to the built command (issue 11): user patterns that would make a backtracking
 * engine take exponential time, secrets where a message would echo them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@keyguard/core';
import { scanFileSource, scanItem, type FileSourceOptions, type ItemOutcome } from '@keyguard/cli';
import {
  expectNoWholeKey,
  fakeKey,
  git,
  type JsonReport,
  parseJsonReport,
  removeTempDirs,
  runCli,
  tempDir,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const pyLeak = (key: string): string => `client = OpenAI(api_key="${key}")\n`;

/** Exponential on a backtracking engine: each would hang the scan on one finding. */
const EXPONENTIAL = [String.raw`(\w|\d)*!`, '(.|.)*!', String.raw`\w*`.repeat(30) + '!', '(a|aa)*!', '([a-zA-Z0-9_-]+)+!'];

describe('allow patterns run in linear time', () => {
  const kept = fakeKey('legacy', 21);
  const accepted = fakeKey('proj', 21);
  const files = { 'app.py': pyLeak(kept), 'test/fixture.py': pyLeak(accepted) };
  const config = JSON.stringify({ allow: [...EXPONENTIAL, `${accepted.slice(0, 12)}.*`] });

  test('in a directory scan', () => {
    const dir = tempDir();
    writeFiles(dir, { ...files, 'keyguard.config.json': config });
    const result = runCli(['scan', '--format', 'json'], { cwd: dir });
    expectNoWholeKey([result.stdout, result.stderr], [kept, accepted]);
    expect(result.status).toBe(1);
    expect(parseJsonReport(result.stdout).findings.map((finding) => finding.file)).toEqual(['app.py']);
  });

  test('in --staged and --git scans', () => {
    const dir = tempRepo();
    writeFiles(dir, { ...files, 'keyguard.config.json': config });
    git(dir, 'add', '.');
    for (const args of [['--staged'], []]) {
      if (args.length === 0) git(dir, 'commit', '-q', '-m', 'leak');
      const result = runCli(['scan', ...(args.length ? args : ['--git']), '--format', 'json'], { cwd: dir });
      expectNoWholeKey([result.stdout, result.stderr], [kept, accepted]);
      expect(result.status).toBe(1);
      expect(parseJsonReport(result.stdout).findings.map((finding) => finding.file)).toEqual(['app.py']);
    }
  });

  test('in worker threads, which compile the patterns again', async () => {
    const dir = tempDir();
    writeFiles(dir, files);
    const resolved = resolveConfig(JSON.parse(config));
    const options: FileSourceOptions = {
      cwd: dir,
      paths: ['.'],
      useIgnoreFiles: true,
      ignorePatterns: [],
      maxFileSize: resolved.maxFileSize,
    };
    const outcomes: ItemOutcome[] = [];
    const scanner = { rules: resolved.rules, allow: resolved.allow, maxFileSize: resolved.maxFileSize };
    await scanFileSource(options, scanner, { threads: 2, forceParallel: true }, (outcome) => outcomes.push(outcome), scanItem);
    const found = outcomes.flatMap((outcome) => outcome.scanned?.findings.map((finding) => finding.file) ?? []);
    expect(found).toEqual(['app.py']);
  });
});

describe('no whole secret anywhere', () => {
  const inName = fakeKey('legacy', 41);
  const inFolder = fakeKey('proj', 42);
  const inContent = fakeKey('svcacct', 43);
  const inFifo = fakeKey('unmarked', 44);
  const all = [inName, inFolder, inContent, inFifo];

  /** A file, a folder and a FIFO ("cannot read") named with keys. */
  function namedWithKeys(): string {
    const dir = tempDir();
    writeFiles(dir, { [`${inName}.txt`]: 'nothing here\n', [`${inFolder}/app.py`]: pyLeak(inContent) });
    expect(spawnSync('mkfifo', [join(dir, inFifo)]).status).toBe(0);
    return dir;
  }

  test('a key in a file or folder name is redacted in every format and reported as a finding in the path', () => {
    const dir = namedWithKeys();
    const json = runCli(['scan', '--format', 'json'], { cwd: dir });
    expectNoWholeKey([json.stdout, json.stderr], all);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as JsonReport;
    // The FIFO's name, the file's name, the folder's name (seen in app.py's path), then app.py's content.
    const summary = report.findings.map((finding) => [finding.ruleId, finding.line, finding.column, /^\S*…/.test(finding.file)]);
    expect(summary.filter(([, line]) => line === 0)).toEqual([0, 1, 2].map(() => ['openai-api-key', 0, 0, true]));
    expect(summary.filter(([, line]) => line !== 0)).toEqual([['openai-api-key', 1, 26, true]]);
    expect(json.stderr).toMatch(/^keyguard: warning: cannot read sk-[^ ]*…[^ ]* \(not a regular file\); it was not scanned$/m);
    for (const format of ['text', 'sarif', 'github']) {
      const run = runCli(['scan', '--format', format], { cwd: dir });
      expectNoWholeKey([run.stdout, run.stderr], all);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('…');
    }
    const text = runCli(['scan', '--format', 'text'], { cwd: dir }).stdout;
    // The stylish shape: the redacted path once, then `0:0` (in the path) rows.
    expect(text).toMatch(/^sk-proj-[^ /]*…[^ /]*\/app\.py\n {2}0:0 {2,}In the file's path: .* {2}openai-api-key$/m);
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif'], { cwd: dir }).stdout);
    // SARIF has no line 0: an empty region at the file's start, with the message saying "path".
    const regions = sarif.runs[0].results.map(
      (result: { message: { text: string }; locations: { physicalLocation: { region: object } }[] }) => [
        result.message.text.startsWith("In the file's path"),
        result.locations[0].physicalLocation.region,
      ],
    );
    expect(regions.filter(([inPath]: [boolean]) => inPath)).toEqual(
      [0, 1, 2].map(() => [true, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }]),
    );
  });

  test('the baseline records redacted paths, and accepts the keys in names', () => {
    const dir = namedWithKeys();
    const made = runCli(['baseline'], { cwd: dir });
    expect(made.status).toBe(0);
    const baseline = readFileSync(join(dir, '.keyguard-baseline.json'), 'utf8');
    expectNoWholeKey([made.stdout, made.stderr, baseline], all);
    expect((JSON.parse(baseline) as { findings: unknown[] }).findings).toHaveLength(4);
    const scan = runCli(['scan', '--baseline', '.keyguard-baseline.json', '--format', 'json'], { cwd: dir });
    expectNoWholeKey([scan.stdout, scan.stderr], all);
    expect(scan.status).toBe(0);
  });

  test('a staged file named with a key blocks the commit, redacted', () => {
    const dir = tempRepo();
    writeFiles(dir, { [`fixtures/${inName}.json`]: '{}\n' });
    git(dir, 'add', '.');
    const run = runCli(['scan', '--staged', '--format', 'text'], { cwd: dir });
    expectNoWholeKey([run.stdout, run.stderr], all);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^fixtures\/sk-[^ ]*…[^ ]*\.json\n {2}0:0 {2,}In the file's path: .* {2}openai-api-key$/m);
  });

  test.each([
    [
      'an allow entry the engine refuses',
      (key: string) => JSON.stringify({ allow: ['x', `(${key}`] }),
      /"allow"\[1\] is not a valid RE2 regular expression \(missing closing \)\)/,
    ],
    [
      'a config that is not JSON',
      (key: string) => `{"allow": ["${key}" "x"]}`,
      /keyguard\.config\.json is not valid JSON \(Expected ',' or '\]' after array element at line 1, column \d+\)/,
    ],
    [
      'a config that is not JSON near the key',
      (key: string) => `{"allow": [x${key}]}`,
      /keyguard\.config\.json is not valid JSON \(Unexpected token 'x'\)/,
    ],
  ])('%s is reported without the key', (_name, config, message) => {
    const key = fakeKey('proj', 45);
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': config(key), 'a.txt': 'x\n' });
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^keyguard: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain(key.slice(4, 14));
  });

  test('a key in a path the user typed is redacted in the error', () => {
    const key = fakeKey('legacy', 46);
    const dir = tempDir();
    for (const args of [
      ['--config', `${key}.json`],
      ['--baseline', `${key}.json`],
      ['--output', `${key}/report.json`],
    ]) {
      const run = runCli(['scan', ...args], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^keyguard: [^\n]+\n$/);
      expectNoWholeKey([run.stderr], [key]);
    }
  });
});
