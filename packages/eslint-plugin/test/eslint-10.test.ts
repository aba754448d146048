/**
 * The peer range says `eslint: ^9.0.0 || ^10.0.0`, but the workspace only has ESLint 9. This
 * test installs ESLint 10 into a temporary folder (from the npm registry; no network is a
 * failure, never a pass), then runs its real `eslint` binary with a flat config that loads the
 * BUILT plugin from this repository by absolute path (the plugin's own dependencies resolve
 * from the repository's node_modules), over generated files, with `--format json`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeKey, fakeValue } from '@keyguard/test-utils';
import { fill } from './support';

const root = join(__dirname, '..', '..', '..');
const pluginDir = join(root, 'packages', 'eslint-plugin');
const pluginVersion = (JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8')) as { version: string }).version;
const tsParserEntry = require.resolve('@typescript-eslint/parser', { paths: [root] });
const keys = [fakeKey('proj'), fakeKey('svcacct'), fakeKey('legacy'), fakeValue()];

const INSTALL_TIMEOUT_MS = 120_000;

/** Generated files: where the keys sit is computed from the filled text, not written by hand. */
const files: Record<string, string> = {
  'src/client.js': [
    "import OpenAI from 'openai';",
    "export const openai = new OpenAI({ apiKey: '{key:proj}' });",
    "export const backup = new OpenAI({ apiKey: '{value}' });",
    '',
  ].join('\n'),
  'src/config.ts': [
    "import OpenAI from 'openai';",
    'interface Settings { model: string }',
    "export const settings: Settings = { model: 'gpt-4o' };",
    "export const client = new OpenAI({ apiKey: '{key:svcacct}' as string });",
    "export const OPENAI_API_KEY: string = '{value}';",
    '',
  ].join('\n'),
  'src/clean.ts': [
    "import OpenAI from 'openai';",
    'export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY as string });',
    "export const placeholder = 'your-api-key-here';",
    '',
  ].join('\n'),
};

interface JsonMessage {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  severity: number;
  fatal?: boolean;
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  source?: string;
}

/** The 1-based line and column of a secret in a generated file. */
function placeOf(file: string, secret: string): [number, number] {
  const text = fill(files[file]);
  const at = text.indexOf(secret);
  if (at < 0) throw new Error(`${file} does not hold the expected secret`);
  const before = text.slice(0, at);
  return [before.split('\n').length, at - (before.lastIndexOf('\n') + 1) + 1];
}

/** The environment without npm's own npm_* variables (set when run under `npm test`). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}

describe('with ESLint 10 (installed from the npm registry into a temporary folder)', () => {
  let dir = '';
  let eslintBin = '';
  let eslintVersion = '';

  function eslint(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [eslintBin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: cleanEnv() });
  }

  function lintJson(...targets: string[]): { status: number | null; results: JsonResult[]; stderr: string } {
    const run = eslint('--format', 'json', ...targets);
    if (run.stdout.trim() === '') throw new Error(`eslint printed no JSON (status ${run.status}): ${tail(run.stderr)}`);
    return { status: run.status, results: JSON.parse(run.stdout) as JsonResult[], stderr: run.stderr };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyguard-eslint10-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'keyguard-eslint10-check', private: true, version: '0.0.0' }, null, 2));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', 'eslint@10'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: INSTALL_TIMEOUT_MS - 10_000,
      env: cleanEnv(),
    });
    eslintBin = join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
    if (install.error || install.status !== 0 || !existsSync(eslintBin)) {
      throw new Error(
        'could not install eslint@10 from the npm registry (this test needs the registry; it does not pass without it): ' +
          (install.error ? install.error.message : `npm exited ${install.status}: ${tail(install.stderr)}`),
      );
    }
    eslintVersion = (JSON.parse(readFileSync(join(dir, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }).version;

    // The flat config: the built plugin by absolute path, its recommended config, and
    // @typescript-eslint/parser (from the repository) for .ts files. On exit it records which
    // ESLint packages were loaded, so the test can tell that the repository's ESLint 9 never was.
    const config = [
      `const keyguard = require(${JSON.stringify(pluginDir)});`,
      `const tsParser = require(${JSON.stringify(tsParserEntry)});`,
      "process.on('exit', () => {",
      "  const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]eslint[\\\\/]package\\.json$|[\\\\/]node_modules[\\\\/]eslint[\\\\/]lib[\\\\/]/.test(file));",
      `  require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded-eslint.json'))}, JSON.stringify([...new Set(loaded.map((file) => file.replace(/[\\\\/]lib[\\\\/].*$|[\\\\/]package\\.json$/, '')))]));`,
      '});',
      'module.exports = [',
      '  keyguard.configs.recommended,',
      "  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },",
      '];',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'eslint.config.cjs'), config);
    for (const [file, template] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), fill(template));
    }
  }, INSTALL_TIMEOUT_MS);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('is a 10.x release', () => {
    expect(eslintVersion).toMatch(/^10\.\d+\.\d+/);
    expect(eslint('--version').stdout.trim()).toBe(`v${eslintVersion}`);
  });

  it('reports both rules at the keys, with exit status 1 and a suggestion on each message', () => {
    const { status, results, stderr } = lintJson('src/client.js', 'src/config.ts');
    expect(status).toBe(1);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath, result.messages]));
    const js = byFile[join(dir, 'src', 'client.js')];
    const ts = byFile[join(dir, 'src', 'config.ts')];
    expect(js.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([
      ['@keyguard/no-openai-api-key', ...placeOf('src/client.js', fakeKey('proj')), 2],
      ['@keyguard/no-openai-key-assignment', ...placeOf('src/client.js', fakeValue()), 2],
    ]);
    expect(ts.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([
      ['@keyguard/no-openai-api-key', ...placeOf('src/config.ts', fakeKey('svcacct')), 2],
      ['@keyguard/no-openai-key-assignment', ...placeOf('src/config.ts', fakeValue()), 2],
    ]);
    for (const message of [...js, ...ts]) {
      expect(message.fatal).toBeUndefined();
      expect(message.message).toMatch(/Rotate it if it was ever committed/);
      expect(message.suggestions?.length).toBeGreaterThanOrEqual(1);
      for (const suggestion of message.suggestions ?? []) {
        expect(keys.some((key) => suggestion.desc.includes(key) || suggestion.fix.text.includes(key))).toBe(false);
      }
    }
    // The suggestion at the key replaces it with the environment reference.
    expect(js[0].suggestions?.[0].fix.text).toBe('process.env.OPENAI_API_KEY');
    // ESLint's JSON formatter copies the linted source into `source`; everything else
    // (messages, suggestions, stderr) must hold no whole key.
    const reported = JSON.stringify(results.map(({ messages }) => messages)) + stderr;
    expect(keys.some((key) => reported.includes(key))).toBe(false);
    expect(results.every((result) => !keys.some((key) => JSON.stringify({ ...result, source: undefined }).includes(key)))).toBe(true);
  });

  it('exits 0 on a clean TypeScript file (the parser works under ESLint 10)', () => {
    const { status, results } = lintJson('src/clean.ts');
    expect(status).toBe(0);
    expect(results).toHaveLength(1);
    expect(results[0].messages).toEqual([]);
  });

  it('loads only its own ESLint: the plugin does not pull in the repository ESLint 9', () => {
    lintJson('src/clean.ts');
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded-eslint.json'), 'utf8')) as string[];
    expect(loaded).toEqual([join(dir, 'node_modules', 'eslint')]);
  });

  it('accepts the plugin meta and the parser meta (config serialization, --print-config and --cache)', () => {
    const js = eslint('--print-config', 'src/client.js');
    expect(js.status).toBe(0);
    const jsConfig = JSON.parse(js.stdout) as { plugins: string[]; rules: Record<string, unknown> };
    expect(jsConfig.plugins).toContain(`@keyguard:@keyguard/eslint-plugin@${pluginVersion}`);
    expect(Object.keys(jsConfig.rules)).toEqual(['@keyguard/no-openai-api-key', '@keyguard/no-openai-key-assignment']);

    const ts = eslint('--print-config', 'src/config.ts');
    expect(ts.status).toBe(0);
    expect((JSON.parse(ts.stdout) as { languageOptions: { parser: string } }).languageOptions.parser).toMatch(/^typescript-eslint\/parser@8\./);

    // --cache hashes the config, which needs every plugin and parser to carry meta.
    const cached = eslint('--cache', '--cache-location', join(dir, '.eslintcache'), '--format', 'json', 'src/client.js', 'src/clean.ts');
    expect(cached.status).toBe(1);
    expect(existsSync(join(dir, '.eslintcache'))).toBe(true);
    const again = eslint('--cache', '--cache-location', join(dir, '.eslintcache'), '--format', 'json', 'src/client.js', 'src/clean.ts');
    expect(again.status).toBe(1);
    const results = JSON.parse(again.stdout) as JsonResult[];
    const counts = Object.fromEntries(results.map((result) => [result.filePath, result.messages.length]));
    expect(counts).toEqual({ [join(dir, 'src', 'client.js')]: 2, [join(dir, 'src', 'clean.ts')]: 0 });
  });
});
