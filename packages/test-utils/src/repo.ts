/**
 * Real temporary git repositories for the `--staged` and pre-commit tests, and runners for
 * the BUILT commands (`npm run build` first). Shared by packages/cli/test/staged*.test.ts and
 * packages/pre-commit/test.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { JsonReport } from '@keyguard/cli';

/** The monorepo's root: this file is packages/test-utils/src/repo.ts. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
export const HOOK_BIN = join(REPO_ROOT, 'packages', 'pre-commit', 'dist', 'bin.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for "no output holds a key" checks. */
  output: string;
}

/**
 * The one environment sanitiser: every command a test runs gets this environment. Nothing of
 * the developer's or the outer run's leaks in: no global or system git config, no `GIT_*`
 * (a hook's GIT_DIR, GIT_INDEX_FILE), no `KEYGUARD_*`, no `npm_*` (npm test's own settings),
 * no colour forcing; CI=true, as in CI.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(GIT_|KEYGUARD_|npm_)/i.test(name) && !['NO_COLOR', 'FORCE_COLOR', 'HUSKY'].includes(name),
    ),
  );
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', CI: 'true', ...extra };
}

export function exec(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string | Buffer; timeout?: number },
): Run {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd,
    env: testEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    // A scan of a large generated file reports many findings: more than the 1 MiB default.
    maxBuffer: 256 * 1024 * 1024,
  };
  const result = spawnSync(command, args, spawnOptions);
  if (result.error) throw result.error;
  const stdout = String(result.stdout);
  const stderr = String(result.stderr);
  return { status: result.status, stdout, stderr, output: stdout + stderr };
}

const made: string[] = [];

/** A fresh temporary folder (its real path), removed by `removeTempDirs`. */
export function tempDir(prefix = 'keyguard-staged-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A git repository in a temporary folder, with its own identity and no signing. */
export class TempRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? tempDir();
    if (!dir) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', 'Keyguard Test');
      this.git('config', 'user.email', 'test@example.com');
      this.git('config', 'commit.gpgsign', 'false');
      this.git('config', 'core.autocrlf', 'false');
    }
  }

  /** Runs git and returns its stdout; throws with git's message when it fails. */
  git(...args: string[]): string {
    const result = exec('git', args, { cwd: this.dir });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** Runs git and returns the whole result (for commands expected to fail, like a blocked commit). */
  tryGit(args: readonly string[], env?: NodeJS.ProcessEnv, cwd = this.dir): Run {
    return exec('git', args, { cwd, env });
  }

  write(path: string, content: string | Buffer): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  add(...paths: string[]): this {
    this.git('add', '--', ...paths);
    return this;
  }

  /** Commits what is staged without running hooks (a setup step, not the behaviour under test). */
  commit(message = 'commit'): this {
    this.git('commit', '-q', '--no-verify', '-m', message);
    return this;
  }

  exists(path: string): boolean {
    return existsSync(join(this.dir, path));
  }

  head(): string | undefined {
    const result = exec('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: this.dir });
    return result.status === 0 ? result.stdout.trim() : undefined;
  }
}

/** `keyguard scan --staged ...` with the built CLI. */
export function scanStaged(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Run {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run "npm run build" first`);
  return exec(process.execPath, [CLI_BIN, 'scan', '--staged', ...args], { cwd, env });
}

/** The built `keyguard-pre-commit`. */
export function runHookBin(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Run {
  if (!existsSync(HOOK_BIN)) throw new Error(`${HOOK_BIN} is missing: run "npm run build" first`);
  return exec(process.execPath, [HOOK_BIN, ...args], { cwd, env });
}

/** Runs `scan --staged --format json` and returns the exit status and the places found. */
export function stagedFindings(
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): { status: number | null; places: string[]; run: Run; report?: JsonReport } {
  const run = scanStaged(['--format', 'json', ...args], cwd, env);
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    report = undefined;
  }
  return { status: run.status, places: (report?.findings ?? []).map((finding) => `${finding.file}:${finding.line}`), run, report };
}
