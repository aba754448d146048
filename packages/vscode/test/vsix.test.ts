/**
 * `npm run package:vscode` builds a .vsix that holds the manifest, the bundled extension and the
 * bundled language server, and no development files; the bundled server, run from the unpacked
 * .vsix with nothing else installed, reports a key. (VS Code itself is not on this machine: the
 * extension's activation in the editor is not tested here; docs/editors.md says so.)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeKey, REPO_ROOT, removeTempDirs, tempDir, tempRepo, testEnv, writeFiles, expectNoWholeKey } from '@keyguard/test-utils';
// The protocol client of the language server's own tests, pointed at the bundled server.
import { LspSession } from '../../language-server/test/lsp-session';

jest.setTimeout(300_000);
afterAll(removeTempDirs);

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'vscode', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  contributes: { configuration: { properties: Record<string, unknown> } };
};
const vsix = join(REPO_ROOT, 'packages', 'vscode', `${manifest.name}-${manifest.version}.vsix`);

let entries: string[] = [];
/** The 8-character OpenAI key marker, joined here at run time (as core does): this file holds no whole one. */
const MARKER = Buffer.from(['T3B', 'lbk', 'FJ'].join(''));

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'packages', 'vscode', 'build.mjs')], {
    cwd: REPO_ROOT,
    env: testEnv(),
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (built.status !== 0)
    throw new Error(`package:vscode failed (exit ${built.status}): ${built.stdout.slice(-2000)}${built.stderr.slice(-2000)}`);
  const listed = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`unzip -Z1 failed: ${listed.stderr}`);
  entries = listed.stdout.split('\n').filter(Boolean);
});

describe('the .vsix', () => {
  test('holds the manifest, the README, the LICENSE and the two bundles, and nothing else of the package', () => {
    const extension = entries.filter((entry) => entry.startsWith('extension/')).sort();
    expect(extension).toEqual(
      [
        'extension/LICENSE.txt',
        'extension/readme.md',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/package.json',
      ].sort(),
    );
    // What vsce adds around it: the VSIX manifest and the content types.
    expect(entries.filter((entry) => !entry.startsWith('extension/')).sort()).toEqual(['[Content_Types].xml', 'extension.vsixmanifest']);
  });

  test('its bundles hold no whole key marker: esbuild must not fold the pieces core joins at run time', () => {
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js']) {
      const packed = spawnSync('unzip', ['-p', vsix, bundle], { maxBuffer: 64 * 1024 * 1024 });
      expect(packed.status).toBe(0);
      expect(packed.stdout.length).toBeGreaterThan(0);
      expect({ bundle, holdsMarker: packed.stdout.includes(MARKER) }).toEqual({ bundle, holdsMarker: false });
    }
  });

  test('its manifest is the package: publisher, entry point, VS Code version and the three settings', () => {
    const packed = spawnSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' });
    const inside = JSON.parse(packed.stdout) as typeof manifest;
    expect(inside).toEqual(expect.objectContaining({ name: 'keyguard', publisher: manifest.publisher, main: './dist/extension.js' }));
    expect(inside.engines.vscode).toBe(manifest.engines.vscode);
    expect(Object.keys(inside.contributes.configuration.properties).sort()).toEqual([
      'keyguard.enable',
      'keyguard.severityThreshold',
      'keyguard.skipJavaScript',
    ]);
  });

  test('the extension bundle leaves only vscode to the editor; the server bundle needs nothing', () => {
    const unpacked = tempDir('keyguard-vsix-');
    expect(spawnSync('unzip', ['-q', vsix, '-d', unpacked]).status).toBe(0);
    const extension = readFileSync(join(unpacked, 'extension', 'dist', 'extension.js'), 'utf8');
    const requires = [...extension.matchAll(/require\("([^"./][^"]*)"\)/g)].map((match) => match[1]);
    expect(requires).toContain('vscode');
    expect(requires.filter((name) => name !== 'vscode' && !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
    const server = readFileSync(join(unpacked, 'extension', 'dist', 'server.js'), 'utf8');
    const serverRequires = [...server.matchAll(/require\("([^"./][^"]*)"\)/g)].map((match) => match[1]);
    expect(serverRequires.filter((name) => !name.startsWith('node:') && !isBuiltin(name))).toEqual([]);
  });

  test('the bundled server, run from the unpacked .vsix, reports a key in a Python file', async () => {
    const unpacked = tempDir('keyguard-vsix-run-');
    expect(spawnSync('unzip', ['-q', vsix, '-d', unpacked]).status).toBe(0);
    const root = tempRepo();
    const key = fakeKey('proj', 71);
    const text = `import openai\nopenai.api_key = "${key}"\n`;
    writeFiles(root, { 'app.py': text });
    const session = new LspSession({ root, server: join(unpacked, 'extension', 'dist', 'server.js') });
    try {
      await session.initialize();
      const uri = await session.open(join(root, 'app.py'), 'python', text);
      const diagnostics = await session.diagnostics(uri);
      expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['openai-api-key']);
    } finally {
      expect(await session.shutdown()).toBe(0);
    }
    expectNoWholeKey([session.output], [key]);
  });
});

function isBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:module') as typeof import('node:module')).isBuiltin(name);
}
