/**
 * bundle/ (scripts/bundle.mjs): the committed, dependency-free builds of `keyguard` and
 * `keyguard-pre-commit` that the pre-commit framework and the GitHub Action run from a
 * checkout. They must match the sources, run with no node_modules anywhere above them, and
 * start their worker threads from the files beside them.
 */
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { OPENAI_KEY_MARKER } from '@keyguard/core';
import { containsAnyKey, describeKey, fakeKey, reportPlaces } from '@keyguard/test-utils';
import { CLI_BIN, exec, REPO_ROOT, removeTempDirs, tempDir, TempRepo } from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const BUNDLE = join(REPO_ROOT, 'bundle');
const KEY = fakeKey('proj', 71);

/** bundle/ copied to a temporary folder outside the repository: no node_modules to fall back on. */
function bundleCopy(): string {
  const dir = join(tempDir('keyguard-bundle-'), 'bundle');
  cpSync(BUNDLE, dir, { recursive: true });
  return dir;
}

/**
 * Replaces bundle/<worker>.js in a copy by a shim that records each start in `marker` and then
 * runs the real worker, so a test can tell that workers ran, and from where.
 */
function recordWorkerStarts(dir: string, worker: string, marker: string): void {
  renameSync(join(dir, `${worker}.js`), join(dir, `${worker}.real.js`));
  writeFileSync(
    join(dir, `${worker}.js`),
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, 'started\\n');\nawait import('./${worker}.real.js');\n`,
  );
}

const startsIn = (marker: string): number => {
  try {
    return readFileSync(marker, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

interface Report {
  findings: { ruleId: string; file: string; line: number; column: number; fingerprint: string; commit?: string }[];
}
const places = (stdout: string): string[] =>
  (JSON.parse(stdout) as Report).findings
    .map((finding) => `${finding.commit ?? ''} ${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.fingerprint}`)
    .sort();

describe('bundle/', () => {
  // That bundle/ is what a fresh build of the sources makes is `npm run generate:check`, in
  // `npm run lint` (CI runs both): a source change leaves it stale until `npm run generate`.

  it('imports and requires nothing but Node.js built-ins and its own chunks', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const files = readdirSync(BUNDLE).filter((file) => file.endsWith('.js'));
    for (const name of files) {
      const text = readFileSync(join(BUNDLE, name), 'utf8');
      const loaded = [
        ...text.matchAll(
          /\brequire\("([^"]+)"\)|\bimport\s*(?:(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+)(?:\s*,\s*\{[^}]*\})?\s*from)?\s*"([^"]+)"/g,
        ),
      ].map((match) => match[1] ?? match[2]);
      const outside = loaded.filter((id) => !builtins.has(id) && !(id.startsWith('./') && files.includes(id.slice(2))));
      expect({ name, outside }).toEqual({ name, outside: [] });
    }
    expect(JSON.parse(readFileSync(join(BUNDLE, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });

  it('bundle/ and every package dist/ hold no whole key marker: a bundler must not fold its pieces', () => {
    // The marker as core builds it, at run time: this file holds no whole marker either.
    const marker = Buffer.from(OPENAI_KEY_MARKER);
    const packages = join(REPO_ROOT, 'packages');
    // packages/vscode/dist is built by its own test (vsix.test.ts, which checks its bundles), not
    // by npm run build: here it may be a stale build of older sources.
    const folders = [BUNDLE, ...readdirSync(packages).map((name) => join(packages, name, 'dist'))].filter(
      (folder) => existsSync(folder) && !folder.startsWith(join(packages, 'vscode')),
    );
    const files = folders.flatMap((folder) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => readFileSync(file).includes(marker)).map((file) => relative(REPO_ROOT, file))).toEqual([]);
  });

  it(`runs from a folder with no node_modules: keyguard scan finds a key (${describeKey(KEY)})`, () => {
    const dir = bundleCopy();
    const project = tempDir('keyguard-bundle-project-');
    writeFileSync(join(project, 'app.py'), `import os\nclient = OpenAI(api_key="${KEY}")\n`);
    const version = exec(process.execPath, [join(dir, 'keyguard.js'), '--version'], { cwd: project });
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string }).version,
    );
    const scan = exec(process.execPath, [join(dir, 'keyguard.js'), 'scan', '.', '--format', 'json'], { cwd: project });
    expect(scan.status).toBe(1);
    expect(places(scan.stdout)).toHaveLength(1);
    expect(places(scan.stdout)[0]).toMatch(/ app\.py:2:/);
    expect(containsAnyKey(scan.output, [KEY])).toBe(false);
  });

  it('keyguard-pre-commit blocks a staged key and passes a clean commit, from a folder with no node_modules', () => {
    const dir = bundleCopy();
    const repo = new TempRepo().write('clean.py', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n').add('clean.py');
    expect(exec(process.execPath, [join(dir, 'keyguard-pre-commit.js')], { cwd: repo.dir }).status).toBe(0);
    repo.write('leak.py', `token = "${KEY}"\n`).add('leak.py');
    const blocked = exec(process.execPath, [join(dir, 'keyguard-pre-commit.js')], { cwd: repo.dir });
    expect(blocked.status).toBe(1);
    expect(reportPlaces(blocked.stderr)).toEqual(['leak.py:1']);
    expect(containsAnyKey(blocked.output, [KEY])).toBe(false);
  });

  it('a large file scan starts its workers from bundle/parallel-worker.js and finds what the built CLI finds', () => {
    const dir = bundleCopy();
    const marker = join(dir, '..', 'parallel-starts');
    recordWorkerStarts(dir, 'parallel-worker', marker);
    // After the first batch, over PARALLEL_MIN_FILES files and PARALLEL_MIN_BYTES are left (packages/cli/src/parallel.ts): a worker starts.
    const project = tempDir('keyguard-bundle-corpus-');
    const filler = 'const total = compute(items, "task-queue", desk.top); // an ordinary line of code\n'.repeat(3600);
    for (let i = 0; i < 80; i++) {
      mkdirSync(join(project, `pkg-${i % 4}`), { recursive: true });
      writeFileSync(
        join(project, `pkg-${i % 4}`, `file-${i}.ts`),
        i % 9 === 0 ? `${filler}const openai = new OpenAI({ apiKey: "${fakeKey('proj', i)}" });\n${filler}` : filler,
      );
    }
    const env = { KEYGUARD_THREADS: '2' };
    const bundled = exec(process.execPath, [join(dir, 'keyguard.js'), 'scan', '.', '--format', 'json'], { cwd: project, env });
    const built = exec(process.execPath, [CLI_BIN, 'scan', '.', '--format', 'json'], { cwd: project, env });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(1);
    expect(startsIn(marker)).toBe(1);
    expect(places(bundled.stdout)).toHaveLength(9);
    expect(places(bundled.stdout)).toEqual(places(built.stdout));
  });

  it('a history scan on three threads starts bundle/history-scan-worker.js and finds what the built CLI finds', () => {
    const dir = bundleCopy();
    const marker = join(dir, '..', 'history-starts');
    recordWorkerStarts(dir, 'history-scan-worker', marker);
    const repo = new TempRepo();
    for (let i = 0; i < 6; i++) {
      repo
        .write(`src/file-${i}.py`, i % 2 === 0 ? `import os\nopenai.api_key = "${fakeKey('legacy', i)}"\n` : `print(${i})\n`)
        .add('.')
        .commit(`commit ${i}`);
    }
    repo.write('src/file-0.py', 'import os\n').add('.').commit('removed again');
    const env = { KEYGUARD_THREADS: '3' };
    const bundled = exec(process.execPath, [join(dir, 'keyguard.js'), 'scan', '--git', '--format', 'json'], { cwd: repo.dir, env });
    const built = exec(process.execPath, [CLI_BIN, 'scan', '--git', '--format', 'json'], { cwd: repo.dir, env });
    expect(bundled.status).toBe(1);
    expect(startsIn(marker)).toBe(2);
    expect(places(bundled.stdout)).toHaveLength(3);
    expect(places(bundled.stdout)).toEqual(places(built.stdout));
  });

  it('--check fails and says what to run when the committed bundle is not the fresh build', () => {
    // A copy of git's index without bundle/keyguard.js (GIT_INDEX_FILE): the repository is left alone.
    const index = join(tempDir('keyguard-bundle-index-'), 'index');
    cpSync(resolve(REPO_ROOT, exec('git', ['rev-parse', '--git-path', 'index'], { cwd: REPO_ROOT }).stdout.trim()), index);
    const env = { GIT_INDEX_FILE: index };
    expect(exec('git', ['rm', '-q', '--cached', 'bundle/keyguard.js'], { cwd: REPO_ROOT, env }).status).toBe(0);
    const stale = exec(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs'), '--check'], { cwd: REPO_ROOT, env });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('bundle/keyguard.js differs from a fresh build');
    expect(stale.stderr).toContain('run: npm run bundle && git add bundle/');
  });
});
