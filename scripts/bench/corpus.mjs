// The benchmark corpus: a few thousand files of realistic mixed source (Python, JS/TS,
// minified JS, JSON, lockfiles, YAML, Markdown, Go, Java, logs), about 200 MB, written to
// .bench/corpus (git-ignored) and reused while the seed, size and CORPUS_VERSION match.
//
// It is made to exercise the prefilter the way real repositories do: words that hold `sk-`
// (task-, desk-, risk-, mask-), OpenAI imports that read the key from the environment, and a
// few hundred planted fake keys. The keys are assembled at run time from random characters and
// the marker, so this file holds no key-shaped literal; the manifest beside the corpus lists
// where each was planted (file and line, never the key), for the recall check.
//
// Two profiles. `hard` (the default, .bench/corpus) is made hard on purpose: 12% of the files
// hold `sk-`, 11% an OpenAI spelling, so the patterns run on a fifth of the bytes. `typical`
// (.bench/corpus-typical) is a repository as they usually are: about 1% of the files mention
// OpenAI and 0.1% hold `sk-`, so nearly every byte is only read and prefiltered.
//
// Usage: node scripts/bench/corpus.mjs [--profile hard|typical] [--mb 200] [--seed 1] [--dir .bench/corpus] [--force]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fakeKey, makeRandom } from './fake-keys.mjs';

/** Bump when the generator changes, so a cached corpus is rebuilt. */
export const CORPUS_VERSION = 8;
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CORPUS_DIR = join(REPO_ROOT, '.bench', 'corpus');

/**
 * How often files get `sk-` words, an OpenAI header, a planted key. `hard` keeps the numbers
 * the corpus always had (and so the same files); `typical` is a usual repository.
 */
export const PROFILES = {
  hard: { skWordFiles: 0.1, headerShare: 0.08 * 2, plantShare: 0.08 * 0.7 },
  typical: { skWordFiles: 0.0005, headerShare: 0.012, plantShare: 0.001 },
};
export const corpusDirFor = (profile) => (profile === 'hard' ? DEFAULT_CORPUS_DIR : join(REPO_ROOT, '.bench', `corpus-${profile}`));
let profileShares = PROFILES.hard;

// Assembled, never written whole: see the header.
const SK = ['s', 'k'].join('') + '-';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Planted keys come from the repository's one fake-key helper; the corpus seed picks the variant.
const KEY_SHAPES = ['legacy', 'proj', 'legacy-b64url', 'svcacct', 'admin', 'unmarked'].map(
  (shape) => (r) => fakeKey(shape, r.int(1_000_000_000)),
);

// ---- vocabulary -------------------------------------------------------------------------

const WORDS = (
  'user account order item price total count index value result error status request response ' +
  'client server config options handler service manager factory builder parser reader writer ' +
  'buffer stream cache queue worker job event message payload header token session ' +
  'record table column schema model view controller route path file folder name label title ' +
  'description enabled timeout retries limit offset page size width height color theme layout ' +
  'module package version build deploy release commit branch merge review report metric'
).split(' ');
// Set per file: one file in ten uses such words at all. Real code has far fewer (0.1% of the
// 8000 JS/TS/JSON/Markdown files in this repository's node_modules hold `sk-`), so the corpus
// makes the prefilter pass more files to the patterns than a real repository would.
let skWordsInFile = false;
const skChance = (r, p) => skWordsInFile && r.chance(p);
const SK_WORDS = [
  'task-runner',
  'desk-top',
  'risk-level',
  'mask-image',
  'disk-usage',
  'kiosk-mode',
  'task-queue',
  'ask-user',
  'husk-node',
  'brisk-walk',
];

function ident(r, style = 'camel') {
  const a = r.pick(WORDS);
  const b = r.pick(WORDS);
  if (style === 'snake') return `${a}_${b}`;
  if (style === 'pascal') return a[0].toUpperCase() + a.slice(1) + b[0].toUpperCase() + b.slice(1);
  if (style === 'kebab') return `${a}-${b}`;
  return a + b[0].toUpperCase() + b.slice(1);
}
const sentence = (r, n = 8 + r.int(10)) => Array.from({ length: n }, () => r.pick(WORDS)).join(' ');
const hex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(16)]).join('');
const b64 = (r, n) => Array.from({ length: n }, () => (ALNUM + '+/')[r.int(64)]).join('');

// ---- line generators per file type --------------------------------------------------------
// Each returns one line (or a few); `sk` adds a word holding `sk-` now and then.

const python = (r) => {
  switch (r.int(9)) {
    case 0:
      return `def ${ident(r, 'snake')}(${ident(r, 'snake')}, ${ident(r, 'snake')}=None):`;
    case 1:
      return `    ${ident(r, 'snake')} = ${ident(r, 'snake')}.get("${r.pick(WORDS)}", ${r.int(1000)})`;
    case 2:
      return `    if ${ident(r, 'snake')} is None:\n        raise ValueError("${sentence(r, 5)}")`;
    case 3:
      return `    # ${sentence(r)}`;
    case 4:
      return `class ${ident(r, 'pascal')}(${ident(r, 'pascal')}):\n    """${sentence(r)}"""`;
    case 5:
      return `    return [${ident(r, 'snake')} for ${r.pick(WORDS)} in ${ident(r, 'snake')} if ${r.pick(WORDS)}]`;
    case 6:
      return `    logger.info("${skChance(r, 0.3) ? r.pick(SK_WORDS) + ' ' : ''}${sentence(r, 6)} %s", ${ident(r, 'snake')})`;
    case 7:
      return `from ${r.pick(WORDS)}.${r.pick(WORDS)} import ${ident(r, 'pascal')}, ${ident(r, 'snake')}`;
    default:
      return '';
  }
};

const javascript = (r) => {
  switch (r.int(9)) {
    case 0:
      return `export function ${ident(r)}(${ident(r)}, ${ident(r)} = {}) {`;
    case 1:
      return `  const ${ident(r)} = await ${ident(r)}.${r.pick(WORDS)}(${ident(r)}, { ${r.pick(WORDS)}: ${r.int(100)} });`;
    case 2:
      return `  if (!${ident(r)}) throw new Error('${sentence(r, 5)}');`;
    case 3:
      return `  // ${sentence(r)}`;
    case 4:
      return `import { ${ident(r, 'pascal')}, ${ident(r)} } from '${r.chance(0.5) ? '@' : './'}${ident(r, 'kebab')}';`;
    case 5:
      return `  return ${ident(r)}.map((${r.pick(WORDS)}) => ${r.pick(WORDS)}.${r.pick(WORDS)}).filter(Boolean);`;
    case 6:
      return `  element.classList.add('${skChance(r, 0.4) ? r.pick(SK_WORDS) : ident(r, 'kebab')}');`;
    case 7:
      return '}';
    default:
      return `  ${ident(r)}.${ident(r)} = ${ident(r)} ?? ${JSON.stringify(r.pick(WORDS))};`;
  }
};

const typescript = (r) => {
  switch (r.int(4)) {
    case 0:
      return `export interface ${ident(r, 'pascal')} {\n  ${ident(r)}: string;\n  ${ident(r)}?: number;\n}`;
    case 1:
      return `type ${ident(r, 'pascal')} = '${r.pick(WORDS)}' | '${r.pick(WORDS)}' | '${r.pick(WORDS)}';`;
    default:
      return javascript(r);
  }
};

const go = (r) => {
  switch (r.int(7)) {
    case 0:
      return `func (s *${ident(r, 'pascal')}) ${ident(r, 'pascal')}(ctx context.Context, ${ident(r)} string) (*${ident(r, 'pascal')}, error) {`;
    case 1:
      return `\t${ident(r)}, err := s.${ident(r)}.${ident(r, 'pascal')}(ctx, ${ident(r)})`;
    case 2:
      return '\tif err != nil {\n\t\treturn nil, fmt.Errorf("' + sentence(r, 4) + ': %w", err)\n\t}';
    case 3:
      return `\t// ${sentence(r)}`;
    case 4:
      return `type ${ident(r, 'pascal')} struct {\n\t${ident(r, 'pascal')} string \`json:"${ident(r, 'snake')}"\`\n}`;
    case 5:
      return '}';
    default:
      return `\t${ident(r)} := make(map[string]int, ${r.int(64)})`;
  }
};

const java = (r) => {
  switch (r.int(7)) {
    case 0:
      return `    public ${ident(r, 'pascal')} ${ident(r)}(final ${ident(r, 'pascal')} ${ident(r)}) throws IOException {`;
    case 1:
      return `        final var ${ident(r)} = this.${ident(r)}.${ident(r)}(${ident(r)});`;
    case 2:
      return `        LOG.debug("${sentence(r, 6)} {}", ${ident(r)});`;
    case 3:
      return `    /** ${sentence(r)} */`;
    case 4:
      return `import com.${r.pick(WORDS)}.${r.pick(WORDS)}.${ident(r, 'pascal')};`;
    case 5:
      return '    }';
    default:
      return `        ${ident(r)}.put("${ident(r, 'kebab')}", ${ident(r)});`;
  }
};

const json = (r) => `  "${ident(r)}": ${r.chance(0.5) ? JSON.stringify(sentence(r, 4)) : r.int(100000)},`;

const yaml = (r) => {
  switch (r.int(5)) {
    case 0:
      return `${ident(r, 'snake')}:`;
    case 1:
      return `  ${ident(r, 'snake')}: ${r.pick(WORDS)}`;
    case 2:
      return `  - name: ${skChance(r, 0.3) ? r.pick(SK_WORDS) : ident(r, 'kebab')}\n    image: ${r.pick(WORDS)}:${r.int(20)}.${r.int(10)}`;
    case 3:
      return `  # ${sentence(r)}`;
    default:
      return `    ${ident(r, 'snake')}: "${sentence(r, 3)}"`;
  }
};

const markdown = (r) => {
  switch (r.int(6)) {
    case 0:
      return `## ${sentence(r, 4)}`;
    case 1:
      return `- ${sentence(r)} (${skChance(r, 0.3) ? r.pick(SK_WORDS) : r.pick(WORDS)})`;
    case 2:
      return '```sh\nnpm install ' + ident(r, 'kebab') + '\n```';
    default:
      return sentence(r, 20 + r.int(20)) + '.';
  }
};

const log = (r) => {
  const level = r.pick(['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR']);
  const t = `2026-11-${String(1 + r.int(28)).padStart(2, '0')}T${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}.${r.int(1000)}Z`;
  return `${t} ${level} [${skChance(r, 0.5) ? 'task-' + r.int(100000) : ident(r, 'kebab')}] ${sentence(r, 6)} id=${hex(r, 16)} ms=${r.int(5000)}`;
};

const minified = (r) => {
  const parts = [];
  for (let i = 0; i < 200; i++) {
    const a = 'abcdefghijklmnopqrstuvwxyz'[r.int(26)] + (r.chance(0.5) ? r.int(10) : '');
    parts.push(
      r.pick([
        `var ${a}=${r.int(1000)};`,
        `function ${a}(e,t){return e.${r.pick(WORDS)}(t)}`,
        `${a}.prototype.${r.pick(WORDS)}=function(n){this.${r.pick(WORDS)}=n};`,
        `if(!${a})throw new Error("${r.pick(WORDS)}");`,
        `${a}.exports={${r.pick(WORDS)}:${a},${r.pick(WORDS)}:"${skChance(r, 0.1) ? r.pick(SK_WORDS) : r.pick(WORDS)}"};`,
      ]),
    );
  }
  return parts.join('');
};

const lockfile = (r) => {
  const name = ident(r, 'kebab');
  const v = `${r.int(10)}.${r.int(30)}.${r.int(20)}`;
  return `    "node_modules/${name}": {\n      "version": "${v}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${v}.tgz",\n      "integrity": "sha512-${b64(r, 86)}==",\n      "dev": true\n    },`;
};

// Headers that read the key the right way (never findings) in files that use OpenAI.
const openaiHeader = {
  py: () => 'import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
  js: () => "import OpenAI from 'openai';\n\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
  ts: () => "import OpenAI from 'openai';\n\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '' });\n",
  yaml: () => 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n',
  md: () => 'Set `OPENAI_API_KEY` in your environment before running the OpenAI examples.\n',
};

// How a planted key appears, per type (the key is inserted where `{KEY}` is).
const plantings = {
  py: ['OPENAI_API_KEY = "{KEY}"', '    client = OpenAI(api_key="{KEY}")', '# old key: {KEY}'],
  js: ["const apiKey = '{KEY}';", '  headers: { Authorization: `Bearer {KEY}` },'],
  ts: ["export const OPENAI_KEY = '{KEY}';"],
  json: ['  "openaiKey": "{KEY}",'],
  yaml: ['  OPENAI_API_KEY: {KEY}'],
  md: ['curl -H "Authorization: Bearer {KEY}" https://api.openai.com/v1/models'],
  go: ['\tclient := openai.NewClient("{KEY}")'],
  java: ['        String key = "{KEY}";'],
  log: ['2026-11-02T10:00:00.000Z DEBUG [config] loaded key={KEY}'],
};

/** File types: extension, share of the bytes, line generator, whether OpenAI headers apply. */
const TYPES = [
  { ext: 'py', weight: 16, line: python, header: 'py' },
  { ext: 'js', weight: 12, line: javascript, header: 'js' },
  { ext: 'ts', weight: 12, line: typescript, header: 'ts' },
  { ext: 'min.js', weight: 8, line: minified, plant: 'js' },
  { ext: 'json', weight: 8, line: json, wrap: ['{', '  "end": true\n}'] },
  {
    ext: 'lock.json',
    weight: 6,
    line: lockfile,
    wrap: ['{\n  "lockfileVersion": 3,\n  "packages": {', '    "": {}\n  }\n}'],
    plant: 'json',
  },
  { ext: 'yaml', weight: 6, line: yaml, header: 'yaml' },
  { ext: 'md', weight: 8, line: markdown, header: 'md' },
  { ext: 'go', weight: 10, line: go, wrap: ['package main\n\nimport (\n\t"context"\n\t"fmt"\n)\n', ''] },
  { ext: 'java', weight: 8, line: java, wrap: ['package com.example;\n\npublic class Main {', '}'] },
  { ext: 'log', weight: 6, line: log },
];

function pickType(r) {
  const total = TYPES.reduce((sum, type) => sum + type.weight, 0);
  let at = r.next() * total;
  for (const type of TYPES) {
    at -= type.weight;
    if (at < 0) return type;
  }
  return TYPES[0];
}

/** Log-uniform between 1 and 200 KB: many small files, some large ones, as repositories have. */
const fileSize = (r) => Math.round(1024 * Math.exp(r.next() * Math.log(200)));

function buildFile(r, type, size, plant) {
  const lines = [];
  let bytes = 0;
  const push = (text) => {
    for (const line of text.split('\n')) {
      lines.push(line);
      bytes += line.length + 1;
    }
  };
  skWordsInFile = r.chance(profileShares.skWordFiles);
  if (type.wrap) push(type.wrap[0]);
  if (type.header && r.chance(profileShares.headerShare)) push(openaiHeader[type.header]());
  const plantAt = plant ? r.next() : -1;
  const planted = [];
  while (bytes < size) {
    if (plant && planted.length === 0 && bytes >= plantAt * size) {
      const template = r.pick(plantings[type.plant ?? type.ext]);
      planted.push(lines.length + 1);
      push(template.replace('{KEY}', plant));
      continue;
    }
    push(type.line(r));
  }
  if (plant && planted.length === 0) {
    planted.push(lines.length + 1);
    push(r.pick(plantings[type.plant ?? type.ext]).replace('{KEY}', plant));
  }
  if (type.wrap?.[1]) push(type.wrap[1]);
  return { text: lines.join('\n') + '\n', planted };
}

function stampOf(options) {
  // The hard profile's stamp is the one it always had, so an existing corpus is reused.
  return {
    version: CORPUS_VERSION,
    seed: options.seed,
    mb: options.mb,
    ...(options.profile === 'hard' ? {} : { profile: options.profile }),
  };
}

/**
 * Makes sure the corpus exists; returns its folder, file count, bytes and planted keys
 * (file and line only). Reuses a corpus built with the same version, seed and size.
 */
export function ensureCorpus({ profile = 'hard', dir = corpusDirFor(profile), mb = 200, seed = 1, force = false, log = console.log } = {}) {
  if (!PROFILES[profile]) throw new Error(`unknown corpus profile ${profile} (${Object.keys(PROFILES).join(', ')})`);
  const manifestFile = `${dir}.manifest.json`;
  const stamp = stampOf({ seed, mb, profile });
  if (!force && existsSync(manifestFile) && existsSync(dir)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify(manifest.stamp) === JSON.stringify(stamp)) return { dir, ...manifest, reused: true };
  }
  log(`corpus: generating ${mb} MB into ${dir} (profile ${profile}, seed ${seed}, version ${CORPUS_VERSION})…`);
  profileShares = PROFILES[profile];
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  rmSync(manifestFile, { force: true });
  const r = makeRandom(seed);
  const target = mb * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  const planted = [];
  // How many files the prefilter must pass on: what makes a corpus easy or hard.
  let withSk = 0;
  let withOpenAI = 0;
  while (bytes < target) {
    const type = pickType(r);
    const folder = join(`repo-${String(r.int(8)).padStart(2, '0')}`, ident(r, 'kebab'), r.pick(['src', 'lib', 'test', 'docs', 'config']));
    const path = join(folder, `${ident(r, 'snake')}-${files}.${type.ext}`);
    const plant = r.chance(profileShares.plantShare) ? r.pick(KEY_SHAPES)(r) : undefined;
    const { text, planted: lines } = buildFile(r, type, fileSize(r), plant);
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, path), text);
    for (const line of lines) planted.push({ file: path.split('\\').join('/'), line });
    bytes += Buffer.byteLength(text);
    files++;
    if (text.includes(SK)) withSk++;
    if (/open_?ai/i.test(text)) withOpenAI++;
  }
  const manifest = { stamp, files, bytes, withSk, withOpenAI, planted };
  writeFileSync(manifestFile, JSON.stringify(manifest));
  log(
    `corpus: ${files} files, ${(bytes / 1048576).toFixed(1)} MB, ${planted.length} planted keys, ${withSk} files with sk-, ${withOpenAI} with OpenAI, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { dir, ...manifest, reused: false };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
  };
  const profile = value('--profile', 'hard');
  const corpus = ensureCorpus({
    profile,
    dir: resolve(value('--dir', corpusDirFor(profile))),
    mb: Number(value('--mb', 200)),
    seed: Number(value('--seed', 1)),
    force: args.includes('--force'),
  });
  console.log(
    `corpus: ${corpus.dir}: ${corpus.files} files, ${(corpus.bytes / 1048576).toFixed(1)} MB, ${corpus.planted.length} planted keys${corpus.reused ? ' (reused)' : ''}`,
  );
}
