import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ItemScanner } from '../scan';
import { encodeScanner } from '../scan-settings';
import type { PatchAck, PatchReply, PatchWorkerSetup } from './history-patch-worker';

const WORKER_FILE = join(__dirname, 'history-patch-worker.js');

/**
 * The walk's view of the patch stream (history-patch-worker.ts): for each commit, in the order
 * `git log` lists them, the blob pairs whose added lines can hold no finding. Anything it cannot
 * vouch for (the worker failed, a commit out of step, a merge, a pair it did not see) is
 * `undefined`, and the walk reads the blob as it always did. Memory: at most the worker's
 * AHEAD commits of pairs are held, whatever the history's size.
 */
export class PatchSummaries {
  private readonly worker: Worker | undefined;
  private readonly queue: { commit: string; clean: Set<string> }[] = [];
  private waiting: (() => void) | undefined;
  private done = false;
  private taken = 0;
  /** Why the summaries stopped being used (a note for the report), when they did. */
  stopped: string | undefined;

  constructor(scanner: ItemScanner, git: { root: string; env?: NodeJS.ProcessEnv }, revisions: string[], renames: boolean) {
    if (!existsSync(WORKER_FILE)) {
      this.done = true;
      return;
    }
    const setup: PatchWorkerSetup = {
      settings: encodeScanner(scanner),
      root: git.root,
      ...(git.env ? { env: git.env } : {}),
      revisions,
      renames,
    };
    const worker = new Worker(WORKER_FILE, { workerData: setup });
    this.worker = worker;
    worker.on('message', (reply: PatchReply) => {
      if ('commits' in reply) for (const { commit, clean } of reply.commits) this.queue.push({ commit, clean: new Set(clean) });
      else this.finish('error' in reply ? reply.error : undefined);
      this.wake();
    });
    worker.on('error', (error) => {
      this.finish(error.message);
      this.wake();
    });
    worker.on('exit', () => {
      this.finish(undefined);
      this.wake();
    });
  }

  /** The pairs of `commit` that need no reading, or undefined when the stream cannot say. */
  async cleanPairs(commit: string): Promise<Set<string> | undefined> {
    while (this.queue.length === 0 && !this.done) await new Promise<void>((resolve) => (this.waiting = resolve));
    const next = this.queue.shift();
    if (!next) return undefined;
    this.taken++;
    if (this.taken % 256 === 0) this.worker?.postMessage({ taken: this.taken } satisfies PatchAck);
    if (next.commit !== commit) {
      this.close(`the patch stream listed ${next.commit.slice(0, 12)} where the walk was at ${commit.slice(0, 12)}`);
      return undefined;
    }
    return next.clean;
  }

  /** Stops the worker (and its git); the walk reads every blob from here on. */
  close(reason?: string): void {
    if (reason) this.stopped ??= reason;
    this.done = true;
    this.queue.length = 0;
    this.worker?.postMessage('close');
    this.wake();
  }

  private finish(error: string | undefined): void {
    if (error) this.stopped ??= error;
    this.done = true;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
