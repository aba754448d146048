import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { KeyguardError } from '@keyguard/core';

/**
 * The one way keyguard runs git, with one error policy: git that cannot start is "git was not
 * found on PATH" (or the system's reason), a git that exits non-zero is `git <command> failed:`
 * with the first line git printed, `fatal: ` dropped. Every git process of a scan goes through
 * here (rev-parse, diff, log, cat-file), so every source fails the same way, in one line.
 */
export interface GitOptions {
  cwd: string;
  /** The environment git runs in: a hook's GIT_INDEX_FILE must reach it. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface GitResult {
  ok: boolean;
  status: number | null;
  stdout: Buffer;
  /** The first 4 KB git wrote on stderr. */
  stderr: string;
}

const MAX_STDERR = 4096;

/** The git command a list of arguments runs (`diff` in `-c x=y diff --cached`), for messages. */
function commandOf(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return 'git';
}

/** Git could not be started at all. */
function gitNotStarted(error: NodeJS.ErrnoException): KeyguardError {
  if (error.code === 'ENOENT') return new KeyguardError('git was not found on PATH', 'Install git, or add it to PATH');
  return new KeyguardError(`cannot run git (${error.code ?? error.message})`, 'Check that git works in this folder');
}

/** Git ran and failed: the first line it printed, or its exit status. */
export function gitFailed(
  args: readonly string[],
  stderr: string,
  status: number | null,
  hint = 'Check the repository with: git status',
): KeyguardError {
  const line =
    stderr
      .trim()
      .split('\n')[0]
      ?.replace(/^(fatal|error): /, '') ?? '';
  return new KeyguardError(`git ${commandOf(args)} failed: ${line || `exit status ${status}`}`, hint);
}

/** Runs git to the end; throws only when git cannot start (the caller reads `ok`). */
export function tryGit(args: readonly string[], options: GitOptions): GitResult {
  const result = spawnSync('git', args, { cwd: options.cwd, env: options.env, maxBuffer: 2 ** 31 - 1, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error && !result.stdout) throw gitNotStarted(result.error);
  if (result.error)
    throw new KeyguardError(`git ${commandOf(args)} failed: ${result.error.message}`, 'Check the repository with: git status');
  return {
    ok: result.status === 0,
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.toString('utf8').slice(0, MAX_STDERR),
  };
}

/** Runs git to the end and returns its output; any failure is a one-line KeyguardError. */
export function git(args: readonly string[], options: GitOptions & { hint?: string }): Buffer {
  const result = tryGit(args, options);
  if (!result.ok) throw gitFailed(args, result.stderr, result.status, options.hint);
  return result.stdout;
}

/** A long-running git process (log, cat-file --batch) whose failure is told the same way. */
export interface GitProcess {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Resolves with the exit status once git has ended and its output is read. */
  exited: Promise<number | null>;
  /** What went wrong, as a one-line error: git did not start, or it failed. */
  failure(status: number | null): KeyguardError;
}

export function spawnGit(args: readonly string[], options: GitOptions & { hint?: string }): GitProcess {
  const child = spawn('git', args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let startError: NodeJS.ErrnoException | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
  });
  // A git that died early closes its input: that is told by its exit status, not by EPIPE.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      startError = error;
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  return {
    child,
    exited,
    failure: (status) => (startError ? gitNotStarted(startError) : gitFailed(args, stderr, status, options.hint)),
  };
}
