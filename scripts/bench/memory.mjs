// Benchmark: peak memory of `keyguard scan --git --all` on a generated history of 50,000
// commits holding 100,000 findings, with `--format jsonl` (each finding written as it is found,
// none kept: issue 16) against `--format json` (every finding held, then one report).
//
// The repository is built with `git fast-import` (about a minute for 50,000 commits, most of it
// making 100,000 keys): each commit adds one small file with two fresh fake keys (from the
// repository's one seeded fake-key helper, so this file holds no key-shaped literal) under
// keys/<n>/ and edits a clean file. It is cached in .bench/memory-<commits> (git-ignored; one
// folder per size, so a quick run keeps the full one) while MEMORY_VERSION matches.
//
// Peak RSS is the keyguard process's own (process.resourceUsage().maxRSS, written at exit by a
// preloaded script), not git's; CPU is that process's user + system time. The runs alternate
// json and jsonl so both see the same load; the load average is printed with the figures.
//
// Usage: node scripts/bench/memory.mjs [--commits 50000] [--runs 2]
// Quick: KEYGUARD_BENCH_MEMORY_COMMITS=5000 npm run bench -- memory
// As a part of `npm run bench` (run.mjs): benchMemory({ log }) returns { summary, ok, ... }.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fakeKey } from './fake-keys.mjs';

/** Bump when the generator changes, so a cached repository is rebuilt. */
const MEMORY_VERSION = 1;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
const KEYS_PER_COMMIT = 2;
/** Files per folder under keys/: keeps each tree fast-import rewrites small. */
const PER_FOLDER = 500;

/** The fast-import stream of `commits` commits (one key file and one clean edit each). */
function generateHistory(commits) {
  const chunks = [];
  const data = (text) => chunks.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
  for (let i = 0; i < commits; i++) {
    chunks.push(`commit refs/heads/main\nmark :${i + 1}\ncommitter Bench <bench@example.com> ${1_600_000_000 + i * 60} +0000\n`);
    data(`add settings ${i}`);
    if (i > 0) chunks.push(`from :${i}\n`);
    const lines = ['import os', ''];
    for (let k = 0; k < KEYS_PER_COMMIT; k++)
      lines.push(`api_key_${k} = "${fakeKey(k === 0 ? 'proj' : 'legacy', i * KEYS_PER_COMMIT + k)}"`);
    chunks.push(`M 100644 inline keys/${Math.floor(i / PER_FOLDER)}/settings_${i}.py\n`);
    data(`${lines.join('\n')}\n`);
    chunks.push('M 100644 inline CHANGELOG.md\n');
    data(`# Changelog\n\nrevision ${i}\n`);
  }
  return chunks.join('');
}

const git = (cwd, args, input) =>
  execFileSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

/** Builds (or reuses) the generated repository. */
function ensureMemoryRepo(commits, dir = join(REPO_ROOT, '.bench', `memory-${commits}`)) {
  const stamp = JSON.stringify({ MEMORY_VERSION, commits, KEYS_PER_COMMIT });
  const stampFile = join(dir, '.git', 'keyguard-bench.json');
  if (existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).stamp === stamp)
    return { dir, ...JSON.parse(readFileSync(stampFile, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const started = Date.now();
  git(dir, ['fast-import', '--quiet'], generateHistory(commits));
  git(dir, ['checkout', '-q', '-f', 'main']);
  const info = { stamp, commits: Number(git(dir, ['rev-list', '--all', '--count']).trim()), buildMs: Date.now() - started };
  writeFileSync(stampFile, JSON.stringify(info));
  return { dir, ...info };
}

/**
 * Runs keyguard with a preload that writes the process's resource usage to a file at exit;
 * the report goes to `output`. Returns wall time, peak RSS (MiB), CPU (ms), exit status.
 */
function measure(format, repo, outDir) {
  const usageFile = join(outDir, `usage-${format}.json`);
  const output = join(outDir, `report.${format}`);
  const preload = join(outDir, 'report-usage.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.KEYGUARD_BENCH_USAGE, JSON.stringify(process.resourceUsage())));\n",
  );
  return new Promise((done, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', preload, BIN, 'scan', '--git', '--all', '--format', format, '--output', output], {
      cwd: repo.dir,
      env: { ...process.env, KEYGUARD_BENCH_USAGE: usageFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      done({
        format,
        code,
        ms,
        rssMiB: usage.maxRSS / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        output,
        stderr,
      });
    });
  });
}

/** How many findings a report holds: the json report's list, jsonl's summary line (checked against its lines). */
function findingsIn(format, file) {
  const text = readFileSync(file, 'utf8');
  if (format === 'json') return JSON.parse(text).findings.length;
  const lines = text.trimEnd().split('\n');
  const summary = JSON.parse(lines[lines.length - 1]);
  if (summary.type !== 'summary' || summary.findings !== lines.length - 1)
    throw new Error('the jsonl report does not end with its summary');
  return summary.findings;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function benchMemory({
  log = console.log,
  commits = Number(process.env.KEYGUARD_BENCH_MEMORY_COMMITS) || 50_000,
  runs = Number(process.env.KEYGUARD_BENCH_MEMORY_RUNS) || 2,
} = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const repo = ensureMemoryRepo(commits);
  const expected = repo.commits * KEYS_PER_COMMIT;
  log(
    `memory bench: ${repo.commits} commits, ${expected} planted keys (repository built in ${repo.buildMs} ms, cached in .bench/memory-${repo.commits})`,
  );
  const outDir = join(REPO_ROOT, '.bench', 'memory-out');
  mkdirSync(outDir, { recursive: true });
  const results = { json: [], jsonl: [] };
  const load = [];
  for (let i = 0; i < runs; i++) {
    for (const format of i % 2 === 0 ? ['json', 'jsonl'] : ['jsonl', 'json']) {
      const run = await measure(format, repo, outDir);
      load.push(loadavg()[0]);
      run.found = findingsIn(format, run.output);
      if (run.code !== 1) throw new Error(`${format}: exit ${run.code}: ${run.stderr.split('\n')[0]}`);
      results[format].push(run);
    }
  }
  // Both formats must report the same findings; nearly every planted key is one (a random key
  // body can spell a placeholder word such as "dummy", which core rightly or wrongly skips).
  const found = results.json[0].found;
  const counts = [...results.json, ...results.jsonl].map((run) => run.found);
  if (counts.some((count) => count !== found) || found < expected * 0.999)
    throw new Error(`findings differ or are missing: ${counts.join(', ')} of ${expected} planted keys`);
  rmSync(outDir, { recursive: true, force: true });
  const figures = Object.fromEntries(
    Object.entries(results).map(([format, list]) => [
      format,
      {
        rssMiB: Math.round(median(list.map((run) => run.rssMiB))),
        ms: Math.round(median(list.map((run) => run.ms))),
        cpuMs: Math.round(median(list.map((run) => run.cpuMs))),
        all: list.map((run) => Math.round(run.rssMiB)),
      },
    ]),
  );
  for (const format of ['json', 'jsonl'])
    log(
      `memory bench: --format ${format.padEnd(5)} peak RSS median ${figures[format].rssMiB} MiB of ${runs} (${figures[format].all.join(', ')}); wall ${figures[format].ms} ms, CPU ${figures[format].cpuMs} ms; ${found} findings of ${expected} planted keys`,
    );
  const loadText = `load ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`;
  const ratio = figures.json.rssMiB / figures.jsonl.rssMiB;
  log(`memory bench: jsonl peaks at ${(1 / ratio).toFixed(2)}x json's memory (${loadText})`);
  return {
    commits: repo.commits,
    findings: found,
    planted: expected,
    ...figures,
    ok: true,
    summary: `peak RSS on ${repo.commits} commits, ${found} findings: json ${figures.json.rssMiB} MiB, jsonl ${figures.jsonl.rssMiB} MiB (${ratio.toFixed(1)}x less); CPU ${figures.json.cpuMs} vs ${figures.jsonl.cpuMs} ms; ${loadText}`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : Number(args[at + 1]);
  };
  benchMemory({
    ...(value('--commits') ? { commits: value('--commits') } : {}),
    ...(value('--runs') ? { runs: value('--runs') } : {}),
  }).catch((error) => {
    console.error(`memory bench failed: ${error.message}`);
    process.exitCode = 1;
  });
}
