// Benchmark: scan speed on hostile input (issue 11). Every family of
// packages/test-utils/src/hostile-inputs.ts (the list core's linear-time test asserts as work
// ratios) is scanned in this process with core's scanText at 1 MB and 8 MB, in paired rounds
// (each round scans 1 MB, then 8 MB, so both see the same load), beside a reference measured in
// the same run: the generated corpus (corpus.mjs, profile hard, 16 MB), each file through
// scanBuffer as the CLI reads it. Figures are medians of the rounds: wall time, CPU time (user +
// system of this process, from process.cpuUsage) and MB/s of CPU time.
//
// Verdict per family: "linear" when a byte at 8 MB costs at most 1.5 times a byte at 1 MB (CPU
// time; 8 times the input in at most 12 times the time), else "SUPERLINEAR", which fails the
// part. "slow" flags a family under 20 MB/s or more than 100 times slower per byte than the
// corpus: a constant factor worth a profile (node --cpu-prof), reported, not failed.
//
// Usage: node scripts/bench/hostile.mjs [--runs 3] [--only SUBSTRING]
// As a part of `npm run bench` (run.mjs): benchHostile({ log }) returns { summary, ok }.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCorpus, REPO_ROOT } from './corpus.mjs';

const require = createRequire(import.meta.url);
const MB = 1024 * 1024;
const SIZES = [1, 8];
/** Per-byte cost at 8 MB over that at 1 MB above which a family is called superlinear. */
const SUPERLINEAR = 1.5;
const SLOW_MBPS = 20;
const SLOW_FACTOR = 100;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Wall and CPU seconds of one call. */
function timed(run) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = run();
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6, result };
}

function filesUnder(dir) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(dir);
  return out;
}

export async function benchHostile({ log = console.log, runs = 3, only } = {}) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
  const core = require(join(REPO_ROOT, 'packages', 'core', 'dist', 'index.js'));
  require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  /** @type {typeof import('../../packages/test-utils/src/hostile-inputs')} */
  const { HOSTILE_FAMILIES, HOSTILE_HEADER } = require('../../packages/test-utils/src/hostile-inputs.ts');

  // The reference: the corpus, file by file, as the CLI scans a folder (bytes in, findings out).
  const corpus = ensureCorpus({ profile: 'hard', dir: join(REPO_ROOT, '.bench', 'corpus-hostile-reference'), mb: 16, log });
  const files = filesUnder(corpus.dir).map((path) => ({ path: relative(corpus.dir, path), bytes: readFileSync(path) }));
  const corpusBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  const scanCorpus = () => {
    for (const file of files) core.scanBuffer(file.bytes, { path: file.path });
  };
  scanCorpus(); // warm-up
  const corpusCpu = [];
  for (let round = 0; round < runs; round++) corpusCpu.push(timed(scanCorpus).cpu);
  const corpusMbps = corpusBytes / MB / median(corpusCpu);
  log(
    `hostile: reference corpus ${(corpusBytes / MB).toFixed(1)} MB in ${files.length} files: ${corpusMbps.toFixed(0)} MB/s (CPU, median of ${runs}); load ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );

  const families = HOSTILE_FAMILIES.filter((family) => !only || family.name.includes(only));
  const pad = (text, width) => String(text).padEnd(width);
  const padLeft = (text, width) => String(text).padStart(width);
  log(
    `${pad('family', 58)}${padLeft('1 MB s', 8)}${padLeft('MB/s', 7)}${padLeft('8 MB s', 8)}${padLeft('CPU s', 7)}${padLeft('MB/s', 7)}${padLeft('ratio', 7)}  verdict`,
  );
  const superlinear = [];
  const slow = [];
  for (const family of families) {
    const texts = SIZES.map((size) => HOSTILE_HEADER + family.make(size * MB));
    const rounds = SIZES.map(() => ({ wall: [], cpu: [] }));
    core.scanText(texts[0], { path: family.path }); // warm-up
    for (let round = 0; round < runs; round++) {
      texts.forEach((text, index) => {
        const { wall, cpu } = timed(() => core.scanText(text, { path: family.path }));
        rounds[index].wall.push(wall);
        rounds[index].cpu.push(cpu);
      });
    }
    const cpu = rounds.map((round) => median(round.cpu));
    const wall = rounds.map((round) => median(round.wall));
    const mbps = texts.map((text, index) => text.length / MB / Math.max(cpu[index], 1e-6));
    // Per-byte cost at 8 MB over per-byte cost at 1 MB.
    const ratio = mbps[0] / mbps[1];
    const verdicts = [];
    if (ratio > SUPERLINEAR) {
      verdicts.push('SUPERLINEAR');
      superlinear.push(family.name);
    } else verdicts.push('linear');
    const worst = Math.min(...mbps);
    if (worst < SLOW_MBPS || corpusMbps / worst > SLOW_FACTOR) {
      verdicts.push(`slow (${(corpusMbps / worst).toFixed(0)}x the corpus per byte)`);
      slow.push(`${family.name} ${worst.toFixed(1)} MB/s`);
    }
    log(
      `${pad(family.name.slice(0, 57), 58)}${padLeft(wall[0].toFixed(3), 8)}${padLeft(mbps[0].toFixed(1), 7)}${padLeft(wall[1].toFixed(2), 8)}${padLeft(
        cpu[1].toFixed(2),
        7,
      )}${padLeft(mbps[1].toFixed(1), 7)}${padLeft(ratio.toFixed(2), 7)}  ${verdicts.join(', ')}`,
    );
  }
  log('(wall seconds and CPU MB/s at each size; ratio = CPU time per byte at 8 MB over 1 MB)');
  const verdict =
    superlinear.length === 0
      ? `all ${families.length} families linear (8 MB costs at most ${SUPERLINEAR}x per byte what 1 MB does)`
      : `SUPERLINEAR: ${superlinear.join('; ')}`;
  log(`hostile: ${verdict}`);
  if (slow.length > 0) log(`hostile: slow families (under ${SLOW_MBPS} MB/s or ${SLOW_FACTOR}x the corpus per byte): ${slow.join('; ')}`);
  return {
    ok: superlinear.length === 0,
    summary: `${verdict}; ${slow.length} slow of ${families.length}; corpus ${corpusMbps.toFixed(0)} MB/s`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const option = (name) => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const result = await benchHostile({ runs: Number(option('--runs') ?? 3), only: option('--only') });
  process.exit(result.ok ? 0 : 1);
}
