/**
 * Runs the BUILT `keyguard` command (packages/cli/dist/bin.js, what `npm run build` makes) in
 * temporary folders with generated fixtures, and checks what it prints.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rules } from '@keyguard/core';
import type { JsonReport } from '@keyguard/cli';
import { describeKey } from './fake-key';
import { CLI_BIN, exec, tempDir, testEnv } from './repo';

export interface CliRunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** runCliAsync: another built command (HOOK_BIN) instead of `keyguard`. */
  bin?: string;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `keyguard <args>` with the built CLI, in the sanitised test environment (`testEnv`). */
export function runCli(args: readonly string[], options: CliRunOptions): CliRun {
  const { status, stdout, stderr } = exec(process.execPath, [CLI_BIN, ...args], { ...options, timeout: 60_000 });
  return { status, stdout, stderr };
}

/**
 * `runCli` without blocking this process: for a test whose server runs in it (the fake OpenAI
 * API answers the CLI's `--verify` and `revoke` requests while the command runs).
 */
export function runCliAsync(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? CLI_BIN, ...args], { cwd: options.cwd, env: testEnv(options.env) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(options.input ?? '');
  });
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
  const identity = ['user.name=keyguard test', 'user.email=test@keyguard.invalid', 'commit.gpgsign=false', 'init.defaultBranch=main'];
  const result = exec('git', [...identity.flatMap((setting) => ['-c', setting]), ...args], { cwd: dir });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A temporary folder that is a git repository (removed by `removeTempDirs`). */
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

const ruleIds = new Set(rules.map((rule) => rule.id));

/** Parses a JSON report and checks every finding has the documented fields (rule ids from the registry). */
export function parseJsonReport(text: string): JsonReport {
  const report = JSON.parse(text) as JsonReport;
  expect(report.version).toBe(1);
  expect(Array.isArray(report.findings)).toBe(true);
  for (const finding of report.findings) {
    expect(finding).toEqual(
      expect.objectContaining({
        ruleId: expect.any(String),
        message: expect.any(String),
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
        secret: expect.any(String),
        fingerprint: expect.stringMatching(/^[0-9a-f]{16,64}$/),
        severity: expect.stringMatching(/^(error|warning|note)$/),
      }),
    );
    expect(ruleIds.has(finding.ruleId)).toBe(true);
    expect(finding.file).not.toContain('\\');
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.column).toBeGreaterThanOrEqual(1);
  }
  expect(report.stats).toEqual({
    files: expect.any(Number),
    bytes: expect.any(Number),
    durationMs: expect.any(Number),
    skipped: expect.any(Object),
  });
  expect(Array.isArray(report.skipped)).toBe(true);
  return report;
}

/** Replaces the run's timings, so a whole report can be compared or snapshotted. */
export function withoutTimings(text: string): string {
  return text.replace(/\d+ ms\)/g, 'N ms)').replace(/"durationMs": \d+/g, '"durationMs": 0');
}
