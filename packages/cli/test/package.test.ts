/**
 * What each published package holds: `npm pack --dry-run` over every public workspace, checked
 * against the publishing metadata. The tarballs are installed from a real registry and run as
 * the README says in registry.test.ts; this test is the fast, offline half: `files` is exact
 * (built JS and its types, bin, README, LICENSE, package.json, a JSON schema; no sources, tests,
 * maps or build info) and the metadata npm and provenance need is there.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

interface PackResult {
  name: string;
  version: string;
  size: number;
  entryCount: number;
  files: { path: string; mode: number }[];
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  homepage?: string;
  keywords?: string[];
  bugs?: { url?: string };
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  publishConfig?: Record<string, unknown>;
  bin?: Record<string, string>;
  main?: string;
  types?: string;
  dependencies?: Record<string, string>;
}

/** The environment without what `npm test` sets for its own run (npm_config_*, npm_package_*). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest & { workspaces: string[] };
const workspaces = rootManifest.workspaces.map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest,
}));
const published = workspaces.filter(({ manifest }) => manifest.private !== true);

/** What may ship: the build's JS and declarations, committed bin scripts, a JSON schema, and what npm always adds. */
const SHIPPABLE = /^(package\.json|README\.md|LICENSE|bin\/[\w.-]+\.js|dist\/[\w./-]+\.(js|d\.ts)|([\w-]+\/)*[\w.-]+\.schema\.json)$/;

describe('the published packages', () => {
  let packs: PackResult[] = [];

  beforeAll(() => {
    const result = spawnSync(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts', ...published.flatMap(({ dir }) => ['--workspace', dir])],
      {
        cwd: ROOT,
        env: cleanEnv(),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    if (result.status !== 0) throw new Error(`npm pack --dry-run failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
    packs = JSON.parse(result.stdout) as PackResult[];
  });

  test('every workspace is packed, and the root package is private', () => {
    expect(rootManifest.private).toBe(true);
    expect(packs.map((pack) => pack.name).sort()).toEqual(published.map(({ manifest }) => manifest.name).sort());
  });

  test.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest] as const))(
    '%s ships only its build, bin, README and LICENSE',
    (name, dir, manifest) => {
      const pack = packs.find((candidate) => candidate.name === name)!;
      const paths = pack.files.map((file) => file.path);
      expect(paths.filter((path) => !SHIPPABLE.test(path))).toEqual([]);
      expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', manifest.main!, manifest.types!]));
      // Every built module ships with its declarations, and every bin (executable) with its target.
      for (const path of paths.filter((file) => file.endsWith('.js') && file.startsWith('dist/')))
        expect(paths).toContain(path.replace(/\.js$/, '.d.ts'));
      for (const bin of Object.values(manifest.bin ?? {})) {
        const file = pack.files.find((entry) => entry.path === bin.replace(/^\.\//, ''));
        expect(file).toBeDefined();
        expect(file!.mode & 0o111).not.toBe(0);
      }
      // The README links to the main docs, and the LICENSE is the repository's.
      expect(readFileSync(join(ROOT, dir, 'README.md'), 'utf8')).toContain('https://github.com/keyguard/keyguard');
      expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
    },
  );

  test.each(published.map(({ dir, manifest }) => [manifest.name, dir] as const))(
    '%s names no source map it does not ship (no sourceMappingURL without its map)',
    (name, dir) => {
      const pack = packs.find((candidate) => candidate.name === name)!;
      const paths = new Set(pack.files.map((file) => file.path));
      const dangling: string[] = [];
      for (const path of paths) {
        if (!/\.(js|d\.ts)$/.test(path)) continue;
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(ROOT, dir, path), 'utf8'))?.[1];
        if (url && !paths.has(join(path, '..', url))) dangling.push(`${path} -> ${url}`);
      }
      expect(dangling).toEqual([]);
    },
  );

  test('@keyguard/cli ships the JSON Schema of keyguard.config.json, where the docs say', () => {
    const cli = packs.find((pack) => pack.name === '@keyguard/cli')!;
    expect(cli.files.map((file) => file.path)).toContain('keyguard.config.schema.json');
    expect(readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8')).toContain('./node_modules/@keyguard/cli/keyguard.config.schema.json');
  });

  test.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest] as const))(
    '%s has the metadata npm and provenance need',
    (_name, dir, manifest) => {
      expect(manifest.license).toBe('MIT');
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
      // Provenance checks that the package names the repository it was built from.
      expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/keyguard/keyguard.git', directory: dir });
      expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/keyguard\/keyguard[/#]/);
      expect(manifest.bugs?.url).toBe('https://github.com/keyguard/keyguard/issues');
      expect(manifest.keywords?.length).toBeGreaterThan(0);
      expect(manifest.engines?.node).toBe(rootManifest.engines?.node);
      expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
      // Sibling packages are pinned to the version released with them (changesets' "fixed" group).
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        const sibling = workspaces.find((workspace) => workspace.manifest.name === dependency);
        if (sibling) expect(range).toBe(sibling.manifest.version);
      }
    },
  );

  test('the release is set up: changesets moves every package together, and the workflow publishes', () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.changeset', 'config.json'), 'utf8')) as {
      fixed: string[][];
      access: string;
      baseBranch: string;
    };
    expect(config).toEqual(expect.objectContaining({ fixed: [['@keyguard/*']], access: 'public', baseBranch: 'main' }));
    expect(rootManifest).toEqual(
      expect.objectContaining({ scripts: expect.objectContaining({ release: expect.stringContaining('changeset publish') }) }),
    );
    const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
    expect(workflow).toContain('publish: npm run release');
    expect(workflow).toContain('id-token: write');
    // Every action is pinned by a full commit SHA, with its release in a comment.
    const uses = [...workflow.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/#\s*v\d+\.\d+\.\d+/);
    }
    // The version the docs name (a pre-commit `rev:`, an `@keyguard/cli@X` pin) is the packages' one.
    const docs = spawnSync(process.execPath, [join(ROOT, 'scripts', 'release-version.mjs'), '--check'], { encoding: 'utf8' });
    expect([docs.status, docs.stderr.trim()]).toEqual([0, '']);
    expect(rootManifest).toEqual(
      expect.objectContaining({
        scripts: expect.objectContaining({ 'version-packages': expect.stringContaining('release-version.mjs --write') }),
      }),
    );
  });
});
