import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The third-party packages esbuild read into a bundle, from its metafile: one entry per package
 * folder as esbuild resolved it (packages/cli/node_modules/ignore, not the hoisted one), with
 * the version and license its package.json states. bundle.mjs lists them in bundle/LICENSES.md,
 * bundle-hook.mjs in the hook bundle's banner.
 */
export function bundledPackages(metafile, root) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*?node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (!match || found.has(match[1])) continue;
    const manifest = JSON.parse(readFileSync(join(root, match[1], 'package.json'), 'utf8'));
    found.set(match[1], { name: match[2], version: manifest.version, license: manifest.license ?? 'license not stated' });
  }
  return [...found.values()];
}
