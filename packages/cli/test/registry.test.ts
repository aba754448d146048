/**
 * keyguard as a user gets it: every public workspace is published to a real npm registry
 * (Verdaccio, started by this test on 127.0.0.1 and stopped by it), then an empty project
 * installs the packages from it and runs the README's own code blocks, read from README.md
 * (never retyped here): the CLI block (install, scan, baseline), the pre-commit block (`init`,
 * `npm install`, then a `git commit` with a key, which must be blocked), the ESLint block (its
 * install command and its plain `eslint.config.mjs`, on JavaScript and TypeScript files), and a
 * `tsc` build against the shipped types.
 *
 * Only `@keyguard/*` comes from the local registry (a scoped `registry` in the user config this
 * test writes); everything else (ESLint, husky, lint-staged) comes from the npm registry. No
 * registry is a failure, never a pass.
 *
 * Verdaccio 6.8.0 (the last release that runs on Node 20) is installed once into a cache folder
 * outside the repository, with node-fetch held at 2.7.0 (the registry here lacks node-fetch's
 * `cjs` dist-tag that Verdaccio's range asks for). About 40 s the first time; then reused.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describeKey, fakeKey, fakeValue, testEnv } from '@keyguard/test-utils';

const ROOT = resolve(__dirname, '..', '..', '..');
const VERDACCIO_VERSION = '6.8.0';
const CACHE = join(tmpdir(), 'keyguard-registry-test');
const VERDACCIO_DIR = join(CACHE, `verdaccio-${VERDACCIO_VERSION}`);
const COMMAND_TIMEOUT_MS = 240_000;

jest.setTimeout(600_000);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  workspaces?: string[];
}
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const rootManifest = readJson<Manifest>(join(ROOT, 'package.json'));
const publicPackages = (rootManifest.workspaces ?? [])
  .map((dir) => ({ dir, manifest: readJson<Manifest>(join(ROOT, dir, 'package.json')) }))
  .filter(({ manifest }) => manifest.private !== true);

// ---- the README's code blocks -------------------------------------------------------------

interface CodeBlock {
  lang: string;
  text: string;
}

/** The fenced code blocks of the README section whose `## ` heading contains `heading`. */
function readmeBlocks(heading: string): CodeBlock[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const sections = readme.split(/^(?=## )/m);
  const section = sections.find((text) => text.split('\n', 1)[0].includes(heading));
  if (!section) throw new Error(`README.md has no "## …${heading}…" section; this test runs its code blocks`);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], text: match[2] }));
}

/** The command lines of a shell block (comments stay: bash drops them). */
function commandsOf(block: CodeBlock): string[] {
  return block.text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

function shellBlock(heading: string): string[] {
  const block = readmeBlocks(heading).find((candidate) => candidate.lang === 'sh' || candidate.lang === 'bash');
  if (!block) throw new Error(`the README section "${heading}" has no sh block`);
  return commandsOf(block);
}

// ---- processes ----------------------------------------------------------------------------

let scratch = '';
let project = '';
let registry = '';
let server: ChildProcess | undefined;
let env: NodeJS.ProcessEnv = {};

function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The environment without what `npm test` sets for its own run (npm_config_*, npm_package_*). */
function sh(command: string, cwd = project): SpawnSyncReturns<string> {
  const result = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  return result;
}

function ok(command: string, cwd = project): string {
  const result = sh(command, cwd);
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}:\n${tail(result.stderr || result.stdout)}`);
  return result.stdout;
}

/** Fails naming the keys that leaked by their description, so a failure prints no key either. */
function expectNoWholeKey(texts: string[], keys: string[]): void {
  expect(keys.filter((key) => texts.some((text) => text.includes(key))).map(describeKey)).toEqual([]);
}

/** Installs Verdaccio into the cache folder once; a half-done install is never reused. */
function ensureVerdaccio(): string {
  const entry = join(VERDACCIO_DIR, 'node_modules', 'verdaccio', 'package.json');
  if (existsSync(entry) && readJson<Manifest>(entry).version === VERDACCIO_VERSION) return dirname(entry);
  mkdirSync(CACHE, { recursive: true });
  const staging = mkdtempSync(join(CACHE, 'install-'));
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify(
      {
        name: 'keyguard-test-registry',
        private: true,
        version: '0.0.0',
        dependencies: { verdaccio: VERDACCIO_VERSION },
        overrides: { 'node-fetch': '2.7.0' },
      },
      null,
      2,
    ),
  );
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], {
    cwd: staging,
    env: testEnv(),
    encoding: 'utf8',
    timeout: COMMAND_TIMEOUT_MS,
  });
  if (install.error || install.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `could not install verdaccio@${VERDACCIO_VERSION} from the npm registry (this test needs the registry; it does not pass without it): ` +
        (install.error ? install.error.message : `npm exited ${install.status}: ${tail(install.stderr)}`),
    );
  }
  rmSync(VERDACCIO_DIR, { recursive: true, force: true });
  renameSync(staging, VERDACCIO_DIR);
  return dirname(entry);
}

/** Starts Verdaccio on 127.0.0.1 and a free port; resolves with its URL once it listens. */
function startRegistry(verdaccio: string, dir: string): Promise<string> {
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      'uplinks: {}', // nothing is proxied: what is on it was published by this test
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $anonymous',
      'log: { type: stdout, format: json, level: warn }',
      '',
    ].join('\n'),
  );
  const launcher = [
    `const { runServer } = require(${JSON.stringify(verdaccio)});`,
    `runServer(${JSON.stringify(join(dir, 'config.yaml'))}).then((app) => {`,
    "  const listening = app.listen(0, '127.0.0.1', () => console.log('LISTENING ' + listening.address().port));",
    '}, (error) => { console.error(error); process.exit(1); });',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'launch.js'), launcher);
  return new Promise((resolvePort, reject) => {
    const child = spawn(process.execPath, [join(dir, 'launch.js')], { cwd: dir, env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start listening in 60 s: ${tail(output)}`)), 60_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const port = /LISTENING (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolvePort(`http://127.0.0.1:${port}/`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited (${code}) before listening: ${tail(output)}`));
    });
  });
}

// ---- the run ------------------------------------------------------------------------------

const KEY = fakeKey('proj', 21);
const VALUE = fakeValue(21);
const started = Date.now();

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'keyguard-registry-'));
  const verdaccio = ensureVerdaccio();
  mkdirSync(join(scratch, 'registry'));
  registry = await startRegistry(verdaccio, join(scratch, 'registry'));

  // The user's npm config: @keyguard/* from the local registry, the rest from the usual one.
  // The npm cache is kept between runs (downloads of ESLint and friends), without npx's own
  // install folder, which would keep an earlier run's @keyguard/pre-commit.
  const npmCache = join(CACHE, 'npm-cache');
  rmSync(join(npmCache, '_npx'), { recursive: true, force: true });
  const host = registry.replace(/^http:/, '');
  writeFileSync(
    join(scratch, 'npmrc'),
    [
      `@keyguard:registry=${registry}`,
      `${host}:_authToken=keyguard-registry-test`,
      'fund=false',
      'audit=false',
      'update-notifier=false',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(scratch, 'gitconfig'),
    '[user]\n\tname = keyguard user\n\temail = user@keyguard.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n',
  );
  env = {
    ...testEnv(),
    npm_config_userconfig: join(scratch, 'npmrc'),
    npm_config_cache: npmCache,
    // Re-check package documents: a cached one from an earlier run's registry on the same port would be stale.
    npm_config_prefer_online: 'true',
    GIT_CONFIG_GLOBAL: join(scratch, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
  // A proxy for the npm registry must not take the local one's traffic (npm proxies 127.0.0.1 too).
  const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1'].filter(Boolean).join(',');
  Object.assign(env, { NO_PROXY: noProxy, no_proxy: noProxy });

  // Publish, as `changeset publish` does (npm publish per package), without provenance: that is
  // signed by the CI that releases, not here.
  ok(
    `npm publish --provenance=false --ignore-scripts --fetch-retries=0 --registry ${registry} ${publicPackages.map(({ dir }) => `--workspace ${dir}`).join(' ')}`,
    ROOT,
  );

  project = join(scratch, 'user-project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(project, '.gitignore'), 'node_modules/\n');
  ok('git init -q');
}, 540_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server!.once('exit', done));
    server.kill();
    await exited;
  }
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  // A figure for the commit message and the notes: the whole run, install and publish included.
  process.stdout.write(`registry.test: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

/** Where an installed package came from, per the project's lockfile. */
function resolvedFrom(name: string): string | undefined {
  const lock = readJson<{ packages: Record<string, { resolved?: string }> }>(join(project, 'package-lock.json'));
  return lock.packages[`node_modules/${name}`]?.resolved;
}

describe('installed from a registry, as the README says', () => {
  test('every public package is on the local registry, at its version', () => {
    for (const { manifest } of publicPackages) {
      const view = ok(`npm view ${manifest.name}@${manifest.version} version --registry ${registry}`).trim();
      expect(view).toBe(manifest.version);
    }
  });

  test('the CLI block: install, scan (exit 1), baseline, scan with the baseline (exit 0)', () => {
    writeFileSync(join(project, 'app.py'), `from openai import OpenAI\nclient = OpenAI(api_key="${KEY}")\n`);
    const commands = shellBlock('The `keyguard` command');
    expect(commands.length).toBeGreaterThan(1);
    for (const command of commands) {
      const result = sh(command);
      const output = result.stdout + result.stderr;
      expectNoWholeKey([output], [KEY]);
      if (/^npm (install|i)\b/.test(command)) {
        expect([command, result.status, tail(result.stderr)]).toEqual([command, 0, expect.any(String)]);
        expect(resolvedFrom('@keyguard/cli')).toMatch(new RegExp(`^${registry.replace(/[.]/g, '\\.')}`));
      } else if (/\bkeyguard baseline\b/.test(command)) {
        expect([command, result.status]).toEqual([command, 0]);
        expect(readFileSync(join(project, '.keyguard-baseline.json'), 'utf8')).toContain('openai-api-key');
      } else if (/\bkeyguard scan\b.*--baseline\b/.test(command)) {
        expect([command, result.status, output]).toEqual([command, 0, expect.any(String)]);
      } else if (/\bkeyguard scan\b/.test(command)) {
        expect([command, result.status]).toEqual([command, 1]);
        expect(output).toMatch(/app\.py/);
        expect(output).toContain('openai-api-key');
      } else {
        throw new Error(`this test does not know what the README command "${command}" should do: teach it`);
      }
    }
    expect(ok('npx --package=@keyguard/cli keyguard --version').trim()).toBe(
      publicPackages.find(({ manifest }) => manifest.name === '@keyguard/cli')!.manifest.version,
    );
  });

  test('a config error names a section the installed README has', () => {
    writeFileSync(join(project, 'keyguard.config.json'), '{ "rulez": {} }\n');
    const result = sh('npx --package=@keyguard/cli keyguard scan app.py');
    rmSync(join(project, 'keyguard.config.json'));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const section = /README section "([^"]+)"/.exec(result.stderr)?.[1];
    const url = /https:\/\/\S+/.exec(result.stderr)?.[0];
    expect(section ?? url).toBeDefined();
    if (section !== undefined) {
      const readme = readFileSync(join(project, 'node_modules', '@keyguard', 'cli', 'README.md'), 'utf8');
      expect(readme.split('\n')).toContain(`## ${section}`);
    }
  });

  test('the pre-commit block: init, npm install, and a commit that adds a key is blocked', () => {
    ok('git add .gitignore package.json package-lock.json && git commit -q -m "start"');
    for (const command of shellBlock('Pre-commit hook')) {
      const before = ok('git status --porcelain');
      const result = sh(command);
      expect([command, result.status, tail(result.stderr + result.stdout)]).toEqual([command, 0, expect.any(String)]);
      if (/\binit\b.*--dry-run\b/.test(command)) expect(ok('git status --porcelain')).toBe(before);
      else if (/\binit\b/.test(command)) expect(ok('git status --porcelain')).not.toBe(before);
      else if (!/^npm (install|i)\b/.test(command))
        throw new Error(`this test does not know what the README command "${command}" should do: teach it`);
    }
    expect(resolvedFrom('@keyguard/pre-commit')).toMatch(new RegExp(`^${registry.replace(/[.]/g, '\\.')}`));

    // What init set up, committed as a user would, then a commit that would add a key.
    ok('git add -A -- . ":!app.py" ":!.keyguard-baseline.json" && git commit -q -m "keyguard hook"');
    writeFileSync(join(project, 'client.js'), `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: '${KEY}' });\n`);
    ok('git add client.js');
    const blocked = sh('git commit -m "add a client"');
    expect(blocked.status).not.toBe(0);
    const said = blocked.stdout + blocked.stderr;
    expect(said).toMatch(/client\.js/);
    expect(said).toContain('npx --package=@keyguard/cli keyguard baseline');
    expectNoWholeKey([said], [KEY]);
    expect(ok('git log --format=%s -1').trim()).toBe('keyguard hook');

    // A broken config blocks the commit too (fail closed), naming a section of the installed README.
    writeFileSync(join(project, 'keyguard.config.json'), '{ "rulez": {} }\n');
    const broken = sh('git commit -m "add a client"');
    rmSync(join(project, 'keyguard.config.json'));
    expect(broken.status).not.toBe(0);
    const section = /README section "([^"]+)"/.exec(broken.stderr)?.[1];
    expect(section).toBeDefined();
    expect(readFileSync(join(project, 'node_modules', '@keyguard', 'pre-commit', 'README.md'), 'utf8').split('\n')).toContain(
      `## ${section}`,
    );

    // The same file, reading the key from the environment, commits.
    writeFileSync(
      join(project, 'client.js'),
      "import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n",
    );
    ok('git add client.js && git commit -q -m "add a client"');
    expect(ok('git log --format=%s -1').trim()).toBe('add a client');
  });

  test('the ESLint block: its install and its plain eslint.config.mjs report keys in a .js, a .mjs and a .ts file', () => {
    const blocks = readmeBlocks('ESLint plugin');
    const install = blocks.filter((block) => block.lang === 'sh' || block.lang === 'bash').flatMap(commandsOf);
    const configs = blocks.filter(
      (block) => /^(js|javascript|mjs)$/.test(block.lang) && /^\/\/ (eslint\.config\.[cm]?js)\s*$/m.test(block.text.split('\n', 1)[0]),
    );
    expect(install.length).toBeGreaterThan(0);
    // The plain config; the typescript-eslint and Next.js shapes the section also shows run in
    // packages/eslint-plugin/test/flat-config.test.ts, against ESLint 9 and 10.
    const plain = configs.filter((block) => !/from '(typescript-eslint|eslint-config-next[^']*)'/.test(block.text));
    expect(plain).toHaveLength(1);
    for (const command of install) ok(command);
    expect(resolvedFrom('@keyguard/eslint-plugin')).toMatch(new RegExp(`^${registry.replace(/[.]/g, '\\.')}`));
    const configFile = /^\/\/ (\S+)/.exec(plain[0].text)![1];
    writeFileSync(join(project, configFile), plain[0].text);

    // A TypeScript project has typescript; @typescript-eslint/parser (the plugin's) needs it.
    ok('npm install --save-dev --no-audit --no-fund typescript@5');
    writeFileSync(
      join(project, 'src-settings.ts'),
      `import OpenAI from 'openai';\ninterface Settings { model: string }\nconst settings: Settings = { model: 'gpt-4o' };\nexport const client = new OpenAI({ apiKey: '${VALUE}' as string, ...settings });\n`,
    );
    writeFileSync(
      join(project, 'src-client.mjs'),
      `import OpenAI from 'openai';\nconst options = { model: 'gpt-4o' };\nexport const client = new OpenAI({ apiKey: '${KEY}', ...options });\n`,
    );
    writeFileSync(
      join(project, 'src-legacy.js'),
      `const OpenAI = require('openai');\nmodule.exports = new OpenAI({ apiKey: '${VALUE}' });\n`,
    );
    const lint = sh('npx eslint --format json src-client.mjs src-legacy.js src-settings.ts');
    expect([lint.status, tail(lint.stderr)]).toEqual([1, '']);
    const results = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
    const byFile = Object.fromEntries(
      results.map((result) => [
        result.filePath.slice(project.length + 1),
        result.messages.map((message) => [message.ruleId, message.line]),
      ]),
    );
    expect(byFile).toEqual({
      'src-client.mjs': [['@keyguard/no-openai-api-key', 3]],
      'src-legacy.js': [['@keyguard/no-openai-key-assignment', 2]],
      'src-settings.ts': [['@keyguard/no-openai-key-assignment', 4]],
    });
    expectNoWholeKey([JSON.stringify(results.map(({ messages }) => messages)), lint.stderr], [KEY, VALUE]);
  });

  test('the shipped types build a TypeScript file with tsc', () => {
    // Every package's entry, through its "exports". Each @ts-expect-error line is an error only
    // if the types resolved: an import that fell back to `any` would leave it unused, and fail.
    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { scanText, type Finding } from '@keyguard/core';",
        "import { run, type CliIO } from '@keyguard/cli';",
        "import { runHook } from '@keyguard/pre-commit';",
        "import keyguard from '@keyguard/eslint-plugin';",
        "const findings: Finding[] = scanText('x', { path: 'a.py' });",
        'const io: CliIO | undefined = undefined;',
        '// @ts-expect-error a Finding is not a number',
        'const wrong: number = findings[0];',
        '// @ts-expect-error run takes arguments',
        'run(42);',
        '// @ts-expect-error the plugin is not a string',
        'const notAString: string = keyguard;',
        'export const used = [findings.length, run, runHook, io, wrong, notAString, keyguard.configs.recommended];',
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeRoots = join(ROOT, 'node_modules', '@types');
    // --skipLibCheck as `tsc --init` writes it: checking @types/node and typescript-eslint's
    // declarations costs about a minute here and tests none of ours.
    ok(
      `${JSON.stringify(process.execPath)} ${JSON.stringify(tsc)} --noEmit --strict --skipLibCheck --module node16 --moduleResolution node16 --esModuleInterop --types node --typeRoots ${JSON.stringify(typeRoots)} check.ts`,
    );
  });
});
