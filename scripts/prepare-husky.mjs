// Installs the repository's own git hook (.husky/) after `npm ci`/`npm install`.
// Skipped where there is no .git (a packed tarball, a CI checkout without hooks) or in CI.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.CI || !existsSync('.git')) process.exit(0);
const result = spawnSync(process.execPath, ['node_modules/husky/bin.js'], { stdio: 'inherit' });
process.exit(result.status ?? 0);
