/**
 * `configs.recommended` out of the box (issue 10): the README's ESLint configs, extracted from
 * README.md (not retyped), run by the real `eslint` binary of ESLint 9 (the repository's
 * devDependency) and ESLint 10 (installed from the npm registry into a temporary folder, with
 * typescript-eslint, eslint-config-next and Next.js; no registry is a failure, never a pass)
 * over generated files of all eight extensions holding fake keys. The BUILT plugin is linked
 * into the temporary project as `@keyguard/eslint-plugin` (its own dependencies resolve from
 * the repository's node_modules).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules as coreRules } from '@keyguard/core';
import { fakeKey, fakeValue } from '@keyguard/test-utils';
import { fill } from './support';

const root = join(__dirname, '..', '..', '..');
const pluginDir = join(root, 'packages', 'eslint-plugin');
const pluginVersion = (JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { version: string }).version;
const tsParserVersion = (
  JSON.parse(readFileSync(require.resolve('@typescript-eslint/parser/package.json', { paths: [pluginDir] }), 'utf8')) as { version: string }
).version;
const KEYGUARD_TS_PARSER = `@keyguard/eslint-plugin/typescript-parser@${tsParserVersion}`;
const secrets = [fakeKey('proj'), fakeValue()];

const INSTALL_TIMEOUT_MS = 300_000;
const EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'] as const;
type Extension = (typeof EXTENSIONS)[number];
const TYPESCRIPT: readonly Extension[] = ['ts', 'tsx', 'mts', 'cts'];

/** One file per extension: a key in a string (no-openai-api-key) and a value at a sink (no-openai-key-assignment). */
function templateFor(extension: Extension): string {
  const typed = TYPESCRIPT.includes(extension);
  const commonjs = extension === 'cjs' || extension === 'cts';
  const lines = [
    commonjs ? "const OpenAI = require('openai');" : "import OpenAI from 'openai';",
    typed ? 'interface Settings { model: string }' : '// settings',
    typed ? "const settings: Settings = { model: 'gpt-4o' };" : "const settings = { model: 'gpt-4o' };",
    `const key${typed ? ': string' : ''} = '{key:proj}';`,
    `const client = new OpenAI({ apiKey: '{value}'${typed ? ' as string' : ''} });`,
  ];
  if (extension === 'jsx' || extension === 'tsx')
    lines.push(`export const View = (${typed ? 'props: { title: string }' : 'props'}) => <p title={props.title}>{settings.model}</p>;`);
  lines.push(commonjs ? 'module.exports = { key, client };' : 'export { key, client };', '');
  return lines.join('\n');
}

/** The 1-based line and column of each secret in a file, in source order. */
function expectedFor(extension: Extension): string[] {
  const text = fill(templateFor(extension));
  return [
    ['@keyguard/no-openai-api-key', fakeKey('proj')],
    ['@keyguard/no-openai-key-assignment', fakeValue()],
  ].map(([rule, secret]) => {
    const at = text.indexOf(secret);
    const before = text.slice(0, at);
    return `${rule} ${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
  });
}

type Shape = 'plain' | 'typescript-eslint' | 'next';

/** The `// eslint.config.mjs` blocks of a markdown section, in order. */
function configBlocks(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const next = markdown.indexOf('\n## ', start + heading.length + 2);
  const section = markdown.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^```js\n(\/\/ eslint\.config\.mjs\n[^]*?)^```$/gm)].map((match) => match[1]);
}

function shapeOf(block: string): Shape {
  if (block.includes("from 'eslint-config-next")) return 'next';
  if (block.includes("from 'typescript-eslint'")) return 'typescript-eslint';
  return 'plain';
}

const readmeBlocks = configBlocks(readFileSync(join(root, 'README.md'), 'utf8'), '## ESLint plugin');
const docsBlocks = configBlocks(readFileSync(join(root, 'docs', 'eslint.md'), 'utf8'), '## Set up (ESLint 9 or 10, flat config)');

/** Which parser each extension gets, per shape, by the parser's `meta.name@version`. */
const PARSERS: Record<Shape | 'custom', Record<Extension, RegExp | string>> = {
  plain: {
    js: /^espree@/,
    jsx: /^espree@/,
    mjs: /^espree@/,
    cjs: /^espree@/,
    ts: KEYGUARD_TS_PARSER,
    tsx: KEYGUARD_TS_PARSER,
    mts: KEYGUARD_TS_PARSER,
    cts: KEYGUARD_TS_PARSER,
  },
  'typescript-eslint': Object.fromEntries(EXTENSIONS.map((extension) => [extension, /^typescript-eslint\/parser@8\./])) as Record<
    Extension,
    RegExp
  >,
  next: {
    ...(Object.fromEntries(EXTENSIONS.map((extension) => [extension, /^eslint-config-next\/parser@16\./])) as Record<Extension, RegExp>),
    ts: /^typescript-eslint\/parser@8\./,
    tsx: /^typescript-eslint\/parser@8\./,
    // eslint-config-next's files leave out .cjs: ESLint's default parser.
    cjs: /^espree@/,
  },
  // A project's own parsers: one for JS set BEFORE keyguard, one for .ts AFTER it; both stay.
  custom: {
    js: 'my-js-parser@1.0.0',
    jsx: /^espree@/,
    mjs: /^espree@/,
    cjs: /^espree@/,
    ts: 'my-ts-parser@1.0.0',
    tsx: KEYGUARD_TS_PARSER,
    mts: KEYGUARD_TS_PARSER,
    cts: KEYGUARD_TS_PARSER,
  },
};

const CUSTOM_CONFIG = [
  '// eslint.config.mjs',
  "import * as tsParser from '@typescript-eslint/parser';",
  "import keyguard from '@keyguard/eslint-plugin';",
  "const myJs = { meta: { name: 'my-js-parser', version: '1.0.0' }, parseForESLint: (code, options) => tsParser.parseForESLint(code, options) };",
  "const myTs = { meta: { name: 'my-ts-parser', version: '1.0.0' }, parseForESLint: (code, options) => tsParser.parseForESLint(code, options) };",
  'export default [',
  "  { files: ['**/*.js'], languageOptions: { parser: myJs } },",
  '  ...keyguard.configs.recommended,',
  "  { files: ['**/*.ts'], languageOptions: { parser: myTs } },",
  '];',
  '',
].join('\n');

interface JsonMessage {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
}

/** The environment without npm's own npm_* variables (set when run under `npm test`). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_') && name !== 'NODE_OPTIONS'),
  );
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}

describe('configs.recommended out of the box, as the README writes it, under ESLint 9 and 10', () => {
  let dir = '';
  const eslintDirs: Record<9 | 10, string> = { 9: realpathSync(join(root, 'node_modules', 'eslint')), 10: '' };
  const projects: Record<string, string> = {};

  /**
   * Points the temporary project's `eslint` at the version under test, so that the configs'
   * `eslint/config` imports and the shared configs' plugins load the same ESLint as the binary.
   */
  function useEslint(version: 9 | 10): string {
    const link = join(dir, 'node_modules', 'eslint');
    rmSync(link, { force: true, recursive: false });
    symlinkSync(eslintDirs[version], link, 'dir');
    return join(eslintDirs[version], 'bin', 'eslint.js');
  }

  function eslint(version: 9 | 10, cwd: string, ...args: string[]): SpawnSyncReturns<string> {
    const bin = useEslint(version);
    return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: cleanEnv() });
  }

  function lintJson(version: 9 | 10, cwd: string, ...args: string[]): { status: number | null; results: JsonResult[]; stderr: string } {
    const run = eslint(version, cwd, '--format', 'json', ...args);
    if (run.stdout.trim() === '') throw new Error(`eslint ${version} printed no JSON (status ${run.status}): ${tail(run.stderr)}`);
    return { status: run.status, results: JSON.parse(run.stdout) as JsonResult[], stderr: run.stderr };
  }

  /**
   * Each file's parser in each project, as ESLint computes the config for it: one process per
   * ESLint version for all the projects (loading eslint-config-next costs seconds a process).
   */
  const parserCache: Partial<Record<9 | 10, Record<string, Record<string, string>>>> = {};
  function parsersOf(version: 9 | 10, project: string): Record<string, string> {
    if (!parserCache[version]) {
      useEslint(version);
      const script = [
        `const { ESLint } = require(${JSON.stringify(join(dir, 'node_modules', 'eslint'))});`,
        `const projects = ${JSON.stringify(projects)};`,
        `const files = ${JSON.stringify(EXTENSIONS.map((extension) => `src/file.${extension}`))};`,
        '(async () => {',
        '  const out = {};',
        '  for (const [name, cwd] of Object.entries(projects)) {',
        '    const eslint = new ESLint({ cwd });',
        '    out[name] = {};',
        '    for (const file of files) {',
        '      const parser = (await eslint.calculateConfigForFile(file)).languageOptions.parser;',
        "      out[name][file.split('.').pop()] = parser.meta ? `${parser.meta.name}@${parser.meta.version}` : `${parser.name}@${parser.version}`;",
        '    }',
        '  }',
        '  console.log(JSON.stringify(out));',
        '})();',
      ].join('\n');
      const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: cleanEnv() });
      if (run.status !== 0) throw new Error(`calculateConfigForFile failed: ${tail(run.stderr)}`);
      parserCache[version] = JSON.parse(run.stdout) as Record<string, Record<string, string>>;
    }
    return parserCache[version][project];
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-eslint-configs-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'keyguard-eslint-configs-check', private: true, version: '0.0.0' }, null, 2),
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // --legacy-peer-deps: npm would otherwise install ESLint itself as a peer of each shared
    // config; `eslint` is linked per run instead. --omit=optional skips Next.js's SWC binaries.
    const packages = ['eslint10@npm:eslint@10', 'typescript-eslint@8', 'eslint-config-next@16', 'next@16', 'typescript@5', 'react@19'];
    const install = spawnSync(
      npm,
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--legacy-peer-deps', '--omit=optional', ...packages],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: INSTALL_TIMEOUT_MS - 20_000,
        env: cleanEnv(),
      },
    );
    eslintDirs[10] = join(dir, 'node_modules', 'eslint10');
    if (install.error || install.status !== 0 || !existsSync(join(eslintDirs[10], 'bin', 'eslint.js'))) {
      throw new Error(
        'could not install ESLint 10, typescript-eslint and eslint-config-next from the npm registry (this test needs the registry; it does not pass without it): ' +
          (install.error ? install.error.message : `npm exited ${install.status}: ${tail(install.stderr)}`),
      );
    }
    mkdirSync(join(dir, 'node_modules', '@keyguard'), { recursive: true });
    symlinkSync(pluginDir, join(dir, 'node_modules', '@keyguard', 'eslint-plugin'), 'dir');
    // A `require` hook that records which ESLint packages a run loaded.
    writeFileSync(
      join(dir, 'record-eslint.cjs'),
      [
        "process.on('exit', () => {",
        '  const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]eslint(10)?[\\\\/]lib[\\\\/]/.test(file));',
        `  require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded-eslint.json'))}, JSON.stringify([...new Set(loaded.map((file) => file.replace(/[\\\\/]lib[\\\\/].*$/, '')))]));`,
        '});',
        '',
      ].join('\n'),
    );

    const configs: Record<string, string> = { custom: CUSTOM_CONFIG };
    for (const block of readmeBlocks) configs[shapeOf(block)] = block;
    for (const [name, config] of Object.entries(configs)) {
      const project = join(dir, name);
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: `shape-${name}`, private: true, type: 'module' }));
      writeFileSync(join(project, 'eslint.config.mjs'), config);
      for (const extension of EXTENSIONS) writeFileSync(join(project, 'src', `file.${extension}`), fill(templateFor(extension)));
      projects[name] = project;
    }
  }, INSTALL_TIMEOUT_MS);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('finds the three shapes in the README, and docs/eslint.md shows the same blocks', () => {
    expect(readmeBlocks.map(shapeOf)).toEqual(['plain', 'typescript-eslint', 'next']);
    expect(docsBlocks).toEqual(readmeBlocks);
  });

  it('installs a 10.x release beside the repository ESLint 9', () => {
    expect(eslint(9, dir, '--version').stdout.trim()).toMatch(/^v9\./);
    expect(eslint(10, dir, '--version').stdout.trim()).toMatch(/^v10\./);
  });

  describe.each([9, 10] as const)('ESLint %i', (version) => {
    it.each(['plain', 'typescript-eslint', 'next', 'custom'])(
      '%s: reports both rules at the keys in every extension, with no parse error',
      (shape) => {
        const { status, results, stderr } = lintJson(version, projects[shape], '.');
        expect(status).toBe(1);
        const fatal = results.flatMap((result) =>
          result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`),
        );
        expect(fatal).toEqual([]);
        const byExtension = Object.fromEntries(
          results
            .filter((result) => result.filePath.includes(`${join('src', 'file.')}`))
            .map((result) => [
              result.filePath.split('.').pop(),
              result.messages
                .filter((message) => message.ruleId?.startsWith('@keyguard/'))
                .map((message) => `${message.ruleId} ${message.line}:${message.column}`),
            ]),
        );
        expect(byExtension).toEqual(Object.fromEntries(EXTENSIONS.map((extension) => [extension, expectedFor(extension)])));
        const reported = JSON.stringify(results.map(({ messages }) => messages)) + stderr;
        expect(secrets.filter((secret) => reported.includes(secret))).toEqual([]);
      },
    );

    it.each(['plain', 'typescript-eslint', 'next', 'custom'] as const)(
      "%s: keeps the project's parser; keyguard's only where none is set",
      (shape) => {
        const parsers = parsersOf(version, shape);
        for (const extension of EXTENSIONS) {
          const expected = PARSERS[shape][extension];
          if (typeof expected === 'string') expect([extension, parsers[extension]]).toEqual([extension, expected]);
          else expect([extension, parsers[extension]]).toEqual([extension, expect.stringMatching(expected)]);
        }
      },
    );
  });

  it('ESLint 10 loads only its own ESLint: the plugin does not pull in the repository ESLint 9', () => {
    const bin = useEslint(10);
    const run = spawnSync(
      process.execPath,
      ['--require', join(dir, 'record-eslint.cjs'), bin, '--format', 'json', 'src/file.ts', 'src/file.js'],
      {
        cwd: projects.plain,
        encoding: 'utf8',
        env: cleanEnv(),
      },
    );
    expect(run.status).toBe(1);
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded-eslint.json'), 'utf8')) as string[];
    expect(loaded).toEqual([eslintDirs[10]]);
  });

  it('ESLint 10 accepts the plugin and parser meta (--print-config and --cache)', () => {
    const printed = eslint(10, projects.plain, '--print-config', 'src/file.mts');
    expect(printed.status).toBe(0);
    const config = JSON.parse(printed.stdout) as { plugins: string[]; rules: Record<string, unknown>; languageOptions: { parser: string } };
    expect(config.plugins).toContain(`@keyguard:@keyguard/eslint-plugin@${pluginVersion}`);
    expect(Object.keys(config.rules)).toEqual(coreRules.flatMap((rule) => (rule.eslint ? [`@keyguard/${rule.eslint.name}`] : [])));
    expect(config.languageOptions.parser).toBe(KEYGUARD_TS_PARSER);

    // --cache hashes the config, which needs every plugin and parser to carry meta.
    const cacheArgs = ['--cache', '--cache-location', join(dir, '.eslintcache'), '--format', 'json', 'src/file.cjs', 'src/file.cts'];
    expect(eslint(10, projects.plain, ...cacheArgs).status).toBe(1);
    expect(existsSync(join(dir, '.eslintcache'))).toBe(true);
    const again = eslint(10, projects.plain, ...cacheArgs);
    expect(again.status).toBe(1);
    const counts = (JSON.parse(again.stdout) as JsonResult[]).map((result) => [result.filePath.split('.').pop(), result.messages.length]);
    expect(counts).toEqual([
      ['cjs', 2],
      ['cts', 2],
    ]);
  });

  it('offers the environment-variable suggestion on a TypeScript file', () => {
    const { results } = lintJson(10, projects.plain, 'src/file.ts');
    const [apiKey] = results[0].messages;
    expect(apiKey.suggestions?.[0].fix.text).toBe('process.env.OPENAI_API_KEY');
  });
});
