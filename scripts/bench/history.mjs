// Benchmark: `keyguard scan --git --all` on a generated history of 5,000+ commits, on a
// generated SDK-shaped one (history-sdk.mjs) and on its JavaScript shape (the same SDK with a
// yarn.lock that dependency updates change), next to the pipeline people reach for first,
// `git log -p --all | rg PATTERN`, in the same run. keyguard runs with both history strategies
// (KEYGUARD_HISTORY_STRATEGY=blobs, the default, and patches; issue 16), which must agree.
// Each figure is the median of interleaved runs, wall clock and CPU (user + system of the
// command and its children, as `times` reports them). Beside them, the floor (history-floor.mjs):
// the same unique blobs read through keyguard's reader and judged by core with nothing else, so
// what the scan costs above it is the walk's (listing commits, memo, report), not the rules'.
//
// The repository is built in seconds with `git fast-import`: a few hundred source files,
// commits that edit a few lines of one to four files, new files, deletions, renames, feature
// branches merged back, and a handful of planted fake keys (some removed again later, which a
// history scan must still find). Keys are assembled at run time from random characters and
// the marker, so this file holds no key-shaped literal. The repository is cached in
// .bench/history (git-ignored) while HISTORY_VERSION and the options match.
//
// Usage: node scripts/bench/history.mjs [--commits 5200] [--runs 3] [--seed 7] [--force] [--realtime]
//   [--repo DIR] (a history of your own instead of the generated ones) [--only plain|sdk|js]
//   [--compare ENTRY] (another keyguard, e.g. main's bundle/keyguard.js, run beside with its default strategy)
// As a part of `npm run bench` (run.mjs): benchHistory({ log }) returns { summary, ok, ... }.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedRepo, git } from './cached-repo.mjs';
import { fakeKey, makeRandom } from './fake-keys.mjs';
import { blobsOf } from './history-floor.mjs';
import { ensureSdkRepo } from './history-sdk.mjs';

/** Bump when the generator changes, so a cached repository is rebuilt. */
const HISTORY_VERSION = 2;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'bin.js');
const FLOOR = join(REPO_ROOT, 'scripts', 'bench', 'history-floor.mjs');

// Assembled, never written whole: see the header.
const SK = ['s', 'k'].join('') + '-';
/** What the pipeline greps for: the shape of core's key pattern. */
const PATTERN = `${SK}[A-Za-z0-9_-]{20,}`;

const WORDS = [
  'user',
  'order',
  'cache',
  'token',
  'client',
  'request',
  'payload',
  'config',
  'render',
  'queue',
  'item',
  'session',
  'model',
  'prompt',
  'result',
  'handler',
  'buffer',
  'metric',
  'report',
  'schema',
  'index',
  'batch',
  'retry',
];
/** Words that hold `sk-` and must not be reported: the prefilter sees these in real code. */
const SK_WORDS = ['task-queue', 'desk-top', 'risk-score', 'mask-layer', 'disk-usage', 'ask-user'];

/** mulberry32: deterministic for a seed, as the test helper and the corpus use. */

/** A planted key from the repository's one fake-key helper; the bench's seed picks the variant. */
const plantedKey = (random) => fakeKey('proj', random.int(1_000_000_000));

const ident = (random) => `${random.pick(WORDS)}${random.pick(WORDS)[0].toUpperCase()}${random.pick(WORDS).slice(1)}`;

/**
 * One line of plausible code for a file kind. `skRate` is how often a line holds a word with
 * `sk-` in it: a quarter of the files use such words now and then, the rest never do.
 */
function codeLine(random, kind, skRate = 0) {
  const name = ident(random);
  const roll = random.chance(skRate) ? 0 : 1 + random.int(11);
  if (kind === 'py') {
    if (roll === 0) return `    # ${random.pick(SK_WORDS)} handling for ${name}`;
    if (roll === 1) return `def ${name}(${ident(random)}, ${ident(random)}=None):`;
    if (roll === 2) return `    return [${ident(random)} for ${ident(random)} in ${ident(random)} if ${ident(random)}]`;
    return `    ${name} = ${ident(random)}.get("${random.pick(WORDS)}", ${random.int(1000)})`;
  }
  if (kind === 'md') {
    if (roll === 0) return `See the ${random.pick(SK_WORDS)} section for ${name}.`;
    return `The ${random.pick(WORDS)} ${random.pick(WORDS)} keeps ${name} in step with ${ident(random)} (${random.int(100)}).`;
  }
  if (kind === 'json')
    return `  "${name}": { "${random.pick(WORDS)}": ${random.int(10000)}, "${random.pick(WORDS)}": "${roll === 0 ? random.pick(SK_WORDS) : random.pick(WORDS)}" },`;
  if (roll === 0) return `  // ${random.pick(SK_WORDS)}: ${name}`;
  if (roll === 1) return `export function ${name}(${ident(random)}, ${ident(random)} = {}) {`;
  if (roll === 2) return `  const ${name} = await ${ident(random)}.${random.pick(WORDS)}(${random.int(100)});`;
  return `  ${name}.${random.pick(WORDS)} = ${ident(random)}(${ident(random)}, '${random.pick(WORDS)}');`;
}

/** How often lines of a file hold an `sk-` word: a quarter of the files, one line in 20. */
const skRateOf = (path) => (hashOf(path) % 4 === 0 ? 0.05 : 0);
function hashOf(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

function newFile(random, kind, path) {
  const lines = Array.from({ length: 40 + random.int(260) }, () => codeLine(random, kind, skRateOf(path)));
  if (kind === 'py' && random.chance(0.2))
    lines.unshift('import os', 'from openai import OpenAI', 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])');
  if (kind === 'ts' && random.chance(0.2))
    lines.unshift("import OpenAI from 'openai';", 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });');
  return lines;
}

const KINDS = ['py', 'ts', 'ts', 'md', 'json'];
const DIRS = ['src', 'src/api', 'src/models', 'lib', 'services/billing', 'services/search', 'docs', 'scripts', 'tests'];

/**
 * Writes the fast-import stream for a history of `commits` commits and returns it with the
 * planted keys' places (commit mark, path: never the key).
 */
function generateHistory({ commits, seed }) {
  const random = makeRandom(seed);
  const chunks = [];
  let mark = 0;
  const files = new Map(); // path -> lines, on the branch being written
  const planted = [];
  const tips = new Map();
  let time = 1_600_000_000;
  const emit = (text) => chunks.push(text);
  const data = (text) => {
    const bytes = Buffer.byteLength(text);
    emit(`data ${bytes}\n${text}\n`);
  };
  const fileOp = (path, lines) => {
    emit(`M 100644 inline ${path}\n`);
    data(`${lines.join('\n')}\n`);
  };
  const header = (ref, message, parent, merge) => {
    mark++;
    time += 60 + random.int(7200);
    const who = random.pick(['Ada Lovelace <ada@example.com>', 'Grace Hopper <grace@example.com>', 'Alan Turing <alan@example.com>']);
    emit(`commit ${ref}\nmark :${mark}\nauthor ${who} ${time} +0000\ncommitter ${who} ${time} +0000\n`);
    data(message);
    // `from` only when the branch does not already stand there: a `from` makes fast-import
    // reload the branch's tree, which made the import ten times slower.
    if (parent && tips.get(ref) !== parent) emit(`from :${parent}\n`);
    if (merge) emit(`merge :${merge}\n`);
    tips.set(ref, mark);
    return mark;
  };
  const pathFor = (kind) => `${random.pick(DIRS)}/${ident(random)}_${random.int(100000)}.${kind}`;

  // The first commit: a few hundred files.
  let main = header('refs/heads/main', 'initial import');
  for (let i = 0; i < 350; i++) {
    const kind = random.pick(KINDS);
    const path = pathFor(kind);
    files.set(path, newFile(random, kind, path));
    fileOp(path, files.get(path));
  }
  let written = 1;
  const keyAt = new Set(Array.from({ length: 8 }, () => 1 + random.int(commits - 2)));
  const editCommit = (ref, parent, feature) => {
    const message = `${random.pick(['fix', 'feat', 'refactor', 'docs'])}: ${random.pick(WORDS)} ${random.pick(WORDS)}`;
    const at = header(ref, message, parent);
    const paths = [...files.keys()];
    const touched = 1 + random.int(4);
    for (let t = 0; t < touched; t++) {
      const roll = random.next();
      if (roll < 0.03) {
        const kind = random.pick(KINDS);
        const path = pathFor(kind);
        files.set(path, newFile(random, kind, path));
        fileOp(path, files.get(path));
        feature?.add(path);
      } else if (roll < 0.04 && files.size > 100) {
        const path = random.pick(paths);
        if (!files.has(path)) continue;
        files.delete(path);
        emit(`D ${path}\n`);
        feature?.delete(path);
      } else if (roll < 0.05) {
        const path = random.pick(paths);
        if (!files.has(path)) continue;
        const to = pathFor(path.split('.').pop());
        files.set(to, files.get(path));
        files.delete(path);
        emit(`R ${path} ${to}\n`);
        feature?.delete(path);
        feature?.add(to);
      } else {
        const path = random.pick(paths);
        const lines = files.get(path);
        if (!lines) continue;
        const kind = path.split('.').pop();
        const next = [...lines];
        const edits = 1 + random.int(5);
        for (let e = 0; e < edits; e++) {
          const at = random.int(next.length + 1);
          if (random.chance(0.5) && next.length > 10) next.splice(at, 1, codeLine(random, kind, skRateOf(path)));
          else next.splice(at, 0, codeLine(random, kind, skRateOf(path)));
        }
        files.set(path, next);
        fileOp(path, next);
        feature?.add(path);
      }
    }
    if (keyAt.has(written)) {
      const path = `config/settings_${written}.py`;
      const lines = ['import os', `OPENAI_MODEL = "gpt-4o"`, `openai_api_key = "${plantedKey(random)}"`, ''];
      files.set(path, lines);
      fileOp(path, lines);
      feature?.add(path);
      planted.push({ commitIndex: written, path, line: 3, removedLater: false });
    }
    written++;
    return at;
  };

  while (written < commits) {
    if (random.chance(0.02) && written + 12 < commits) {
      // A feature branch: a few commits, then merged back into main with its files' final state.
      const branchFiles = new Map(files);
      const mainFiles = files;
      const changed = new Set();
      let tip = main;
      const length = 3 + random.int(8);
      for (let i = 0; i < length; i++) tip = editCommit('refs/heads/feature', tip, changed);
      const featureFiles = new Map(files);
      // Back on main: the merge takes each path the feature touched.
      files.clear();
      for (const [path, lines] of branchFiles) files.set(path, lines);
      void mainFiles;
      main = header('refs/heads/main', 'Merge branch feature', main, tip);
      for (const path of changed) {
        if (featureFiles.has(path)) {
          files.set(path, featureFiles.get(path));
          fileOp(path, featureFiles.get(path));
        } else if (files.has(path)) {
          files.delete(path);
          emit(`D ${path}\n`);
        }
      }
      written++;
      continue;
    }
    main = editCommit('refs/heads/main', main);
    // Now and then a planted key is removed again: still in the history, still found.
    if (planted.length > 0 && random.chance(0.01)) {
      const victim = planted.find((entry) => !entry.removedLater && files.has(entry.path));
      if (victim) {
        victim.removedLater = true;
        main = header('refs/heads/main', 'remove hard-coded key', main);
        const lines = files
          .get(victim.path)
          .map((line) => (line.startsWith('openai_api_key') ? 'openai_api_key = os.environ["OPENAI_API_KEY"]' : line));
        files.set(victim.path, lines);
        fileOp(victim.path, lines);
        written++;
      }
    }
  }
  return { stream: chunks.join(''), planted, commits: written };
}

/** Builds (or reuses) the generated repository; returns its path and what was planted. */
export function ensureHistoryRepo({ commits = 5200, seed = 7, force = false, dir = join(REPO_ROOT, '.bench', 'history') } = {}) {
  return cachedRepo({
    dir,
    stamp: JSON.stringify({ HISTORY_VERSION, commits, seed }),
    force,
    repack: true,
    generate: () => {
      const { stream, planted } = generateHistory({ commits, seed });
      return { stream, planted: planted.length };
    },
  });
}

/** rg if present (installed with apt-get when running as root), else grep -E. */
function findGrep(log) {
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!has('rg') && process.getuid?.() === 0) {
    log('history bench: installing ripgrep with apt-get…');
    const install = spawnSync('sh', [
      '-c',
      'apt-get install -y -q ripgrep >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q ripgrep >/dev/null 2>&1)',
    ]);
    if (install.status !== 0) log('history bench: could not install ripgrep');
  }
  if (has('rg')) return { name: 'rg', command: `rg -c -e '${PATTERN}'` };
  log('history bench: rg is not available, the pipeline uses grep -E instead (slower than rg would be)');
  return { name: 'grep -E', command: `grep -cE '${PATTERN}'` };
}

/**
 * Runs a shell command line (output discarded), returns wall-clock and CPU milliseconds: the
 * shell's `times` gives the user and system time of everything it ran.
 */
function timed(commandLine, cwd, env = {}) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('bash', ['-c', `${commandLine} >/dev/null 2>&1; status=$?; times; exit $status`], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The second line of `times`: the children's user and system time, `0m1.234s 0m0.123s`.
      const seconds = (out.trim().split('\n').pop() ?? '').split(/\s+/).map((field) => {
        const match = /^(\d+)m([\d.]+)s$/.exec(field);
        return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
      });
      resolveRun({ ms, cpuMs: (seconds[0] + (seconds[1] ?? 0)) * 1000, code });
    });
  });
}

/** Runs a command, returns wall-clock milliseconds and its output. */
function time(command, args, cwd, env = {}) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolveRun({ ms, code, stdout: Buffer.concat(out).toString(), stderr: err });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The findings of a JSON report as comparable rows (rule, file, line, commit, fingerprint). */
const rowsOf = (stdout) => JSON.parse(stdout).findings.map((f) => [f.ruleId, f.file, f.line, f.commit, f.fingerprint].join(' '));

/**
 * One repository: a warm-up of each command (both strategies must give the same findings, at
 * least the planted ones), then `runs` interleaved rounds; medians of wall clock and CPU.
 */
async function benchRepo(repo, { grep, prefix, runs, log, name, compare }) {
  const shell = (line) => (prefix.length > 0 ? `${prefix.join(' ')} ${line}` : line);
  const kgWith = (entry) => shell(`${JSON.stringify(process.execPath)} ${JSON.stringify(entry)} scan --git --all --format json`);
  const kg = kgWith(BIN);
  const env = (strategy) => ({ KEYGUARD_HISTORY_STRATEGY: strategy });
  // The floor: the same unique blobs read and judged with nothing else (history-floor.mjs).
  const floorDir = mkdtempSync(join(tmpdir(), 'keyguard-floor-'));
  const floorList = join(floorDir, 'blobs.tsv');
  const floorBlobs = await blobsOf(repo.dir, floorList);
  const commands = {
    blobs: () => timed(kg, repo.dir, env('blobs')),
    patches: () => timed(kg, repo.dir, env('patches')),
    ...(compare ? { compare: () => timed(kgWith(compare), repo.dir, { KEYGUARD_HISTORY_STRATEGY: '' }) } : {}),
    pipeline: () => timed(shell(`bash -c "set -o pipefail; git log -p --all | ${grep.command}"`), repo.dir),
    floor: () => timed(shell(`${JSON.stringify(process.execPath)} ${JSON.stringify(FLOOR)} ${JSON.stringify(floorList)}`), repo.dir),
  };
  const warm = {};
  const warmRuns = [
    ['blobs', BIN, env('blobs')],
    ['patches', BIN, env('patches')],
    ...(compare ? [['compare', compare, { KEYGUARD_HISTORY_STRATEGY: '' }]] : []),
  ];
  for (const [key, entry, environment] of warmRuns) {
    warm[key] = await time(process.execPath, [entry, 'scan', '--git', '--all', '--format', 'json'], repo.dir, environment);
    // Exit 1 with findings; a history of your own (--repo) may hold none.
    if (warm[key].code !== 1 && !(warm[key].code === 0 && repo.planted === 0))
      throw new Error(`${name}: keyguard (${key}) exited ${warm[key].code}: ${warm[key].stderr.split('\n')[0]}`);
  }
  const rows = Object.fromEntries(Object.entries(warm).map(([key, run]) => [key, rowsOf(run.stdout)]));
  if (rows.blobs.length < repo.planted) throw new Error(`${name}: keyguard found ${rows.blobs.length} of ${repo.planted} planted keys`);
  const same = JSON.stringify(rows.blobs) === JSON.stringify(rows.patches);
  const sameAsCompare = compare ? JSON.stringify(rows.blobs) === JSON.stringify(rows.compare) : undefined;
  const pipeWarm = await time('bash', ['-c', `set -o pipefail; git log -p --all | ${grep.command}`], repo.dir);
  const times = Object.fromEntries(Object.keys(commands).map((key) => [key, []]));
  try {
    for (let i = 0; i < runs; i++) for (const key of Object.keys(commands)) times[key].push(await commands[key]());
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
  }
  const result = {
    name,
    commits: repo.commits,
    planted: repo.planted,
    found: rows.blobs.length,
    same,
    ...(compare ? { sameAsCompare } : {}),
    pipelineMatches: Number(pipeWarm.stdout.trim()),
    floorBlobs,
  };
  for (const key of Object.keys(times)) {
    result[`${key}Ms`] = Math.round(median(times[key].map((run) => run.ms)));
    result[`${key}CpuMs`] = Math.round(median(times[key].map((run) => run.cpuMs)));
  }
  for (const key of Object.keys(times))
    log(
      `history bench: ${name}: ${key.padEnd(8)} median ${result[`${key}Ms`]} ms wall, ${result[`${key}CpuMs`]} ms CPU of ${runs} (${times[key].map((run) => Math.round(run.ms)).join(', ')})`,
    );
  log(
    `history bench: ${name}: ${result.found} findings, strategies ${same ? 'agree' : 'DISAGREE'}${compare ? `, ${sameAsCompare ? 'the same as' : 'NOT THE SAME AS'} ${compare}` : ''}; the pipeline printed ${result.pipelineMatches} matching lines; the floor read and judged ${floorBlobs} unique blobs with no walk`,
  );
  return result;
}

/**
 * The bench part: builds the repositories, then for each one alternates keyguard (both
 * strategies) and the pipeline, after one warm-up each, and reports the medians.
 */
export async function benchHistory({
  log = console.log,
  commits = 5200,
  runs = 3,
  seed = 7,
  force = false,
  realtime = false,
  repo,
  only,
  compare,
} = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  if (compare && !existsSync(compare)) throw new Error(`--compare ${compare}: no such file`);
  const histories = [];
  if (repo) {
    const dir = resolve(repo);
    const count = Number(git(dir, ['rev-list', '--all', '--count']).trim());
    log(`history bench: ${dir}: ${count} commits`);
    histories.push([dir.split('/').pop(), { dir, commits: count, planted: 0 }]);
  }
  if (!repo && (!only || only === 'plain')) {
    const plain = ensureHistoryRepo({ commits, seed, force });
    log(
      `history bench: plain history: ${plain.commits} commits, ${plain.planted} planted keys (built in ${plain.buildMs} ms, cached in .bench/history)`,
    );
    histories.push(['plain', plain]);
  }
  if (!repo && (!only || only === 'sdk')) {
    const sdk = ensureSdkRepo({ force });
    log(
      `history bench: SDK-shaped history: ${sdk.commits} commits, ${sdk.planted} planted keys (built in ${sdk.buildMs} ms, cached in .bench/history-sdk)`,
    );
    histories.push(['SDK-shaped', sdk]);
  }
  if (!repo && (!only || only === 'js')) {
    // The same SDK with a yarn.lock that dependency updates change: a JavaScript project's shape.
    const js = ensureSdkRepo({ force, lockfile: true });
    log(
      `history bench: JS-shaped history: ${js.commits} commits, ${js.planted} planted keys (built in ${js.buildMs} ms, cached in .bench/history-js)`,
    );
    histories.push(['JS-shaped', js]);
  }
  const grep = findGrep(log);
  // --realtime (root only): every command runs under `chrt -f 10`, ahead of other processes, so
  // a machine shared with other jobs gives figures close to an idle one. Off by default: it
  // holds every core for the few seconds each run takes.
  const prefix = realtime && process.getuid?.() === 0 && spawnSync('chrt', ['-f', '10', 'true']).status === 0 ? ['chrt', '-f', '10'] : [];
  if (realtime && prefix.length === 0) log('history bench: --realtime needs root and chrt; running at normal priority');
  log(`history bench: load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  const repos = [];
  for (const [name, history] of histories) repos.push(await benchRepo(history, { grep, prefix, runs, log, name, compare }));
  const ratio = (result, key) => result.pipelineMs / result[`${key}Ms`];
  const result = { runs, grep: grep.name, repos };
  // For run.mjs: the part fails only when keys are missed or the strategies disagree; speed on a busy machine is noise.
  result.ok = repos.every((repo) => repo.same && repo.sameAsCompare !== false);
  result.summary = repos
    .map(
      (repo) =>
        `${repo.name} ${repo.commits} commits: blobs ${repo.blobsMs} ms wall/${repo.blobsCpuMs} CPU (${ratio(repo, 'blobs').toFixed(2)}x the pipeline's speed), patches ${repo.patchesMs}/${repo.patchesCpuMs} (${ratio(repo, 'patches').toFixed(2)}x), ${repo.compareMs === undefined ? '' : `compare ${repo.compareMs}/${repo.compareCpuMs}, `}git log -p | ${grep.name} ${repo.pipelineMs}/${repo.pipelineCpuMs}, floor ${repo.floorMs}/${repo.floorCpuMs}; ${repo.found} findings${repo.same ? '' : ', STRATEGIES DISAGREE'}${repo.sameAsCompare === false ? ', NOT THE SAME AS --compare' : ''}`,
    )
    .join('; ');
  if (prefix.length > 0) result.summary = `(realtime) ${result.summary}`;
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => {
    const at = args.indexOf(flag);
    return at === -1 ? fallback : Number(args[at + 1]);
  };
  const text = (flag) => {
    const at = args.indexOf(flag);
    return at === -1 ? undefined : args[at + 1];
  };
  benchHistory({
    commits: value('--commits', 5200),
    runs: value('--runs', 3),
    seed: value('--seed', 7),
    force: args.includes('--force'),
    realtime: args.includes('--realtime'),
    repo: text('--repo'),
    only: text('--only'),
    compare: text('--compare') && resolve(text('--compare')),
  }).catch((error) => {
    console.error(`history bench failed: ${error.message}`);
    process.exitCode = 1;
  });
}
