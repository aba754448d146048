// Scan throughput of `keyguard scan` over a folder, beside ripgrep with an equivalent pattern
// and a Node.js walk that only reads the same files, measured in the same run, interleaved
// (round after round, each command once per round), on a warm page cache: median wall time and
// median CPU time (user + sys of the process and its threads, from the shell's `times`). Then
// the parts of a scan, timed inside one process, and Node's start-up.
//
// The folders: the generated corpus (corpus.mjs) in two profiles, `hard` (12% of the files
// hold sk-, 11% an OpenAI spelling) and `typical` (about 1% and 0.1%, as most repositories), and
// real packages: this repository's own node_modules (`--tree DIR` or KEYGUARD_BENCH_TREE names
// another folder; `--tree none` skips it). Every command scans the same files: keyguard with
// --no-ignore (it never enters a node_modules or .git below the folder), ripgrep with
// --no-ignore --hidden and globs that skip those two folders, the walk likewise.
//
// ripgrep's pattern searches what keyguard's rules search for: the `sk-` key run
// (`sk-[A-Za-z0-9_-]{20,}`), any spelling of OpenAI (`(?i)open_?ai`, the assignment rule's anchor)
// and the other rules' keywords (read from core's rules). ripgrep only counts matching lines;
// keyguard also validates each match, resolves its context, redacts and fingerprints it, so the
// comparison flatters ripgrep. By default ripgrep stops reading a file at its first NUL byte
// (binary); keyguard reads a binary file whole for the keys that need no context, so `rg -j1
// --binary` (which reads it whole) is shown too.
//
// The read-only walk reads into a buffer that starts 64 bytes into its block, as keyguard does
// since issue 16 (files.ts, readBuffer: at a large block's start the kernel's copy ran three
// times slower), so that it stays the floor of what keyguard's reading can cost.
//
// Usage: node scripts/bench/scan.mjs [--runs 5] [--profile hard|typical|real] [--tree DIR|none]
//        (or: npm run bench -- scan)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus, PROFILES, REPO_ROOT } from './corpus.mjs';

const HERE = fileURLToPath(import.meta.url);
/** What an installed @keyguard/cli runs: its bin requires dist/bin.js (packages/cli/package.json). */
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'keyguard.js');
/** The committed single-file build (scripts/bundle.mjs) that the Action and pre-commit framework run. */
const BUNDLE = join(REPO_ROOT, 'bundle', 'keyguard.js');
const requireHere = createRequire(import.meta.url);
const distOf = (path) => join(REPO_ROOT, 'packages', path);

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
const quote = (arg) => `'${String(arg).replace(/'/g, `'\\''`)}'`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Builds the packages when dist is missing or stale; keeps an existing build if tsc fails. */
function ensureBuild(log) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (built.status === 0) return;
  if (existsSync(BIN)) {
    log(
      `scan: warning: npm run build failed; measuring the existing build in packages/cli/dist\n${(built.stdout + built.stderr).trim().split('\n').slice(0, 5).join('\n')}`,
    );
    return;
  }
  throw new Error(`npm run build failed and there is no build to measure:\n${built.stdout}${built.stderr}`);
}

/** ripgrep's patterns: the key run, any OpenAI spelling, and every other keyword of core's rules. */
function rgPatterns() {
  const { rules } = requireHere(distOf('core/dist/index.js'));
  const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
  const covered = (keyword) => keyword === 'sk-' || /^open_?ai$/i.test(keyword);
  return [
    'sk-[A-Za-z0-9_-]{20,}',
    '(?i)open_?ai',
    ...keywords.filter((keyword) => !covered(keyword)).map((k) => k.replace(/[^\w-]/g, '\\$&')),
  ];
}

/** The commands to compare, each run in the folder on `.`: name, shell command, the exit statuses that are success. */
function commandsFor(tools, { planted }) {
  const rgArgs = `--no-ignore --hidden -g '!node_modules/' -g '!.git/' -c ${rgPatterns()
    .map((pattern) => `-e ${quote(pattern)}`)
    .join(' ')} . > /dev/null`;
  const scan = (entry) => `node ${quote(entry)} scan . --no-ignore --format json --output /dev/null`;
  // Keys are planted in the corpus, so keyguard exits 1 there; elsewhere 0 or 1. 2 is an error.
  const found = planted ? [1] : [0, 1];
  const commands = [{ name: 'read-only walk (node)', command: `node ${quote(HERE)} --read-only .`, ok: [0] }];
  if (tools.rg) {
    commands.push({ name: 'rg -j1', command: `rg -j1 ${rgArgs}`, ok: [0, 1] });
    commands.push({ name: 'rg -j1 --binary', command: `rg -j1 --binary ${rgArgs}`, ok: [0, 1] });
    commands.push({ name: 'rg (all cores)', command: `rg ${rgArgs}`, ok: [0, 1] });
  }
  commands.push({ name: 'keyguard 1 thread', command: `KEYGUARD_THREADS=1 ${scan(BUNDLE)}`, ok: found });
  commands.push({ name: 'keyguard (all cores)', command: scan(BUNDLE), ok: found });
  commands.push({ name: 'keyguard 1 thread, bin', command: `KEYGUARD_THREADS=1 ${scan(BIN)}`, ok: found });
  return commands;
}

/**
 * Runs a shell command once: wall seconds, and the CPU seconds (user + sys) of what it ran, from
 * bash's `times` (its second line is the children's), so other load on the machine hardly
 * moves the CPU figure.
 */
function runOnce(command, cwd) {
  const script = `${command.command}\nstatus=$?\ntimes >&2\nexit $status`;
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', script], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (!command.ok.includes(result.status)) {
    throw new Error(
      `${command.name} exited with ${result.status} (expected ${command.ok.join(' or ')}): ${result.stderr.trim().split('\n')[0] ?? ''}`,
    );
  }
  const lines = result.stderr.trim().split('\n');
  const seconds = (text) => {
    const match = /(\d+)m([\d.]+)s/.exec(text);
    return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  };
  const [user, sys] = (lines[lines.length - 1] ?? '').split(/\s+/).map(seconds);
  return { wall, cpu: user + sys, stderr: lines.slice(0, -2).join('\n') };
}

/** Each command once per round, the order rotating, after one warm-up round: medians. */
function interleaved(commands, cwd, rounds) {
  for (const command of commands) runOnce(command, cwd); // warm-up: page cache, and a check
  const samples = commands.map(() => ({ wall: [], cpu: [] }));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + round) % commands.length;
      const { wall, cpu } = runOnce(commands[i], cwd);
      samples[i].wall.push(wall);
      samples[i].cpu.push(cpu);
    }
  }
  return samples.map(({ wall, cpu }) => ({ median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(cpu) }));
}

/**
 * The read-only walk (`--read-only DIR`): every regular file below DIR, less node_modules and
 * .git folders below it and symbolic links, read whole into one reused buffer. The floor of
 * what a Node.js scan of the folder can cost; prints the files and bytes with --count.
 */
function readOnlyWalk(top, count) {
  // 64 bytes into the block, as the CLI's reads (packages/cli/src/sources/files.ts, readBuffer):
  // at the start of a large block the kernel's copy into it ran three times slower.
  const readBuffer = (size) => Buffer.allocUnsafe(size + 64).subarray(64);
  let buffer = readBuffer(1 << 20);
  let files = 0;
  let bytes = 0;
  const folders = [top];
  for (let next = 0; next < folders.length; next++) {
    for (const entry of readdirSync(folders[next], { withFileTypes: true })) {
      const path = join(folders[next], entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') folders.push(path);
      } else if (entry.isFile()) {
        const fd = openSync(path, 'r');
        try {
          const size = fstatSync(fd).size;
          if (buffer.length < size) buffer = readBuffer(size);
          for (let at = 0; at < size;) {
            const read = readSync(fd, buffer, at, size - at, null);
            if (read === 0) break;
            at += read;
          }
          bytes += size;
          files++;
        } finally {
          closeSync(fd);
        }
      }
    }
  }
  if (count) console.log(JSON.stringify({ files, bytes }));
}

/**
 * The parts of a scan (`--parts DIR`), each timed in this process over the same files (warm
 * page cache), as differences of passes that do more and more of the work: loading the CLI's
 * modules; listing (listFileSet); reading each file (readListedFile, one reused buffer);
 * reading + telling the kind + the byte prefilter; reading + the whole scan of each file
 * (scanItem); the JSON report. Prints JSON: milliseconds of wall and CPU time per part.
 */
async function scanParts(top) {
  const clock = () => ({ wall: Number(process.hrtime.bigint()) / 1e6, cpu: process.cpuUsage() });
  const since = (from) => {
    const { user, system } = process.cpuUsage(from.cpu);
    return { wall: Number(process.hrtime.bigint()) / 1e6 - from.wall, cpu: (user + system) / 1000 };
  };
  let at = clock();
  const cli = requireHere(distOf('cli/dist/index.js'));
  const files = requireHere(distOf('cli/dist/sources/files.js'));
  const core = requireHere(distOf('core/dist/index.js'));
  const { prefilterFor } = requireHere(distOf('core/dist/engine/prefilter.js'));
  const parts = { 'load modules': since(at) };
  const options = { cwd: top, paths: ['.'], useIgnoreFiles: false, ignorePatterns: [], maxFileSize: 100 * 1024 * 1024 };
  at = clock();
  const listing = files.listFileSet(options);
  parts.list = since(at);
  const scanner = { rules: core.rules, allow: [], maxFileSize: options.maxFileSize };
  const prefilter = prefilterFor(core.rules);
  const pass = (work) => {
    const reader = new files.ReusingReader();
    const started = clock();
    for (const file of listing.files) {
      const event = files.readListedFile(file, false, options, reader);
      if (event && !event.skipped) work(event);
    }
    return since(started);
  };
  const read = pass((event) => {
    if (event.chunks) for (const chunk of event.chunks) void chunk;
  });
  const prefiltered = pass((event) => {
    if (event.chunks) {
      for (const chunk of event.chunks) prefilter.candidates(chunk);
    } else if (core.sniffBytes(event.bytes) !== 'binary') {
      prefilter.candidates(event.bytes);
    }
  });
  const outcomes = [];
  const scanned = pass((event) => outcomes.push(cli.scanItem(event, scanner)));
  const minus = (a, b) => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu });
  parts.read = read;
  parts['kind + prefilter'] = minus(prefiltered, read);
  parts['rest of the scan'] = minus(scanned, prefiltered);
  at = clock();
  const findings = outcomes.flatMap((outcome) => outcome.scanned?.findings ?? []);
  const skipped = outcomes.flatMap((outcome) => (outcome.skipped ? [outcome.skipped] : []));
  cli.formatJson({
    findings,
    stats: { files: outcomes.length, bytes: 0, durationMs: 0 },
    skipped,
    invalidUtf8: [],
    notes: [],
    failedSkips: [],
    failOn: 'warning',
  });
  parts.report = since(at);
  console.log(JSON.stringify(parts));
}

/** Runs keyguard once and checks that every planted key was reported where it was planted. */
function checkRecall(corpus) {
  const folder = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
  try {
    const output = join(folder, 'findings.json');
    const result = spawnSync('node', [BIN, 'scan', '.', '--no-ignore', '--format', 'json', '--output', output], {
      cwd: corpus.dir,
      encoding: 'utf8',
    });
    if (result.status !== 1) throw new Error(`keyguard exited with ${result.status}: ${result.stderr.trim().split('\n')[0]}`);
    const { findings, stats } = JSON.parse(readFileSync(output, 'utf8'));
    const at = new Set(
      findings.filter((finding) => finding.ruleId === 'openai-api-key').map((finding) => `${finding.file}:${finding.line}`),
    );
    const missed = corpus.planted.filter(({ file, line }) => !at.has(`${file}:${line}`));
    const planted = new Set(corpus.planted.map(({ file, line }) => `${file}:${line}`));
    const others = findings.filter((finding) => !planted.has(`${finding.file}:${finding.line}`));
    return { planted: corpus.planted.length, found: corpus.planted.length - missed.length, missed, others, files: stats.files };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The files and bytes keyguard scans in a folder (stats.files plus the binary files, which it counts as skipped). */
function keyguardFiles(dir) {
  const folder = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
  try {
    const output = join(folder, 'report.json');
    spawnSync('node', [BIN, 'scan', '.', '--no-ignore', '--format', 'json', '--output', output], { cwd: dir, encoding: 'utf8' });
    const { stats } = JSON.parse(readFileSync(output, 'utf8'));
    return { files: stats.files + (stats.skipped.binary ?? 0), bytes: stats.bytes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

/**
 * The scan part of `npm run bench`: prints its tables and returns the figures and a summary
 * line. `tools` says which of rg and hyperfine are installed (run.mjs installs them).
 */
export async function benchScan({
  log = console.log,
  tools,
  runs = 5,
  profiles = [...Object.keys(PROFILES), 'real'],
  tree = process.env.KEYGUARD_BENCH_TREE ?? join(REPO_ROOT, 'node_modules'),
} = {}) {
  const available = tools ?? { rg: has('rg'), hyperfine: has('hyperfine') };
  ensureBuild(log);
  const results = [];
  for (const profile of profiles) {
    if (profile === 'real' && (tree === 'none' || !existsSync(tree))) continue;
    if (results.length > 0) log('');
    const target = profile === 'real' ? { dir: resolve(tree), planted: undefined } : { ...ensureCorpus({ log, profile }), profile };
    results.push({ profile, ...(await benchFolder({ log, available, runs, profile, target })) });
  }
  log('');
  startUp(log, runs * 2 + 1);
  const hard = results.find((result) => result.profile === 'hard') ?? results[0];
  return {
    rows: hard.rows,
    ratio: hard.ratio,
    recall: hard.recall,
    profiles: results,
    summary: results.map((result) => `${result.profile}: ${result.summary}`).join(' | '),
    ok: results.every((result) => result.ok),
  };
}

/** Node's start-up, then keyguard's through the installed bin and through bundle/: `--version`, interleaved. */
function startUp(log, rounds) {
  const commands = [
    { name: 'node -e 0', command: 'node -e 0', ok: [0] },
    { name: 'bin --version', command: `node ${quote(BIN)} --version > /dev/null`, ok: [0] },
    { name: 'bundle --version', command: `node ${quote(BUNDLE)} --version > /dev/null`, ok: [0] },
  ];
  const timings = interleaved(commands, REPO_ROOT, rounds);
  log(
    `start-up (median of ${rounds}, interleaved): ${commands.map((command, i) => `${command.name} ${(timings[i].median * 1000).toFixed(0)} ms wall / ${(timings[i].cpu * 1000).toFixed(0)} ms CPU`).join('; ')}`,
  );
  log('  (bin = packages/cli/bin/keyguard.js, what an installed @keyguard/cli runs; Node 20 has no module.enableCompileCache)');
}

/** One folder: the interleaved table, the ratios, the parts, and (for a corpus) recall. */
async function benchFolder({ log, available, runs, profile, target }) {
  const { files, bytes } = target.planted ? { files: target.files, bytes: target.bytes } : keyguardFiles(target.dir);
  const mb = bytes / 1e6;
  const where = relative(REPO_ROOT, target.dir) || '.';
  if (target.planted) {
    const share = (count) => `${((100 * count) / target.files).toFixed(0)}%`;
    log(
      `scan: corpus ${where} (profile ${profile}): ${target.files} files, ${mb.toFixed(1)} MB, ${target.planted.length} planted keys; ` +
        `${share(target.withSk)} of the files hold sk-, ${share(target.withOpenAI)} an OpenAI spelling${target.reused ? ' (reused)' : ''}`,
    );
  } else {
    log(`scan: real packages ${where.startsWith('..') ? target.dir : where}: ${files} files, ${mb.toFixed(1)} MB that keyguard reads`);
  }
  if (!available.rg) log('scan: ripgrep (rg) is not installed: no ripgrep figures. Install it: apt-get install ripgrep');

  const commands = commandsFor(available, target);
  const timings = interleaved(commands, target.dir, runs);
  const rows = commands.map((command, i) => ({
    name: command.name,
    ...timings[i],
    mbps: mb / timings[i].median,
    mbPerCpu: mb / timings[i].cpu,
  }));
  log('');
  log(`scan throughput: ${mb.toFixed(1)} MB (10^6 bytes), warm page cache, median of ${runs} interleaved rounds; CPU = user + sys`);
  log(
    `${pad('command', 26)}${padLeft('median s', 10)}${padLeft('min s', 9)}${padLeft('max s', 9)}${padLeft('MB/s', 8)}${padLeft('CPU s', 8)}${padLeft('MB/cpu-s', 10)}`,
  );
  for (const row of rows) {
    log(
      `${pad(row.name, 26)}${padLeft(row.median.toFixed(3), 10)}${padLeft(row.min.toFixed(3), 9)}${padLeft(row.max.toFixed(3), 9)}${padLeft(row.mbps.toFixed(0), 8)}${padLeft(row.cpu.toFixed(3), 8)}${padLeft(row.mbPerCpu.toFixed(0), 10)}`,
    );
  }
  const byName = (name) => rows.find((row) => row.name === name);
  const rgOne = byName('rg -j1');
  const walk = byName('read-only walk (node)');
  const keyguard = byName('keyguard (all cores)');
  const keyguardOne = byName('keyguard 1 thread');
  let ratio;
  if (rgOne) {
    ratio = keyguardOne.mbps / rgOne.mbps;
    log(
      `keyguard / rg -j1 (speed, same files): ${ratio.toFixed(2)} (1 thread), ${(keyguard.mbps / rgOne.mbps).toFixed(2)} (all cores); ` +
        `by CPU time ${(rgOne.cpu / keyguardOne.cpu).toFixed(2)}; aim: at least 0.50`,
    );
    log(
      `read-only walk / rg -j1: ${(walk.mbps / rgOne.mbps).toFixed(2)} (the floor for Node.js); keyguard 1 thread / read-only walk: ${(keyguardOne.mbps / walk.mbps).toFixed(2)}; ` +
        `keyguard / rg -j1 --binary: ${(keyguardOne.mbps / byName('rg -j1 --binary').mbps).toFixed(2)}`,
    );
  }
  log(
    `ripgrep: ${rgPatterns()
      .map((pattern) => `-e '${pattern}'`)
      .join(' ')} (--no-ignore --hidden, node_modules/ and .git/ globbed out)`,
  );
  log(
    `keyguard rows run bundle/keyguard.js as it is on disk (npm run generate writes it from the sources); "bin" runs packages/cli/bin/keyguard.js (what npm installs)`,
  );

  // The parts, inside one process, medians of a few runs interleaved with nothing else.
  const partRuns = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const result = spawnSync(process.execPath, [HERE, '--parts', '.'], { cwd: target.dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`scan parts failed: ${result.stderr.trim().split('\n')[0]}`);
    partRuns.push(JSON.parse(result.stdout.trim().split('\n').pop()));
  }
  const partNames = Object.keys(partRuns[0]);
  const parts = Object.fromEntries(
    partNames.map((name) => [
      name,
      { wall: median(partRuns.map((run) => run[name].wall)), cpu: median(partRuns.map((run) => run[name].cpu)) },
    ]),
  );
  log(
    `parts of one scan, in one process, 1 thread (median of ${partRuns.length}; ms wall / ms CPU): ` +
      partNames.map((name) => `${name} ${parts[name].wall.toFixed(0)}/${parts[name].cpu.toFixed(0)}`).join(', '),
  );

  let recall;
  if (target.planted) {
    recall = checkRecall(target);
    log(
      `recall: ${recall.found}/${recall.planted} planted keys reported at their file and line; ${recall.others.length} other finding(s); ${recall.files} files scanned`,
    );
    for (const { file, line } of recall.missed.slice(0, 5)) log(`  missed: ${file}:${line}`);
    for (const finding of recall.others.slice(0, 5)) log(`  other: ${finding.file}:${finding.line} ${finding.ruleId} ${finding.secret}`);
  }

  const summary =
    `keyguard ${keyguard.mbps.toFixed(0)} MB/s (1 thread ${keyguardOne.mbps.toFixed(0)}), ` +
    (rgOne ? `rg -j1 ${rgOne.mbps.toFixed(0)} MB/s, ` : 'rg not installed, ') +
    `read-only walk ${walk.mbps.toFixed(0)} MB/s` +
    (ratio !== undefined ? `; keyguard / rg -j1 = ${ratio.toFixed(2)}` : '') +
    (recall ? `; recall ${recall.found}/${recall.planted}` : '');
  return { rows, ratio, recall, parts, summary, ok: !recall || recall.found === recall.planted };
}

const optionAfter = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (optionAfter('--read-only') !== undefined) {
    readOnlyWalk(resolve(optionAfter('--read-only')), process.argv.includes('--count'));
  } else if (optionAfter('--parts') !== undefined) {
    await scanParts(resolve(optionAfter('--parts')));
  } else {
    const runs = optionAfter('--runs');
    const profile = optionAfter('--profile');
    const tree = optionAfter('--tree');
    const result = await benchScan({
      ...(runs === undefined ? {} : { runs: Number(runs) }),
      ...(profile === undefined ? {} : { profiles: [profile] }),
      ...(tree === undefined ? {} : { tree }),
    });
    console.log(`\n${result.summary}`);
    if (!result.ok) process.exitCode = 1;
  }
}
