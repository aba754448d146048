/**
 * The files that wire the hook up outside the package stay in step with it: the repository's
 * own hook, the pre-commit framework manifest, and the example project `init` wrote.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, removeTempDirs, runHookBin, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(60_000);
afterAll(removeTempDirs);

const read = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
const bin = (JSON.parse(read('packages/pre-commit/package.json')) as { bin: Record<string, string> }).bin;

describe('hook set-up files', () => {
  it('the package names its command keyguard-pre-commit', () => {
    expect(bin).toEqual({ 'keyguard-pre-commit': 'bin/keyguard-pre-commit.js' });
  });

  it("the repository's own hook runs lint-staged with the root config, which runs the built hook and prettier", () => {
    // No --no-stash: prettier rewrites staged files, so lint-staged must back up unstaged changes.
    expect(read('.husky/pre-commit')).toMatch(/^lint-staged --config \.lintstagedrc\.json --quiet$/m);
    const config = JSON.parse(read('.lintstagedrc.json')) as Record<string, string>;
    expect(config['*']).toBe(`node packages/pre-commit/${bin['keyguard-pre-commit']}`);
    expect(Object.values(config)).toContain('prettier --write --ignore-unknown');
    expect(existsSync(join(REPO_ROOT, 'packages', 'pre-commit', bin['keyguard-pre-commit']))).toBe(true);
    expect(read('package.json')).toMatch(/"prepare": "[^"]*node scripts\/prepare-husky\.mjs/);
  });

  // The real run through pre-commit is pre-commit-framework.test.ts; this names what 3.0 needs.
  it('.pre-commit-hooks.yaml runs the committed bundle as a script hook, with no stages', () => {
    const manifest = read('.pre-commit-hooks.yaml');
    expect(manifest).toMatch(/^- id: keyguard$/m);
    expect(manifest).toMatch(/^ {2}entry: bundle\/keyguard-pre-commit\.js --$/m);
    expect(manifest).toMatch(/^ {2}language: script$/m);
    expect(manifest).not.toMatch(/^ {2}stages:/m);
  });

  it('examples/husky-lint-staged is exactly what init writes (init finds nothing to change)', () => {
    const repo = new TempRepo();
    cpSync(join(REPO_ROOT, 'examples', 'husky-lint-staged'), repo.dir, { recursive: true });
    const run = runHookBin(['init'], repo.dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Nothing to change/);
  });
});
