/**
 * One core, one answer: the real `eslint` binary with the recommended config and
 * `keyguard scan` must report the same places on the same generated files. A disagreement is
 * a bug in one place, core (DESIGN.md). A constant passed to a sink on another line is seen by
 * both (scope analysis in ESLint, a bounded look-back in core) and asserted separately.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAKE_KEY_SHAPES, fakeKey, fakeValue } from '@keyguard/test-utils';
import { cliPlaces, eslintPlaces, writeEslintConfig, type Place } from './agreement';
import { fill } from './support';

/** Files both tools must agree on: keys everywhere, literals at sinks, and things that are not findings. */
const agreed: Record<string, string> = {
  'src/client.js': [
    "import OpenAI from 'openai';",
    "export const openai = new OpenAI({ apiKey: '{key:proj}' });",
    "export const backup = new OpenAI({ apiKey: '{value}' });",
    'export const fromEnv = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    '',
  ].join('\n'),
  'src/legacy.mjs': [
    "import OpenAI from 'openai';",
    "openai.apiKey = '{value}';",
    "process.env.OPENAI_API_KEY = '{value}';",
    '// The old key was {key:legacy}, rotated since.',
    "const shown = 'sk-...';",
    '',
  ].join('\n'),
  'src/config.ts': [
    "export const OPENAI_API_KEY = '{value}';",
    "export const fallback: string = process.env.OPENAI_API_KEY ?? '';",
    "export const placeholder = 'your-api-key-here';",
    'export const header = `Bearer {key:svcacct}`;',
    "const ignored = '{key:admin}'; // keyguard-ignore",
    '',
  ].join('\n'),
  'src/llm.ts': [
    "import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';",
    "import { createOpenAI } from '@ai-sdk/openai';",
    "import { AzureOpenAI } from 'openai';",
    "export const model = new ChatOpenAI({ openAIApiKey: '{value}', temperature: 0 });",
    'export const embeddings = new OpenAIEmbeddings({',
    "  openAIApiKey: '{value}',",
    '});',
    "export const vercel = createOpenAI({ apiKey: '{value}' });",
    "export const azure = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com', apiKey: '{value}' });",
    'export const vite = new AzureOpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });',
    '',
  ].join('\n'),
  'src/components/Chat.jsx': [
    "import OpenAI from 'openai';",
    'export const Chat = () => (',
    '  <section>',
    '    <Widget apiKey="{key:none}" />',
    '    <p>Key: {key:unmarked}</p>',
    '    <Panel openaiApiKey="{value}" />',
    '  </section>',
    ');',
    '',
  ].join('\n'),
  'src/components/Settings.tsx': [
    'export function Settings(props: { value: string }): JSX.Element {',
    '  const pattern = /{key:legacy}/;',
    '  return <input placeholder="sk-proj-..." value={props.value} data-key={`{key:proj-short}`} />;',
    '}',
    '',
  ].join('\n'),
  // ESLint's own line directives naming a keyguard rule silence both tools (core reads them too).
  'src/directives.ts': [
    "import OpenAI from 'openai';",
    "export const a = '{key:admin}'; // eslint-disable-line @keyguard/no-openai-api-key",
    '// eslint-disable-next-line @keyguard/no-openai-key-assignment -- a local proxy token',
    "export const local = new OpenAI({ apiKey: '{value}' });",
    '/* eslint-disable-next-line @keyguard/no-openai-api-key */',
    'export const b = `{key:named}`;',
    "export const c = '{key:none}'; // keyguard-ignore",
    '',
  ].join('\n'),
  'src/clean.ts': "export const desk = 'desk-top risk-free task-runner';\nexport const other = 'sk_live_' + 'x';\n",
};

/** Every key shape in every place a key can sit, one file per shape and language. */
function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  FAKE_KEY_SHAPES.forEach((shape, index) => {
    const key = fakeKey(shape, 200 + index);
    const body = [
      `export const inString = '${key}';`,
      `export const inTemplate = \`Authorization: Bearer ${key}\`;`,
      `// in a comment: ${key}`,
      `export const inRegex = /^${key}$/;`,
    ];
    files[`gen/${shape}.ts`] = [...body, ''].join('\n');
    files[`gen/${shape}.jsx`] = [...body, `export const View = () => <div title="${key}">${key}</div>;`, ''].join('\n');
  });
  return files;
}

/** Cases only the AST can see: a literal declared on one line and handed to a sink on another. */
const astOnly: Record<string, string> = {
  'src/flow.js': "import OpenAI from 'openai';\nconst key = '{value}';\nexport const openai = new OpenAI({ apiKey: key });\n",
};

/**
 * The one documented difference in silencing: a bare `eslint-disable-line` (no rule named)
 * silences every ESLint rule, keyguard's too, but core honours only directives that name a
 * keyguard rule, so the hook and CI still report the key (docs/eslint.md, "Silencing a finding").
 */
const bareDirective: Record<string, string> = {
  'src/bare.js': "export const key = '{key:legacy}'; // eslint-disable-line\n",
};

function writeTree(dir: string, files: Record<string, string>, variant: number): void {
  for (const [path, template] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    // Each file gets its own fake keys, so a finding cannot be matched to the wrong file.
    const text = fill(template).split(fakeKey('proj')).join(fakeKey('proj', variant)).split(fakeValue()).join(fakeValue(variant));
    writeFileSync(join(dir, path), text);
  }
}

describe('the eslint binary and keyguard scan on the same files', () => {
  let dir: string;
  let eslint: ReturnType<typeof eslintPlaces>;
  let cli: ReturnType<typeof cliPlaces>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-eslint-agree-'));
    Object.keys(agreed).forEach((path, index) => writeTree(dir, { [path]: agreed[path] }, index + 1));
    writeTree(dir, astOnly, 99);
    writeTree(dir, bareDirective, 98);
    for (const [path, text] of Object.entries(generatedFiles())) {
      mkdirSync(dirname(join(dir, 'src', path)), { recursive: true });
      writeFileSync(join(dir, 'src', path), text);
    }
    writeEslintConfig(dir);
    eslint = eslintPlaces(dir);
    cli = cliPlaces(dir);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const only = (places: Set<Place>, files: string[]): string[] =>
    [...places].filter((place) => files.some((file) => place.startsWith(`${file}:`))).sort();

  it('parses every file', () => {
    expect(eslint.fatal).toEqual([]);
  });

  it('reports the same keys at the same line and column', () => {
    const files = Object.keys(agreed);
    const fromEslint = only(eslint.places, files).filter((place) => place.endsWith(' openai-api-key'));
    const fromCli = only(cli.places, files).filter((place) => place.endsWith(' openai-api-key'));
    expect(fromEslint).toEqual(fromCli);
    expect(fromCli).toHaveLength(7);
  });

  it('reports the same hard-coded values given to sinks', () => {
    const files = Object.keys(agreed);
    const fromEslint = only(eslint.places, files).filter((place) => place.endsWith(' openai-key-assignment'));
    const fromCli = only(cli.places, files).filter((place) => place.endsWith(' openai-key-assignment'));
    expect(fromEslint).toEqual(fromCli);
    expect(fromCli).toHaveLength(9);
  });

  it('reports every generated key shape in every position, as the CLI does', () => {
    const fromEslint = [...eslint.places].filter((place) => place.startsWith('src/gen/')).sort();
    const fromCli = [...cli.places].filter((place) => place.startsWith('src/gen/')).sort();
    expect(fromEslint).toEqual(fromCli);
    expect(fromCli).toHaveLength(FAKE_KEY_SHAPES.length * (4 + 6));
  });

  it('both see a constant passed to a sink (scope analysis in ESLint, a bounded look-back in core)', () => {
    expect(only(eslint.places, ['src/flow.js'])).toEqual(['src/flow.js:2:14 openai-key-assignment']);
    expect(only(cli.places, ['src/flow.js'])).toEqual(['src/flow.js:2:14 openai-key-assignment']);
  });

  it('named ESLint directives silence both; a bare one silences only ESLint', () => {
    expect(only(eslint.places, ['src/directives.ts'])).toEqual([]);
    expect(only(cli.places, ['src/directives.ts'])).toEqual([]);
    expect(only(eslint.places, ['src/bare.js'])).toEqual([]);
    expect(only(cli.places, ['src/bare.js'])).toEqual(['src/bare.js:1:21 openai-api-key']);
  });

  it('prints no whole key in a message or the CLI report', () => {
    const secrets = [fakeKey('legacy'), fakeKey('svcacct'), fakeKey('none'), fakeKey('unmarked')];
    for (let variant = 0; variant < 100; variant++) secrets.push(fakeKey('proj', variant), fakeValue(variant));
    FAKE_KEY_SHAPES.forEach((shape, index) => secrets.push(fakeKey(shape, 200 + index)));
    expect(eslint.messages).toMatch(/Rotate it/);
    for (const output of [eslint.messages, cli.output]) {
      expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
    }
  });
});
