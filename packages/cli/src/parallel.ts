import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { ItemOutcome, ItemScanner } from './scan';
import { encodeScanner, type ScanSettings } from './scan-settings';
import { listFileSet, readListedFile, ReusingReader, type FileSourceOptions } from './sources/files';

/**
 * Scans a file source on several threads: the main thread and `threads - 1` workers take
 * batches of the listed files from one shared counter, and each reads and scans its files
 * itself (reading is a large share of the work; workers never wait on the main thread for bytes).
 * Outcomes are recorded strictly in listing order, so the result is the same as a serial scan.
 *
 * Small and middling scans never start a worker. A worker costs about 100 ms of CPU and as
 * much wall time to start (a Node.js bootstrap, loading core, cold JIT), and the main thread
 * scans some 140 MB per CPU second: below about 16 MB it is done before a worker could help,
 * and a pre-commit hook's whole budget is less than one start. The main thread scans a batch,
 * then starts workers only if what is left looks like at least PARALLEL_MIN_BYTES over
 * PARALLEL_MIN_FILES files, and asks again after each of its batches until they start.
 */
export const PARALLEL_MIN_FILES = 50;
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** True when, after `done` of `total` files holding `bytes`, the rest is worth a worker. */
export function isWorthWorkers(done: number, bytes: number, total: number): boolean {
  const left = total - done;
  const estimate = done > 0 ? (bytes / done) * left : 0;
  return left >= PARALLEL_MIN_FILES && estimate >= PARALLEL_MIN_BYTES;
}
/** Files per batch: small enough to balance two threads, large enough to keep messages rare. */
const BATCH = 24;

/** What a worker is started with (structured-cloned). */
export interface WorkerInput {
  files: string[];
  explicit: boolean[];
  options: Pick<FileSourceOptions, 'cwd' | 'maxFileSize'>;
  settings: ScanSettings;
  /** An Int32Array over shared memory: the next file index to take. */
  counter: SharedArrayBuffer;
  batch: number;
}

/** What a worker posts: one batch's outcomes, then `done`, or an error. */
export type WorkerMessage =
  { kind: 'batch'; start: number; outcomes: (ItemOutcome | null)[] } | { kind: 'done' } | { kind: 'error'; message: string };

/** Threads to use: the run's setting, else KEYGUARD_THREADS, else one per core (at most 8). */
export function threadCount(requested: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number.parseInt(env.KEYGUARD_THREADS ?? '', 10);
  const wanted = requested ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism());
  return Math.max(1, Math.min(8, Math.floor(wanted)));
}

export interface ParallelOptions {
  threads?: number;
  /** Start workers even for a small scan (tests of the parallel path). */
  forceParallel?: boolean;
}

/**
 * Lists and scans a file source; `record` gets every outcome in listing order (listing
 * skips first, as `readFiles` yields them). `scanOne` is the scan loop's `scanItem`.
 */
export async function scanFileSource(
  source: FileSourceOptions,
  scanner: ItemScanner,
  options: ParallelOptions,
  record: (outcome: ItemOutcome) => void,
  scanOne: (event: NonNullable<ReturnType<typeof readListedFile>>, scanner: ItemScanner) => ItemOutcome,
): Promise<void> {
  const listing = listFileSet(source);
  // Through scanOne too: it redacts the path and reports a key in it.
  for (const item of listing.skipped) record(scanOne(item, scanner));
  const { files } = listing;
  const explicit = files.map((file) => listing.explicit.has(file));
  const outcomes = new Array<ItemOutcome | null | undefined>(files.length);
  let recorded = 0;
  const flush = (): void => {
    while (recorded < files.length && outcomes[recorded] !== undefined) {
      const outcome = outcomes[recorded];
      outcomes[recorded] = null; // let the findings go once recorded
      recorded++;
      if (outcome) record(outcome);
    }
  };
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let scannedBytes = 0;
  // Each file is scanned before the next is read: one buffer serves them all.
  const read = new ReusingReader();
  const scanBatch = (): boolean => {
    const start = Atomics.add(counter, 0, BATCH);
    if (start >= files.length) return false;
    for (let i = start; i < Math.min(files.length, start + BATCH); i++) {
      const event = readListedFile(files[i], explicit[i], source, read);
      const outcome = event ? scanOne(event, scanner) : null;
      if (outcome) scannedBytes += outcome.bytes;
      outcomes[i] = outcome;
    }
    flush();
    return true;
  };

  const threads = threadCount(options.threads);
  // Workers start once what is left looks worth them. The answer is asked again after every
  // main-thread batch until they start: a listing that opens with a run of tiny files (a
  // node_modules/.bin of links, a folder of stubs) says little about the rest.
  let pool: Pool | undefined;
  const startIfWorth = (): void => {
    if (pool || threads < 2) return;
    const done = Math.min(files.length, Atomics.load(counter, 0));
    if (!options.forceParallel && !isWorthWorkers(done, scannedBytes, files.length)) return;
    pool = startWorkers(threads - 1, files, explicit, source, scanner, counter.buffer);
    pool.onBatch((start, batch) => {
      batch.forEach((outcome, offset) => {
        outcomes[start + offset] = outcome;
      });
      flush();
    });
  };
  const more = scanBatch();
  if (more) startIfWorth();
  try {
    if (more) {
      while (scanBatch()) {
        startIfWorth();
        // Let the workers' messages in between batches, so findings are recorded as they come.
        if (pool) await nextTurn();
      }
    }
    if (pool) await pool.finished;
  } finally {
    pool?.stop();
  }
  flush();
  if (recorded !== files.length) throw new Error(`parallel scan lost track of ${files.length - recorded} file(s)`);
}

interface Pool {
  onBatch(listener: (start: number, outcomes: (ItemOutcome | null)[]) => void): void;
  /** Resolves when every worker has posted `done`; rejects on a worker's error. */
  finished: Promise<void>;
  stop(): void;
}

function startWorkers(
  count: number,
  files: string[],
  explicit: boolean[],
  source: FileSourceOptions,
  scanner: ItemScanner,
  counter: SharedArrayBuffer,
): Pool {
  const input: WorkerInput = {
    files,
    explicit,
    options: { cwd: source.cwd, maxFileSize: source.maxFileSize },
    settings: encodeScanner(scanner),
    counter,
    batch: BATCH,
  };
  const listeners: ((start: number, outcomes: (ItemOutcome | null)[]) => void)[] = [];
  const workers = Array.from({ length: count }, () => new Worker(join(__dirname, 'parallel-worker.js'), { workerData: input }));
  const finished = Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: WorkerMessage) => {
            if (message.kind === 'batch') listeners.forEach((listener) => listener(message.start, message.outcomes));
            else if (message.kind === 'done') resolve();
            else reject(new Error(`scan worker failed: ${message.message}`));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`scan worker exited with status ${code}`));
            resolve(); // after `done`, a no-op
          });
        }),
    ),
  ).then(() => undefined);
  // Awaited later; a worker that fails while the main thread is busy must not count as unhandled.
  finished.catch(() => undefined);
  const stop = (): void => {
    for (const worker of workers) void worker.terminate();
  };
  return { onBatch: (listener) => listeners.push(listener), finished, stop };
}
