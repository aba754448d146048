import { parentPort, workerData } from 'node:worker_threads';
import { compileSettings, judgeBlob, type ScanSettings } from './history-judge';

/** A batch from the main thread: blobs packed in one transferred buffer, each with the path it is judged at. */
export interface ScanBatch {
  bytes: Uint8Array;
  jobs: { id: number; path: string; start: number; end: number }[];
}

// The worker thread of a history scan: the main thread drives git, this one runs core.
const compiled = compileSettings(workerData as ScanSettings);
parentPort?.on('message', ({ bytes, jobs }: ScanBatch) => {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const replies = jobs.map(({ id, path, start, end }) => ({ id, judgement: judgeBlob(all.subarray(start, end), path, compiled) }));
  parentPort!.postMessage(replies);
});
