/**
 * `npm run new-rule -- <id>` in a temporary copy of the repository: right after it, with no
 * other edit, the copy has at most 3 changed or new paths, builds, runs the new rule's examples
 * and the rule and docs meta-tests green, `keyguard rules` lists the rule, and the ESLint plugin
 * exports `@keyguard/no-<id>` (on in configs.recommended, reporting a token in a JS file).
 *
 * Why this much and no more: the scaffold writes a record, a page and a registry line; what can
 * break is the record (its examples and patterns: rules.test.ts), the page (rule-docs.test.ts,
 * rules-folder.test.ts) and what the adapters derive from the registry (the CLI's list, the plugin's
 * twins). The rest of the suite does not read the rules by name. The full `npm test` on a copy
 * would take minutes; CONTRIBUTING.md tells a rule author to run it.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fillExample } from '@keyguard/test-utils';
import { dirname, join } from 'node:path';

jest.setTimeout(600_000);

const root = join(__dirname, '..', '..', '..');
// A rule id the tree does not hold yet: in a checkout where someone ran `npm run new-rule --
// acme-token` (the documented example) and then `npm test`, the copy scaffolds the next one.
const ID = ['acme-token', 'acme-secret', 'zeta-token'].find(
  (id) => !existsSync(join(root, 'packages', 'core', 'src', 'rules', `${id}.ts`)),
)!;

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', ...env } });
}

function must(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`.slice(0, 4000));
  return result.stdout;
}

/**
 * The repository's files (tracked and new, not ignored) copied into a fresh git repository, with
 * node_modules linked entry by entry except the workspace packages, which point at the copy.
 */
function copyRepository(): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'keyguard-new-rule-')), 'repo');
  const files = must(run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root), 'git ls-files')
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  mkdirSync(join(copy, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@keyguard' || entry === '.bin') continue;
    symlinkSync(join(root, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  symlinkSync(join(root, 'node_modules', '.bin'), join(copy, 'node_modules', '.bin'));
  mkdirSync(join(copy, 'node_modules', '@keyguard'));
  for (const entry of readdirSync(join(root, 'node_modules', '@keyguard'))) {
    const name = JSON.parse(readFileSync(join(root, 'node_modules', '@keyguard', entry, 'package.json'), 'utf8')) as { name: string };
    const folder = readdirSync(join(copy, 'packages')).find((candidate) => {
      const manifest = join(copy, 'packages', candidate, 'package.json');
      return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name === name.name;
    });
    if (folder) symlinkSync(join(copy, 'packages', folder), join(copy, 'node_modules', '@keyguard', entry));
  }
  // A package's own node_modules (a dependency version that differs from the root's).
  for (const folder of readdirSync(join(root, 'packages'))) {
    const modules = join(root, 'packages', folder, 'node_modules');
    if (existsSync(modules) && existsSync(join(copy, 'packages', folder)))
      symlinkSync(modules, join(copy, 'packages', folder, 'node_modules'));
  }
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--no-verify', '-m', 'copy'],
  ]) {
    must(run('git', args, copy), `git ${args[0]}`);
  }
  return copy;
}

describe('npm run new-rule', () => {
  let copy = '';
  afterAll(() => {
    if (copy) rmSync(dirname(copy), { recursive: true, force: true });
  });

  it(`scaffolds ${ID}: a working token rule, its page and its registry line, and nothing else`, () => {
    copy = copyRepository();
    const scaffold = must(run('npm', ['run', '--silent', 'new-rule', '--', ID], copy), 'npm run new-rule');
    expect(scaffold).toContain(`packages/core/src/rules/${ID}.ts`);

    const changed = must(run('git', ['status', '--porcelain', '--untracked-files=all'], copy), 'git status')
      .split('\n')
      .filter(Boolean);
    expect(changed.map((line) => line.slice(3)).sort()).toEqual(
      [`docs/rules/${ID}.md`, `packages/core/src/rules/${ID}.ts`, 'packages/core/src/rules/index.ts'].sort(),
    );

    must(run(process.execPath, [join(copy, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], copy), 'tsc -b');
    must(run(process.execPath, [join(copy, 'scripts', 'rule-docs.mjs'), '--check'], copy), 'docs:check');
    // Every test of the packages a rule reaches (core and the ESLint plugin): any that names rules
    // by a literal list, or asks for something the scaffold does not write, fails here. Left out:
    // this test itself, and the plugin's install test (real ESLint 9 and 10 projects; it derives
    // its rule list from the registry too).
    const jest = run(
      process.execPath,
      [
        join(copy, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        '--verbose',
        '--testPathIgnorePatterns',
        'new-rule\\.test\\.ts',
        'flat-config\\.test\\.ts',
        '--selectProjects',
        'core',
        'eslint-plugin',
      ],
      copy,
    );
    // On a failure, name the failing suites and tests first (the whole output is long).
    if (jest.status !== 0) {
      const failed = `${jest.stdout}\n${jest.stderr}`.split('\n').filter((line) => /^\s*(FAIL|✕|●)/.test(line));
      throw new Error(`the core and plugin tests failed in the scaffolded copy:\n${failed.slice(0, 40).join('\n')}`);
    }
    expect(jest.stderr).toMatch(new RegExp(`rule ${ID}`));

    const listed = must(run(process.execPath, [join(copy, 'packages', 'cli', 'dist', 'bin.js'), 'rules'], copy), 'keyguard rules');
    expect(listed).toMatch(new RegExp(`^${ID}\\s`, 'm'));
    // The repository's own scan (what its pre-commit hook runs) passes the scaffolded files.
    const scan = run(
      process.execPath,
      [join(copy, 'packages', 'cli', 'dist', 'bin.js'), 'scan', `packages/core/src/rules/${ID}.ts`, `docs/rules/${ID}.md`],
      copy,
    );
    expect([scan.status, scan.stdout]).toEqual([0, expect.stringContaining('No')]);

    // The plugin, built in the copy: the generated twin is exported, recommended and reports.
    const probe = `
      const plugin = require(${JSON.stringify(join(copy, 'packages', 'eslint-plugin', 'dist', 'index.js'))});
      const { Linter } = require('eslint');
      const code = process.env.PROBE_CODE;
      const recommended = [].concat(plugin.configs.recommended);
      const messages = new Linter().verify(code, recommended, 'app.js');
      process.stdout.write(JSON.stringify({
        exported: typeof plugin.rules['no-${ID}'],
        recommended: recommended.map((config) => config.rules && config.rules['@keyguard/no-${ID}']).find(Boolean),
        reported: messages.map((m) => [m.ruleId, m.line, m.column]),
      }));`;
    const code = fillExample(`const token = '{token:${ID}_}';\n`);
    const result = JSON.parse(must(run(process.execPath, ['-e', probe], copy, { PROBE_CODE: code }), 'the ESLint probe')) as {
      exported: string;
      recommended: string;
      reported: unknown[];
    };
    expect(result).toEqual({ exported: 'object', recommended: 'error', reported: [[`@keyguard/no-${ID}`, 1, 16]] });
  });

  it('refuses a bad id and an existing rule with one line and exit 2', () => {
    for (const [id, message] of [
      ['Acme', /not a rule id/],
      ['openai-api-key', /exists already/],
    ] as const) {
      const result = run(process.execPath, [join(root, 'scripts', 'new-rule.mjs'), id], root);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
