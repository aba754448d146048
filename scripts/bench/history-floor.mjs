// The floor of a history scan (issue 16): `node scripts/bench/history-floor.mjs LIST`, run in a
// repository, reads every blob of LIST (`<blob>\t<path>` lines, the walk's unique blobs in its
// order) through keyguard's own reader and judges each with core, 256 in flight as the walk
// keeps them, and nothing else: no commit listing, no walk, no report. What a history scan
// costs above this is the walk's. history.mjs writes the list (blobsOf) and times this beside
// the scan and the pipeline.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/**
 * The blob ids and paths the walk lists (cli's streamCommits, without renames), first sighting
 * of each regular file's blob, newest commit first.
 */
export async function blobsOf(dir, out) {
  const { FILE_MODES, isDeletion, streamCommits } = require(join(REPO_ROOT, 'packages', 'cli', 'dist', 'git', 'log.js'));
  const seen = new Set();
  const rows = [];
  for await (const record of streamCommits({ cwd: dir }, ['--all'], { renames: false }))
    for (const file of record.files) {
      if (!FILE_MODES.has(file.mode) || isDeletion(file) || seen.has(file.blob)) continue;
      seen.add(file.blob);
      rows.push(`${file.blob}\t${file.path}`);
    }
  writeFileSync(out, rows.join('\n') + '\n');
  return rows.length;
}

async function floor(list) {
  const dist = join(REPO_ROOT, 'packages', 'cli', 'dist');
  const { BlobReader } = require(join(dist, 'git', 'cat-file.js'));
  const { readAndJudge } = require(join(dist, 'sources', 'history-judge.js'));
  const { resolveConfig } = require('@keyguard/core');
  const config = resolveConfig({});
  const scanner = { rules: config.rules, allow: config.allow, maxFileSize: config.maxFileSize };
  const rows = readFileSync(list, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const reader = new BlobReader({ cwd: process.cwd() });
  const inflight = [];
  let dirty = 0;
  const settle = async () => {
    if ((await inflight.shift()).status === 'dirty') dirty++;
  };
  for (const [blob, path] of rows) {
    inflight.push(readAndJudge(reader, blob, path, scanner));
    while (inflight.length > 256) await settle();
  }
  while (inflight.length > 0) await settle();
  reader.close();
  console.log(`${rows.length} blobs judged, ${dirty} with findings`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv[2]) {
    console.error('usage: node scripts/bench/history-floor.mjs LIST (run in the repository)');
    process.exitCode = 2;
  } else
    floor(resolve(process.argv[2])).catch((error) => {
      console.error(`history floor failed: ${error.message}`);
      process.exitCode = 1;
    });
}
