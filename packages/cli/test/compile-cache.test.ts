/**
 * The installed commands' V8 code cache (@keyguard/cli/compile-cache, issue 10): the entry
 * points npm links (bin/keyguard.js, bin/keyguard-pre-commit.js, which loads the hook's one-file
 * bundle) run the same with a cache
 * made fresh, reused, damaged, shared by runs at the same time, or impossible to write, and the
 * cache is where the OS keeps caches. Real built commands, real git repositories.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, fakeKey, REPO_ROOT, removeTempDirs, tempDir, TempRepo, testEnv, type Run } from '@keyguard/test-utils';

afterAll(removeTempDirs);

const CLI_ENTRY = join(REPO_ROOT, 'packages', 'cli', 'bin', 'keyguard.js');
const HOOK_ENTRY = join(REPO_ROOT, 'packages', 'pre-commit', 'bin', 'keyguard-pre-commit.js');
const cacheFolder = (cacheHome: string): string => join(cacheHome, 'keyguard', 'compile-cache');
const entries = (cacheHome: string): string[] => readdirSync(cacheFolder(cacheHome)).sort();

/** A repository with one committed leak and one staged leak: both commands have something to report. */
function leakyRepo(): TempRepo {
  const repo = new TempRepo();
  repo.write('README.md', '# demo\n').add('README.md').commit('initial');
  repo.write('src/app.py', `client = OpenAI(api_key="${fakeKey('proj')}")\n`).add('src/app.py');
  return repo;
}

function scan(repo: TempRepo, env: NodeJS.ProcessEnv): Run {
  return exec(process.execPath, [CLI_ENTRY, 'scan', '--format', 'json', '.'], { cwd: repo.dir, env });
}

function hook(repo: TempRepo, env: NodeJS.ProcessEnv): Run {
  return exec(process.execPath, [HOOK_ENTRY], { cwd: repo.dir, env });
}

/** What a run says, without the timing a JSON report carries. */
const said = (run: Run): string => `${run.status}\n${run.stdout.replace(/"durationMs": *\d+/g, '')}\n${run.stderr}`;

const repo = leakyRepo();
const uncached = {
  scan: said(scan(repo, { NODE_DISABLE_COMPILE_CACHE: '1' })),
  hook: said(hook(repo, { NODE_DISABLE_COMPILE_CACHE: '1' })),
};

test('the commands find what they find without a cache (the reference for the other tests)', () => {
  expect(uncached.scan).toMatch(/^1\n/);
  expect(uncached.hook).toMatch(/^1\n/);
  expect(uncached.hook).toContain('commit blocked');
});

test('a first run writes one entry per module of keyguard, under XDG_CACHE_HOME; the next runs read them', () => {
  const cacheHome = tempDir('keyguard-cache-');
  const env = { XDG_CACHE_HOME: cacheHome };
  expect(said(scan(repo, env))).toBe(uncached.scan);
  const written = entries(cacheHome);
  expect(written.length).toBeGreaterThan(20);
  expect(written.every((name) => name.endsWith('.v8'))).toBe(true);
  const before = written.map((name) => readFileSync(join(cacheFolder(cacheHome), name)));
  expect(said(scan(repo, env))).toBe(uncached.scan);
  // Read, not rewritten: the entries of the modules the first run loaded are the same bytes.
  expect(written.map((name) => readFileSync(join(cacheFolder(cacheHome), name)))).toEqual(before);
  // The hook shares the cache: core and the staged scan are already there.
  expect(said(hook(repo, env))).toBe(uncached.hook);
  expect(said(hook(repo, env))).toBe(uncached.hook);
});

test("the hook's entry point loads its code as one module (dist/keyguard-pre-commit.bundle.js): one entry", () => {
  const cacheHome = tempDir('keyguard-cache-');
  expect(said(hook(repo, { XDG_CACHE_HOME: cacheHome }))).toBe(uncached.hook);
  expect(entries(cacheHome)).toHaveLength(1);
});

test('damaged entries are compiled as usual and replaced', () => {
  const cacheHome = tempDir('keyguard-cache-');
  const env = { XDG_CACHE_HOME: cacheHome };
  expect(said(hook(repo, env))).toBe(uncached.hook);
  const names = entries(cacheHome);
  // A valid header (the source's hash) over garbage, and a truncated entry.
  names.forEach((name, i) => {
    const file = join(cacheFolder(cacheHome), name);
    const entry = readFileSync(file);
    writeFileSync(file, i % 2 === 0 ? Buffer.concat([entry.subarray(0, 20), Buffer.alloc(64, 7)]) : entry.subarray(0, 10));
  });
  expect(said(hook(repo, env))).toBe(uncached.hook);
  for (const name of names) expect(readFileSync(join(cacheFolder(cacheHome), name)).length).toBeGreaterThan(100);
  expect(said(hook(repo, env))).toBe(uncached.hook);
});

test('a cache folder that cannot be made is no cache: same output, no message', () => {
  const blocked = join(tempDir('keyguard-cache-'), 'a-file');
  writeFileSync(blocked, 'not a folder\n');
  const env = { XDG_CACHE_HOME: blocked };
  expect(said(scan(repo, env))).toBe(uncached.scan);
  expect(said(hook(repo, env))).toBe(uncached.hook);
});

test('runs at the same time on an empty cache all run right and leave whole entries', async () => {
  const cacheHome = tempDir('keyguard-cache-');
  const runOnce = (): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [HOOK_ENTRY], { cwd: repo.dir, env: testEnv({ XDG_CACHE_HOME: cacheHome }) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr, output: stdout + stderr }));
    });
  const runs = await Promise.all([runOnce(), runOnce(), runOnce(), runOnce()]);
  for (const run of runs) expect(said(run)).toBe(uncached.hook);
  const names = entries(cacheHome);
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((name) => !name.endsWith('.v8'))).toEqual([]); // no temporary file left behind
  expect(said(hook(repo, { XDG_CACHE_HOME: cacheHome }))).toBe(uncached.hook);
});

(process.platform === 'linux' ? test : test.skip)('without XDG_CACHE_HOME the cache is ~/.cache/keyguard (Linux)', () => {
  const home = tempDir('keyguard-home-');
  expect(said(hook(repo, { HOME: home, XDG_CACHE_HOME: '' }))).toBe(uncached.hook);
  expect(entries(join(home, '.cache')).length).toBeGreaterThan(0);
});
