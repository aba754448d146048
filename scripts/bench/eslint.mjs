// What keyguard's ESLint rules cost on real code: 1,500 JavaScript files taken from this
// repository's own node_modules (real packages, CommonJS and ES modules), linted by ESLint with
// one trivial core rule (`no-debugger`) and with that rule plus keyguard.configs.recommended.
//
// Why one trivial rule and not none: with no rule on, ESLint has no listener to call and skips
// the traversal of each file's syntax tree, so a baseline without rules would charge ESLint's own
// traversal to keyguard (an earlier version of this bench reported 1.16x that way). With
// `no-debugger` on, both sides parse and traverse every file; what differs is keyguard's rules.
//
// Figures, in the same run:
// - paired runs of the `eslint` command, interleaved (A B, B A, ...), CPU time of each process
//   (user + system, printed by a preloaded script as it exits) and wall time: medians, and the
//   ratio keyguard / baseline of the CPU medians (the aim: at most 1.02);
// - each file linted with both configs back to back in one process (Linter, each config
//   normalized once as the command does), the order alternating, so a busy moment on the machine
//   costs both sides alike (both share one process's JIT state, so this reads lower than the command);
// - with --instructions N, instructions counted by valgrind at N and 3N files: the per-file
//   ratio, which the load of a shared machine does not move (slow: about 100x a normal run);
// - ESLint's own per-rule times (TIMING=all) for every keyguard rule and for no-debugger;
// - with --profile, a V8 CPU profile of one run: the share of the samples inside keyguard's code.
// Three files with fake keys and a hard-coded value are added to the tree so the rules do real
// work; the first timed run must report exactly those (real files may hold findings of their
// own: they are listed, not counted as failures). Keys are assembled at run time.
//
// The tree is copied into .bench/eslint-real (git-ignored) and reused while TREE_VERSION, the
// file count and the chosen paths match.
//
// Usage: node scripts/bench/eslint.mjs [--files 1500] [--runs 3] [--passes 1] [--profile] [--instructions 150] [--force]
// As a part of `npm run bench`: import { benchEslint } and call it with { log }.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fakeKey, fakeValue } from './fake-keys.mjs';

/** Bump when the selection or the planted files change, so a cached tree is rebuilt. */
const TREE_VERSION = 3;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PLUGIN_ENTRY = join(REPO_ROOT, 'packages', 'eslint-plugin', 'dist', 'index.js');
const DEFAULT_DIR = join(REPO_ROOT, '.bench', 'eslint-real');
const SOURCE = join(REPO_ROOT, 'node_modules');
/** The aim of issue 16: keyguard's rules at most 2% over ESLint with one trivial rule (CPU time). */
const AIM_RATIO = 1.02;
const BASELINE_RULE = 'no-debugger';

const require = createRequire(join(REPO_ROOT, 'package.json'));

/** Every .js file below node_modules (not minified, 1-64 KB), sorted: the pool the tree is taken from. */
function candidateFiles() {
  const found = [];
  const folders = [SOURCE];
  for (let next = 0; next < folders.length; next++) {
    for (const entry of readdirSync(folders[next], { withFileTypes: true })) {
      const path = join(folders[next], entry.name);
      if (entry.isDirectory()) {
        // Our own packages are linked in: not third-party code.
        if (entry.name !== '.bin' && entry.name !== '@keyguard' && entry.name !== '.cache') folders.push(path);
      } else if (entry.isFile() && entry.name.endsWith('.js') && !entry.name.endsWith('.min.js')) {
        const { size } = statSync(path);
        if (size >= 1024 && size <= 64 * 1024) found.push(path);
      }
    }
  }
  return found.sort();
}

/**
 * Chooses `count` files spread evenly over the pool, each parsed once by ESLint as an ES module
 * or else as CommonJS (a file neither parses as is skipped for the next one).
 */
function chooseFiles(count) {
  const { Linter } = require('eslint');
  const linter = new Linter();
  const parses = (text, sourceType) =>
    linter.verify(text, { languageOptions: { ecmaVersion: 'latest', sourceType } }).every((message) => !message.fatal);
  const pool = candidateFiles();
  const step = pool.length / count;
  const chosen = [];
  const taken = new Set();
  for (let i = 0; i < count && chosen.length < count; i++) {
    for (let at = Math.floor(i * step); at < pool.length; at++) {
      if (taken.has(at)) continue;
      taken.add(at);
      const text = readFileSync(pool[at], 'utf8');
      // ESLint 9 warns on every old `eslint-env` comment, on every run: such files are left out.
      if (text.includes('eslint-env')) continue;
      const kind = parses(text, 'module') ? 'module' : parses(text, 'commonjs') ? 'commonjs' : undefined;
      if (kind) {
        chosen.push({ path: pool[at], kind });
        break;
      }
    }
  }
  return chosen;
}

/** The planted files: two keys and a hard-coded value handed to the client (expected findings). */
function plantedFiles() {
  return [
    {
      path: 'src/module/planted-key.js',
      text: `export const legacyKey = '${fakeKey('proj', 11)}';\n`,
      rule: '@keyguard/no-openai-api-key',
    },
    {
      path: 'src/module/planted-comment.js',
      text: `// Temporary key for the demo: ${fakeKey('proj', 12)}\nexport {};\n`,
      rule: '@keyguard/no-openai-api-key',
    },
    {
      path: 'src/module/planted-client.js',
      text: `import OpenAI from 'openai';\nexport const proxyClient = new OpenAI({ apiKey: '${fakeValue(13)}' });\n`,
      rule: '@keyguard/no-openai-key-assignment',
    },
  ];
}

/** Copies the chosen files into the tree (reused while the selection is the same). */
function ensureTree(dir, files, force) {
  const manifestPath = join(dir, 'manifest.json');
  const chosen = chooseFilesCached(dir, files, force);
  const digest = createHash('sha256')
    .update(chosen.map((file) => `${file.kind} ${file.path}`).join('\n'))
    .digest('hex');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.version === TREE_VERSION && manifest.digest === digest) return manifest;
  }
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  let lines = 0;
  chosen.forEach((file, index) => {
    const target = join(dir, 'src', file.kind, `${String(index).padStart(4, '0')}-${file.path.split('/').pop()}`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.path, target);
    lines += readFileSync(target, 'utf8').split('\n').length;
  });
  const planted = plantedFiles();
  for (const file of planted) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  const manifest = {
    version: TREE_VERSION,
    digest,
    files: chosen.length,
    modules: chosen.filter((file) => file.kind === 'module').length,
    lines,
    planted: planted.map(({ path, rule }) => ({ path, rule })),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The selection is the slow part (each candidate parsed); it is kept beside the tree. */
function chooseFilesCached(dir, files, force) {
  const cache = join(dir, 'selection.json');
  mkdirSync(dir, { recursive: true });
  if (!force && existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, 'utf8'));
    if (saved.version === TREE_VERSION && saved.files === files && saved.chosen.every((file) => existsSync(file.path))) return saved.chosen;
  }
  const chosen = chooseFiles(files);
  writeFileSync(cache, JSON.stringify({ version: TREE_VERSION, files, chosen }));
  return chosen;
}

/** The two configs: one trivial core rule, and the same plus keyguard's recommended config. */
function writeConfigs(dir) {
  const base = [
    'const options = (sourceType) => ({ ecmaVersion: "latest", sourceType });',
    'export const base = [',
    '  { ignores: ["*.mjs", "*.cjs", "*.json"] },',
    '  { files: ["src/module/**/*.js"], languageOptions: options("module") },',
    '  { files: ["src/commonjs/**/*.js"], languageOptions: options("commonjs") },',
    // Real files carry their own eslint-disable comments for rules that are not on here.
    '  { linterOptions: { reportUnusedDisableDirectives: "off" } },',
    `  { files: ["src/**/*.js"], rules: { "${BASELINE_RULE}": "error" } },`,
    '];',
    'export default base;',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'base.config.mjs'), base);
  writeFileSync(join(dir, 'cpu-report.cjs'), CPU_REPORT);
  writeFileSync(
    join(dir, 'keyguard.config.mjs'),
    [
      `import keyguard from ${JSON.stringify(pathToFileURL(PLUGIN_ENTRY).href)};`,
      'import { base } from "./base.config.mjs";',
      'export default [...base, ...keyguard.configs.recommended];',
      '',
    ].join('\n'),
  );
}

/**
 * Preloaded into each ESLint process: prints the process's own CPU time (user + system, in ms)
 * to stderr as it exits. CPU time barely moves when other work shares the machine; wall time
 * does, so both are reported.
 */
const CPU_REPORT = [
  "'use strict';",
  "process.on('exit', () => {",
  '  const { user, system } = process.cpuUsage();',
  "  require('node:fs').writeSync(2, `\\nkeyguard-bench-cpu-ms ${(user + system) / 1000}\\n`);",
  '});',
  '',
].join('\n');

function runEslint(dir, config, extraEnv = {}, format = 'json') {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--require', join(dir, 'cpu-report.cjs'), ESLINT_BIN, '-c', config, '--no-warn-ignored', '--format', format, 'src'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, ...extraEnv },
    },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `eslint -c ${config} exited with ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 3).join(' ')}`,
    );
  }
  const cpu = /keyguard-bench-cpu-ms ([\d.]+)/.exec(result.stderr);
  return { ms, cpuMs: cpu ? Number(cpu[1]) : NaN, stdout: result.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Checks a keyguard run reported every planted finding; other keyguard findings (in real files) are listed. */
function checkFindings(dir, stdout, planted) {
  const results = JSON.parse(stdout);
  const fatal = results.flatMap((file) => file.messages.filter((message) => message.fatal));
  const found = results.flatMap((file) =>
    file.messages
      .filter((message) => message.ruleId?.startsWith('@keyguard/'))
      .map((message) => `${file.filePath.slice(dir.length + 1)} ${message.ruleId}`),
  );
  const expected = planted.map((item) => `${item.path} ${item.rule}`);
  const missed = expected.filter((item) => !found.includes(item));
  const extra = found.filter((item) => !expected.includes(item));
  return { fatal: fatal.length, found: found.length, missed, extra };
}

/** ESLint's per-rule times (TIMING=all, every rule listed): ms per rule id. */
function ruleTiming(dir) {
  const { stdout } = runEslint(dir, 'keyguard.config.mjs', { TIMING: 'all' }, 'stylish');
  const rules = {};
  for (const line of stdout.split('\n')) {
    const row = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)%/.exec(line.trim());
    if (row) rules[row[1]] = Number(row[2]);
  }
  return rules;
}

/**
 * The share of ESLint's CPU time spent in keyguard's code (the plugin and core, module loading
 * included), from a V8 CPU profile of one run with the keyguard config: every sample whose
 * stack holds a keyguard frame counts.
 */
function profiledShare(dir) {
  const profileDir = join(dir, '.profile');
  rmSync(profileDir, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', profileDir, ESLINT_BIN, '-c', 'keyguard.config.mjs', '--format', 'json', 'src'],
    { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint --cpu-prof exited with ${result.status}`);
  const [file] = readdirSync(profileDir);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  rmSync(profileDir, { recursive: true, force: true });
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const ours = (url) => /[\\/]packages[\\/](?:eslint-plugin|core)[\\/]dist[\\/]/.test(url);
  const inKeyguard = new Map();
  const isKeyguard = (id) => {
    if (inKeyguard.has(id)) return inKeyguard.get(id);
    const node = nodes.get(id);
    const parent = parents.get(id);
    const answer = ours(node.callFrame.url) || (parent !== undefined && isKeyguard(parent));
    inKeyguard.set(id, answer);
    return answer;
  };
  let total = 0;
  let keyguard = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    if (nodes.get(id).callFrame.functionName === '(idle)') return;
    total += delta;
    if (isKeyguard(id)) keyguard += delta;
  });
  return { totalMs: total / 1000, keyguardMs: keyguard / 1000, share: total > 0 ? (keyguard / total) * 100 : 0 };
}

/**
 * Each file linted with both configs back to back in one process, the order alternating, CPU
 * time of this thread around each verify (process.cpuUsage), summed per config per pass.
 */
async function pairedInProcess(dir, passes) {
  const { Linter } = require('eslint');
  const load = async (name) => (await import(`${pathToFileURL(join(dir, name)).href}?t=${Date.now()}`)).default;
  const configs = { base: await load('base.config.mjs'), keyguard: await load('keyguard.config.mjs') };
  // Linter.verify normalizes a plain config array again on every call, which charges each
  // config object to every file (keyguard's config has three more): the ESLint command
  // normalizes once. Do the same with ESLint's own FlatConfigArray when this ESLint has it there.
  const flatConfigArray = join(dirname(ESLINT_BIN), '..', 'lib', 'config', 'flat-config-array.js');
  if (existsSync(flatConfigArray)) {
    const { FlatConfigArray } = require(flatConfigArray);
    for (const name of Object.keys(configs)) {
      const normalized = new FlatConfigArray(configs[name], { basePath: dir });
      normalized.normalizeSync();
      configs[name] = normalized;
    }
  }
  const linter = new Linter({ cwd: dir });
  const files = listFiles(join(dir, 'src')).map((file) => [file, readFileSync(file, 'utf8')]);
  const ratios = [];
  const totals = { base: [], keyguard: [] };
  for (let pass = 0; pass < passes; pass++) {
    const spent = { base: 0, keyguard: 0 };
    files.forEach(([file, text], index) => {
      const order = (index + pass) % 2 === 0 ? ['base', 'keyguard'] : ['keyguard', 'base'];
      for (const name of order) {
        const started = process.cpuUsage();
        linter.verify(text, configs[name], file);
        const { user, system } = process.cpuUsage(started);
        spent[name] += (user + system) / 1000;
      }
    });
    totals.base.push(spent.base);
    totals.keyguard.push(spent.keyguard);
    ratios.push(spent.keyguard / spent.base);
  }
  return { ratio: median(ratios), base: median(totals.base), keyguard: median(totals.keyguard) };
}

/**
 * Instructions executed (valgrind's callgrind, which counts them whatever else the machine runs)
 * by the eslint command with each config on the first `small` and the first `3 * small` files of
 * the tree (planted files in both): the difference between the two sizes is the per-file cost,
 * which the ratio compares; what stays is start-up (loading, first-use compiles), reported apart.
 * Node runs with --predictable (two runs of the same config agree within 0.1 %).
 * About 100x slower than a normal run: opt in with --instructions N (150 takes ~40 min here).
 */
function instructionCounts(dir, small, log) {
  if (spawnSync('sh', ['-c', 'command -v valgrind'], { stdio: 'ignore' }).status !== 0) {
    log('instructions: valgrind is not installed (apt-get install valgrind): not measured');
    return undefined;
  }
  const all = listFiles(join(dir, 'src')).map((file) => file.slice(dir.length + 1));
  const planted = all.filter((file) => /planted-/.test(file));
  const real = all.filter((file) => !planted.includes(file));
  const counts = {};
  for (const size of [small, 3 * small]) {
    const subset = join(dir, '..', `eslint-instructions-${size}`);
    rmSync(subset, { recursive: true, force: true });
    for (const file of [...real.slice(0, size), ...planted]) {
      mkdirSync(dirname(join(subset, file)), { recursive: true });
      copyFileSync(join(dir, file), join(subset, file));
    }
    for (const config of ['base.config.mjs', 'keyguard.config.mjs', 'cpu-report.cjs'])
      copyFileSync(join(dir, config), join(subset, config));
    for (const name of ['base', 'keyguard']) {
      const result = spawnSync(
        'valgrind',
        [
          '--tool=callgrind',
          '--smc-check=all-non-file',
          '--callgrind-out-file=/dev/null',
          process.execPath,
          // V8 without concurrent compiler or GC threads and time-based heuristics: the same count on every run.
          '--predictable',
          ESLINT_BIN,
          '-c',
          `${name}.config.mjs`,
          '--no-warn-ignored',
          '--format',
          'json',
          'src',
        ],
        { cwd: subset, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      );
      const collected = /Collected : (\d+)/.exec(result.stderr ?? '');
      if (!collected) throw new Error(`valgrind did not report a count for ${name} on ${size} files (exit ${result.status})`);
      counts[`${name}.${size}`] = Number(collected[1]);
    }
    rmSync(subset, { recursive: true, force: true });
  }
  const perFile = (name) => (counts[`${name}.${3 * small}`] - counts[`${name}.${small}`]) / (2 * small);
  const fixed = (name) => counts[`${name}.${small}`] - perFile(name) * small;
  return {
    small,
    perFile: { base: perFile('base'), keyguard: perFile('keyguard') },
    fixed: { base: fixed('base'), keyguard: fixed('keyguard') },
  };
}

function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    .sort();
}

/**
 * The eslint part of `npm run bench`: prints its tables and returns { summary, ok }. ok is false
 * only when ESLint fails or the rules miss a planted finding; the ratio is reported against the
 * aim, not enforced (a shared machine is noisy).
 */
export async function benchEslint({
  log = console.log,
  files = 1500,
  runs = 3,
  passes = 1,
  profile = false,
  force = false,
  instructions = 0,
  dir = DEFAULT_DIR,
} = {}) {
  if (!existsSync(PLUGIN_ENTRY)) throw new Error('packages/eslint-plugin/dist is missing: run npm run build first');
  const tree = ensureTree(dir, files, force);
  writeConfigs(dir);
  log(
    `eslint: ${tree.files} real JS files from node_modules (${tree.modules} ES modules, ${tree.files - tree.modules} CommonJS), ` +
      `${tree.lines.toLocaleString('en-US')} lines, + ${tree.planted.length} planted; in ${dir.slice(REPO_ROOT.length + 1) || dir}`,
  );
  log(
    `baseline: ESLint with one trivial core rule (${BASELINE_RULE}), because with no rule at all ESLint skips the syntax-tree traversal ` +
      'and the difference would charge that traversal to keyguard; compared with: the same + keyguard.configs.recommended',
  );

  // The warm-up run (page cache, compile cache) also gives ESLint's per-rule times.
  const timing = ruleTiming(dir);
  const times = { base: [], keyguard: [] };
  const cpu = { base: [], keyguard: [] };
  let check;
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first, so a slow moment on the machine hits both sides alike.
    const order = run % 2 === 0 ? ['base', 'keyguard'] : ['keyguard', 'base'];
    for (const name of order) {
      const result = runEslint(dir, `${name}.config.mjs`);
      times[name].push(result.ms);
      cpu[name].push(result.cpuMs);
      if (name === 'keyguard' && !check) check = checkFindings(dir, result.stdout, tree.planted);
    }
  }
  if (check.fatal > 0) throw new Error(`ESLint could not parse ${check.fatal} files`);
  const cpuRatio = median(cpu.keyguard) / median(cpu.base);
  const wallRatio = median(times.keyguard) / median(times.base);
  const paired = await pairedInProcess(dir, passes);
  const profiled = profile ? profiledShare(dir) : undefined;
  const counted = instructions > 0 ? instructionCounts(dir, instructions, log) : undefined;

  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const table = (lines) => {
    const widths = lines[0].map((_, column) => Math.max(...lines.map((row) => row[column].length)));
    for (const row of lines)
      log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  };
  log('');
  table([
    [`eslint command, ${runs} paired runs`, 'CPU median', 'wall median', 'wall min', 'wall max'],
    [
      `${BASELINE_RULE} only`,
      seconds(median(cpu.base)),
      seconds(median(times.base)),
      seconds(Math.min(...times.base)),
      seconds(Math.max(...times.base)),
    ],
    [
      `${BASELINE_RULE} + keyguard recommended`,
      seconds(median(cpu.keyguard)),
      seconds(median(times.keyguard)),
      seconds(Math.min(...times.keyguard)),
      seconds(Math.max(...times.keyguard)),
    ],
  ]);
  log(
    `ratio keyguard / ${BASELINE_RULE} only: ${cpuRatio.toFixed(3)}x CPU time (aim at most ${AIM_RATIO}x: ${cpuRatio <= AIM_RATIO ? 'met' : 'NOT met'}), ${wallRatio.toFixed(3)}x wall`,
  );
  log(
    `paired per file in one process (Linter, A/B alternating, ${passes} passes, CPU): ${seconds(paired.base)} vs ${seconds(paired.keyguard)} = ${paired.ratio.toFixed(3)}x`,
  );
  const keyguardRules = Object.entries(timing).filter(([rule]) => rule.startsWith('@keyguard/'));
  const ruleTotal = Object.values(timing).reduce((sum, ms) => sum + ms, 0);
  log(
    `per-rule time (TIMING=all, warm-up run): ${[...keyguardRules, [BASELINE_RULE, timing[BASELINE_RULE] ?? 0]]
      .map(([rule, ms]) => `${rule} ${ms.toFixed(1)} ms`)
      .join(
        ', ',
      )}; keyguard's rules ${keyguardRules.reduce((sum, [, ms]) => sum + ms, 0).toFixed(1)} ms of ${ruleTotal.toFixed(1)} ms in rules`,
  );
  if (profiled)
    log(
      `CPU profile of one run with keyguard: ${profiled.keyguardMs.toFixed(0)} ms of ${profiled.totalMs.toFixed(0)} ms in keyguard's code ` +
        `(plugin + core, loading included) = ${profiled.share.toFixed(2)}%`,
    );
  if (counted) {
    const millions = (count) => `${(count / 1e6).toFixed(1)} M`;
    log(
      `instructions (callgrind, ${counted.small} and ${3 * counted.small} files): per file ${millions(counted.perFile.base)} vs ` +
        `${millions(counted.perFile.keyguard)} = ${(counted.perFile.keyguard / counted.perFile.base).toFixed(3)}x; ` +
        `start-up ${millions(counted.fixed.base)} vs ${millions(counted.fixed.keyguard)} (+${millions(counted.fixed.keyguard - counted.fixed.base)})`,
    );
  }
  log(
    `findings: ${check.found - check.extra.length} of ${tree.planted.length} planted${check.missed.length ? `; MISSED: ${check.missed.join(', ')}` : ''}` +
      `${check.extra.length ? `; in the real files: ${check.extra.slice(0, 5).join(', ')}${check.extra.length > 5 ? ', …' : ''}` : ''}`,
  );

  const ok = check.missed.length === 0;
  const summary =
    `keyguard / ${BASELINE_RULE} only = ${cpuRatio.toFixed(3)}x CPU over ${tree.files} real files (aim ≤ ${AIM_RATIO}x), ` +
    `paired per file ${paired.ratio.toFixed(3)}x, keyguard's rules ${keyguardRules.reduce((sum, [, ms]) => sum + ms, 0).toFixed(0)} ms (TIMING=all), ` +
    `${profiled ? `${profiled.share.toFixed(2)}% of the profile; ` : ''}` +
    `${counted ? `${(counted.perFile.keyguard / counted.perFile.base).toFixed(3)}x instructions per file; ` : ''}${check.found - check.extra.length}/${tree.planted.length} planted found`;
  return { summary, ok, cpuRatio, wallRatio, pairedRatio: paired.ratio, rules: timing, profiledShare: profiled?.share };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--files' || arg === '--runs' || arg === '--passes' || arg === '--instructions') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${arg} expects a positive whole number`);
      options[arg.slice(2)] = value;
    } else {
      throw new Error(
        `unknown option ${arg}. Usage: node scripts/bench/eslint.mjs [--files 1500] [--runs 3] [--passes 1] [--profile] [--instructions 150] [--force]`,
      );
    }
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = await benchEslint(parseArgs(process.argv.slice(2)));
    console.log(`\n${result.summary}`);
    process.exitCode = result.ok ? 0 : 1;
  } catch (error) {
    console.error(`bench eslint: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
