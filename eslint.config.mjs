// The project lints itself: typescript-eslint's type-checked rules over the TypeScript, the
// plain recommended rules over the scripts, and keyguard's own plugin (as built by `npm run
// build`) over everything, as typescript-eslint lints itself with its own rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import keyguard from './packages/eslint-plugin/dist/index.js';

export default tseslint.config(
  // keyguard first (docs/eslint.md): the typed parser set below stays the one .ts files get.
  keyguard.configs.recommended,
  {
    // examples/ holds planted findings on purpose; .bench/, dist/ and bundle/ are generated.
    ignores: ['bundle/**', '**/dist/**', '**/node_modules/**', 'examples/**', '.bench/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./packages/*/tsconfig.json', './tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Sources are async generators by interface; some have nothing to await (a listing read
      // synchronously), and an `await` added to please the rule would only cost a tick.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read the CLI's JSON and SARIF reports back with JSON.parse and assert their shape;
    // typing every parsed report first would repeat the reporters' types in every test. The test
    // kit asserts with Jest's asymmetric matchers (expect.any), which are typed any.
    files: ['packages/*/test/**/*.ts', 'packages/test-utils/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // ESTree node types are string literal unions in @typescript-eslint/utils' TSESTree, and
    // comparing `node.type` with a string is how ESTree code is written; this rule only asks
    // for the AST_NODE_TYPES enum in its place, which changes nothing at run time.
    files: ['packages/eslint-plugin/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
  {
    files: ['**/*.cjs', 'packages/*/bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
