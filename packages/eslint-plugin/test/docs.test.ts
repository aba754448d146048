/**
 * The rule pages cannot drift from the rules: every "Incorrect" example must report and every
 * "Correct" one must not (typescript-eslint lints its docs' examples the same way), and every
 * rule is exported, documented and on in the recommended config (unicorn's test/package.js).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_BASE_URL } from '@keyguard/core';
import keyguard from '@keyguard/eslint-plugin';
import { Linter } from 'eslint';
import { fill, type Language } from './support';

const root = join(__dirname, '..', '..', '..');
const ruleNames = Object.keys(keyguard.rules);

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

describe.each(ruleNames)('docs/rules/%s.md', (name) => {
  const page = join(root, 'docs', 'rules', `${name}.md`);
  const markdown = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const examples = examplesOf(markdown);

  it('exists and has incorrect and correct examples', () => {
    expect(existsSync(page)).toBe(true);
    expect(examples.filter((example) => example.kind === 'Incorrect').length).toBeGreaterThan(0);
    expect(examples.filter((example) => example.kind === 'Correct').length).toBeGreaterThan(0);
  });

  it('starts with the rule name and its description', () => {
    const rule = keyguard.rules[name];
    expect(markdown.split('\n')[0]).toBe(`# \`@keyguard/${name}\``);
    expect(markdown).toContain(rule.meta.docs?.description ?? '(no description)');
  });

  it.each(
    examples.map((example) => [`${example.kind.toLowerCase()} ${example.language} example at line ${example.line}`, example] as const),
  )('%s behaves as documented', (_title, example) => {
    const linter = new Linter();
    const filename = { js: 'example.js', jsx: 'example.jsx', ts: 'example.ts', tsx: 'example.tsx' }[example.language];
    const messages = linter.verify(fill(example.code), recommended, filename);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const own = messages.filter((message) => message.ruleId === `@keyguard/${name}`);
    if (example.kind === 'Incorrect') expect(own.length).toBeGreaterThanOrEqual(1);
    else expect(own).toEqual([]);
  });
});

describe('the plugin object', () => {
  const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

  it('names itself and its version from package.json', () => {
    expect(keyguard.meta).toEqual({ name: '@keyguard/eslint-plugin', version: packageJson.version });
  });

  it.each(ruleNames)('exports %s with a docs URL, a description and suggestions', (name) => {
    const rule = keyguard.rules[name];
    expect(rule.meta.docs?.url).toBe(`${DOCS_BASE_URL}/${name}.md`);
    expect(DOCS_BASE_URL.endsWith('/docs/rules')).toBe(true);
    expect(rule.meta.docs?.description.length).toBeGreaterThan(20);
    expect(rule.meta.docs?.recommended).toBe(true);
    expect(rule.meta.hasSuggestions).toBe(true);
    expect(rule.meta.fixable).toBeUndefined();
  });

  it('turns every recommended rule on as an error in configs.recommended, on all eight extensions', () => {
    const withRules = recommended.filter((config) => config.rules !== undefined);
    expect(withRules).toHaveLength(1);
    const [config] = withRules;
    expect(config.plugins?.['@keyguard']).toBe(keyguard);
    const expected = ruleNames.filter((name) => keyguard.rules[name].meta.docs?.recommended === true);
    expect(config.rules).toEqual(Object.fromEntries(expected.map((name) => [`@keyguard/${name}`, 'error'])));
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

  it('documents every page it has: no page without a rule', () => {
    const pages = ['no-openai-api-key.md', 'no-openai-key-assignment.md'];
    expect(ruleNames.map((name) => `${name}.md`).sort()).toEqual(pages);
  });

  it('ships type declarations', () => {
    expect(existsSync(join(__dirname, '..', 'dist', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(__dirname, '..', 'dist', 'rules', 'no-openai-api-key.d.ts'))).toBe(true);
  });
});
