import { rules as coreRules } from '@keyguard/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { typescriptParser } from './typescript-parser';

/** What ESLint lints with `configs.recommended` and nothing else (keep in step with docs/eslint.md). */
const JAVASCRIPT_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

interface RuleWithDocs {
  meta: { docs?: { recommended?: boolean } };
}

/** The core rule's severity in ESLint's two words (the twin is named in the core record). */
function eslintSeverityOf(name: string): TSESLint.FlatConfig.RuleLevel {
  return coreRules.find((rule) => rule.eslint?.name === name)?.severity === 'error' ? 'error' : 'warn';
}

/**
 * `configs.recommended`, built from the rules' metadata: every rule whose `meta.docs.recommended`
 * is true is on, at its core rule's severity (ESLint has two: an error is `error`; a warning
 * and a note are `warn`, so a short-lived secret never fails `eslint` by default).
 *
 * Three objects, because flat config gives each object one `files`:
 * 1. `@keyguard/typescript`: @typescript-eslint/parser for TS files. ESLint gives a file the
 *    parser of the LAST config that sets one, and no config can say "only if none is set", so
 *    this is a default by position: any config after it that sets a parser wins (a project's
 *    own parser, typescript-eslint's, eslint-config-next's). Put keyguard's configs first.
 *    It never touches JavaScript files, whose parser (espree, Babel, Hermes…) stays the
 *    project's wherever keyguard sits.
 * 2. `@keyguard/jsx`: turns on JSX for .jsx files. parserOptions merge key by key, so this adds
 *    `ecmaFeatures.jsx` to whatever parser lints them and replaces nothing.
 * 3. `@keyguard/recommended`: the plugin and its rules, on all eight extensions.
 *
 * Considered and left: one object (it cannot set a parser for TS files without setting it for
 * JS files too), and a custom `language` wrapping ESLint's JavaScript language to pick the
 * parser only when none is configured (ESLint compares the language object by identity in
 * several places; too close to its internals).
 */
export function recommendedConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, RuleWithDocs>,
): TSESLint.FlatConfig.ConfigArray {
  const on = Object.entries(rules)
    .filter(([, rule]) => rule.meta.docs?.recommended === true)
    .map(([name]): [string, TSESLint.FlatConfig.RuleEntry] => [`@keyguard/${name}`, eslintSeverityOf(name)]);
  return [
    { name: '@keyguard/typescript', files: TYPESCRIPT_FILES, languageOptions: { parser: typescriptParser } },
    { name: '@keyguard/jsx', files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      name: '@keyguard/recommended',
      files: [...JAVASCRIPT_FILES, ...TYPESCRIPT_FILES],
      plugins: { '@keyguard': plugin },
      rules: Object.fromEntries(on),
    },
  ];
}
