/**
 * Every `npx` command we document or print names a package we publish. `npx keyguard` and
 * `npx keyguard-pre-commit` resolve, in a project that has not installed @keyguard/*, to the
 * unscoped packages `keyguard` and `keyguard-pre-commit` on the registry, which nobody here
 * owns: whoever publishes them would run code on our users' machines (issue 10). The scoped
 * forms are `npx --package=@keyguard/cli keyguard …` and `npx @keyguard/pre-commit …`.
 * Reads the docs, the examples, CI and the BUILT sources (what users run), by walking folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/** `npx` (with any flags but --package/-p) followed by an unscoped keyguard command name. */
const UNSCOPED_NPX = /\bnpx((?:\s+-(?!-package\b|p\b)[-\w=]*)*)\s+(keyguard(?:-pre-commit)?)(?![\w@/-])/g;

function walk(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.git') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, keep) : keep(path) ? [path] : [];
  });
}

const packages = readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name));
const files = [
  join(ROOT, 'README.md'),
  join(ROOT, '.ci', 'run'),
  ...walk(join(ROOT, 'docs'), (path) => path.endsWith('.md')),
  ...walk(join(ROOT, 'examples'), (path) => /\.(md|json|ya?ml|m?js|ts|sh)$|(^|\/)pre-commit$/.test(path)),
  ...walk(join(ROOT, '.github'), (path) => /\.ya?ml$/.test(path)),
  ...packages.flatMap((dir) => [
    join(dir, 'README.md'),
    ...walk(join(dir, 'dist'), (path) => path.endsWith('.js')),
    ...walk(join(dir, 'bin'), () => true),
  ]),
].filter((path) => existsSync(path));

describe('documented and printed npx commands', () => {
  test('the scan covers the docs and the built packages', () => {
    const seen = files.map((path) => relative(ROOT, path));
    expect(seen).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/cli.md',
        'docs/pre-commit.md',
        'packages/pre-commit/dist/hook.js',
        'packages/cli/dist/args.js',
      ]),
    );
  });

  test('never name an unscoped keyguard package', () => {
    const offenders = files.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) => [...line.matchAll(UNSCOPED_NPX)].map((match) => `${relative(ROOT, path)}:${index + 1}: ${match[0]}`)),
    );
    expect(offenders).toEqual([]);
  });

  test('the pattern catches the unscoped forms and accepts the scoped ones', () => {
    const caught = (text: string): boolean => [...text.matchAll(UNSCOPED_NPX)].length > 0;
    expect(
      ['npx keyguard scan', 'npx --yes keyguard baseline', 'run npx keyguard-pre-commit init', '`npx keyguard`.', 'npx -y keyguard'].filter(
        (text) => !caught(text),
      ),
    ).toEqual([]);
    expect(
      [
        'npx --package=@keyguard/cli keyguard scan',
        'npx --yes --package=@keyguard/cli keyguard scan',
        'npx -p @keyguard/cli keyguard scan',
        'npx @keyguard/pre-commit init',
        'npx lint-staged',
        'keyguard scan',
      ].filter(caught),
    ).toEqual([]);
  });
});
