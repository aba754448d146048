// Keeps the keyguard version that the docs name in step with the packages' one version (all
// @keyguard/* move together: .changeset/config.json). changesets bumps package.json files; this
// rewrites what a user copies: `rev: vX.Y.Z` under `repo: https://github.com/keyguard/keyguard`
// in a pre-commit config, and `@keyguard/<name>@X.Y.Z` pins (npx --package=@keyguard/cli@X.Y.Z).
//   node scripts/release-version.mjs --write   (run by `npm run version-packages`)
//   node scripts/release-version.mjs --check   (run by packages/cli/test/package.test.ts)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const version = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')).version;
const SEMVER = String.raw`\d+\.\d+\.\d+(?:-[\w.]+)?`;
const patterns = [
  new RegExp(String.raw`(repo:\s*https://github\.com/keyguard/keyguard(?:\.git)?\s*\n\s*rev:\s*["']?v)(${SEMVER})`, 'g'),
  new RegExp(String.raw`(@keyguard/[a-z-]+@)(${SEMVER})`, 'g'),
];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.git')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(md|ya?ml|json)$/.test(name) && name !== 'package-lock.json' ? [path] : [];
  });
}

const files = [join(root, 'README.md'), ...walk(join(root, 'docs')), ...walk(join(root, 'examples')), ...walk(join(root, '.github'))];
const write = process.argv.includes('--write');
const stale = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  let next = text;
  for (const pattern of patterns)
    next = next.replace(pattern, (_, before, found) =>
      found === version ? `${before}${found}` : (stale.push(`${relative(root, file)}: ${found}`), `${before}${version}`),
    );
  if (write && next !== text) writeFileSync(file, next);
}
if (stale.length > 0 && !write) {
  console.error(
    `release-version: the docs name another keyguard version than ${version}: ${stale.join(', ')}. Run: node scripts/release-version.mjs --write`,
  );
  process.exit(1);
}
console.log(write ? `release-version: ${stale.length} place(s) set to ${version}` : `release-version: the docs name ${version}`);
