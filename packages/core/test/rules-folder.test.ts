/**
 * The folders and the registry agree, read from the folders (not a list kept beside them), as
 * eslint-plugin-unicorn's test/package.js and typescript-eslint's docs.test.mts do: every file in
 * packages/core/src/rules/ is one registered rule named for its id (helpers live in
 * rules/support/), and docs/rules/ holds exactly one page per rule.
 */
import { getRule, rules } from '@keyguard/core';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const rulesDir = join(root, 'packages', 'core', 'src', 'rules');
const docsDir = join(root, 'docs', 'rules');

const ruleFiles = readdirSync(rulesDir).filter((name) => statSync(join(rulesDir, name)).isFile() && name !== 'index.ts');

describe('packages/core/src/rules/', () => {
  it.each(ruleFiles)('%s is a registered rule named for its id', (file) => {
    expect(file).toMatch(/^[a-z0-9-]+\.ts$/);
    expect(getRule(file.replace(/\.ts$/, ''))).toBeDefined();
  });

  it('holds a file for every registered rule, and ids are unique', () => {
    expect(rules.map((rule) => `${rule.id}.ts`).sort()).toEqual([...ruleFiles].sort());
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });
});

describe('docs/rules/', () => {
  const pages = readdirSync(docsDir).filter((name) => name.endsWith('.md'));
  // One page per rule: it covers the rule and its ESLint twin (no page of the twin's own name).

  it.each(rules.map((rule) => [rule.id]))('has exactly one page for %s', (id) => {
    expect(pages.filter((page) => page === `${id}.md`)).toHaveLength(1);
  });

  it('has no page without a rule', () => {
    const orphans = pages.filter((page) => !getRule(page.replace(/\.md$/, '')));
    expect(orphans).toEqual([]);
  });
});
