// Writes packages/cli/keyguard.config.schema.json, the JSON Schema of keyguard.config.json,
// from the built CLI (packages/cli/src/config-schema.ts: core's config fields and rules),
// formatted by Prettier as the repository is. Shipped in @keyguard/cli (its `files`).
//
//   node scripts/config-schema.mjs           write it (npm run generate does, after npm run build)
//   node scripts/config-schema.mjs --check   exit 1 when the file differs from a fresh one
//                                            (npm run generate:check, in npm run lint)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILE = join(ROOT, 'packages', 'cli', 'keyguard.config.schema.json');
const require = createRequire(import.meta.url);
const { configSchema } = require(join(ROOT, 'packages', 'cli', 'dist', 'config-schema.js'));

const options = (await prettier.resolveConfig(FILE)) ?? {};
const text = await prettier.format(JSON.stringify(configSchema()), { ...options, parser: 'json', filepath: FILE });
const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(
      'config-schema: packages/cli/keyguard.config.schema.json is out of date. Run: npm run build && npm run generate, then commit it',
    );
    process.exit(1);
  }
} else if (current !== text) {
  writeFileSync(FILE, text);
  console.log('config-schema: wrote packages/cli/keyguard.config.schema.json');
}
