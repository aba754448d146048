/**
 * @keyguard/eslint-plugin: OpenAI keys and hard-coded key assignments, reported as they are
 * typed. Detection is core's (`@keyguard/core`); this package maps findings onto the AST.
 *
 *   import keyguard from '@keyguard/eslint-plugin';
 *   export default [keyguard.configs.recommended];
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules';

// package.json sits one level above both src/ and dist/.
const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

interface KeyguardPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config };
}

const plugin: KeyguardPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {} as KeyguardPlugin['configs'],
};

/** Flat config: registers the plugin as `@keyguard` and turns every rule on as an error. */
plugin.configs.recommended = {
  name: '@keyguard/recommended',
  plugins: { '@keyguard': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: Object.fromEntries(Object.keys(rules).map((name) => [`@keyguard/${name}`, 'error'])),
};

// CommonJS `module.exports = plugin`: `import keyguard from '@keyguard/eslint-plugin'` (ESM)
// and `require('@keyguard/eslint-plugin')` both get the plugin object.
export = plugin;
