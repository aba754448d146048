/**
 * The rule pages cannot drift from the rules: every "Incorrect" example must report and every
 * "Correct" one must not (typescript-eslint lints its docs' examples the same way), and every
 * rule is exported, documented and on in the recommended config (unicorn's test/package.js).
 * What the plugin should export and which pages should exist are read from core's registry and
 * the docs folder, never from a list kept here: one page per core rule, docs/rules/<id>.md,
 * covers the rule and its ESLint twin.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_BASE_URL, ruleDocsUrl, rules as coreRules } from '@keyguard/core';
import keyguard from '@keyguard/eslint-plugin';
import { Linter } from 'eslint';
import { fill, type Language } from './support';

const root = join(__dirname, '..', '..', '..');
const ruleNames = Object.keys(keyguard.rules);
/** The core rules that ask for an ESLint twin, with its name. */
const twins = coreRules.flatMap((rule) => (rule.eslint ? [{ id: rule.id, name: rule.eslint.name, description: rule.description }] : []));

interface DocExample {
  kind: 'Incorrect' | 'Correct';
  language: Language;
  code: string;
  /** 1-based line of the fence in the page, for the failure message. */
  line: number;
}

/** The fenced js/ts/jsx/tsx blocks under the "Incorrect" and "Correct" headings of a page. */
function examplesOf(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  let section: DocExample['kind'] | undefined;
  let fence: { language: Language; line: number; lines: string[] } | undefined;
  markdown.split('\n').forEach((text, index) => {
    if (fence) {
      if (text.startsWith('```')) {
        if (section) examples.push({ kind: section, language: fence.language, code: fence.lines.join('\n'), line: fence.line });
        fence = undefined;
      } else {
        fence.lines.push(text);
      }
      return;
    }
    const heading = /^(#+)\s+(.*)$/.exec(text);
    if (heading) {
      section = heading[2] === 'Incorrect' || heading[2] === 'Correct' ? heading[2] : undefined;
      return;
    }
    const open = /^```(\w+)/.exec(text);
    if (open) {
      const language = (['js', 'jsx', 'ts', 'tsx'] as const).find((candidate) => candidate === open[1]);
      fence = { language: language ?? 'js', line: index + 1, lines: [] };
      if (!language) section = undefined;
    }
  });
  return examples;
}

/**
 * The recommended config alone, as a user has it: espree for JS, JSX in .jsx, and keyguard's
 * default TypeScript parser for TS and TSX.
 */
const recommended = keyguard.configs.recommended as Linter.Config[];

describe.each(twins.map((twin) => [twin.id, twin] as const))('docs/rules/%s.md', (id, twin) => {
  const page = join(root, 'docs', 'rules', `${id}.md`);
  const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const examples = examplesOf(markdown);

  it("exists, is the core rule's page and names its ESLint rule", () => {
    expect(existsSync(page)).toBe(true);
    expect(markdown).toContain(`# \`${id}\``);
    expect(markdown).toContain(`\`@keyguard/${twin.name}\``);
  });

  it('has incorrect and correct ESLint examples together, or neither (a scaffolded page)', () => {
    const incorrect = examples.filter((example) => example.kind === 'Incorrect').length;
    const correct = examples.filter((example) => example.kind === 'Correct').length;
    expect(incorrect > 0).toBe(correct > 0);
  });

  // A scaffolded page has no ESLint examples yet; `it.each` refuses an empty table.
  const documented = examples.map(
    (example) => [`${example.kind.toLowerCase()} ${example.language} example at line ${example.line}`, example] as const,
  );
  (documented.length > 0 ? it.each(documented) : it.skip.each([['(no ESLint examples)', examples[0]] as const]))(
    '%s behaves as documented',
    (_title, example) => {
      const linter = new Linter();
      const filename = { js: 'example.js', jsx: 'example.jsx', ts: 'example.ts', tsx: 'example.tsx' }[example.language];
      const messages = linter.verify(fill(example.code), recommended, filename);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      const own = messages.filter((message) => message.ruleId === `@keyguard/${twin.name}`);
      if (example.kind === 'Incorrect') expect(own.length).toBeGreaterThanOrEqual(1);
      else expect(own).toEqual([]);
    },
  );
});

describe('the plugin object', () => {
  const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

  it('names itself and its version from package.json', () => {
    expect(keyguard.meta).toEqual({ name: '@keyguard/eslint-plugin', version: packageJson.version });
  });

  it("exports exactly the twins core's rules ask for", () => {
    expect([...ruleNames].sort()).toEqual(twins.map((twin) => twin.name).sort());
  });

  it.each(twins.map((twin) => [twin.name, twin] as const))(
    'exports %s with its core page as docs URL, the core description and suggestions',
    (name, twin) => {
      const rule = keyguard.rules[name];
      expect(rule.meta.docs?.url).toBe(ruleDocsUrl(twin.id));
      expect(DOCS_BASE_URL.endsWith('/docs/rules')).toBe(true);
      expect(rule.meta.docs?.description.toLowerCase()).toContain(twin.description.toLowerCase());
      expect(rule.meta.docs?.recommended).toBe(true);
      expect(rule.meta.hasSuggestions).toBe(true);
      expect(rule.meta.fixable).toBeUndefined();
    },
  );

  it("turns every recommended rule on in configs.recommended at its core rule's severity, on all eight extensions", () => {
    const withRules = recommended.filter((config) => config.rules !== undefined);
    expect(withRules).toHaveLength(1);
    const [config] = withRules;
    expect(config.plugins?.['@keyguard']).toBe(keyguard);
    const expected = ruleNames.filter((name) => keyguard.rules[name].meta.docs?.recommended === true);
    // ESLint has two levels: a core error is an ESLint error, a warning or a note is a warn.
    const level = { error: 'error', warning: 'warn', note: 'warn' } as const;
    const severityOf = (name: string) => coreRules.find((rule) => rule.eslint?.name === name)!.severity;
    expect(config.rules).toEqual(Object.fromEntries(expected.map((name) => [`@keyguard/${name}`, level[severityOf(name)]])));
    expect([...(config.files ?? [])].sort()).toEqual(
      ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'].map((extension) => `**/*.${extension}`).sort(),
    );
  });

  it('sets a parser for TypeScript files only, never for JavaScript files', () => {
    const withParser = recommended.filter((config) => config.languageOptions?.parser !== undefined);
    expect(withParser.map((config) => [config.name, config.files])).toEqual([
      ['@keyguard/typescript', ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']],
    ]);
  });

  it('links every rule to a page that exists, and has no page without a core rule (none named for an ESLint twin)', () => {
    const pages = readdirSync(join(root, 'docs', 'rules')).filter((file) => file.endsWith('.md'));
    expect([...pages].sort()).toEqual(coreRules.map((rule) => `${rule.id}.md`).sort());
    for (const name of ruleNames) {
      const url = keyguard.rules[name].meta.docs?.url ?? '';
      expect(pages).toContain(url.slice(url.lastIndexOf('/') + 1));
    }
  });

  it('ships type declarations', () => {
    expect(existsSync(join(__dirname, '..', 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(__dirname, '..', 'dist', 'rules', 'index.d.ts'))).toBe(true);
  });
});
