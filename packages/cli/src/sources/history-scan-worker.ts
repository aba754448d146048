import { parentPort, workerData } from 'node:worker_threads';
import { BlobReader } from './history-cat-file';
import { compileSettings, readAndJudge, type Judgement, type ScanSettings } from './history-judge';

/** What a worker is started with. */
export interface WorkerSetup {
  settings: ScanSettings;
  /** The repository root: the worker runs its own `git cat-file --batch` there. */
  root: string;
}

/** A batch of blobs to judge: ids and paths only; the worker reads the bytes itself. */
export type JobBatch = { id: number; oid: string; path: string; maxSize: number }[];
export type ReplyBatch = { id: number; judgement: Judgement }[];

// A worker thread of a history scan. It reads the blobs it is given through its own cat-file
// process and runs core over them, so blob bytes never cross threads: the main thread only
// parses `git log` and sends ids.
const setup = workerData as WorkerSetup;
const compiled = compileSettings(setup.settings);
const reader = new BlobReader(setup.root);
parentPort?.on('message', (jobs: JobBatch | 'close') => {
  if (jobs === 'close') {
    // Ending cat-file's input ends it; with the port closed too, this thread exits on its own.
    reader.close();
    parentPort!.close();
    return;
  }
  // All reads are requested at once (cat-file pipelines them), then judged in order.
  Promise.all(jobs.map(async ({ id, oid, path, maxSize }) => ({ id, judgement: await readAndJudge(reader, oid, path, maxSize, compiled) })))
    .then((replies: ReplyBatch) => parentPort!.postMessage(replies))
    .catch((error: Error) => parentPort!.postMessage({ error: error.message }));
});
