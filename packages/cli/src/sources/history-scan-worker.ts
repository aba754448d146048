import { parentPort, workerData } from 'node:worker_threads';
import { BlobReader } from '../git/cat-file';
import { decodeScanner, type ScanSettings } from '../scan-settings';
import { readAndJudge, type Judgement } from './history-judge';

/** What a worker is started with. */
export interface WorkerSetup {
  settings: ScanSettings;
  /** The repository root: the worker runs its own `git cat-file --batch` there. */
  root: string;
  env?: NodeJS.ProcessEnv;
}

/** A batch of blobs to judge: ids and paths only; the worker reads the bytes itself. */
export type JobBatch = { id: number; oid: string; path: string }[];
export type ReplyBatch = { id: number; judgement: Judgement }[];

// A worker thread of a history scan. It reads the blobs it is given through its own cat-file
// process and runs core over them, so blob bytes never cross threads: the main thread only
// parses `git log` and sends ids.
const setup = workerData as WorkerSetup;
const scanner = decodeScanner(setup.settings);
const reader = new BlobReader({ cwd: setup.root, env: setup.env });
parentPort?.on('message', (jobs: JobBatch | 'close') => {
  if (jobs === 'close') {
    // Ending cat-file's input ends it; with the port closed too, this thread exits on its own.
    reader.close();
    parentPort!.close();
    return;
  }
  // All reads are requested at once (cat-file pipelines them), then judged in order.
  Promise.all(jobs.map(async ({ id, oid, path }) => ({ id, judgement: await readAndJudge(reader, oid, path, scanner) })))
    .then((replies: ReplyBatch) => parentPort!.postMessage(replies))
    .catch((error: Error) => parentPort!.postMessage({ error: error.message }));
});
