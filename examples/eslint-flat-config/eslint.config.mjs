// ESLint 9/10 flat config. The one keyguard line is `keyguard.configs.recommended`: it
// registers the plugin as `@keyguard` and turns on both rules as errors.
import keyguard from '@keyguard/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,tsx}'],
    ...keyguard.configs.recommended,
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tsParser },
  },
  {
    files: ['**/*.{js,jsx}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  },
];
