// Scan throughput of `keyguard scan` over the generated corpus (corpus.mjs), beside `cat`
// (the raw I/O reference) and ripgrep with an equivalent pattern, measured in the same run on
// a warm page cache: hyperfine (median of RUNS runs) when installed, else our own timing.
//
// The ripgrep pattern searches what keyguard's rules search for: the `sk-` key run
// (`sk-[A-Za-z0-9_-]{20,}`) and any spelling of OpenAI (`(?i)open_?ai`), the anchor of the
// assignment rule. ripgrep only counts matching lines; keyguard also validates each match,
// resolves its context, redacts and fingerprints it, so the comparison flatters ripgrep.
//
// Two corpus profiles (corpus.mjs): `hard` (12% of the files hold sk-, 11% an OpenAI
// spelling) and `typical` (about 1% and 0.1%, as most repositories); both are reported.
//
// Usage: node scripts/bench/scan.mjs [--runs 7] [--profile hard|typical]   (or: npm run bench -- scan)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCorpus, PROFILES, REPO_ROOT } from './corpus.mjs';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
const RG_PATTERNS = ['sk-[A-Za-z0-9_-]{20,}', '(?i)open_?ai'];

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

/** The commands to compare: name, shell command, and the exit statuses that are success. */
function commandsFor(dir, tools) {
  const rel = relative(REPO_ROOT, dir) || '.';
  const rgArgs = `--no-ignore --hidden -c ${RG_PATTERNS.map((pattern) => `-e ${quote(pattern)}`).join(' ')} ${quote(rel)} > /dev/null`;
  const keyguard = `node ${quote(relative(REPO_ROOT, BIN))} scan ${quote(rel)} --no-ignore --format json --output /dev/null`;
  const commands = [{ name: 'cat (find | xargs cat)', command: `find ${quote(rel)} -type f -print0 | xargs -0 cat > /dev/null`, ok: [0] }];
  if (tools.rg) {
    commands.push({ name: 'rg -j1', command: `rg -j1 ${rgArgs}`, ok: [0, 1] });
    commands.push({ name: 'rg (all cores)', command: `rg ${rgArgs}`, ok: [0, 1] });
  }
  // Keys are planted, so keyguard exits 1; 0 would mean it missed them all, 2 an error.
  commands.push({ name: 'keyguard (1 thread)', command: `KEYGUARD_THREADS=1 ${keyguard}`, ok: [1] });
  commands.push({ name: 'keyguard (all cores)', command: keyguard, ok: [1] });
  return commands;
}

function checkOnce(command) {
  const result = spawnSync('sh', ['-c', command.command], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!command.ok.includes(result.status)) {
    throw new Error(
      `${command.name} exited with ${result.status} (expected ${command.ok.join(' or ')}): ${result.stderr.trim().split('\n')[0] ?? ''}`,
    );
  }
}

function timeWithHyperfine(commands, runs) {
  const folder = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
  const file = join(folder, 'scan.json');
  try {
    const args = ['--warmup', '1', '--runs', String(runs), '--ignore-failure', '--style', 'none', '--export-json', file];
    for (const command of commands) args.push('--command-name', command.name, command.command);
    const result = spawnSync('hyperfine', args, { cwd: REPO_ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr.trim().split('\n')[0]}`);
    const { results } = JSON.parse(readFileSync(file, 'utf8'));
    // hyperfine's median, min and max are wall-clock; user and system are means.
    return results.map((entry) => ({ median: entry.median, min: entry.min, max: entry.max, user: entry.user, system: entry.system }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function timeOurselves(commands, runs) {
  return commands.map((command) => {
    spawnSync('sh', ['-c', command.command], { cwd: REPO_ROOT }); // warm-up
    const times = [];
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      spawnSync('sh', ['-c', command.command], { cwd: REPO_ROOT });
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
  });
}

/** Runs keyguard once and checks that every planted key was reported where it was planted. */
function checkRecall(corpus) {
  const folder = mkdtempSync(join(tmpdir(), 'keyguard-bench-'));
  try {
    const output = join(folder, 'findings.json');
    const rel = relative(REPO_ROOT, corpus.dir);
    const result = spawnSync('node', [BIN, 'scan', rel, '--no-ignore', '--format', 'json', '--output', output], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 1) throw new Error(`keyguard exited with ${result.status}: ${result.stderr.trim().split('\n')[0]}`);
    const { findings, stats } = JSON.parse(readFileSync(output, 'utf8'));
    const at = new Set(
      findings.filter((finding) => finding.ruleId === 'openai-api-key').map((finding) => `${finding.file}:${finding.line}`),
    );
    const missed = corpus.planted.filter(({ file, line }) => !at.has(`${rel}/${file}:${line}`));
    const planted = new Set(corpus.planted.map(({ file, line }) => `${rel}/${file}:${line}`));
    const others = findings.filter((finding) => !planted.has(`${finding.file}:${finding.line}`));
    return { planted: corpus.planted.length, found: corpus.planted.length - missed.length, missed, others, files: stats.files };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

/**
 * The scan part of `npm run bench`: prints its table and returns the figures and a summary
 * line. `tools` says which of rg and hyperfine are installed (run.mjs installs them).
 */
export async function benchScan({ log = console.log, tools, runs = 7, profiles = Object.keys(PROFILES) } = {}) {
  const available = tools ?? { rg: has('rg'), hyperfine: has('hyperfine') };
  ensureBuild(log);
  const results = [];
  for (const profile of profiles) {
    if (results.length > 0) log('');
    results.push({ profile, ...(await benchProfile({ log, available, runs, profile })) });
  }
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

/** One corpus profile: its table, figures and summary line. */
async function benchProfile({ log, available, runs, profile }) {
  const corpus = ensureCorpus({ log, profile });
  const mb = corpus.bytes / 1e6;
  const share = (count) => `${((100 * count) / corpus.files).toFixed(0)}%`;
  log(
    `scan: corpus ${relative(REPO_ROOT, corpus.dir)} (profile ${profile}): ${corpus.files} files, ${mb.toFixed(1)} MB, ${corpus.planted.length} planted keys; ` +
      `${share(corpus.withSk)} of the files hold sk-, ${share(corpus.withOpenAI)} an OpenAI spelling${corpus.reused ? ' (reused)' : ''}`,
  );
  if (!available.rg) log('scan: ripgrep (rg) is not installed: no ripgrep figures. Install it: apt-get install ripgrep');

  const commands = commandsFor(corpus.dir, available);
  for (const command of commands) checkOnce(command); // also warms the page cache
  const timings = available.hyperfine ? timeWithHyperfine(commands, runs) : timeOurselves(commands, runs);
  const rows = commands.map((command, i) => ({ name: command.name, ...timings[i], mbps: mb / timings[i].median }));

  log('');
  log(
    `scan throughput: ${mb.toFixed(1)} MB (10^6 bytes) in ${corpus.files} files, warm page cache, median of ${runs} runs (${available.hyperfine ? 'hyperfine' : 'own timing: hyperfine not installed'})`,
  );
  // CPU seconds (user + sys, mean over the runs) say what each tool costs even when other
  // work on the machine stretches the wall-clock times.
  log(
    `${pad('command', 24)}${padLeft('median s', 10)}${padLeft('min s', 9)}${padLeft('max s', 9)}${padLeft('MB/s', 9)}${available.hyperfine ? padLeft('user s', 9) + padLeft('sys s', 8) + padLeft('MB/cpu-s', 10) : ''}`,
  );
  for (const row of rows) {
    const cpu = available.hyperfine
      ? padLeft(row.user.toFixed(3), 9) + padLeft(row.system.toFixed(3), 8) + padLeft((mb / (row.user + row.system)).toFixed(0), 10)
      : '';
    log(
      `${pad(row.name, 24)}${padLeft(row.median.toFixed(3), 10)}${padLeft(row.min.toFixed(3), 9)}${padLeft(row.max.toFixed(3), 9)}${padLeft(row.mbps.toFixed(0), 9)}${cpu}`,
    );
  }
  const byName = (name) => rows.find((row) => row.name === name);
  const rgOne = byName('rg -j1');
  const keyguard = byName('keyguard (all cores)');
  const keyguardOne = byName('keyguard (1 thread)');
  let ratio;
  if (rgOne) {
    ratio = keyguard.mbps / rgOne.mbps;
    log(`keyguard / rg -j1: ${ratio.toFixed(2)} (all cores), ${(keyguardOne.mbps / rgOne.mbps).toFixed(2)} (1 thread); aim: at least 0.50`);
    if (available.hyperfine) {
      const cpu = (row) => row.user + row.system;
      log(`CPU time, keyguard (1 thread) / rg -j1: ${(cpu(keyguardOne) / cpu(rgOne)).toFixed(1)}x`);
    }
  }
  log(`ripgrep's pattern: ${RG_PATTERNS.map((pattern) => `-e '${pattern}'`).join(' ')} (--no-ignore --hidden -c)`);

  const recall = checkRecall(corpus);
  log(
    `recall: ${recall.found}/${recall.planted} planted keys reported at their file and line; ${recall.others.length} other finding(s); ${recall.files} files scanned`,
  );
  for (const { file, line } of recall.missed.slice(0, 5)) log(`  missed: ${file}:${line}`);
  for (const finding of recall.others.slice(0, 5)) log(`  other: ${finding.file}:${finding.line} ${finding.ruleId} ${finding.secret}`);

  const summary =
    `keyguard ${keyguard.mbps.toFixed(0)} MB/s (1 thread ${keyguardOne.mbps.toFixed(0)}), ` +
    (rgOne ? `rg -j1 ${rgOne.mbps.toFixed(0)} MB/s, rg ${byName('rg (all cores)').mbps.toFixed(0)} MB/s, ` : 'rg not installed, ') +
    `cat ${rows[0].mbps.toFixed(0)} MB/s` +
    (ratio !== undefined ? `; keyguard / rg -j1 = ${ratio.toFixed(2)}` : '') +
    `; recall ${recall.found}/${recall.planted}`;
  return { rows, ratio, recall, summary, ok: recall.found === recall.planted };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--runs');
  const profileAt = process.argv.indexOf('--profile');
  const result = await benchScan({
    runs: at === -1 ? 7 : Number(process.argv[at + 1]),
    ...(profileAt === -1 ? {} : { profiles: [process.argv[profileAt + 1]] }),
  });
  console.log(`\n${result.summary}`);
  if (!result.ok) process.exitCode = 1;
}
