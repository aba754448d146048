// What the two keyguard rules add to ESLint's time on a large, real-looking JS/TS tree: the
// same ESLint run with and without them (a typical base rule set, @typescript-eslint/parser for
// TS), interleaved, several runs each, median wall time. The aim is under 5%. ESLint's own
// per-rule timing (TIMING=all) shows the rules' share of rule time. On a shared machine wall
// time swings by more than the rules cost, so two steadier views follow: both configs on each
// file back to back in one process (pairedOverhead), and a V8 CPU profile of one run, which
// says how much of ESLint's CPU time was spent in keyguard's code (profiledShare): the figure
// the 5% aim is judged on.
//
// The tree (React components, Express routes, utilities, a few OpenAI clients that read the key
// from the environment, words holding `sk-` that the prefilter sees) is generated into
// .bench/eslint (git-ignored) and reused while TREE_VERSION and the options match. Three fake keys
// and one hard-coded value are planted so the rules do real work; the first timed run must find
// exactly those. Keys are assembled at run time, so this file holds no key-shaped literal.
//
// Usage: node scripts/bench/eslint.mjs [--files 450] [--runs 3] [--passes 3] [--seed 3] [--force]
// As a part of `npm run bench`: import { benchEslint } and call it with { log }.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fakeKey, fakeValue, makeRandom } from './fake-keys.mjs';

/** Bump when the generator changes, so a cached tree is rebuilt. */
const TREE_VERSION = 1;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PLUGIN_ENTRY = join(REPO_ROOT, 'packages', 'eslint-plugin', 'dist', 'index.js');
const DEFAULT_DIR = join(REPO_ROOT, '.bench', 'eslint');
const AIM_PERCENT = 5;

// Assembled, never written whole: see the header.

/** mulberry32: deterministic for a seed, as the test helper and the other bench parts use. */

// Planted keys and values come from the repository's one fake-key helper.
const plantedKey = (random) => fakeKey('proj', random.int(1_000_000_000));
const plantedValue = (random) => fakeValue(random.int(1_000_000_000));

const NOUNS = ['user', 'order', 'invoice', 'product', 'session', 'report', 'ticket', 'message', 'team', 'project', 'payment', 'comment'];
const VERBS = ['load', 'save', 'format', 'validate', 'merge', 'filter', 'render', 'sync', 'parse', 'compute'];
/** Words that hold `sk-`: real code is full of them, and they reach the rule's prefilter. */
const SK_WORDS = ['task-runner', 'desk-top', 'risk-score', 'mask-layer', 'disk-usage', 'ask-user'];

const cap = (word) => word[0].toUpperCase() + word.slice(1);

function utilFunction(random, ts, index) {
  const noun = random.pick(NOUNS);
  const verb = random.pick(VERBS);
  const type = ts ? `: ${cap(noun)}[]` : '';
  const param = ts ? `items: ${cap(noun)}[], limit: number = 10` : 'items, limit = 10';
  const word = random.chance(0.3) ? random.pick(SK_WORDS) : `${noun}-${verb}`;
  return [
    `/** ${cap(verb)}s ${noun}s for the ${word} view. */`,
    `export function ${verb}${cap(noun)}s${index}(${param})${type} {`,
    `  const seen = new Set${ts ? '<string>' : ''}();`,
    '  const result = [];',
    '  for (const item of items) {',
    `    if (seen.has(item.id) || result.length >= limit) continue;`,
    '    seen.add(item.id);',
    `    result.push({ ...item, label: \`\${item.name} (${word})\`, updatedAt: Date.now() });`,
    '  }',
    `  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));`,
    '}',
    '',
  ];
}

function utilsFile(random, ts) {
  const lines = [];
  if (ts) {
    const noun = cap(random.pick(NOUNS));
    lines.push(`export interface ${noun} {`, '  id: string;', '  name: string;', '  updatedAt?: number;', '}', '');
  }
  const count = 4 + random.int(5);
  for (let i = 0; i < count; i++) lines.push(...utilFunction(random, ts, i));
  lines.push(`export const DEFAULT_PAGE_SIZE = ${10 + random.int(90)};`, '');
  return lines;
}

function componentFile(random, ts, index) {
  const noun = random.pick(NOUNS);
  const name = `${cap(noun)}List${index}`;
  const props = ts ? `{ title, limit = 20 }: { title: string; limit?: number }` : '{ title, limit = 20 }';
  const returns = ts ? ': JSX.Element' : '';
  const state = ts ? `<Array<{ id: string; name: string }>>` : '';
  const lines = [
    "import React, { useEffect, useMemo, useState } from 'react';",
    `import { load${cap(noun)}s } from '../api/${noun}s';`,
    '',
    `export function ${name}(${props})${returns} {`,
    `  const [items, setItems] = useState${state}([]);`,
    "  const [query, setQuery] = useState('');",
    '  const [error, setError] = useState(null);',
    '',
    '  useEffect(() => {',
    '    let cancelled = false;',
    `    load${cap(noun)}s({ limit })`,
    '      .then((loaded) => {',
    '        if (!cancelled) setItems(loaded);',
    '      })',
    '      .catch((reason) => setError(reason));',
    '    return () => {',
    '      cancelled = true;',
    '    };',
    '  }, [limit]);',
    '',
    '  const visible = useMemo(() => items.filter((item) => item.name.toLowerCase().includes(query.toLowerCase())), [items, query]);',
    '',
    '  if (error) return <p className="error">Could not load the list.</p>;',
    '  return (',
    `    <section className="${noun}-list ${random.chance(0.2) ? random.pick(SK_WORDS) : 'panel'}">`,
    '      <h2>{title}</h2>',
    '      <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search" />',
    '      <ul>',
    '        {visible.map((item) => (',
    '          <li key={item.id}>',
    '            <strong>{item.name}</strong>',
    '          </li>',
    '        ))}',
    '      </ul>',
    '    </section>',
    '  );',
    '}',
    '',
  ];
  for (let i = 0; i < 1 + random.int(3); i++) lines.push(...utilFunction(random, ts, i));
  return lines;
}

function routeFile(random, ts) {
  const noun = random.pick(NOUNS);
  const req = ts ? 'req: Request, res: Response, next: NextFunction' : 'req, res, next';
  const lines = [
    "import express from 'express';",
    ts ? "import type { NextFunction, Request, Response } from 'express';" : '',
    `import { db } from '../db';`,
    '',
    'export const router = express.Router();',
    '',
  ];
  for (const [method, path] of [
    ['get', `/${noun}s`],
    ['get', `/${noun}s/:id`],
    ['post', `/${noun}s`],
    ['delete', `/${noun}s/:id`],
  ]) {
    lines.push(
      `router.${method}('${path}', async (${req}) => {`,
      '  try {',
      `    const rows = await db.query('select * from ${noun}s where team_id = $1', [req.params.id ?? null]);`,
      '    if (rows.length === 0) {',
      `      res.status(404).json({ error: '${noun} not found' });`,
      '      return;',
      '    }',
      '    res.json({ data: rows, count: rows.length });',
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    );
  }
  return lines;
}

function openaiFile(random) {
  return [
    "import OpenAI from 'openai';",
    '',
    'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    '',
    `export async function summarize${random.int(1000)}(text: string): Promise<string> {`,
    "  const response = await openai.responses.create({ model: 'gpt-4.1-mini', input: `Summarize: ${text}` });",
    '  return response.output_text;',
    '}',
    '',
  ];
}

/** Writes the tree; returns what was planted (file and kind, never the value). */
function generateTree(dir, { files, seed }) {
  const random = makeRandom(seed);
  rmSync(dir, { recursive: true, force: true });
  const planted = [];
  let lines = 0;
  for (let i = 0; i < files; i++) {
    const roll = random.next();
    let path;
    let content;
    if (i % 100 === 7) {
      path = `src/ai/client${i}.ts`;
      content = openaiFile(random);
    } else if (roll < 0.4) {
      const ts = random.chance(0.6);
      path = `src/components/${cap(random.pick(NOUNS))}List${i}.${ts ? 'tsx' : 'jsx'}`;
      content = componentFile(random, ts, i);
    } else if (roll < 0.65) {
      const ts = random.chance(0.5);
      path = `src/routes/${random.pick(NOUNS)}s${i}.${ts ? 'ts' : 'js'}`;
      content = routeFile(random, ts);
    } else {
      const ts = random.chance(0.6);
      path = `src/utils/${random.pick(VERBS)}${i}.${ts ? 'ts' : 'js'}`;
      content = utilsFile(random, ts);
    }
    if (i === 11 || i === 211) {
      content.push(`export const legacyKey = '${plantedKey(random)}';`, '');
      planted.push({ path, rule: '@keyguard/no-openai-api-key' });
    }
    if (i === 111) {
      content.push(`// Temporary key for the demo: ${plantedKey(random)}`, '');
      planted.push({ path, rule: '@keyguard/no-openai-api-key' });
    }
    if (i === 311) {
      content.unshift("import OpenAI from 'openai';");
      content.push(`export const proxyClient = new OpenAI({ apiKey: '${plantedValue(random)}' });`, '');
      planted.push({ path, rule: '@keyguard/no-openai-key-assignment' });
    }
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content.join('\n'));
    lines += content.length;
  }
  return { files, lines, planted };
}

/** Reuses the tree when it was made by this generator with these options. */
function ensureTree(dir, options, force) {
  const manifestPath = join(dir, 'manifest.json');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.version === TREE_VERSION && manifest.files === options.files && manifest.seed === options.seed) return manifest;
  }
  const tree = generateTree(dir, options);
  const manifest = { version: TREE_VERSION, seed: options.seed, ...tree };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The two configs: a typical base rule set, and the same plus keyguard's recommended config. */
function writeConfigs(dir) {
  const tsParser = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('@typescript-eslint/parser')).href;
  const base = [
    `import tsParser from ${JSON.stringify(tsParser)};`,
    'const files = ["**/*.{js,jsx,ts,tsx}"];',
    'export const base = [',
    '  { ignores: ["*.mjs", "*.cjs", "manifest.json"] },',
    '  {',
    '    files,',
    '    languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },',
    '    rules: {',
    '      "no-unused-vars": "warn", "no-unreachable": "error", "no-dupe-keys": "error", "no-constant-condition": "error",',
    '      "eqeqeq": "error", "no-var": "error", "prefer-const": "error", "curly": ["error", "multi-line"],',
    '      "no-shadow": "warn", "no-empty": "error", "no-self-compare": "error", "no-useless-escape": "warn",',
    '      "no-fallthrough": "error", "no-redeclare": "error", "dot-notation": "warn", "no-else-return": "warn",',
    '    },',
    '  },',
    '  { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tsParser } },',
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
      // keyguard first, as docs/eslint.md says: the base's own TypeScript parser stays the one used.
      'export default [...keyguard.configs.recommended, ...base];',
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
    ['--require', join(dir, 'cpu-report.cjs'), ESLINT_BIN, '-c', config, '--format', format, 'src'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
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

/** Checks a keyguard run found exactly the planted findings: a fast rule that misses is no good. */
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

/** ESLint's per-rule times (TIMING=all): keyguard's rules against all rules. */
function ruleTiming(dir) {
  const { stdout } = runEslint(dir, 'keyguard.config.mjs', { TIMING: 'all' }, 'stylish');
  let total = 0;
  let keyguard = 0;
  for (const line of stdout.split('\n')) {
    const row = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)%/.exec(line.trim());
    if (!row) continue;
    const ms = Number(row[2]);
    total += ms;
    if (row[1].startsWith('@keyguard/')) keyguard += ms;
  }
  return { total, keyguard };
}

/**
 * The share of ESLint's CPU time spent in keyguard's code (the plugin and core, module loading
 * included), from a V8 CPU profile of one run with the recommended config: every sample whose
 * stack holds a keyguard frame counts. Sampling measures where this process spent its CPU, so
 * other load on the machine hardly moves it; the wall-time comparison swings more than that.
 */
function profiledShare(dir) {
  const profileDir = join(dir, '.profile');
  rmSync(profileDir, { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', profileDir, ESLINT_BIN, '-c', 'keyguard.config.mjs', '--format', 'json', 'src'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
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
 * The same comparison inside one process, paired per file: each file is linted with both configs
 * back to back (the order alternating), so a busy moment on the machine costs both sides alike.
 * What differs is only the rules' work, which is what the overhead is about.
 */
async function pairedOverhead(dir, passes) {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  const { Linter } = require('eslint');
  const load = async (name) => (await import(`${pathToFileURL(join(dir, name)).href}?t=${Date.now()}`)).default;
  const configs = { base: await load('base.config.mjs'), keyguard: await load('keyguard.config.mjs') };
  const linter = new Linter({ cwd: dir });
  const files = listFiles(join(dir, 'src')).map((file) => [file, readFileSync(file, 'utf8')]);
  const ratios = [];
  const totals = { base: [], keyguard: [] };
  for (let pass = 0; pass < passes; pass++) {
    const spent = { base: 0, keyguard: 0 };
    files.forEach(([file, text], index) => {
      const order = (index + pass) % 2 === 0 ? ['base', 'keyguard'] : ['keyguard', 'base'];
      for (const name of order) {
        const started = process.hrtime.bigint();
        linter.verify(text, configs[name], file);
        spent[name] += Number(process.hrtime.bigint() - started) / 1e6;
      }
    });
    totals.base.push(spent.base);
    totals.keyguard.push(spent.keyguard);
    ratios.push((spent.keyguard - spent.base) / spent.base);
  }
  return { overhead: median(ratios) * 100, base: median(totals.base), keyguard: median(totals.keyguard) };
}

function listFiles(folder) {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
    .sort();
}

/**
 * The eslint part of `npm run bench`: prints its table and returns { summary, ok }. ok is false
 * only when ESLint fails or the rules miss a planted finding; the overhead figure is reported
 * against the 5% aim, not enforced (wall time on a shared machine is noisy).
 */
export async function benchEslint({
  log = console.log,
  files = 450,
  runs = 3,
  passes = 3,
  seed = 3,
  force = false,
  dir = DEFAULT_DIR,
} = {}) {
  if (!existsSync(PLUGIN_ENTRY)) throw new Error('packages/eslint-plugin/dist is missing: run npm run build first');
  const tree = ensureTree(dir, { files, seed }, force);
  writeConfigs(dir);
  log(
    `eslint: ${tree.files} files, ${tree.lines.toLocaleString('en-US')} lines in ${dir.slice(REPO_ROOT.length + 1) || dir}; ${runs} runs each, interleaved, after one warm-up (TIMING=all)`,
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
  if (check.fatal > 0) throw new Error(`ESLint could not parse ${check.fatal} generated files`);
  const base = median(times.base);
  const withRules = median(times.keyguard);
  const overhead = ((withRules - base) / base) * 100;
  const baseCpu = median(cpu.base);
  const withRulesCpu = median(cpu.keyguard);
  const cpuOverhead = ((withRulesCpu - baseCpu) / baseCpu) * 100;
  const share = timing.total > 0 ? (timing.keyguard / timing.total) * 100 : 0;
  const paired = await pairedOverhead(dir, passes);
  const profiled = profiledShare(dir);

  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const signed = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
  const rows = [
    ['configuration', 'wall median', 'wall min', 'wall max', 'CPU median'],
    ['base rules (16 core rules)', seconds(base), seconds(Math.min(...times.base)), seconds(Math.max(...times.base)), seconds(baseCpu)],
    [
      'base + keyguard recommended',
      seconds(withRules),
      seconds(Math.min(...times.keyguard)),
      seconds(Math.max(...times.keyguard)),
      seconds(withRulesCpu),
    ],
  ];
  const pairedRows = [
    ['paired in one process (Linter, A/B per file)', 'base', 'with keyguard', 'overhead'],
    [`median of ${passes} passes`, seconds(paired.base), seconds(paired.keyguard), signed(paired.overhead)],
  ];
  const table = (lines) => {
    const widths = lines[0].map((_, column) => Math.max(...lines.map((row) => row[column].length)));
    for (const row of lines)
      log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  };
  table(rows);
  log(`overhead of the eslint command: ${signed(overhead)} wall time, ${signed(cpuOverhead)} CPU time`);
  log('');
  table(pairedRows);
  log(`overhead: ${signed(paired.overhead)}`);
  log('');
  log(
    `CPU profile of the eslint command with keyguard: ${profiled.keyguardMs.toFixed(0)} ms of ${profiled.totalMs.toFixed(0)} ms in keyguard's code ` +
      `(plugin + core, loading included) = ${profiled.share.toFixed(2)}%  (aim < ${AIM_PERCENT}%: ${profiled.share < AIM_PERCENT ? 'met' : 'NOT met'})`,
  );
  log(
    `keyguard rules' own time (ESLint TIMING=all, warm-up run): ${timing.keyguard.toFixed(1)} ms of ${timing.total.toFixed(1)} ms spent in rules (${share.toFixed(1)}%)`,
  );
  log(
    `findings: ${check.found} of ${tree.planted.length} planted${check.missed.length ? `; MISSED: ${check.missed.join(', ')}` : ''}${check.extra.length ? `; unexpected: ${check.extra.join(', ')}` : ''}`,
  );

  const ok = check.missed.length === 0 && check.extra.length === 0;
  const summary =
    `keyguard's rules take ${profiled.share.toFixed(2)}% of ESLint's CPU time over ${tree.files} files (profiled); ` +
    `paired per file ${signed(paired.overhead)}, eslint command ${signed(overhead)} wall / ${signed(cpuOverhead)} CPU; ${check.found}/${tree.planted.length} planted found`;
  return {
    summary,
    ok,
    base,
    withRules,
    overhead,
    cpuOverhead,
    pairedOverhead: paired.overhead,
    profiledShare: profiled.share,
    ruleShare: share,
    found: check.found,
    planted: tree.planted.length,
  };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--files' || arg === '--runs' || arg === '--passes' || arg === '--seed') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${arg} expects a positive whole number`);
      options[arg.slice(2)] = value;
    } else {
      throw new Error(
        `unknown option ${arg}. Usage: node scripts/bench/eslint.mjs [--files 450] [--runs 3] [--passes 3] [--seed 3] [--force]`,
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
