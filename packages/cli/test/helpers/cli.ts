/**
 * Runs the BUILT `keyguard` command (packages/cli/dist/bin.js, what `npm run build` makes) in
 * temporary folders with generated fixtures. Shared by the CLI's end-to-end tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describeKey } from '@keyguard/test-utils';
import type { JsonReport } from '@keyguard/cli';

export const BIN = resolve(__dirname, '..', '..', 'dist', 'bin.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

/** A clean environment: no colour forcing, no CI-specific behaviour leaking in. */
function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.KEYGUARD_DEBUG;
  // Git must not read the developer's global config (a default hooks path, signing).
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = '/dev/null';
  return { ...env, ...extra };
}

export function runCli(args: readonly string[], options: CliRunOptions): CliRun {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" before the CLI tests`);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: baseEnv(options.env),
    encoding: 'utf8',
    timeout: 60_000,
    // A scan of a large generated file reports many findings: more than the 1 MiB default.
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder, removed by `cleanUp`. */
const made: string[] = [];
export function tempDir(prefix = 'keyguard-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path → content) below `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Runs git in `dir` with a throwaway identity and no signing; throws with git's message on failure. */
export function git(dir: string, ...args: string[]): string {
  const result = spawnSync(
    'git',
    [
      '-c',
      'user.name=keyguard test',
      '-c',
      'user.email=test@keyguard.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    { cwd: dir, encoding: 'utf8', env: baseEnv() },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A temporary folder that is a git repository. */
export function tempRepo(): string {
  const dir = tempDir('keyguard-repo-');
  git(dir, 'init', '-q');
  return dir;
}

/**
 * Fails when any text holds one of the whole keys. The failure names keys with
 * `describeKey`, so a failing test never prints a key either.
 */
export function expectNoWholeKey(texts: readonly string[], keys: readonly string[]): void {
  const leaked = keys.filter((key) => texts.some((text) => text.includes(key))).map(describeKey);
  expect(leaked).toEqual([]);
}

/** The JSON report's shape from DESIGN.md, as the CLI declares it. */
export type { JsonFinding, JsonReport } from '@keyguard/cli';

export function parseJsonReport(text: string): JsonReport {
  const report = JSON.parse(text) as JsonReport;
  expect(report.version).toBe(1);
  expect(Array.isArray(report.findings)).toBe(true);
  for (const finding of report.findings) {
    expect(finding).toEqual(
      expect.objectContaining({
        ruleId: expect.stringMatching(/^openai-(api-key|key-assignment)$/),
        message: expect.any(String),
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
        secret: expect.any(String),
        fingerprint: expect.stringMatching(/^[0-9a-f]{16,64}$/),
      }),
    );
    expect(finding.file).not.toContain('\\');
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.column).toBeGreaterThanOrEqual(1);
  }
  expect(report.stats).toEqual({ files: expect.any(Number), bytes: expect.any(Number), durationMs: expect.any(Number) });
  return report;
}

/** Replaces the run's timings, so a whole report can be compared or snapshotted. */
export function withoutTimings(text: string): string {
  return text.replace(/\d+ ms\)/g, 'N ms)').replace(/"durationMs": \d+/g, '"durationMs": 0');
}
