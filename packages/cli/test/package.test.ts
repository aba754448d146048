/**
 * What a user of the published packages gets: `npm pack` @keyguard/core and @keyguard/cli,
 * install the two tarballs into an empty project, and run `npx keyguard scan` there. Checks
 * `bin`, `exports`, `types`, `files` (no tests, no build info) and declared dependencies.
 * Needs the npm cache or the registry (CI reaches the registry); slow, hence the timeout.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeKey } from '@keyguard/test-utils';
import { cleanUp, expectNoWholeKey, parseJsonReport, tempDir, writeFiles } from './helpers/cli';

jest.setTimeout(180_000);
afterAll(cleanUp);

const ROOT = resolve(__dirname, '..', '..', '..');
const KEY = fakeKey('svcacct', 11);

/** The environment without what `npm test` sets for its own run (npm_config_*, npm_package_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 150_000 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

describe('the published packages', () => {
  let packs: PackResult[] = [];
  let project = '';

  beforeAll(() => {
    const destination = tempDir('keyguard-pack-');
    const packed = ok(
      sh('npm', ['pack', '--json', '--workspace', 'packages/core', '--workspace', 'packages/cli', '--pack-destination', destination], ROOT),
      'npm pack',
    );
    packs = (JSON.parse(packed) as PackResult[]).map((pack) => ({ ...pack, filename: join(destination, pack.filename) }));
    project = tempDir('keyguard-user-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
    ok(
      sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...packs.map((pack) => pack.filename)], project),
      'npm install of the tarballs',
    );
  });

  test('packs both packages with their built entry points and types, and no tests', () => {
    expect(packs.map((pack) => pack.name).sort()).toEqual(['@keyguard/cli', '@keyguard/core']);
    for (const pack of packs) {
      const paths = pack.files.map((file) => file.path);
      expect(paths).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts']));
      expect(paths.filter((path) => /(^|\/)(test|tests|__tests__)\/|\.test\.|\.tsbuildinfo$|^src\//.test(path))).toEqual([]);
    }
    expect(packs.find((pack) => pack.name === '@keyguard/cli')!.files.map((file) => file.path)).toContain('dist/bin.js');
  });

  test('npx keyguard scan finds a key in the user\'s project and exits 1', () => {
    writeFiles(project, { 'src/app.py': `from openai import OpenAI\nclient = OpenAI(api_key="${KEY}")\n` });
    const result = sh('npx', ['--no', '--', 'keyguard', 'scan', 'src', '--format', 'json'], project);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(report.findings.map((finding) => [finding.file, finding.line, finding.ruleId])).toEqual([['src/app.py', 2, 'openai-api-key']]);
    expectNoWholeKey([result.stdout, result.stderr], [KEY]);
    const version = sh('npx', ['--no', '--', 'keyguard', '--version'], project);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version);
  });

  test('require("@keyguard/core") and require("@keyguard/cli") work, and their types resolve', () => {
    const script = [
      "const core = require('@keyguard/core');",
      "const cli = require('@keyguard/cli');",
      'const findings = core.scanText(process.argv[1], { path: "a.py" });',
      'console.log(JSON.stringify({ rules: core.rules.map((r) => r.id), findings: findings.length, run: typeof cli.run }));',
    ].join('\n');
    const out = JSON.parse(ok(sh(process.execPath, ['-e', script, `key = "${KEY}"`], project), 'require')) as Record<string, unknown>;
    expect(out).toEqual({ rules: ['openai-api-key', 'openai-key-assignment'], findings: 1, run: 'function' });
    expect(existsSync(join(project, 'node_modules/@keyguard/core/dist/index.d.ts'))).toBe(true);
    // The declared types type-check a user's file, through the packages' "exports".
    writeFiles(project, {
      'check.ts': [
        "import { scanText, type Finding } from '@keyguard/core';",
        "import { run, type CliIO } from '@keyguard/cli';",
        "const findings: Finding[] = scanText('x', { path: 'a.py' });",
        'const io: CliIO | undefined = undefined;',
        'export const used = [findings.length, run, io];',
      ].join('\n'),
    });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    ok(
      sh(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'check.ts'], project),
      'tsc over a file importing the packages',
    );
  });
});
