/**
 * scripts/docs-tables.mjs: the rule and flag tables in README.md, docs/cli.md and docs/eslint.md
 * are generated from the registry and the flag table. `npm run lint` checks the repository's
 * own tables are fresh (a scaffolded rule makes them stale until `npm run docs:write`, so the
 * freshness check is not a test); these tests run the script on a copy.
 */
import { rules } from '@keyguard/core';
import { REPO_ROOT, removeTempDirs, tempDir } from '@keyguard/test-utils';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(removeTempDirs);

// The flag table is internal to the CLI (not exported): read it from the build as the script does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FLAGS } = require(join(REPO_ROOT, 'packages', 'cli', 'dist', 'args.js')) as { FLAGS: { name: string; commands: string[] }[] };

const BLOCKS = ['rules', 'eslint-rules', 'cli-rules', 'scan-flags'];
const block = (name: string) => `<!-- begin generated: ${name} -->\nstale\n<!-- end generated: ${name} -->`;

/** A copy of the repository's layout with the built packages linked in and the given docs. */
function copyWith(files: Record<string, string>): string {
  const dir = tempDir('keyguard-docs-tables-');
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(REPO_ROOT, 'scripts', 'docs-tables.mjs'), join(dir, 'scripts', 'docs-tables.mjs'));
  for (const name of ['core', 'cli']) {
    mkdirSync(join(dir, 'packages', name), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'packages', name, 'dist'), join(dir, 'packages', name, 'dist'), 'dir');
  }
  mkdirSync(join(dir, 'docs'));
  for (const [path, text] of Object.entries({ 'README.md': '', 'docs/cli.md': '', 'docs/eslint.md': '', ...files })) {
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const run = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, 'scripts', 'docs-tables.mjs'), ...args], { encoding: 'utf8' });

describe('docs-tables', () => {
  it('--check names the stale file in one line and exits 1; --write renders every rule and flag and keeps the prose', () => {
    const readme = `# hand-written\n\n${BLOCKS.map(block).join('\n\nprose between\n\n')}\n\nthe end\n`;
    const dir = copyWith({ 'README.md': readme });
    const stale = run(dir, '--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);
    expect(stale.stderr).toContain('README.md has stale generated tables');
    expect(stale.stderr).toContain('npm run docs:write');

    expect(run(dir, '--write').status).toBe(0);
    expect(run(dir, '--check').status).toBe(0);
    const written = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(written.startsWith('# hand-written\n\n')).toBe(true);
    expect(written.endsWith('\n\nthe end\n')).toBe(true);
    expect(written.split('prose between')).toHaveLength(BLOCKS.length);
    expect(written).not.toContain('\nstale\n');
    for (const rule of rules) {
      expect(written).toContain(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`);
      if (rule.eslint) expect(written).toContain(`\`@keyguard/${rule.eslint.name}\``);
    }
    for (const flag of FLAGS.filter((spec) => spec.commands.includes('scan'))) expect(written).toContain(`| \`--${flag.name}\``);
  });

  it('links are relative to the file that holds the table', () => {
    const dir = copyWith({ 'docs/cli.md': block('cli-rules') });
    expect(run(dir, '--write').status).toBe(0);
    const [first] = rules;
    expect(readFileSync(join(dir, 'docs', 'cli.md'), 'utf8')).toContain(`(rules/${first.id}.md)`);
  });

  it('an unknown block name is one line and exit 1; no mode is a usage line', () => {
    const dir = copyWith({ 'docs/eslint.md': block('no-such-table') });
    const unknown = run(dir, '--check');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('unknown generated block "no-such-table"');
    const usage = run(dir);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/usage/);
  });
});
