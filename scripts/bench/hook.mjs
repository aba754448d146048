// What the pre-commit hook costs a commit: `keyguard-pre-commit` on a commit of 10 staged
// files of ~10 KB each, next to `node -e 0` (Node's own start-up, the floor for any Node hook)
// and `git diff --cached` (the floor for reading what is staged), measured in the same run.
// The aim is within 100 ms of `node -e 0`.
//
// Interleaved rounds, the order alternating, each command through sh for its CPU time (user +
// system, from `times`): medians of wall and CPU time and of each round's difference from
// `node -e 0` (paired runs); `--hyperfine` uses hyperfine -N instead when it is installed. The
// hook is the entry point npm links (bin/keyguard-pre-commit.js, which turns on V8's code
// cache), also timed with the cache off. The temporary repository is made fresh each run
// and removed after. A sanity run checks that the hook passes the clean commit and blocks a
// planted key (assembled at run time: this file holds no key-shaped literal).
//
// Then a whole `git commit` of those 10 files, as `keyguard-pre-commit init` sets a Node project
// up (husky running keyguard-pre-commit; and husky + lint-staged, what init writes when the
// project already uses lint-staged), against the same commit with no hook at all. Each round
// makes one commit of each kind, in an order that alternates, and the figures are the medians
// of the rounds and of each round's difference (paired runs). The projects link this
// repository's husky, lint-staged and built packages, as `npm install` would leave them.
//
// Usage: node scripts/bench/hook.mjs [--runs 20] [--hyperfine]
// As a part of `npm run bench`: import { benchHook } and call it with { log, tools }.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fakeKey } from './fake-keys.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The entry point npm links (it turns on the compile cache, then loads dist/bin.js), as installed.
const HOOK_BIN = join(REPO_ROOT, 'packages', 'pre-commit', 'bin', 'keyguard-pre-commit.js');
const HOOK_DIST = join(REPO_ROOT, 'packages', 'pre-commit', 'dist', 'bin.js');
const AIM_MS = 100;
const FILES = 10;
const FILE_BYTES = 10 * 1024;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
function git(cwd, ...args) {
  const result = spawnSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * ~10 KB of ordinary Python or TypeScript that holds no key (the common, clean commit): one
 * OpenAI client that reads the key from the environment at the top, then plain functions with
 * a few words holding `sk-` (task-, desk-) for the prefilter to pass over.
 */
function sourceFile(index) {
  const ts = index % 2 === 0;
  const lines = ts
    ? ["import OpenAI from 'openai';", '', 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });', '']
    : ['import os', 'from openai import OpenAI', '', 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])', ''];
  for (let n = 0; lines.join('\n').length < FILE_BYTES; n++) {
    lines.push(
      ts
        ? `export function task${index}_${n}(input: string, limit = ${n + 10}): string {\n  const words = input.split(' ').slice(0, limit);\n  return words.map((word) => word.trim().toLowerCase()).join('-') + '-task-${n}';\n}\n`
        : `def handler_${index}_${n}(event, context):\n    items = event.get("items", [])[:${n + 10}]\n    return {"status": ${200 + (n % 3)}, "desk-top": len(items), "name": "handler-${n}"}\n`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function makeRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-bench-hook-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'README.md'), '# bench\n');
  git(dir, 'add', 'README.md');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'initial');
  mkdirSync(join(dir, 'src'));
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, 'src', `file${i}.${i % 2 === 0 ? 'ts' : 'py'}`), sourceFile(i));
  git(dir, 'add', 'src');
  return dir;
}

function runOnce(command, args, cwd) {
  return spawnSync(command, args, { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Checks that the hook passes the clean commit and blocks a planted key, so the figures time real work. */
function sanityCheck(dir) {
  const clean = runOnce(process.execPath, [HOOK_BIN], dir);
  if (clean.status !== 0)
    throw new Error(`keyguard-pre-commit should pass the clean commit but exited ${clean.status}: ${clean.stderr.trim().split('\n')[0]}`);
  const key = fakeKey('legacy');
  writeFileSync(join(dir, 'src', 'leak.py'), `token = "${key}"\n`);
  git(dir, 'add', 'src/leak.py');
  const blocked = runOnce(process.execPath, [HOOK_BIN], dir);
  git(dir, 'rm', '-q', '--cached', 'src/leak.py');
  rmSync(join(dir, 'src', 'leak.py'));
  if (blocked.status !== 1) throw new Error(`keyguard-pre-commit should block a planted key but exited ${blocked.status}`);
  if (blocked.stderr.includes(key)) throw new Error('keyguard-pre-commit printed a whole key');
}

function withHyperfine(commands, dir, runs) {
  const output = join(dir, '.git', 'hyperfine.json');
  const args = [
    '-N',
    '--warmup',
    '3',
    '--runs',
    String(runs),
    '--export-json',
    output,
    '--style',
    'none',
    ...commands.map((command) => command.line),
  ];
  const result = spawnSync('hyperfine', args, { cwd: dir, env: gitEnv, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`hyperfine failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`);
  const { results } = JSON.parse(readFileSync(output, 'utf8'));
  // user + system: CPU time, which a busy machine inflates far less than wall time.
  return results.map((entry) => ({
    median: entry.median * 1000,
    min: entry.min * 1000,
    max: entry.max * 1000,
    cpu: (entry.user + entry.system) * 1000,
  }));
}

/** Runs a command through sh, whose `times` gives the CPU time of it and everything it ran. */
function timedRun(argv, cwd) {
  const started = process.hrtime.bigint();
  const result = runOnce('sh', ['-c', '"$@"; status=$?; times >&2; exit $status', 'sh', ...argv], cwd);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { status: result.status, stderr: result.stderr, ms, cpu: childCpu(result.stderr) };
}

/** The children's user + system time from the last line `times` printed (`0m0.120s 0m0.030s`). */
function childCpu(stderr) {
  const parts =
    stderr
      .trim()
      .split('\n')
      .pop()
      .match(/(\d+)m([\d.]+)s/g) ?? [];
  return parts.reduce((sum, part) => {
    const [, minutes, seconds] = /(\d+)m([\d.]+)s/.exec(part);
    return sum + (Number(minutes) * 60 + Number(seconds)) * 1000;
  }, 0);
}

/**
 * Interleaved rounds, the order alternating, so a load that comes and goes on a shared machine
 * falls on every command alike: per command the medians of wall and CPU time, and the medians
 * of each round's difference from the first command (paired runs).
 */
function withLoop(commands, dir, runs) {
  const times = commands.map(() => []);
  const cpus = commands.map(() => []);
  for (let round = -3; round < runs; round++) {
    const order = commands.map((_, i) => i);
    if (round % 2 !== 0) order.reverse();
    for (const i of order) {
      const took = timedRun(commands[i].argv, dir);
      if (took.status !== 0) throw new Error(`${commands[i].name} exited ${took.status}`);
      if (round >= 0) {
        // the first rounds warm the caches
        times[i].push(took.ms);
        cpus[i].push(took.cpu);
      }
    }
  }
  const paired = (list, i) => median(list[i].map((value, round) => value - list[0][round]));
  return times.map((list, i) => ({
    median: median(list),
    min: Math.min(...list),
    max: Math.max(...list),
    cpu: median(cpus[i]),
    pairedMs: paired(times, i),
    pairedCpu: paired(cpus, i),
  }));
}

/** A project set up by `init` with husky linked in, as npm install leaves it (`devDependencies` picks the hook). */
function initProject(devDependencies) {
  const dir = makeRepo();
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'bench', private: true, devDependencies }, null, 2)}\n`);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@keyguard'), { recursive: true });
  mkdirSync(join(modules, '.bin'));
  for (const name of ['husky', 'lint-staged']) symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
  for (const name of ['core', 'cli', 'pre-commit']) symlinkSync(join(REPO_ROOT, 'packages', name), join(modules, '@keyguard', name));
  const bins = {
    husky: '../husky/bin.js',
    'lint-staged': '../lint-staged/bin/lint-staged.js',
    'keyguard-pre-commit': '../@keyguard/pre-commit/bin/keyguard-pre-commit.js',
  };
  for (const [name, target] of Object.entries(bins)) symlinkSync(target, join(modules, '.bin', name));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  const init = runOnce(process.execPath, [HOOK_BIN, 'init'], dir);
  if (init.status !== 0) throw new Error(`init failed: ${(init.stderr || init.stdout).trim().split('\n').pop()}`);
  const husky = runOnce(process.execPath, [join(modules, 'husky', 'bin.js')], dir); // what npm install's "prepare": "husky" runs
  if (husky.status !== 0) throw new Error(`husky failed: ${husky.stderr.trim()}`);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'set up');
  return { dir, hook: readFileSync(join(dir, '.husky', 'pre-commit'), 'utf8').split('\n')[0] };
}

/** Stages a change to each of the 10 files and times `git commit` of them (hooks as set up, or none). */
function timedCommit(dir, round, noHook) {
  for (let i = 0; i < FILES; i++) {
    const file = join(dir, 'src', `file${i}.${i % 2 === 0 ? 'ts' : 'py'}`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${i % 2 === 0 ? '//' : '#'} round ${round}\n`);
  }
  git(dir, 'add', 'src');
  const args = [...(noHook ? ['-c', 'core.hooksPath=/dev/null'] : []), 'commit', '-q', '-m', `round ${round}`];
  // sh's `times` prints the CPU time of the commit and everything it ran (hook, node, git):
  // on a machine shared with other jobs that moves far less than wall time.
  const { status, stderr, ms, cpu } = timedRun(['git', ...args], dir);
  if (status !== 0) throw new Error(`git commit (${noHook ? 'no hook' : 'hook'}) exited ${status}: ${stderr.trim().split('\n')[0]}`);
  return { ms, cpu };
}

/** `git commit` through the hooks init writes, against no hook: medians of paired, alternating rounds. */
export function benchCommit({ log = console.log, runs = 15 } = {}) {
  const direct = initProject({});
  const viaLintStaged = initProject({ 'lint-staged': '^16.2.0' });
  try {
    const kinds = [
      { name: 'git commit, no hook', dir: direct.dir, noHook: true },
      { name: `git commit, init's hook: husky -> ${direct.hook.split(' #')[0]}`, dir: direct.dir, noHook: false },
      {
        name: `git commit, init's hook with lint-staged: husky -> ${viaLintStaged.hook} -> keyguard-pre-commit`,
        dir: viaLintStaged.dir,
        noHook: false,
      },
    ];
    const times = kinds.map(() => []);
    const cpus = kinds.map(() => []);
    for (let round = -2; round < runs; round++) {
      const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
      const took = [];
      for (const k of order) took[k] = timedCommit(kinds[k].dir, round + 2, kinds[k].noHook);
      if (round < 0) continue; // the first two rounds warm the caches
      took.forEach(({ ms, cpu }, k) => {
        times[k].push(ms);
        cpus[k].push(cpu);
      });
    }
    log(
      `commit bench: ${FILES} files of ~${FILE_BYTES / 1024} KB changed and committed per run; ${runs} rounds of paired runs (order alternating) after 2 warm-ups; load ${loadAverage()}`,
    );
    const width = Math.max(...kinds.map((kind) => kind.name.length));
    const medians = times.map(median);
    const cpuMedians = cpus.map(median);
    const paired = (list, k) => median(list[k].map((value, round) => value - list[0][round]));
    kinds.forEach((kind, k) => {
      const extra =
        k === 0
          ? ''
          : `  +${paired(times, k).toFixed(1)} ms (cpu +${paired(cpus, k).toFixed(0)} ms) over no hook, medians of paired differences`;
      log(
        `commit bench: ${kind.name.padEnd(width)}  median ${medians[k].toFixed(1).padStart(7)} ms  (min ${Math.min(...times[k]).toFixed(1)}, max ${Math.max(...times[k]).toFixed(1)}, cpu ${cpuMedians[k].toFixed(0)} ms)${extra}`,
      );
    });
    return {
      noHookMs: medians[0],
      initHookMs: medians[1],
      lintStagedMs: medians[2],
      noHookCpuMs: cpuMedians[0],
      initHookCpuMs: cpuMedians[1],
      lintStagedCpuMs: cpuMedians[2],
    };
  } finally {
    rmSync(direct.dir, { recursive: true, force: true });
    rmSync(viaLintStaged.dir, { recursive: true, force: true });
  }
}

export async function benchHook({ log = console.log, tools, runs = 20, hyperfine = false } = {}) {
  if (!existsSync(HOOK_DIST)) throw new Error(`${HOOK_DIST} is missing: run npm run build first`);
  // Paired, interleaved rounds by default (a shared machine's load falls on every command
  // alike); hyperfine's back-to-back runs only when asked (--hyperfine) and installed.
  const useHyperfine = hyperfine && (tools?.hyperfine ?? spawnSync('sh', ['-c', 'command -v hyperfine'], { stdio: 'ignore' }).status === 0);
  const dir = makeRepo();
  try {
    sanityCheck(dir);
    const node = process.execPath;
    const commands = [
      { name: 'node -e 0', argv: [node, '-e', '0'] },
      { name: 'git diff --cached', argv: ['git', 'diff', '--cached'] },
      { name: 'keyguard-pre-commit', argv: [node, HOOK_BIN] },
      // The same without V8's code cache (a first run, or NODE_DISABLE_COMPILE_CACHE=1): what the cache saves.
      { name: 'keyguard-pre-commit, no code cache', argv: ['env', 'NODE_DISABLE_COMPILE_CACHE=1', node, HOOK_BIN] },
    ].map((command) => ({ ...command, line: command.argv.map((part) => (/\s/.test(part) ? `'${part}'` : part)).join(' ') }));
    const how = useHyperfine
      ? `hyperfine -N, ${runs} runs after 3 warm-ups`
      : `${runs} rounds of paired runs (order alternating) after 3 warm-ups, CPU from sh's times`;
    log(`hook bench: ${FILES} staged files of ~${FILE_BYTES / 1024} KB in a temporary repository; ${how}; load ${loadAverage()}`);
    const stats = useHyperfine ? withHyperfine(commands, dir, runs) : withLoop(commands, dir, runs);
    // Over node -e 0: the median of the rounds' differences when paired, else of the medians.
    const over = (i) => stats[i].pairedMs ?? stats[i].median - stats[0].median;
    const cpuOver = (i) => stats[i].pairedCpu ?? stats[i].cpu - stats[0].cpu;
    const nodeMs = stats[0].median;
    const width = Math.max(...commands.map((command) => command.name.length));
    for (let i = 0; i < commands.length; i++) {
      const { median: ms, min, max, cpu } = stats[i];
      const difference = over(i);
      const versus =
        i === 0
          ? ''
          : `  ${difference >= 0 ? '+' : '-'}${Math.abs(difference).toFixed(1)} ms (cpu ${cpuOver(i) >= 0 ? '+' : '-'}${Math.abs(cpuOver(i)).toFixed(0)} ms) vs node -e 0`;
      log(
        `hook bench: ${commands[i].name.padEnd(width)}  median ${ms.toFixed(1).padStart(6)} ms  (min ${min.toFixed(1)}, max ${max.toFixed(1)}, cpu ${cpu.toFixed(1)} ms)${versus}`,
      );
    }
    const overhead = over(2);
    const within = overhead <= AIM_MS;
    log(
      `hook bench: keyguard-pre-commit costs ${overhead.toFixed(0)} ms over Node's start-up (cpu: +${cpuOver(2).toFixed(0)} ms; without the code cache +${over(3).toFixed(0)} ms, cpu +${cpuOver(3).toFixed(0)} ms): ${within ? 'within' : 'OVER'} the ${AIM_MS} ms aim`,
    );
    const commits = benchCommit({ log });
    return {
      ok: true,
      summary:
        `keyguard-pre-commit ${stats[2].median.toFixed(0)} ms, node -e 0 ${nodeMs.toFixed(0)} ms, git diff --cached ${stats[1].median.toFixed(0)} ms: +${overhead.toFixed(0)} ms (${within ? 'within' : 'over'} the ${AIM_MS} ms aim); ` +
        `git commit ${commits.noHookMs.toFixed(0)} ms without a hook, ${commits.initHookMs.toFixed(0)} ms with init's hook, ${commits.lintStagedMs.toFixed(0)} ms through lint-staged ` +
        `(cpu ${commits.noHookCpuMs.toFixed(0)} / ${commits.initHookCpuMs.toFixed(0)} / ${commits.lintStagedCpuMs.toFixed(0)} ms)`,
      ...commits,
      hookMs: stats[2].median,
      nodeMs,
      gitDiffMs: stats[1].median,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  benchHook({ runs: at === -1 ? 20 : Number(args[at + 1]), hyperfine: args.includes('--hyperfine') }).catch((error) => {
    console.error(`hook bench failed: ${error.message}`);
    process.exitCode = 1;
  });
}
