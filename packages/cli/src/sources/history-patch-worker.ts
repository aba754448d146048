import { parentPort, workerData } from 'node:worker_threads';
import { compileAddedTextFilter } from '@keyguard/core';
import { PatchParser, patchArguments } from '../git/patches';
import { spawnGit } from '../git/run';
import { decodeScanner, type ScanSettings } from '../scan-settings';

/** What the patch worker is started with. */
export interface PatchWorkerSetup {
  settings: ScanSettings;
  root: string;
  env?: NodeJS.ProcessEnv;
  revisions: string[];
  renames: boolean;
}

/** Per commit, the blob pairs (`old..new`) whose added lines can hold no finding. */
export type PatchReply = { commits: { commit: string; clean: string[] }[] } | { end: true } | { error: string };
/** From the main thread: how many commits it has taken (the worker stays at most AHEAD past it). */
export type PatchAck = { taken: number };

/** Commits the worker may run ahead of the walk: what bounds the summaries held in memory. */
const AHEAD = 2048;
/** Added bytes kept per file section; a section with more is judged from its blob. */
const MAX_ADDED = 8 * 1024 * 1024;

// A worker thread of a history scan: it runs `git log -p -U0`, keeps only what each commit
// added, and asks core's added-text filter whether a finding could start there. The main thread
// never sees the patch text: only, per commit, the blob pairs it need not read.
const setup = workerData as PatchWorkerSetup;
const filter = compileAddedTextFilter(decodeScanner(setup.settings).rules);
const log = spawnGit(patchArguments(setup.revisions, setup.renames), { cwd: setup.root, env: setup.env });
log.child.stdin.end();
const parser = new PatchParser(MAX_ADDED);
let sent = 0;
let taken = 0;
let batch: { commit: string; clean: string[] }[] = [];

function send(commits: ReturnType<PatchParser['push']>): void {
  for (const { commit, sections } of commits) {
    const clean = sections
      .filter(({ added, path }) => added && !isLfsPointerPart(added) && !filter.mayHoldSecret(added, path))
      .map(({ key }) => key);
    batch.push({ commit, clean });
  }
  sent += commits.length;
  // One message per chunk of git's output at most: the walk is not kept waiting for a batch.
  flush();
  if (sent - taken > AHEAD) log.child.stdout.pause();
}

/**
 * An LFS pointer is judged from its blob (git-history.ts scans the object it points to, or
 * counts it as not fetched): any version of one adds its `oid` line.
 */
function isLfsPointerPart(added: Buffer): boolean {
  return added.includes('oid sha256:') || added.includes('git-lfs.github.com/spec/');
}

function flush(): void {
  if (batch.length === 0) return;
  parentPort!.postMessage({ commits: batch } satisfies PatchReply);
  batch = [];
}

parentPort!.on('message', (message: PatchAck | 'close') => {
  if (message === 'close') {
    log.child.kill();
    parentPort!.close();
    return;
  }
  taken = message.taken;
  if (sent - taken <= AHEAD / 2) log.child.stdout.resume();
  flush();
});
log.child.stdout.on('data', (chunk: Buffer) => send(parser.push(chunk)));
log.child.stdout.on('end', () => {
  send(parser.end());
  flush();
  void log.exited.then((code) => {
    parentPort!.postMessage((code === 0 ? { end: true } : { error: log.failure(code).message }) satisfies PatchReply);
  });
});
