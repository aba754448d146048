import { KeyguardError } from '@keyguard/core';
import { spawnGit, type GitOptions, type GitProcess } from './run';

/** What reading one object gave: its bytes, or why there are none. */
export type BlobRead =
  | { kind: 'blob'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  /** Larger than the caller's `streamAbove`: not held; read it again as a stream (streamBlob). */
  | { kind: 'large'; size: number }
  | { kind: 'missing' };

interface Request {
  resolve(read: BlobRead): void;
  reject(error: Error): void;
  maxSize: number;
  streamAbove: number;
}

/**
 * The one reader of git objects: one long-running `git cat-file --batch`. Object ids go in on
 * stdin, `<oid> <type> <size>` plus the content come back in the same order. Requests are
 * pipelined (many in flight), so git inflates the next blob while we scan the last one.
 * Objects larger than the caller's limit are drained as they stream and never held in
 * memory. A missing object (or one that is not a blob) is an answer, `missing`, not an
 * error: the caller decides whether to count it as not read or to fail. Used by the staged
 * scan, the history walk and each history worker.
 */
export class BlobReader {
  private readonly git: GitProcess;
  private readonly queue: Request[] = [];
  private pending: Buffer = Buffer.alloc(0);
  /** The object being received: its size, the parts so far, and how many bytes are left. */
  private current:
    { request: Request; size: number; isBlob: boolean; large: boolean; parts: Buffer[] | undefined; left: number } | undefined;
  private failure: Error | undefined;
  private closing = false;
  /**
   * Requests not yet written: the ids asked for in one turn go to git in one write, not one
   * system call each (issue 16: 6,400 writes of 8 µs each in a history scan of 6,300 blobs).
   */
  private outgoing = '';

  constructor(readonly options: GitOptions) {
    this.git = spawnGit(['cat-file', '--batch'], { ...options, hint: 'The repository may be corrupt: run git fsck' });
    const { child } = this.git;
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    void this.git.exited.then((code) => {
      // Ended before it was closed, or with reads outstanding: every read waiting (or to come) fails.
      if (!this.closing || this.queue.length > 0 || this.current) this.fail(this.git.failure(code));
    });
  }

  /**
   * Reads an object; content larger than `maxSize` bytes is skipped and reported as too large,
   * content larger than `streamAbove` is drained unheld and reported as `large` (the caller
   * streams it with streamBlob, in constant memory).
   */
  read(oid: string, maxSize = Number.POSITIVE_INFINITY, streamAbove = Number.POSITIVE_INFINITY): Promise<BlobRead> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<BlobRead>((resolve, reject) => {
      this.queue.push({ resolve, reject, maxSize, streamAbove });
      if (this.outgoing === '') setImmediate(() => this.send());
      this.outgoing += `${oid}\n`;
    });
  }

  private send(): void {
    if (this.outgoing === '' || this.git.child.stdin.writableEnded) return;
    this.git.child.stdin.write(this.outgoing);
    this.outgoing = '';
  }

  /** Ends git's input (it exits when done); kills it when reads are still outstanding. */
  close(): void {
    this.closing = true;
    this.send();
    this.git.child.stdin.end();
    if (this.queue.length > 0 || this.current) this.git.child.kill();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure =
      error instanceof KeyguardError
        ? error
        : new KeyguardError(`git cat-file: ${error.message}`, 'The repository may be corrupt: run git fsck');
    if (this.current) this.current.request.reject(this.failure);
    this.current = undefined;
    for (const request of this.queue.splice(0)) request.reject(this.failure);
  }

  private receive(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.current) {
        // Content, then one newline that git adds after it.
        const { current } = this;
        if (current.left > 0) {
          const take = Math.min(current.left, data.length);
          current.parts?.push(data.subarray(0, take));
          current.left -= take;
          data = data.subarray(take);
          if (current.left > 0) return;
        }
        if (data.length === 0) return;
        data = data.subarray(1);
        this.current = undefined;
        if (!current.isBlob) current.request.resolve({ kind: 'missing' });
        else if (current.large) current.request.resolve({ kind: 'large', size: current.size });
        else if (!current.parts) current.request.resolve({ kind: 'too-large', size: current.size });
        // A blob that arrived in one chunk is a view of it, not a copy: most blobs do, and
        // copying them all was a third of this process's allocations.
        else
          current.request.resolve({
            kind: 'blob',
            bytes: current.parts.length === 1 ? current.parts[0] : Buffer.concat(current.parts, current.size),
          });
        continue;
      }
      const end = data.indexOf(10);
      if (end === -1) {
        this.pending = Buffer.from(data);
        return;
      }
      const header = data.subarray(0, end).toString('latin1');
      data = data.subarray(end + 1);
      const request = this.queue.shift();
      if (!request) {
        this.fail(new Error(`git cat-file sent an unexpected line: ${header.slice(0, 80)}`));
        return;
      }
      const fields = header.split(' ');
      if (fields.length !== 3) {
        request.resolve({ kind: 'missing' }); // "<oid> missing" (or ambiguous)
        continue;
      }
      const size = Number(fields[2]);
      const isBlob = fields[1] === 'blob';
      const large = isBlob && size <= request.maxSize && size > request.streamAbove;
      this.current = { request, size, isBlob, large, parts: isBlob && size <= request.maxSize && !large ? [] : undefined, left: size };
    }
  }
}

/**
 * Reads many objects in order through one reader, at most `window` in flight, so git reads
 * ahead while the caller scans and memory stays bounded by the window, not by the count.
 */
export async function* readBlobs(
  reader: BlobReader,
  ids: readonly string[],
  maxSize: number,
  { window = 64, streamAbove = Number.POSITIVE_INFINITY }: { window?: number; streamAbove?: number } = {},
): AsyncGenerator<{ id: string; read: BlobRead }> {
  const inflight: Promise<BlobRead>[] = [];
  let next = 0;
  const fill = (): void => {
    while (inflight.length < window && next < ids.length) {
      const read = reader.read(ids[next++], maxSize, streamAbove);
      read.catch(() => undefined); // awaited below, in order; this only marks it handled
      inflight.push(read);
    }
  };
  for (let done = 0; done < ids.length; done++) {
    fill();
    const read = await inflight.shift()!;
    yield { id: ids[done], read };
  }
}

/**
 * Blobs above this size are streamed rather than held (staged and history scans), as files
 * above it are in a folder scan (sources/files.ts STREAM_ABOVE; keep in step with docs/cli.md).
 */
export const STREAM_BLOB_ABOVE = 8 * 1024 * 1024;

/**
 * A blob's content as it comes out of `git cat-file blob`, chunk by chunk, with git paused
 * while the caller scans (back-pressure): a blob of any size in constant memory. Fails with
 * git's one-line error if git cannot read it.
 */
export async function* streamBlob(options: GitOptions, oid: string): AsyncGenerator<Buffer> {
  const git = spawnGit(['cat-file', 'blob', oid], { ...options, hint: 'The repository may be corrupt: run git fsck' });
  git.child.stdin.end();
  let finished = false;
  try {
    for await (const chunk of git.child.stdout as AsyncIterable<Buffer>) yield chunk;
    const code = await git.exited;
    finished = true;
    if (code !== 0) throw git.failure(code);
  } finally {
    if (!finished) git.child.kill();
  }
}
