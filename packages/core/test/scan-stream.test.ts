/**
 * Streaming scans (issue 11): a large file scanned chunk by chunk in constant memory gives
 * exactly what a whole-file scan gives: the same findings, lines, columns, offsets and
 * fingerprints, with keys placed across the window and chunk boundaries.
 */
import { scanBuffer, scanChunks, STREAM_OVERLAP, STREAM_WINDOW, type ScanOptions } from '@keyguard/core';
import { assemblyLike, elfLike, fakeKey, fakeValue, seededRandom } from '@keyguard/test-utils';

/** Splits bytes into chunks of the given sizes, cycling through them. */
function* chunked(bytes: Buffer, sizes: readonly number[]): Generator<Buffer> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const KEYS = [fakeKey('proj', 11), fakeKey('legacy', 11), fakeKey('svcacct', 11), fakeKey('unmarked', 11)];

/**
 * About `size` characters of code-like text with keys (and an assignment) placed so that some
 * straddle each window boundary and some sit just inside or outside the overlap.
 */
function largeText(size: number, seed: number, filler = 'x = compute(alpha, beta)  # ordinary line'): string {
  const next = seededRandom(seed);
  const boundaries: number[] = [];
  for (let edge = STREAM_WINDOW; edge < size; edge += STREAM_WINDOW - STREAM_OVERLAP)
    boundaries.push(edge, edge + STREAM_OVERLAP, edge - STREAM_OVERLAP);
  const parts: string[] = [];
  let length = 0;
  let placed = 0;
  while (length < size) {
    const target = boundaries.find((edge) => edge > length && edge - length < 400);
    let line: string;
    if (target !== undefined) {
      const key = KEYS[placed++ % KEYS.length];
      const pad = Math.max(0, target - length - Math.floor(next() * 60) - 10);
      line = `${'#'.repeat(Math.min(pad, 300))} key = "${key}"`;
    } else if (next() < 0.0005) {
      line = `openai.api_key = "${fakeValue(placed++)}"`;
    } else {
      line = filler.slice(0, 10 + Math.floor(next() * filler.length));
    }
    parts.push(line);
    length += line.length + 1;
  }
  return parts.join('\n') + '\n';
}

function expectSameAsWhole(bytes: Buffer, sizes: readonly number[], options: ScanOptions = { path: 'big.py' }): number {
  const whole = scanBuffer(bytes, options);
  const streamed = scanChunks(chunked(bytes, sizes), options);
  expect(streamed.bytes).toBe(bytes.length);
  expect(streamed.status).toBe(whole.status);
  // Compared field by field, never printed whole: findings hold redacted secrets only.
  expect(streamed.findings).toEqual(whole.findings);
  return whole.findings.length;
}

describe('scanChunks', () => {
  test('a 30 MB file with keys across the window boundaries gives the same findings as a whole-file scan', () => {
    const bytes = Buffer.from(largeText(30 * 1024 * 1024, 1), 'latin1');
    const found = expectSameAsWhole(bytes, [1024 * 1024, 65_537, 3 * 1024 * 1024 + 7]);
    expect(found).toBeGreaterThan(20);
  });

  test('UTF-8 characters cut by chunk boundaries, and long lines, keep columns and offsets right', () => {
    const text = largeText(9 * 1024 * 1024, 2, 'é日本語 ümlaut 🙂 text — with wide characters ');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(expectSameAsWhole(bytes, [1_000_003, 17, 4096 + 1])).toBeGreaterThan(2);
  });

  test('one very long line across several windows', () => {
    const line = largeText(10 * 1024 * 1024, 3).replace(/\n/g, ' ; ');
    expect(expectSameAsWhole(Buffer.from(line, 'latin1'), [1024 * 1024])).toBeGreaterThan(2);
  });

  test.each(['le', 'be'] as const)('UTF-16 %s, with and without a byte-order mark, cut at odd offsets', (endian) => {
    const body = Buffer.from(largeText(5 * 1024 * 1024, 4), 'utf16le');
    if (endian === 'be') body.swap16();
    const bom = Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
    expect(expectSameAsWhole(Buffer.concat([bom, body]), [999_999, 3])).toBeGreaterThan(2);
    expect(expectSameAsWhole(body, [1_048_577])).toBeGreaterThan(2);
  });

  test('a large binary file: marker-anchored keys across boundaries, at their byte offsets', () => {
    const strings = Array.from({ length: 2000 }, (_, i) => (i % 97 === 5 ? KEYS[i % 3] : `symbol_${i}_${'z'.repeat(i % 50)}`));
    const unit = elfLike(strings).bytes;
    const bytes = Buffer.concat(Array.from({ length: Math.ceil((12 * 1024 * 1024) / unit.length) }, () => unit));
    expect(expectSameAsWhole(bytes, [1024 * 1024 + 13], { path: 'app.so' })).toBeGreaterThan(20);
  });

  test('a large .NET assembly: UTF-16LE keys across boundaries, at their byte offsets, at both alignments', () => {
    const strings = Array.from({ length: 2000 }, (_, i) => (i % 89 === 7 ? KEYS[i % 3] : `Symbol${i}${'z'.repeat(i % 41)}`));
    const unit = assemblyLike(strings).bytes;
    // Each copy after the first is shifted by one byte, so keys fall at odd and even offsets.
    const copies = Array.from({ length: Math.ceil((10 * 1024 * 1024) / unit.length) }, (_, i) =>
      i === 0 ? unit : Buffer.concat([Buffer.from([i % 2]), unit.subarray(2)]),
    );
    expect(expectSameAsWhole(Buffer.concat(copies), [1024 * 1024 + 13], { path: 'App.dll' })).toBeGreaterThan(20);
  });

  test('a large binary file whose windows mostly hold no keyword: keys at the window edges only', () => {
    // 1 MiB units of binary filler; a key ends or starts at each window edge (and its overlap).
    const filler = elfLike(Array.from({ length: 4000 }, (_, i) => `symbol_${i}_${'z'.repeat(i % 200)}`)).bytes;
    const size = 14 * 1024 * 1024;
    const bytes = Buffer.concat(Array.from({ length: Math.ceil(size / filler.length) }, () => filler));
    let placed = 0;
    for (let edge = STREAM_WINDOW; edge + 400 < bytes.length; edge += STREAM_WINDOW - STREAM_OVERLAP) {
      for (const at of [edge - 20, edge + STREAM_OVERLAP - 3, edge - STREAM_OVERLAP]) {
        const key = Buffer.from(KEYS[placed++ % 3], 'latin1');
        key.copy(bytes, at);
        bytes[at - 1] = 0;
        bytes[at + key.length] = 0;
      }
    }
    expect(expectSameAsWhole(bytes, [1024 * 1024 + 13, 999_983], { path: 'app.so' })).toBe(placed);
  });

  test('small inputs and empty input', () => {
    expectSameAsWhole(Buffer.from(`k = "${KEYS[0]}"\n`), [5]);
    expectSameAsWhole(Buffer.alloc(0), [1]);
    expectSameAsWhole(Buffer.from('no keyword here\n'), [3]);
  });
});
