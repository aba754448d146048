// Installs the repository's own git hook (.husky/pre-commit: lint-staged runs keyguard-pre-commit
// on the staged files) after `npm ci`/`npm install`, by pointing core.hooksPath at .husky/_.
// Skipped where there is no .git (a packed tarball, the pre-commit framework's copy), in CI, and
// where husky is not installed (`npm ci --omit=dev`).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const HUSKY = 'node_modules/husky/bin.js';
if (process.env.CI || !existsSync('.git') || !existsSync(HUSKY)) process.exit(0);
const result = spawnSync(process.execPath, [HUSKY], { stdio: 'inherit' });
process.exit(result.status ?? 0);
