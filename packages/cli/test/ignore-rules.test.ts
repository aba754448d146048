/**
 * Ignore rules outside git are git's own (issue 9): on many random trees of ignore files and
 * paths (seeded, so a failure names the same tree on every run), what keyguard walks outside
 * a repository is what `git ls-files --others --exclude-standard` lists once the folder is a
 * repository, and every path's decision is `git check-ignore`'s, with case folding off and on.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IgnoreRules, listFiles } from '@keyguard/cli';
import { exec, removeTempDirs, seededRandom, tempDir } from '@keyguard/test-utils';

afterAll(removeTempDirs);

const FOLDERS = ['a', 'b', 'A', 'sub', 'Sub', 'doc', 'a b', '[ab]', 'x.log'];
const FILES = [
  'x.log',
  'keep.log',
  'X.LOG',
  'e.txt',
  'E.txt',
  'a',
  'ab',
  'aab',
  'ba',
  'b',
  'c ',
  '#h',
  '!n',
  'q*',
  'é.txt',
  'a b',
  'ab\\c',
];
const SEGMENTS = [
  ...FOLDERS,
  ...FILES.filter((name) => !/[#!*\\ ]/.test(name)),
  '*',
  '?',
  '**',
  'a*',
  '*.log',
  '*.LOG',
  '[ab]',
  '[!a]*',
  '[^b]',
  '[a-c]*',
  '[[:upper:]]*',
  '[[:alpha:]].txt',
  '*b',
  'a?',
  '\\!n',
  '\\#h',
  'c\\ ',
  'q\\*',
  '\\[ab]',
  'ab\\\\c',
  '**.log',
  'a**',
  'k*.log',
  '[]]',
  '[a-]',
  '*[',
  'é*',
];

interface Tree {
  files: string[];
  folders: string[];
  ignoreFiles: Record<string, string>;
}

function randomTree(seed: number): Tree {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const files = new Set<string>();
  const folders = new Set<string>();
  const count = 6 + Math.floor(next() * 20);
  for (let i = 0; i < count; i++) {
    const depth = Math.floor(next() * 4);
    const parts = Array.from({ length: depth }, () => pick(FOLDERS));
    const path = [...parts, pick(FILES)].join('/');
    // A name is a file or a folder, not both.
    const prefixes = parts.map((_, at) => parts.slice(0, at + 1).join('/'));
    if (folders.has(path) || prefixes.some((prefix) => files.has(prefix))) continue;
    files.add(path);
    prefixes.forEach((prefix) => folders.add(prefix));
  }
  const pattern = (): string => {
    if (next() < 0.08) return pick(['# a comment', '', '   ', '\\#h', '!', '/']);
    const segments = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SEGMENTS));
    let line = segments.join('/');
    if (next() < 0.2) line = `/${line}`;
    if (next() < 0.2) line += '/';
    if (next() < 0.3) line = `!${line}`;
    if (next() < 0.1) line += pick(['  ', ' ', '\t', '\r']);
    return line;
  };
  const ignoreFiles: Record<string, string> = {};
  for (const folder of ['', ...folders]) {
    if (next() < (folder === '' ? 0.9 : 0.4)) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 6) }, pattern);
      ignoreFiles[folder === '' ? '.gitignore' : `${folder}/.gitignore`] = lines.join('\n') + (next() < 0.8 ? '\n' : '');
    }
  }
  return { files: [...files], folders: [...folders], ignoreFiles };
}

function writeTree(dir: string, tree: Tree): void {
  for (const folder of tree.folders) mkdirSync(join(dir, folder), { recursive: true });
  for (const file of tree.files) writeFileSync(join(dir, file), 'x\n');
  for (const [file, text] of Object.entries(tree.ignoreFiles)) writeFileSync(join(dir, file), text);
}

function gitZ(dir: string, args: string[], input?: string): string[] {
  const result = exec('git', ['-c', 'core.excludesFile=/dev/null', ...args], { cwd: dir, input });
  // check-ignore exits 1 when nothing is ignored.
  if (result.status !== 0 && !(args.includes('check-ignore') && result.status === 1))
    throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.split('\0').filter(Boolean);
}

const TREES = 100;

test(`the walk outside git lists what git would, on ${TREES} random trees`, () => {
  const mismatches: string[] = [];
  for (let seed = 1; seed <= TREES; seed++) {
    const dir = tempDir('keyguard-ignore-');
    const tree = randomTree(seed);
    writeTree(dir, tree);
    const walked = listFiles({ cwd: dir, paths: ['.'], useIgnoreFiles: true, ignorePatterns: [], maxFileSize: Infinity })
      .map((file) => relative(dir, file))
      .sort();
    exec('git', ['init', '-q'], { cwd: dir });
    const listed = gitZ(dir, ['-c', 'core.ignorecase=false', 'ls-files', '-z', '--others', '--exclude-standard']).sort();
    if (JSON.stringify(walked) !== JSON.stringify(listed)) {
      mismatches.push(
        `seed ${seed}: ignore files ${JSON.stringify(tree.ignoreFiles)}; keyguard ${JSON.stringify(walked)}; git ${JSON.stringify(listed)}`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
  expect(mismatches).toEqual([]);
});

test.each([false, true])(`every path's decision is git check-ignore's (core.ignorecase=%s), on ${TREES} random trees`, (ignoreCase) => {
  const mismatches: string[] = [];
  for (let seed = 1000; seed < 1000 + TREES; seed++) {
    const dir = tempDir('keyguard-ignore-');
    const tree = randomTree(seed);
    writeTree(dir, tree);
    exec('git', ['init', '-q'], { cwd: dir });
    const paths = [...tree.folders, ...tree.files];
    const ignored = new Set(gitZ(dir, ['-c', `core.ignorecase=${ignoreCase}`, 'check-ignore', '-z', '--stdin'], paths.join('\0') + '\0'));
    const rules = new IgnoreRules({ root: dir, fileNames: ['.gitignore'], patterns: [], ignoreCase });
    const folders = new Set(tree.folders);
    for (const path of paths) {
      const excluded = rules.isExcluded(path, folders.has(path));
      if (excluded !== ignored.has(path)) {
        mismatches.push(
          `seed ${seed}: ${JSON.stringify(path)} keyguard ${excluded ? 'ignores' : 'keeps'}, git ${ignored.has(path) ? 'ignores' : 'keeps'}; ignore files ${JSON.stringify(tree.ignoreFiles)}`,
        );
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  expect(mismatches.slice(0, 5)).toEqual([]);
});
