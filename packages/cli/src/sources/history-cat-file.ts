import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** What reading one object gave: its bytes, or why there are none. */
export type BlobRead =
  | { kind: 'blob'; bytes: Buffer }
  | { kind: 'too-large'; size: number }
  | { kind: 'missing' };

interface Request {
  resolve(read: BlobRead): void;
  reject(error: Error): void;
  maxSize: number;
}

/**
 * One long-running `git cat-file --batch`: object ids go in on stdin, `<oid> <type> <size>`
 * plus the content come back in the same order. Requests are pipelined (many in flight), so
 * git inflates the next blob while we scan the last one. Objects larger than the caller's
 * limit are drained as they stream and never held in memory.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Request[] = [];
  private pending: Buffer = Buffer.alloc(0);
  /** The object being received: its size, the parts so far, and how many bytes are left. */
  private current: { request: Request; size: number; isBlob: boolean; parts: Buffer[] | undefined; left: number } | undefined;
  private failure: Error | undefined;
  private stderr = '';
  /** Objects read and their bytes, for the scan's statistics. */
  objects = 0;
  bytes = 0;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString('utf8');
    });
    this.child.stdin.on('error', (error) => this.fail(error));
    this.child.on('error', (error) => this.fail(error));
    this.child.on('close', (code) => {
      if (this.queue.length > 0 || this.current) this.fail(new Error(`git cat-file exited (${code}): ${this.stderr.split('\n')[0]}`));
    });
  }

  /** Reads an object; content larger than `maxSize` bytes is skipped and reported as too large. */
  read(oid: string, maxSize = Number.POSITIVE_INFINITY): Promise<BlobRead> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<BlobRead>((resolve, reject) => {
      this.queue.push({ resolve, reject, maxSize });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    if (this.queue.length > 0 || this.current) this.child.kill();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (this.current) this.current.request.reject(error);
    this.current = undefined;
    for (const request of this.queue.splice(0)) request.reject(error);
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
        this.objects++;
        this.bytes += current.size;
        if (!current.isBlob) current.request.resolve({ kind: 'missing' });
        else if (!current.parts) current.request.resolve({ kind: 'too-large', size: current.size });
        // A blob that arrived in one chunk is a view of it, not a copy: most blobs do, and
        // copying them all was a third of this process's allocations.
        else current.request.resolve({ kind: 'blob', bytes: current.parts.length === 1 ? current.parts[0] : Buffer.concat(current.parts, current.size) });
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
      this.current = { request, size, isBlob, parts: isBlob && size <= request.maxSize ? [] : undefined, left: size };
    }
  }
}

