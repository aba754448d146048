import type { Config } from 'jest';

// One Jest project per package. Tests import the packages by name, so they run against
// what `tsc -b` built into each package's dist/ (the same code users get); ts-jest only
// transpiles the test files (tsconfig.tests.json sets isolatedModules; type-checking them is
// `tsc -p tsconfig.tests.json`).
const packages = ['core', 'cli', 'eslint-plugin', 'pre-commit', 'language-server', 'vscode'];

const config: Config = {
  // Tests spawn the built commands and real git; on a loaded 2-core machine Jest's 5 s default
  // fails a correct test. No test asserts speed (that is the bench's job), so the cap only
  // stops a hang. A global option: Jest ignores testTimeout inside a project's config.
  testTimeout: 120_000,
  projects: packages.map((name) => ({
    displayName: name,
    rootDir: `<rootDir>/packages/${name}`,
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.tests.json' }],
    },
  })),
};

export default config;
