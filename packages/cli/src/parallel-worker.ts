/**
 * A scan worker (parallel.ts): takes batches of file indexes from the shared counter, reads
 * and scans each file exactly as the main thread would (`readListedFile`, `scanItem`), and
 * posts the outcomes back with the batch's first index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './parallel';
import { scanItem, type ItemOutcome } from './scan';
import { decodeScanner } from './scan-settings';
import { readListedFile, ReusingReader } from './sources/files';

function main(input: WorkerInput): void {
  const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
  try {
    const scanner = decodeScanner(input.settings);
    const counter = new Int32Array(input.counter);
    const read = new ReusingReader();
    for (;;) {
      const start = Atomics.add(counter, 0, input.batch);
      if (start >= input.files.length) break;
      const outcomes: (ItemOutcome | null)[] = [];
      for (let i = start; i < Math.min(input.files.length, start + input.batch); i++) {
        const event = readListedFile(input.files[i], input.explicit[i], input.options, read);
        outcomes.push(event ? scanItem(event, scanner) : null);
      }
      post({ kind: 'batch', start, outcomes });
    }
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

main(workerData as WorkerInput);
