/**
 * The parallel file scan (parallel.ts) must give exactly what the serial scan gives: the same
 * findings, skipped items, invalid-UTF-8 notes and counts, in the same order, on a generated
 * corpus large enough to start workers.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A CommonJS binding, so that jest.spyOn can replace the Worker the module under test reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import workerThreads = require('node:worker_threads');
import { resolveConfig, rules } from '@keyguard/core';
import {
  isWorthWorkers,
  PARALLEL_MIN_BYTES,
  PARALLEL_MIN_FILES,
  readFiles,
  scanFileSource,
  scanItem,
  scanSource,
  threadCount,
  type FileSourceOptions,
  type ItemOutcome,
  type ScanResult,
} from '@keyguard/cli';
import { containsAnyKey, FAKE_KEY_SHAPES, fakeKey, fillExample, runCli } from '@keyguard/test-utils';

jest.setTimeout(60_000); // forced workers on a 19 MB corpus outlast the 5 s default on a loaded machine

let dir: string;
const keys: string[] = [];

/** About 19 MB over 240 files (enough to start workers): keys of every shape, rule examples, odd files. */
function makeCorpus(root: string): void {
  const filler = (seed: number, bytes: number): string => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const line = `const value${seed}_${i} = compute(${i * 7 + seed}, 'task-${i % 13}', desk.top); // item ${i}`;
      lines.push(line);
      size += line.length + 1;
    }
    return lines.join('\n');
  };
  const examples = rules.flatMap((rule) => rule.examples.truePositives);
  for (let i = 0; i < 240; i++) {
    const folder = join(root, `pkg-${i % 9}`, i % 2 ? 'src' : 'lib');
    mkdirSync(folder, { recursive: true });
    const ext = ['ts', 'py', 'json', 'yaml', 'md', 'env'][i % 6];
    let text = filler(i, 50_000 + (i % 11) * 6000);
    if (i % 4 === 0) {
      const key = fakeKey(FAKE_KEY_SHAPES[i % FAKE_KEY_SHAPES.length], i);
      keys.push(key);
      text += `\nOPENAI_API_KEY = "${key}"\n`;
    }
    if (i % 7 === 0) text += `\n${fillExample(examples[i % examples.length], i)}\n`;
    writeFileSync(join(folder, `file-${i}.${ext}`), text);
  }
  writeFileSync(join(root, 'pkg-0', 'image.bin'), Buffer.from([0x89, 0x50, 0, 0, 1, 2, 3]));
  writeFileSync(
    join(root, 'pkg-1', 'latin1.txt'),
    Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(`\nkey = "${fakeKey('legacy', 99)}"\n`)]),
  );
  writeFileSync(
    join(root, 'pkg-2', 'utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`k = "${fakeKey('proj', 98)}"\n`, 'utf16le')]),
  );
  writeFileSync(join(root, 'pkg-3', 'big.log'), 'x'.repeat(300_000));
  writeFileSync(join(root, 'pkg-4', 'empty.txt'), '');
  symlinkSync(join(root, 'pkg-0'), join(root, 'pkg-5', 'link'));
}

const options = (maxFileSize = 200_000): FileSourceOptions => ({
  cwd: dir,
  paths: ['.'],
  useIgnoreFiles: true,
  ignorePatterns: [],
  maxFileSize,
});
const config = { ...resolveConfig({}), maxFileSize: 200_000 };
const scanner = { rules: config.rules, allow: config.allow, maxFileSize: config.maxFileSize };
const withoutDuration = (result: ScanResult): Omit<ScanResult, 'stats'> & { stats: { files: number; bytes: number } } => ({
  ...result,
  stats: { files: result.stats.files, bytes: result.stats.bytes },
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyguard-parallel-'));
  makeCorpus(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the parallel file scan', () => {
  it('is large enough to start workers', () => {
    expect(PARALLEL_MIN_FILES).toBeLessThan(240);
    expect(PARALLEL_MIN_BYTES).toBeLessThan(18 * 1024 * 1024);
  });

  it('gives the same outcomes in the same order as the serial scan, workers forced on', async () => {
    const collect = async (threads: number, forceParallel: boolean): Promise<ItemOutcome[]> => {
      const outcomes: ItemOutcome[] = [];
      await scanFileSource(options(), scanner, { threads, forceParallel }, (outcome) => outcomes.push(outcome), scanItem);
      return outcomes;
    };
    const serial = await collect(1, false);
    const parallel = await collect(2, true);
    const three = await collect(3, true);
    expect(serial.length).toBeGreaterThan(240);
    expect(parallel).toEqual(serial);
    expect(three).toEqual(serial);
  });

  it('gives scanSource the same result with one thread or several', async () => {
    const serial = await scanSource(readFiles(options()), { config, threads: 1 });
    const parallel = await scanSource(readFiles(options()), { config, threads: 2 });
    expect(withoutDuration(parallel)).toEqual(withoutDuration(serial));
    // Every planted key, the odd files passed over and said so.
    expect(serial.findings.length).toBeGreaterThanOrEqual(keys.length + 2);
    expect(serial.skipped.map((item) => [item.path, item.reason])).toEqual(
      expect.arrayContaining([
        ['pkg-3/big.log', 'too-large'],
        ['pkg-5/link', 'symlink'],
      ]),
    );
    expect(serial.skipped.map((item) => item.reason)).not.toContain('binary');
    expect(serial.binaryFiles).toBeGreaterThan(0);
    expect(serial.invalidUtf8).toEqual(['pkg-1/latin1.txt']);
  });

  it('gives the same iteration as reading the file source serially', async () => {
    const outcomes: ItemOutcome[] = [];
    for await (const event of readFiles(options())) outcomes.push(scanItem(event, scanner));
    const parallel: ItemOutcome[] = [];
    await scanFileSource(options(), scanner, { threads: 2, forceParallel: true }, (outcome) => parallel.push(outcome), scanItem);
    expect(parallel).toEqual(outcomes);
  });

  it('starts workers for a large scan, and none for a small one (the hook stays quick)', async () => {
    // Count the workers the scan starts (parallel.ts reads Worker from the module at call time).
    const original = workerThreads.Worker;
    let started = 0;
    const counting = class extends original {
      constructor(...args: ConstructorParameters<typeof original>) {
        super(...args);
        started++;
      }
    };
    Object.assign(workerThreads, { Worker: counting });
    try {
      await scanSource(readFiles(options()), { config, threads: 2 });
      expect(started).toBe(1);
      started = 0;
      const small = await scanSource(readFiles({ ...options(), paths: ['pkg-0'] }), { config, threads: 2 });
      expect(small.stats.files).toBeGreaterThan(0);
      expect(small.stats.files).toBeLessThan(PARALLEL_MIN_FILES);
      expect(started).toBe(0);
      // A listing that opens with a run of tiny files, as node_modules/.bin does: the first
      // batch says little of the rest, and workers still start once the large files come.
      started = 0;
      const tinyFirst = mkdtempSync(join(tmpdir(), 'keyguard-parallel-tiny-'));
      try {
        mkdirSync(join(tinyFirst, '.bin'));
        for (let i = 0; i < 30; i++)
          writeFileSync(join(tinyFirst, '.bin', `stub-${String(i).padStart(2, '0')}`), `#!/bin/sh\nexec tool ${i}\n`);
        mkdirSync(join(tinyFirst, 'lib'));
        for (let i = 0; i < 150; i++) writeFileSync(join(tinyFirst, 'lib', `part-${i}.js`), `const part${i} = ${i};\n`.repeat(17_000));
        const result = await scanSource(readFiles({ ...options(1_000_000), cwd: tinyFirst }), {
          config: { ...config, maxFileSize: 1_000_000 },
          threads: 2,
        });
        expect(result.stats.files).toBe(180);
        expect(started).toBe(1);
      } finally {
        rmSync(tinyFirst, { recursive: true, force: true });
      }
    } finally {
      Object.assign(workerThreads, { Worker: original });
    }
  });

  it('gives the built command the same JSON report with KEYGUARD_THREADS=1 and 2, and no whole key', () => {
    const run = (threads: string): string => {
      const result = runCli(['scan', '.', '--format', 'json'], { cwd: dir, env: { KEYGUARD_THREADS: threads } });
      expect(result.status).toBe(1);
      expect(containsAnyKey(result.stdout + result.stderr, keys)).toBe(false);
      const report = JSON.parse(result.stdout) as { stats: { durationMs?: number } };
      delete report.stats.durationMs;
      return JSON.stringify(report);
    };
    expect(run('2')).toEqual(run('1'));
  });

  it.each([
    [24, 24 * 80_000, 240, true],
    [24, 24 * 20_000, 240, false], // 4 MB left: the main thread is done before a worker starts
    [24, 24 * 1_000_000, 60, false], // 36 files left
    [24, 24 * 1_000_000, 74, true],
    [0, 0, 0, false],
  ])('isWorthWorkers(%p files done, %p bytes, %p files) is %p', (done, bytes, total, expected) => {
    expect(isWorthWorkers(done, bytes, total)).toBe(expected);
  });

  it.each([
    [undefined, {}, 'cores'],
    [undefined, { KEYGUARD_THREADS: '1' }, 1],
    [undefined, { KEYGUARD_THREADS: '3' }, 3],
    [undefined, { KEYGUARD_THREADS: 'many' }, 'cores'],
    [2, { KEYGUARD_THREADS: '1' }, 2],
    [0, {}, 1],
    [64, {}, 8],
  ] as const)('threadCount(%p, env %p) is %p', (requested, env, expected) => {
    const count = threadCount(requested, env);
    if (expected === 'cores') expect(count).toBeGreaterThanOrEqual(1);
    else expect(count).toBe(expected);
  });
});
