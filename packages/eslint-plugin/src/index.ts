/**
 * @keyguard/eslint-plugin: core's rules, reported as they are typed. Detection is core's
 * (`@keyguard/core`); every rule here is generated from a core rule record and maps its findings
 * onto the AST.
 *
 *   import keyguard from '@keyguard/eslint-plugin';
 *   export default [...keyguard.configs.recommended];
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { recommendedConfigs } from './configs';
import { rules } from './rules';

// package.json sits one level above both src/ and dist/.
const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

interface KeyguardPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.ConfigArray };
}

const plugin: KeyguardPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {} as KeyguardPlugin['configs'],
};

/**
 * Flat config (an array: spread it, or pass it to `defineConfig`): a default parser for
 * TypeScript files, JSX in .jsx files, the plugin as `@keyguard` and every recommended rule at
 * its core rule's severity, on .js .jsx .mjs .cjs .ts .tsx .mts .cts. See configs.ts for the order it needs.
 */
plugin.configs.recommended = recommendedConfigs(plugin, rules);

// CommonJS `module.exports = plugin`: `import keyguard from '@keyguard/eslint-plugin'` (ESM)
// and `require('@keyguard/eslint-plugin')` both get the plugin object.
export = plugin;
