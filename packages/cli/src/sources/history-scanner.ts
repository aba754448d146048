import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileSettings, judgeBlob, type Judgement, type ScanSettings } from './history-judge';
import type { ScanBatch } from './history-scan-worker';

const WORKER_FILE = join(__dirname, 'history-scan-worker.js');
/**
 * Blobs go to the worker in batches packed into one transferred buffer: one message and one
 * transfer per batch cost far less than one per blob (measured: a third of the main thread's
 * time went to postMessage with one blob per transfer).
 */
const BATCH_JOBS = 64;
const BATCH_BYTES = 1024 * 1024;

/**
 * Judges blobs on worker threads, so scanning (this package's CPU work) runs on one core
 * while git and the main thread's parsing run on the other. Scans on the main thread when
 * asked to (one thread) or when the compiled worker file is absent (TypeScript sources).
 */
export class BlobScanner {
  private readonly workers: Worker[] = [];
  private turn = 0;
  private readonly compiled: ReturnType<typeof compileSettings> | undefined;
  private readonly waiting = new Map<number, { resolve(judgement: Judgement): void; reject(error: Error): void }>();
  private batch: { id: number; path: string; bytes: Buffer }[] = [];
  private batchBytes = 0;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(settings: ScanSettings, workers: number) {
    if (workers < 1 || !existsSync(WORKER_FILE)) {
      this.compiled = compileSettings(settings);
      return;
    }
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: settings });
      worker.on('message', (replies: { id: number; judgement: Judgement }[]) => {
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

  /** Judges a blob (its bytes are copied into the next batch). */
  judge(bytes: Buffer, path: string): Promise<Judgement> {
    if (this.compiled) return Promise.resolve(judgeBlob(bytes, path, this.compiled));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<Judgement>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.batch.length === 0) setImmediate(() => this.flush());
    this.batch.push({ id, path, bytes });
    this.batchBytes += bytes.length;
    if (this.batch.length >= BATCH_JOBS || this.batchBytes >= BATCH_BYTES) this.flush();
    return promise;
  }

  /** Sends what is queued (a full batch, or whatever is queued once the main thread is idle). */
  flush(): void {
    if (this.workers.length === 0 || this.batch.length === 0) return;
    const packed = new Uint8Array(this.batchBytes);
    const jobs: ScanBatch['jobs'] = [];
    let at = 0;
    for (const { id, path, bytes } of this.batch) {
      packed.set(bytes, at);
      jobs.push({ id, path, start: at, end: at + bytes.length });
      at += bytes.length;
    }
    const message: ScanBatch = { bytes: packed, jobs };
    this.workers[this.turn++ % this.workers.length].postMessage(message, [packed.buffer]);
    this.batch = [];
    this.batchBytes = 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
