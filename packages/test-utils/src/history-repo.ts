/**
 * Scripted git histories for the history-scan tests: real repositories in temporary folders,
 * with fixed authors and dates so commit order (and so every assertion) is deterministic.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exec } from './repo';

/** Runs git in the sanitised test environment (`testEnv`); throws with git's message, returns stdout trimmed. */
function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const result = exec('git', args, { cwd, env });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A repository with a clock: each commit is one minute after the last. */
export class ScriptedRepo {
  private minute = 0;
  /** Commit ids by the names the script gave them. */
  readonly commits = new Map<string, string>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['config', 'user.name', 'Ada Lovelace']);
    git(dir, ['config', 'user.email', 'ada@example.com']);
    git(dir, ['config', 'commit.gpgsign', 'false']);
  }

  write(path: string, text: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    git(this.dir, ['add', '--', path]);
    return this;
  }

  remove(path: string): this {
    git(this.dir, ['rm', '-q', '--', path]);
    return this;
  }

  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    git(this.dir, ['mv', from, to]);
    return this;
  }

  private clock(): NodeJS.ProcessEnv {
    this.minute++;
    const date = new Date(Date.UTC(2024, 0, 1, 9, this.minute)).toISOString();
    return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  }

  /** Commits what is staged; returns (and remembers) the commit id. */
  commit(name: string, author?: string): string {
    const args = ['commit', '-q', '--allow-empty', '-m', name];
    if (author) args.push(`--author=${author}`);
    git(this.dir, args, this.clock());
    return this.remember(name);
  }

  /** Merges a branch with a merge commit; `resolve` writes the resolution when it conflicts. */
  merge(name: string, branch: string, resolve?: (repo: this) => void): string {
    const env = this.clock();
    const result = exec('git', ['merge', '-q', '--no-ff', '--no-edit', '-m', name, branch], { cwd: this.dir, env });
    if (result.status !== 0) {
      if (!resolve) throw new Error(`merge of ${branch} failed: ${result.stdout}${result.stderr}`);
      resolve(this);
      git(this.dir, ['commit', '-q', '--no-edit'], env);
    }
    return this.remember(name);
  }

  checkout(branch: string, create = false): this {
    git(this.dir, create ? ['checkout', '-q', '-b', branch] : ['checkout', '-q', branch]);
    return this;
  }

  sha(name: string): string {
    const sha = this.commits.get(name);
    if (!sha) throw new Error(`no commit named ${name}`);
    return sha;
  }

  private remember(name: string): string {
    const sha = git(this.dir, ['rev-parse', 'HEAD']);
    this.commits.set(name, sha);
    return sha;
  }

  destroy(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
