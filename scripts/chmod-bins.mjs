// tsc writes files without the execute bit. The bin entry points (packages/*/bin/*.js) are
// committed executable; dist/bin.js gets the bit too, so it can be run directly as well.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';

for (const name of ['cli', 'pre-commit', 'language-server']) {
  const file = join('packages', name, 'dist', 'bin.js');
  if (existsSync(file)) chmodSync(file, 0o755);
}
