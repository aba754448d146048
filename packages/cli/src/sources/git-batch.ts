import { spawn } from 'node:child_process';
import { KeyguardError } from '@keyguard/core';

/** One object as `git cat-file --batch` returns it. */
export interface BatchObject {
  id: string;
  type: string;
  size: number;
  /** The content; absent when the object is larger than `maxSize` (it was read past, not kept). */
  bytes?: Buffer;
}

export interface BatchOptions {
  cwd: string;
  /** Objects larger than this are streamed past without being kept in memory. */
  maxSize?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads git objects through one `git cat-file --batch` process, in the order asked, so a scan
 * of a thousand staged files costs one process, not a thousand. A missing object (a corrupt
 * repository) is an error: the caller must not pass over content it was asked to check.
 */
export async function* readGitObjects(ids: readonly string[], options: BatchOptions): AsyncGenerator<BatchObject> {
  if (ids.length === 0) return;
  const child = spawn('git', ['cat-file', '--batch'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr += text));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdin.on('error', () => undefined); // git died early: reported from its exit status
  child.stdin.end(`${ids.join('\n')}\n`);

  let pending: Buffer = Buffer.alloc(0);
  let current: { id: string; type: string; size: number; chunks: Buffer[] | undefined; left: number } | undefined;
  let next = 0;
  const done: BatchObject[] = [];
  const fail = (message: string): never => {
    child.kill();
    throw new KeyguardError(`git cat-file: ${message}`, 'The repository may be corrupt: run git fsck');
  };

  const consume = (): void => {
    for (;;) {
      if (!current) {
        const newline = pending.indexOf(10);
        if (newline === -1) return;
        const header = pending.subarray(0, newline).toString('utf8');
        pending = pending.subarray(newline + 1);
        const [id, type, size] = header.split(' ');
        if (type === 'missing' || type === 'ambiguous' || size === undefined) fail(`object ${ids[next] ?? id} is ${type ?? 'unreadable'}`);
        const length = Number(size);
        current = { id, type, size: length, chunks: length <= maxSize ? [] : undefined, left: length + 1 };
      }
      if (pending.length === 0) return;
      const take = Math.min(current.left, pending.length);
      const piece = pending.subarray(0, take);
      pending = pending.subarray(take);
      current.left -= take;
      // The object is followed by one newline, which is not content.
      if (current.chunks) current.chunks.push(current.left === 0 ? piece.subarray(0, piece.length - 1) : piece);
      if (current.left > 0) return;
      const object: BatchObject = { id: current.id, type: current.type, size: current.size };
      if (current.chunks) object.bytes = Buffer.concat(current.chunks);
      done.push(object);
      current = undefined;
      next++;
    }
  };

  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      consume();
      while (done.length > 0) yield done.shift()!;
    }
    finished = true;
  } finally {
    // The consumer stopped early (or an object was missing): do not leave git running.
    if (!finished && child.exitCode === null) child.kill();
  }
  const code = await exited.catch((error: Error) => fail(error.message));
  if (code !== 0 || next !== ids.length || current) {
    fail(stderr.trim().split('\n')[0] || `stopped after ${next} of ${ids.length} objects (exit ${code})`);
  }
}
