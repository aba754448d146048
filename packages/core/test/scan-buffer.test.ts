import {
  bytesHaveKeyword,
  compileKeywordPrefilter,
  decodeBytes,
  defineRule,
  isBinary,
  sniffBytes,
  prefilterAnchors,
  getRule,
  rules,
  scanBuffer,
  type Rule,
} from '@keyguard/core';
import { assemblyLike, describeKey, elfLike, fakeKey, fakeValue, pycLike } from '@keyguard/test-utils';

const key = fakeKey('proj');
const legacy = fakeKey('legacy', 3);

/** The reference the prefilter must agree with: one `includes` per keyword. */
const referenceCandidates = (bytes: Buffer, list: readonly Rule[]): string[] =>
  list.filter((rule) => bytesHaveKeyword(bytes, rule)).map((rule) => rule.id);

const candidateIds = (bytes: Buffer, list: readonly Rule[] = rules): string[] =>
  compileKeywordPrefilter(list)
    .candidates(bytes)
    .map((rule) => rule.id);

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (endian === 'be') body.swap16();
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

describe('scanBuffer', () => {
  it('scans text with a few NUL bytes as text (a stray NUL in a .env)', () => {
    for (const bytes of [
      Buffer.concat([Buffer.from('abc\0def\n'), Buffer.from(`key = "${key}"\n`)]),
      Buffer.from(`A=1\0\0\nB=2\0\nOPENAI_API_KEY=${legacy}\n`),
    ]) {
      expect(isBinary(bytes)).toBe(false);
      const scanned = scanBuffer(bytes, { path: '.env' });
      expect(scanned.status).toBe('scanned');
      expect(scanned.findings.map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
    }
  });

  it.each([['le'], ['be']] as const)('decodes UTF-16 %s without a byte-order mark, told by its NUL bytes, and finds the key', (endian) => {
    const bytes = utf16(`first line\nclient = OpenAI(api_key="${key}")\n`, endian).subarray(2);
    expect(sniffBytes(bytes)).toBe(endian === 'le' ? 'utf16le' : 'utf16be');
    const scanned = scanBuffer(bytes, { path: 'app.py' });
    expect(scanned.status).toBe('scanned');
    expect(scanned.findings).toHaveLength(1);
    expect(scanned.findings[0]).toMatchObject({ ruleId: 'openai-api-key', line: 2, column: 26 });
  });

  describe('binary files', () => {
    const marked = [fakeKey('legacy', 7), fakeKey('proj', 7), fakeKey('svcacct', 7)];
    it.each([
      ['.pyc-like', pycLike],
      ['ELF-like', elfLike],
    ] as const)('finds marker-anchored keys in a %s file, on line 1 at the byte offset + 1', (_kind, build) => {
      const { bytes, offsets } = build(['api_key', marked[0], 'https://api.openai.com/v1', marked[1], marked[2]]);
      expect(sniffBytes(bytes)).toBe('binary');
      const scanned = scanBuffer(bytes, { path: 'app.bin' });
      expect(scanned.status).toBe('binary');
      const spans = scanned.findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.endColumn]);
      expect(spans).toEqual(
        marked.map((secret, i) => [
          'openai-api-key',
          1,
          offsets[i + (i === 0 ? 1 : 2)] + 1,
          offsets[i + (i === 0 ? 1 : 2)] + secret.length + 1,
        ]),
      );
      for (const finding of scanned.findings)
        expect(marked.some((secret) => finding.secret === scanBuffer(Buffer.from(`k = "${secret}"\n`)).findings[0].secret)).toBe(true);
    });

    it.each([[0], [1]] as const)(
      "finds marker-anchored keys in a .NET assembly's UTF-16LE strings (a %i-byte shift), at their byte spans",
      (shift) => {
        const strings = [
          'OpenAIClient',
          ...(shift ? ['x'] : []),
          marked[0],
          'https://api.openai.com/v1',
          marked[1],
          marked[2],
          fakeKey('named', 7),
        ];
        const { bytes, offsets } = assemblyLike(strings);
        expect(sniffBytes(bytes)).toBe('binary');
        const scanned = scanBuffer(bytes, { path: 'App.dll' });
        expect(scanned.status).toBe('binary');
        const keys = [...marked, fakeKey('named', 7)];
        const at = keys.map((secret) => offsets[strings.indexOf(secret)]);
        expect(new Set(at.map((offset) => offset % 2)).size).toBe(2); // both alignments
        expect(scanned.findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.endColumn])).toEqual(
          keys.map((secret, i) => ['openai-api-key', 1, at[i] + 1, at[i] + 2 * secret.length + 1]),
        );
        // The same key in text: the same redaction and fingerprint.
        const inText = scanBuffer(Buffer.from(`k = "${marked[1]}"\n`), { path: 'App.dll' }).findings[0];
        expect(scanned.findings[1]).toMatchObject({ secret: inText.secret, fingerprint: inText.fingerprint });
      },
    );

    it('looks for UTF-16LE strings only in a PE file, and for nothing but marked keys there', () => {
      const wide = assemblyLike([
        fakeKey('unmarked', 7),
        `${fakeKey('proj', 7).slice(0, 8)}xxxxxxxxxxxxxxxx`,
        'openai.api_key',
        fakeValue(3),
      ]);
      expect(scanBuffer(wide.bytes, { path: 'App.dll' })).toEqual({ status: 'binary', findings: [] });
      // An ELF program keeps no UTF-16 strings: its bytes are not searched so (each keyword would cost a pass).
      const notPe = Buffer.from(assemblyLike([marked[1]]).bytes);
      notPe[0] = 0x7f;
      expect(scanBuffer(notPe, { path: 'app.so' })).toEqual({ status: 'binary', findings: [] });
    });

    it('looks for nothing else in a binary file: no unmarked key, no assignment', () => {
      const { bytes } = pycLike([fakeKey('unmarked', 7), 'openai.api_key = "', fakeValue(3), `OPENAI_API_KEY=${fakeKey('none', 2)}`]);
      expect(scanBuffer(bytes, { path: 'app.pyc' })).toEqual({ status: 'binary', findings: [] });
    });

    it('gives a binary finding the fingerprint of the same key in text', () => {
      const { bytes } = elfLike([marked[1]]);
      const inText = scanBuffer(Buffer.from(`key = "${marked[1]}"\n`), { path: 'a.out' }).findings[0];
      expect(scanBuffer(bytes, { path: 'a.out' }).findings[0].fingerprint).toBe(inText.fingerprint);
    });

    it('calls compressed-looking bytes and NUL-heavy bytes binary', () => {
      const random = Buffer.alloc(4096);
      let state = 7;
      for (let i = 0; i < random.length; i++) random[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
      expect(sniffBytes(random)).toBe('binary');
      expect(sniffBytes(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]))).toBe('binary');
    });
  });

  it('scans text whose first NUL byte comes after the first 8000 bytes', () => {
    const bytes = Buffer.concat([Buffer.from(`${'x'.repeat(8000)}\nkey = "${key}"\n`), Buffer.from([0])]);
    expect(isBinary(bytes)).toBe(false);
    const scanned = scanBuffer(bytes);
    expect(scanned.status).toBe('scanned');
    expect(scanned.findings.map((finding) => finding.line)).toEqual([2]);
  });

  it.each([['le'], ['be']] as const)('decodes UTF-16 %s with a byte-order mark and finds the key', (endian) => {
    const bytes = utf16(`first line\nclient = OpenAI(api_key="${key}")\n`, endian);
    expect(isBinary(bytes)).toBe(false);
    const scanned = scanBuffer(bytes, { path: 'app.py' });
    expect(scanned.status).toBe('scanned');
    expect(scanned.findings).toHaveLength(1);
    expect(scanned.findings[0]).toMatchObject({ ruleId: 'openai-api-key', line: 2, column: 26 });
  });

  it('scans invalid UTF-8 with replacement characters and says so', () => {
    const bytes = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xff]), Buffer.from(` = 1\nkey = "${key}"\n`)]);
    const scanned = scanBuffer(bytes);
    expect(scanned).toMatchObject({ status: 'scanned', invalidUtf8: true });
    expect(scanned.findings.map((finding) => [finding.line, finding.column])).toEqual([[2, 8]]);
  });

  it('counts columns after a UTF-8 byte-order mark from the first real character', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`k = "${key}"\n`)]);
    const scanned = scanBuffer(bytes);
    expect(scanned).toMatchObject({ status: 'scanned', invalidUtf8: false });
    expect(scanned.findings.map((finding) => finding.column)).toEqual([6]);
  });

  it('gives plain ASCII and UTF-8 text the same positions (the ASCII fast path)', () => {
    const ascii = scanBuffer(Buffer.from(`# note\nk = "${key}"\n`));
    const utf8 = scanBuffer(Buffer.from(`# né\nk = "${key}"\n`));
    const positions = (scan: ReturnType<typeof scanBuffer>): number[][] =>
      scan.findings.map((finding) => [finding.line, finding.column, finding.endColumn]);
    expect(positions(ascii)).toEqual([[2, 6, 6 + key.length]]);
    expect(positions(utf8)).toEqual(positions(ascii));
  });

  it('never decodes a file with none of the keywords', () => {
    expect(scanBuffer(Buffer.from('const total = items.length;\n')).status).toBe('no-candidate');
  });

  it.each([
    ['OPEN_AI_TOKEN = "a1b2c3d4e5f6a7b8"', ['openai-key-assignment']], // keyguard-ignore: a planted test value
    ['Open_AI(api_key="x")', ['openai-key-assignment']],
    ['desk-top', ['openai-api-key']],
    ['sk-', ['openai-api-key']],
    // Keywords are case-sensitive byte strings: a spelling no rule lists is not a candidate.
    ['oPeNaI = 1', []],
    ['SK-', []],
  ])('selects rules by their listed keywords: %s', (text, expected) => {
    expect(candidateIds(Buffer.from(text))).toEqual(expected);
    expect(referenceCandidates(Buffer.from(text), rules)).toEqual(expected);
  });

  it(`finds ${describeKey(legacy)} in a file whose only OpenAI spelling is a listed variant`, () => {
    const scanned = scanBuffer(Buffer.from(`OPEN_AI_KEY = "${legacy}"\n`), { path: 'settings.py' });
    expect(scanned.status).toBe('scanned');
    expect(scanned.findings.map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
  });
});

/** The keywords that hold an escape (`sk\\u002…`): the escaped spellings of a key's prefix. */
const keywordsWithEscapes = (): string[] =>
  [...new Set(rules.flatMap((rule) => rule.keywords))].filter((keyword) => /\\[a-z]/.test(keyword));

describe('the keyword prefilter', () => {
  it('searches the two rules with a few anchors, not one pass per keyword', () => {
    const keywords = new Set(rules.flatMap((rule) => rule.keywords));
    const anchors = prefilterAnchors(rules);
    expect(anchors.length).toBeLessThan(keywords.size);
    for (const keyword of keywords) expect(anchors.some((anchor) => keyword.includes(anchor))).toBe(true);
  });

  it('anchors no search on an escape (a backslash and a letter), which minified code is full of', () => {
    const anchors = prefilterAnchors(rules);
    expect(keywordsWithEscapes().length).toBeGreaterThan(0); // else the test below proves nothing
    expect(anchors.filter((anchor) => /\\[a-z]/.test(anchor))).toEqual([]);
  });

  it('finds keywords at the very start and end of the bytes', () => {
    for (const keyword of new Set(rules.flatMap((rule) => rule.keywords))) {
      expect(candidateIds(Buffer.from(keyword)).length).toBeGreaterThan(0);
      expect(candidateIds(Buffer.from(`xx ${keyword}`)).length).toBeGreaterThan(0);
      // Cut by one byte at either end: no longer the keyword.
      expect(candidateIds(Buffer.from(keyword.slice(1)))).toEqual(referenceCandidates(Buffer.from(keyword.slice(1)), rules));
      expect(candidateIds(Buffer.from(keyword.slice(0, -1)))).toEqual(referenceCandidates(Buffer.from(keyword.slice(0, -1)), rules));
    }
  });

  it('agrees with one search per keyword on random texts made of keyword fragments', () => {
    const fragments = [
      's',
      'k',
      '-',
      'sk',
      'k-',
      'o',
      'O',
      'p',
      'pen',
      'PEN',
      'en',
      'ai',
      'AI',
      'Ai',
      '_',
      'n_',
      'open',
      'Open',
      'OPEN',
      ' ',
      '\n',
      'x',
    ];
    let state = 7;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    for (let round = 0; round < 3000; round++) {
      const parts: string[] = [];
      const count = 1 + next(20);
      for (let i = 0; i < count; i++) parts.push(fragments[next(fragments.length)]);
      const bytes = Buffer.from(parts.join(''));
      expect([parts.join(''), candidateIds(bytes)]).toEqual([parts.join(''), referenceCandidates(bytes, rules)]);
    }
  });

  it('gives over decoded text what it gives over the bytes: every keyword, cut and whole, at either edge, in UTF-16 and among binary bytes', () => {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
    // Every keyword, its halves and one-byte cuts, and bytes that are no part of one.
    const fragments = [
      ...keywords,
      ...keywords.flatMap((keyword) => [
        keyword.slice(1),
        keyword.slice(0, -1),
        keyword.slice(0, keyword.length >> 1),
        keyword.slice(keyword.length >> 1),
      ]),
      ' ',
      '\n',
      'é',
      '日本',
      '\0',
      '\xff',
    ];
    let state = 11;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const prefilter = compileKeywordPrefilter(rules);
    const inText = (text: string): string[] => prefilter.candidatesInText(text).map((rule) => rule.id);
    const textReference = (text: string): string[] =>
      rules.filter((rule) => rule.keywords.some((keyword) => text.includes(keyword))).map((rule) => rule.id);
    for (let round = 0; round < 3000; round++) {
      const parts: string[] = [];
      const count = 1 + next(8);
      for (let i = 0; i < count; i++) parts.push(fragments[next(fragments.length)]);
      const text = parts.join('');
      // The same characters as UTF-8 bytes, as latin1 bytes (binary), and as a two-byte string.
      expect([text, inText(text)]).toEqual([text, textReference(text)]);
      expect([text, inText(`${text}\u2028`)]).toEqual([text, textReference(text)]);
      expect([text, candidateIds(Buffer.from(text))]).toEqual([text, textReference(text)]);
      expect([text, candidateIds(Buffer.from(text, 'latin1'))]).toEqual([text, referenceCandidates(Buffer.from(text, 'latin1'), rules)]);
    }
  });

  it('works for any rule list: shared keywords, overlapping anchors, a subset of the rules', () => {
    const rule = (id: string, keywords: string[]): Rule =>
      defineRule({
        id,
        description: id,
        help: id,
        severity: 'error',
        message: () => id,
        remediation: [],
        envVar: 'X',
        keywords,
        matchers: [{ name: 'x', pattern: 'x', validate: () => [] }],
        examples: { truePositives: [], falsePositives: [] },
      });
    const list = [rule('a', ['abcd', 'zbcd']), rule('b', ['bcd', 'QQ']), rule('c', ['abcd'])];
    const table: [string, string[]][] = [
      ['abcd', ['a', 'b', 'c']],
      ['zbcd', ['a', 'b']],
      ['xbcd', ['b']],
      ['QQ', ['b']],
      ['abc bcdQ', ['b']],
      ['nothing', []],
    ];
    for (const [text, expected] of table) {
      expect([text, candidateIds(Buffer.from(text), list)]).toEqual([text, expected]);
      expect(referenceCandidates(Buffer.from(text), list)).toEqual(expected);
    }
    const assignment = getRule('openai-key-assignment')!;
    expect(candidateIds(Buffer.from('desk-top openai'), [assignment])).toEqual([assignment.id]);
  });
});

describe('decodeBytes', () => {
  it.each([
    ['ASCII', Buffer.from('plain text\n'), 'plain text\n', false],
    ['UTF-8', Buffer.from('café ☕\n'), 'café ☕\n', false],
    ['UTF-8 with a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf, 0x61]), 'a', false],
    ['invalid UTF-8', Buffer.from([0x61, 0xff, 0x62]), 'a\ufffdb', true],
    ['UTF-16 LE', utf16('hé', 'le'), 'hé', false],
    ['UTF-16 BE', utf16('hé', 'be'), 'hé', false],
  ])('decodes %s', (_, bytes, text, invalidUtf8) => {
    expect(decodeBytes(bytes)).toEqual({ text, invalidUtf8 });
  });
});
