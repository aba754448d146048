/**
 * The editor and CI agree at scale (issue 8): the real `eslint` binary with
 * `configs.recommended` and `keyguard scan` over (a) a large seeded tree of JS/TS files that
 * mixes keys, values at sinks, constants, placeholders, keyguard-ignore and allow lists, and
 * (b) every example of every core rule record, as code and inside a comment. ESLint must report
 * every place the CLI reports, and more only where the syntax tree sees what text cannot
 * (docs/eslint.md, "ESLint and keyguard scan agree"): those places are generated on purpose
 * and asserted one by one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileUserPattern, rules as coreRules, scanText } from '@keyguard/core';
import { decodePeerCase, FAKE_KEY_SHAPES, fakeKey, fakeValue, fillExample, seededRandom } from '@keyguard/test-utils';
import { cliPlaces, eslintPlaces, missingFrom, writeEslintConfig, type EslintRun, type Place } from './agreement';

const FILES = 400;
const EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'] as const;
type Extension = (typeof EXTENSIONS)[number];
const SK = decodePeerCase('{sk}');

/** Values the allow lists accept, in both tools: a local gateway's token and one admin key shape. */
const ALLOW = ['local-dev-[0-9a-f]{16}', `${SK}admin-[A-Za-z0-9_-]+`];

/** One generated snippet: its lines, and the values in it only the syntax tree can see. */
interface Snippet {
  lines: string[];
  astOnly?: string[];
}

type Maker = (n: number, ext: Extension) => Snippet | undefined;

const isJsx = (ext: Extension): boolean => ext === 'jsx' || ext === 'tsx';
const isTs = (ext: Extension): boolean => ext === 'ts' || ext === 'tsx' || ext === 'mts' || ext === 'cts';
const key = (n: number): string => fakeKey(FAKE_KEY_SHAPES[n % FAKE_KEY_SHAPES.length], 1000 + n);
const value = (n: number): string => fakeValue(1000 + n);

/** Snippets both tools must report, or both must not. */
const agreed: Maker[] = [
  (n) => ({ lines: [`export const s${n} = '${key(n)}';`] }),
  (n) => ({ lines: [`export const t${n} = \`Authorization: Bearer ${key(n)}\`;`] }),
  (n) => ({ lines: [`// rotated since: ${key(n)} (revoked)`] }),
  (n) => ({ lines: ['/*', ` * old: ${key(n)}`, ' */'] }),
  (n) => ({ lines: [`export const c${n} = new OpenAI({ apiKey: '${value(n)}' });`] }),
  (n) => ({ lines: [`export const z${n} = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com', apiKey: '${value(n)}' });`] }),
  (n) => ({ lines: [`const key${n} = '${value(n)}';`, `export const d${n} = new OpenAI({ apiKey: key${n} });`] }),
  (n) => ({ lines: [`process.env.OPENAI_API_KEY = '${value(n)}';`] }),
  (n) => ({ lines: [`export const OPENAI_API_KEY_${n} = '${value(n)}';`] }),
  (n) => ({ lines: [`export const w${n} = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '${value(n)}' });`] }),
  (n) => ({ lines: [`export const p${n} = new OpenAI({ apiKey: 'your-api-key-here' });`] }),
  (n) => ({ lines: [`export const shown${n} = '${SK}...';`, `export const masked${n} = '${SK}proj-****abcd';`] }),
  (n) => ({ lines: [`export const e${n} = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`] }),
  (n) => ({ lines: [`export const an${n} = new Anthropic({ apiKey: '${value(n)}' });`] }),
  (n) => ({ lines: [`export const ig${n} = '${key(n)}'; // keyguard-ignore`] }),
  (n) => ({ lines: ['// keyguard-ignore-next-line', `export const ign${n} = new OpenAI({ apiKey: '${value(n)}' });`] }),
  (n) => ({ lines: [`export const al${n} = new OpenAI({ apiKey: 'local-dev-${value(n).slice(0, 16)}' });`] }),
  (n) => ({ lines: [`export const ak${n} = '${fakeKey('admin', 2000 + n)}';`] }),
  (n) => ({ lines: [`export const desk${n} = 'desk-top risk-free task-runner';`] }),
  (n) => ({ lines: [`export function f${n}(a) {`, `  return a * ${n};`, '}'] }),
  (n, ext) => (isJsx(ext) ? { lines: [`export const V${n} = () => <Chat openaiApiKey="${value(n)}" />;`] } : undefined),
  (n, ext) => (isJsx(ext) ? { lines: [`export const P${n} = () => <p>{'x'} ${key(n)}</p>;`] } : undefined),
  (n, ext) => (isTs(ext) ? { lines: [`export const OPENAI_KEY_${n}: string = '${value(n)}' as string;`] } : undefined),
  // A logical assignment assigns all the same (core reads `??=` and `||=` since issue 9's fifth round).
  (n) => ({ lines: [`process.env.OPENAI_API_KEY ??= '${value(n)}';`] }),
];

/** Snippets only the syntax tree sees through (docs/eslint.md lists them): ESLint reports, the CLI does not. */
const astOnly: Maker[] = [
  (n) => {
    const secret = value(n);
    return {
      lines: [`const options${n} = { apiKey: '${secret}', maxRetries: 2 };`, `export const o${n} = new OpenAI(options${n});`],
      astOnly: [secret],
    };
  },
  (n) => {
    const secret = value(n);
    return { lines: [`export const m${n} = new ChatOpenAI({ configuration: { apiKey: '${secret}' } });`], astOnly: [secret] };
  },
  (n) => {
    const secret = value(n);
    return { lines: [`const client${n} = new OpenAI();`, `client${n}.apiKey = '${secret}';`], astOnly: [secret] };
  },
  (n, ext) => {
    if (!isJsx(ext)) return undefined;
    const secret = value(n);
    return { lines: [`export const X${n} = () => <Chat openaiApiKey={'${secret}'} />;`], astOnly: [secret] };
  },
];

interface Tree {
  files: Record<string, string>;
  /** The places where only ESLint must report (`file:line:column openai-key-assignment`). */
  astOnly: Set<Place>;
}

/** The seeded tree: FILES files over the eight extensions, each 3 to 12 snippets. */
function generateTree(): Tree {
  const random = seededRandom(8);
  const files: Record<string, string> = {};
  const astOnlyPlaces = new Set<Place>();
  let counter = 0;
  for (let index = 0; index < FILES; index++) {
    const ext = EXTENSIONS[index % EXTENSIONS.length];
    const path = `src/${['app', 'lib', 'components', 'config'][index % 4]}/file${index}.${ext}`;
    // Most files mention OpenAI (an import); a few do not, and there only keys are reported.
    const lines: string[] = index % 7 === 6 ? [] : ["import OpenAI, { AzureOpenAI } from 'openai';", ''];
    const secrets: string[] = [];
    const count = 3 + Math.floor(random() * 10);
    for (let i = 0; i < count; i++) {
      const pool = random() < 0.15 ? astOnly : agreed;
      const snippet = pool[Math.floor(random() * pool.length)](counter++, ext);
      if (!snippet) continue;
      lines.push(...snippet.lines);
      secrets.push(...(snippet.astOnly ?? []));
    }
    lines.push('');
    if (ext === 'cjs') {
      // CommonJS: `require` for the import, no `export` (a .cjs file is parsed as a script).
      lines.forEach((line, at) => {
        lines[at] = line.startsWith('import ')
          ? "const { default: OpenAI, AzureOpenAI } = require('openai');"
          : line.replace(/^export /, '');
      });
    }
    // In a file that names an Azure OpenAI host, core also reads a 32-hex value after an API-key
    // name (openai-key-assignment's azureHostKey matcher): such a place is both tools', not the tree's alone.
    const text = lines.join('\n');
    const coreSees = text.includes('.openai.azure.com') ? scanText(text, { path }) : [];
    for (const secret of secrets) {
      const line = lines.findIndex((text) => text.includes(secret));
      const column = lines[line].indexOf(secret) + 1;
      if (coreSees.some((finding) => finding.line === line + 1 && finding.column === column)) continue;
      astOnlyPlaces.add(`${path}:${line + 1}:${column} openai-key-assignment`);
    }
    files[path] = text;
  }
  return { files, astOnly: astOnlyPlaces };
}

/** Every example of every rule record, as code (.js and .tsx) and inside a block comment. */
function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  let variant = 3000;
  for (const rule of coreRules) {
    const kinds = { tp: rule.examples.truePositives, fp: rule.examples.falsePositives };
    for (const [kind, templates] of Object.entries(kinds)) {
      templates.forEach((template, index) => {
        const base = `src/${rule.id}/${kind}${index}`;
        files[`${base}.js`] = `${fillExample(template, variant++)}\n`;
        files[`${base}.tsx`] = `${fillExample(template, variant++)}\n`;
        const code = fillExample(template, variant++);
        if (!code.includes('*/')) files[`${base}-comment.js`] = `/*\n${code}\n*/\nexport {};\n`;
      });
    }
  }
  return files;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The places of files ESLint parsed: a file that is not JavaScript (a YAML example) is the CLI's alone. */
const parsedOnly = (places: Set<Place>, eslint: EslintRun): Set<Place> =>
  new Set([...places].filter((place) => !eslint.unparsed.has(place.slice(0, place.indexOf(':')))));

describe('a seeded tree of 400 JS/TS files: eslint and keyguard scan', () => {
  let dir = '';
  let tree: Tree;
  let eslint: EslintRun;
  let cli: ReturnType<typeof cliPlaces>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-agree-tree-'));
    tree = generateTree();
    writeFiles(dir, tree.files);
    writeEslintConfig(dir, { allow: ALLOW });
    writeFileSync(join(dir, 'keyguard.config.json'), JSON.stringify({ allow: ALLOW }));
    eslint = eslintPlaces(dir);
    cli = cliPlaces(dir, 'src', ['--config', join(dir, 'keyguard.config.json')]);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses every file', () => {
    expect(eslint.fatal).toEqual([]);
    expect(Object.keys(tree.files)).toHaveLength(FILES);
  });

  it('ESLint reports every place keyguard scan reports', () => {
    expect(missingFrom(cli.places, eslint.places)).toEqual([]);
    // Enough of each rule that the comparison means something.
    const byRule = (rule: string): number => [...cli.places].filter((place) => place.endsWith(` ${rule}`)).length;
    expect(byRule('openai-api-key')).toBeGreaterThan(200);
    expect(byRule('openai-key-assignment')).toBeGreaterThan(200);
  });

  it('ESLint reports more only where the syntax tree sees through', () => {
    const extra = missingFrom(eslint.places, cli.places);
    // Every place generated for the syntax tree alone is ESLint's only.
    expect([...tree.astOnly].filter((place) => !extra.includes(place))).toEqual([]);
    expect(tree.astOnly.size).toBeGreaterThan(50);
    expect(extra.filter((place) => !tree.astOnly.has(place))).toEqual([]);
  });

  it('honours both allow lists: the allowed values are findings without them', () => {
    const local = `local-dev-${value(1).slice(0, 16)}`;
    const allowed = [`new OpenAI({ apiKey: '${local}' });`, `const k = '${fakeKey('admin', 2001)}';`];
    for (const code of allowed) {
      const text = `import OpenAI from 'openai';\n${code}\n`;
      expect(scanText(text, { path: 'a.js' })).toHaveLength(1);
      expect(scanText(text, { path: 'a.js', allow: ALLOW.map((pattern) => compileUserPattern(pattern)) })).toEqual([]);
    }
  });
});

describe('every example of every rule record: eslint and keyguard scan', () => {
  let dir = '';
  let files: Record<string, string>;
  let eslint: EslintRun;
  let cli: ReturnType<typeof cliPlaces>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-agree-examples-'));
    files = exampleFiles();
    writeFiles(dir, files);
    writeEslintConfig(dir);
    eslint = eslintPlaces(dir);
    cli = cliPlaces(dir);
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report the same places on every example ESLint can parse', () => {
    const fromCli = parsedOnly(cli.places, eslint);
    expect(missingFrom(fromCli, eslint.places)).toEqual([]);
    expect(missingFrom(eslint.places, fromCli)).toEqual([]);
  });

  it('parse every example inside a comment, and enough examples as code', () => {
    const comments = Object.keys(files).filter((path) => path.endsWith('-comment.js'));
    expect(comments.filter((path) => eslint.unparsed.has(path))).toEqual([]);
    const code = Object.keys(files).filter((path) => !path.endsWith('-comment.js'));
    expect(code.length - code.filter((path) => eslint.unparsed.has(path)).length).toBeGreaterThan(60);
  });

  it('find keys and values in the examples, in comments and in code', () => {
    const count = (suffix: string): number => [...cli.places].filter((place) => place.split(':')[0].endsWith(suffix)).length;
    expect(count('-comment.js')).toBeGreaterThan(40);
    expect(count('.tsx')).toBeGreaterThan(20);
  });
});

describe('a call below a line that ends in a bare word', () => {
  // Was a gap of core's text rule (engine/assignment's enclosingCallee took `warmUp` alone on
  // the line above, or a comment ending in a long key, for a section's header and missed the
  // call); both tools report it now.
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-agree-gap-'));
    const code = ["import OpenAI from 'openai';", 'warmUp', `export const c = new OpenAI({ apiKey: '${value(7)}' });`, ''];
    writeFiles(dir, { 'src/gap.js': code.join('\n') });
    writeEslintConfig(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ESLint and keyguard scan both report the value in the call', () => {
    expect([...eslintPlaces(dir).places]).toEqual(['src/gap.js:3:40 openai-key-assignment']);
    expect([...cliPlaces(dir).places]).toEqual(['src/gap.js:3:40 openai-key-assignment']);
  });
});
