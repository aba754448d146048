/**
 * Hostile input to the built command (issue 11): user patterns that would make a backtracking
 * engine take exponential time, secrets where a message would echo them.
 */
import { resolveConfig } from '@keyguard/core';
import { scanFileSource, scanItem, type FileSourceOptions, type ItemOutcome } from '@keyguard/cli';
import { fakeKey } from '@keyguard/test-utils';
import { cleanUp, expectNoWholeKey, git, parseJsonReport, runCli, tempDir, tempRepo, writeFiles } from './helpers/cli';

afterAll(cleanUp);

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
    const options: FileSourceOptions = { cwd: dir, paths: ['.'], useIgnoreFiles: true, ignorePatterns: [], maxFileSize: resolved.maxFileSize };
    const outcomes: ItemOutcome[] = [];
    const scanner = { rules: resolved.rules, allow: resolved.allow, maxFileSize: resolved.maxFileSize };
    await scanFileSource(options, scanner, { threads: 2, forceParallel: true }, (outcome) => outcomes.push(outcome), scanItem);
    const found = outcomes.flatMap((outcome) => outcome.scanned?.findings.map((finding) => finding.file) ?? []);
    expect(found).toEqual(['app.py']);
  });
});
