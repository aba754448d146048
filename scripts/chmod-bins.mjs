// tsc writes files without the execute bit; the workspaces' bin links point at them, so
// `npx keyguard` after `npm ci` needs it set. (npm sets it itself when installing a tarball.)
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

for (const name of ['cli', 'pre-commit']) {
  const folder = join('packages', name);
  const { bin = {} } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  for (const target of Object.values(bin)) {
    const file = join(folder, target);
    if (existsSync(file)) chmodSync(file, 0o755);
  }
}
