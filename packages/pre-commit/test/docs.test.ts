/**
 * docs/pre-commit.md is true to the hook as built: the usage block names the flags and
 * commands the hook's own --help names (and no others), the lines it says the hook prints are
 * what the built hook prints, and the pre-commit framework ids are the manifest's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, removeTempDirs, runHookBin, TempRepo, tempDir } from '@keyguard/test-utils';

afterAll(removeTempDirs);

const page = readFileSync(join(REPO_ROOT, 'docs', 'pre-commit.md'), 'utf8');
/** The page's first code block: the usage. */
const usage = /```\n([\s\S]*?)```/.exec(page)![1];
const flagsIn = (text: string): string[] => [...new Set(text.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? [])].sort();

describe('docs/pre-commit.md', () => {
  test('the usage block names exactly the flags of keyguard-pre-commit --help and init --help', () => {
    const dir = tempDir();
    const help = runHookBin(['--help'], dir).stdout + runHookBin(['init', '--help'], new TempRepo().dir).stdout;
    const hookLines = usage
      .split('\n')
      .filter((line) => line.startsWith('keyguard-pre-commit'))
      .join('\n');
    const documented = flagsIn(hookLines.replace(/ {2,}.*$/gm, ''));
    const helped = flagsIn(
      help
        .split('\n')
        .filter((line) => /^\s*(Usage: )?keyguard-pre-commit/.test(line))
        .join('\n'),
    );
    // The docs also list --help and --version, which the help's usage lines leave out.
    expect(documented).toEqual([...helped, '--help', '--version'].sort());
  });

  test('what it says the hook prints is what the built hook prints', () => {
    const repo = new TempRepo();
    const nothing = runHookBin([], repo.dir);
    expect(nothing.status).toBe(0);
    const note = nothing.stderr.trim();
    expect(page).toContain(`\`${note}\``);
    const typo = runHookBin(['--all-line'], repo.dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(page).toContain('`--all-line`');
  });

  test('the framework snippet uses the manifest ids, and says the entry ends with --', () => {
    const manifest = readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    const ids = [...manifest.matchAll(/^- id: (\S+)$/gm)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(page).toMatch(new RegExp(`- id: ${id}\\b`));
    expect(manifest).toMatch(/entry: bundle\/keyguard-pre-commit\.js --$/m);
    expect(page).toContain("end them with `'--'`");
  });
});
