/**
 * Large files are scanned, not skipped (issue 11): the built CLI streams a file above 8 MiB
 * and standard input in chunks, and reports what a whole-file scan of the same bytes reports.
 * `maxFileSize` skips only when the config sets it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanBuffer, STREAM_OVERLAP, STREAM_WINDOW } from '@keyguard/core';
import { expectNoWholeKey, fakeKey, fakeValue, parseJsonReport, removeTempDirs, runCli, tempDir, writeFiles } from '@keyguard/test-utils';

afterAll(removeTempDirs);

const KEYS = [fakeKey('proj', 21), fakeKey('legacy', 21), fakeKey('admin', 21)];

/** About 30 MB of code with keys straddling and flanking each 4 Mi-character window boundary. */
function largeFile(): Buffer {
  const lines: string[] = [];
  let length = 0;
  let placed = 0;
  const edges: number[] = [];
  for (let edge = STREAM_WINDOW; edge < 30_000_000; edge += STREAM_WINDOW - STREAM_OVERLAP)
    edges.push(edge - STREAM_OVERLAP, edge - 40, edge + STREAM_OVERLAP - 20);
  while (length < 30_000_000) {
    const edge = edges.find((at) => at > length && at - length < 200);
    const line =
      edge !== undefined
        ? `${' '.repeat(Math.max(0, edge - length - 10))}key = "${KEYS[placed++ % KEYS.length]}"`
        : length % 997 === 0
          ? `OPENAI_API_KEY = "${fakeValue(placed++)}"`
          : `total = total + item.price * item.quantity  # line ${lines.length}`;
    lines.push(line);
    length += line.length + 1;
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const bytes = largeFile();
const whole = scanBuffer(bytes, { path: 'dump.py', fingerprintPath: 'dump.py' }).findings.map((finding) => ({
  file: finding.file,
  line: finding.line,
  column: finding.column,
  endLine: finding.endLine,
  endColumn: finding.endColumn,
  fingerprint: finding.fingerprint,
  ruleId: finding.ruleId,
}));
const reported = (stdout: string): unknown[] =>
  parseJsonReport(stdout).findings.map(({ file, line, column, endLine, endColumn, fingerprint, ruleId }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    fingerprint,
    ruleId,
  }));

test('a 30 MB file is scanned as a stream, with the findings of a whole-file scan', () => {
  expect(whole.length).toBeGreaterThan(15);
  const dir = tempDir();
  writeFileSync(join(dir, 'dump.py'), bytes);
  const run = runCli(['scan', '--format', 'json'], { cwd: dir });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe('');
  expect(reported(run.stdout)).toEqual(whole);
  expect(parseJsonReport(run.stdout).stats).toMatchObject({ files: 1, bytes: bytes.length });
  expectNoWholeKey([run.stdout], KEYS);
});

test('--stdin streams the same way', () => {
  const dir = tempDir();
  const run = runCli(['scan', '--stdin', '--stdin-filename', 'dump.py', '--format', 'json'], { cwd: dir, input: bytes });
  expect(run.status).toBe(1);
  expect(reported(run.stdout)).toEqual(whole);
});

test('maxFileSize skips only when the config sets it', () => {
  const dir = tempDir();
  writeFiles(dir, { 'keyguard.config.json': '{ "maxFileSize": 20000000 }' });
  writeFileSync(join(dir, 'dump.py'), bytes);
  const run = runCli(['scan'], { cwd: dir });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/skipped 1 file over maxFileSize\.$/m);
});
