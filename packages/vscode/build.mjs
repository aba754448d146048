// `npm run package:vscode` (after `npm run build`): type-checks the extension, bundles it and the
// language server (packages/language-server/dist/bin.js, with core and vscode-languageserver)
// into dist/ with esbuild, then packs keyguard-<version>.vsix with @vscode/vsce. The .vsix holds
// what .vscodeignore lets through: the manifest, README, LICENSE and the two bundles
// (packages/vscode/test/vsix.test.ts checks it). Not published from here.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const serverEntry = join(here, '..', 'language-server', 'dist', 'bin.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package:vscode: ${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')]);
rmSync(join(here, 'dist'), { recursive: true, force: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' };
// `vscode` is the editor's own API, there at run time only.
await build({
  ...common,
  entryPoints: [join(here, 'src', 'extension.ts')],
  outfile: join(here, 'dist', 'extension.js'),
  external: ['vscode'],
});
await build({ ...common, entryPoints: [serverEntry], outfile: join(here, 'dist', 'server.js') });
const out = `keyguard-${version}.vsix`;
run(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out]);
console.log(`package:vscode: wrote packages/vscode/${out}`);
