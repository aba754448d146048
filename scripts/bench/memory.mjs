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
// Then large inputs (issue 11), in constant memory: 1 GiB on `keyguard scan --stdin` and a
// 600 MiB staged file through the pre-commit hook (bin/keyguard-pre-commit.js), each beside the
// same input at an eighth of the size, measured the same way (peak RSS of the keyguard process):
// the verdict is "bounded" when the large input peaks within 64 MiB of the small one.
//
// Usage: node scripts/bench/memory.mjs [--commits 50000] [--runs 2] [--large-only]
// Quick: KEYGUARD_BENCH_MEMORY_COMMITS=5000 npm run bench -- memory
// As a part of `npm run bench` (run.mjs): benchMemory({ log }) returns { summary, ok, ... }.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedRepo, git } from './cached-repo.mjs';
import { fakeKey } from './fake-keys.mjs';

/** Bump when the generator changes, so a cached repository is rebuilt. */
const MEMORY_VERSION = 1;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
const HOOK_BIN = join(REPO_ROOT, 'packages', 'pre-commit', 'bin', 'keyguard-pre-commit.js');
const MiB = 1024 * 1024;
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

/** Builds (or reuses) the generated repository. */
function ensureMemoryRepo(commits, dir = join(REPO_ROOT, '.bench', `memory-${commits}`)) {
  return cachedRepo({
    dir,
    stamp: JSON.stringify({ MEMORY_VERSION, commits, KEYS_PER_COMMIT }),
    generate: () => ({ stream: generateHistory(commits) }),
  });
}

/**
 * Runs `node <args>` in `cwd` with a preload that writes the process's resource usage to a file
 * at exit, `input` (a function writing to the child's stdin, or undefined) on standard input.
 * Returns exit status, peak RSS (MiB), CPU (ms), wall time and standard error.
 */
function measureCommand(args, cwd, outDir, input) {
  const usageFile = join(outDir, 'usage-command.json');
  const preload = join(outDir, 'report-usage.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.KEYGUARD_BENCH_USAGE, JSON.stringify(process.resourceUsage())));\n",
  );
  return new Promise((done, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', preload, ...args], {
      cwd,
      env: { ...process.env, KEYGUARD_BENCH_USAGE: usageFile },
      stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    if (input) input(child.stdin).catch(reject);
    child.on('close', (code) => {
      const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      done({
        code,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        rssMiB: usage.maxRSS / 1024,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        stderr,
      });
    });
  });
}

/** `keyguard scan --git --all --format <format>` on the generated repository, the report written to a file. */
async function measure(format, repo, outDir) {
  const output = join(outDir, `report.${format}`);
  const run = await measureCommand([BIN, 'scan', '--git', '--all', '--format', format, '--output', output], repo.dir, outDir);
  return { format, output, ...run };
}

/** One MiB of text lines, no key in it; the input ends with `tail` (a line with a key). */
const FILLER_MIB = 'a line of filler text for the memory bench, nothing secret in it at all\n'.repeat(Math.ceil(MiB / 72)).slice(0, MiB);

/** Writes `mib` MiB of filler then `tail` to a writable stream, with back-pressure. */
async function writeFiller(stream, mib, tail) {
  for (let i = 0; i < mib; i++) if (!stream.write(FILLER_MIB)) await new Promise((resolve) => stream.once('drain', resolve));
  stream.end(tail);
}

/**
 * Peak RSS on large inputs: `--stdin` with `stdinMiB` and the hook with a `stagedMiB` staged
 * file, each against an eighth of its size. Each input ends with one key: exit 1 is expected.
 */
export async function benchLargeInputs({ log = console.log, stdinMiB = 1024, stagedMiB = 600 } = {}) {
  if (!existsSync(BIN) || !existsSync(HOOK_BIN)) throw new Error('the CLI or the hook is not built: run npm run build first');
  const outDir = join(REPO_ROOT, '.bench', 'memory-large');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tail = `OPENAI_API_KEY=${fakeKey('proj', 4242)}\n`;
  const rows = [];
  /** One input measured: its key makes exit 1, anything else fails the bench. */
  const measureInput = async (row, args, cwd, input) => {
    const run = await measureCommand(args, cwd, outDir, input);
    if (run.code !== 1) throw new Error(`${row.what}: exit ${run.code}: ${run.stderr.split('\n')[0]}`);
    rows.push({ ...row, ...run });
  };
  try {
    for (const mib of [stdinMiB / 8, stdinMiB]) {
      await measureInput(
        { what: `scan --stdin, ${mib} MiB`, source: 'stdin', mib },
        [BIN, 'scan', '--stdin', '--stdin-filename', 'dump.env', '--format', 'json'],
        outDir,
        (stdin) => writeFiller(stdin, mib, tail),
      );
    }
    for (const mib of [stagedMiB / 8, stagedMiB]) {
      const repo = join(outDir, `staged-${mib}`);
      mkdirSync(repo, { recursive: true });
      git(repo, ['init', '-q', '-b', 'main']);
      const file = createWriteStream(join(repo, 'dump.env'));
      await writeFiller(file, mib, tail);
      await new Promise((resolve) => file.on('close', resolve));
      git(repo, ['add', 'dump.env']);
      rmSync(join(repo, 'dump.env')); // the hook reads the index, not the working tree
      await measureInput({ what: `pre-commit hook, ${mib} MiB staged`, source: 'hook', mib }, [HOOK_BIN], repo);
      rmSync(repo, { recursive: true, force: true });
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  for (const row of rows)
    log(
      `memory bench: ${row.what.padEnd(32)} peak RSS ${row.rssMiB.toFixed(0).padStart(4)} MiB, wall ${(row.ms / 1000).toFixed(1)} s, CPU ${(row.cpuMs / 1000).toFixed(1)} s (${((row.mib * MiB) / 1e6 / (row.cpuMs / 1000)).toFixed(0)} MB per CPU second)`,
    );
  const verdicts = ['stdin', 'hook'].map((source) => {
    const [small, large] = rows.filter((row) => row.source === source);
    const bounded = large.rssMiB - small.rssMiB <= 64;
    return {
      source,
      bounded,
      text: `${source} ${large.mib} MiB peaks at ${large.rssMiB.toFixed(0)} MiB (${small.mib} MiB: ${small.rssMiB.toFixed(0)} MiB): ${bounded ? 'bounded' : 'GROWS WITH THE INPUT'}`,
    };
  });
  for (const verdict of verdicts) log(`memory bench: ${verdict.text}`);
  return { ok: verdicts.every((verdict) => verdict.bounded), summary: verdicts.map((verdict) => verdict.text).join('; ') };
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
  const large = await benchLargeInputs({ log });
  return {
    commits: repo.commits,
    findings: found,
    planted: expected,
    ...figures,
    ok: large.ok,
    summary: `peak RSS on ${repo.commits} commits, ${found} findings: json ${figures.json.rssMiB} MiB, jsonl ${figures.jsonl.rssMiB} MiB (${ratio.toFixed(1)}x less); CPU ${figures.json.cpuMs} vs ${figures.jsonl.cpuMs} ms; ${loadText}; ${large.summary}`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : Number(args[at + 1]);
  };
  (args.includes('--large-only')
    ? benchLargeInputs()
    : benchMemory({
        ...(value('--commits') ? { commits: value('--commits') } : {}),
        ...(value('--runs') ? { runs: value('--runs') } : {}),
      })
  ).then(
    (result) => {
      if (!result.ok) process.exitCode = 1;
    },
    (error) => {
      console.error(`memory bench failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
