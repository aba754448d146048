import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BlobReader } from '../git/cat-file';
import type { ItemScanner } from '../scan';
import { encodeScanner } from '../scan-settings';
import { readAndJudge, type Judgement } from './history-judge';
import type { JobBatch, ReplyBatch, WorkerSetup } from './history-scan-worker';

const WORKER_FILE = join(__dirname, 'history-scan-worker.js');
/** Blobs per message to a worker: fewer, larger messages cost less than one per blob. */
const BATCH = 64;

/**
 * Reads and judges blobs, on worker threads when there are cores for them: each worker runs
 * its own `git cat-file --batch` and core, so blob bytes never cross threads and the main
 * thread only parses `git log`. With no workers (one thread, or the compiled worker file
 * absent when running from TypeScript sources) the main thread's reader and core do it.
 */
export class BlobScanner {
  private readonly workers: Worker[] = [];
  /** Set when the main thread judges the blobs itself (no workers). */
  private readonly scanner: ItemScanner | undefined;
  private readonly waiting = new Map<number, { resolve(judgement: Judgement): void; reject(error: Error): void }>();
  private batch: JobBatch = [];
  private turn = 0;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(
    scanner: ItemScanner,
    workers: number,
    git: { root: string; env?: NodeJS.ProcessEnv },
    /** The main thread's reader, used when there are no workers. */
    private readonly reader: BlobReader,
  ) {
    if (workers < 1 || !existsSync(WORKER_FILE)) {
      this.scanner = scanner;
      return;
    }
    const setup: WorkerSetup = { settings: encodeScanner(scanner), root: git.root, ...(git.env ? { env: git.env } : {}) };
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: setup });
      worker.on('message', (replies: ReplyBatch | { error: string }) => {
        if (!Array.isArray(replies)) {
          this.fail(new Error(replies.error));
          return;
        }
        for (const { id, judgement } of replies) {
          this.waiting.get(id)?.resolve(judgement);
          this.waiting.delete(id);
        }
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`a history scan worker stopped (exit ${code})`));
      });
      this.workers.push(worker);
    }
  }

  /** Reads blob `oid` and judges it as if at `path`. */
  judge(oid: string, path: string): Promise<Judgement> {
    if (this.scanner) return readAndJudge(this.reader, oid, path, this.scanner);
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<Judgement>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // A partial batch goes out as soon as the main thread is idle, so nobody waits on it.
    if (this.batch.length === 0) setImmediate(() => this.flush());
    this.batch.push({ id, oid, path });
    if (this.batch.length >= BATCH) this.flush();
    return promise;
  }

  private flush(): void {
    if (this.workers.length === 0 || this.batch.length === 0) return;
    this.workers[this.turn++ % this.workers.length].postMessage(this.batch);
    this.batch = [];
  }

  /** Lets each worker end its cat-file and exit; terminates any that has not within a second. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void worker.terminate(), 1000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.postMessage('close');
          }),
      ),
    );
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
