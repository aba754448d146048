// The floor of a history scan (issue 16): `node scripts/bench/history-floor.mjs LIST`, run in a
// repository, reads every blob of LIST (`<blob>\t<path>` lines, the walk's unique blobs in its
// order) through keyguard's own reader and judges each with core, 256 in flight as the walk
// keeps them, and nothing else: no commit listing, no walk, no report. What a history scan
// costs above this is the walk's. history.mjs writes the list (blobsOf) and times this beside
// the scan and the pipeline.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** The blob ids and paths that `git log --raw` lists over every ref, first sighting of each, newest commit first. */
export function blobsOf(dir, out) {
  const log = spawnSync(
    'git',
    ['-c', 'core.quotePath=false', 'log', '--raw', '-z', '-c', '--no-renames', '--root', '--no-abbrev', '--format=', '--all'],
    {
      cwd: dir,
      maxBuffer: 1 << 30,
    },
  );
  if (log.status !== 0) throw new Error(`git log failed in ${dir}: ${log.stderr.toString().split('\n')[0]}`);
  const tokens = log.stdout.toString('utf8').split('\0');
  const seen = new Set();
  const rows = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i].replace(/^\n+/, '');
    if (!head.startsWith(':')) continue;
    const colons = head.length - head.replace(/^:+/, '').length;
    const fields = head.slice(colons).split(' ');
    const path = tokens[++i];
    const mode = fields[colons];
    const blob = fields[fields.length - 2];
    if (!['100644', '100755', '100664'].includes(mode) || /^0+$/.test(blob) || seen.has(blob)) continue;
    seen.add(blob);
    rows.push(`${blob}\t${path}`);
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
