/**
 * Where the git hooks' tests install the hook: a folder with only `keyguard-pre-commit` on PATH
 * (the plain hooks), or a Node project linked to this repository's husky, lint-staged and
 * built packages (husky's hooks), both offline.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { HOOK_BIN, REPO_ROOT, tempDir, TempRepo } from './repo';

/** A folder holding only `keyguard-pre-commit`, as a global npm install would put it on PATH. */
export function binFolder(): string {
  const dir = tempDir('keyguard-bin-');
  symlinkSync(HOOK_BIN, join(dir, 'keyguard-pre-commit'));
  return dir;
}

/**
 * A Node project as `npm install` would leave it, linked to this repository's husky, lint-staged
 * and built packages: no network needed.
 */
export function nodeProject(devDependencies: Record<string, string> = {}): TempRepo {
  const repo = new TempRepo().write(
    'package.json',
    `${JSON.stringify({ name: 'demo', version: '1.0.0', private: true, devDependencies }, null, 2)}\n`,
  );
  const modules = join(repo.dir, 'node_modules');
  mkdirSync(join(modules, '@keyguard'), { recursive: true });
  mkdirSync(join(modules, '.bin'));
  for (const name of ['husky', 'lint-staged']) symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
  for (const name of ['core', 'cli', 'pre-commit']) symlinkSync(join(REPO_ROOT, 'packages', name), join(modules, '@keyguard', name));
  const bins: Record<string, string> = {
    husky: '../husky/bin.js',
    'lint-staged': '../lint-staged/bin/lint-staged.js',
    'keyguard-pre-commit': '../@keyguard/pre-commit/dist/bin.js',
    keyguard: '../@keyguard/cli/dist/bin.js',
  };
  // The targets are executable already: npm sets the bit on install, `npm run build` on our bins.
  for (const [name, target] of Object.entries(bins)) symlinkSync(target, join(modules, '.bin', name));
  repo.write('.gitignore', 'node_modules/\n');
  return repo;
}
