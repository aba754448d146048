import { compileKeywordPrefilter, rules, scanBuffer, scanText } from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';
// The one-pass anchor search is internal (not exported); it is tested alone from src.
import { foldedPlaces, placesInBytes, searchable, type AnchorSpec } from '../src/engine/anchor-scan';
import { bytePassFor, scanText as scanTextFromSrc } from '../src/scan-text';
import { bytePassRuns, scanBuffer as scanBufferFromSrc } from '../src/scan-buffer';
import { literalStartsFor } from '../src/engine/literal-starts';

/** What candidatePositions' indexOf passes find: every place of the anchor in the lower-cased text. */
function indexOfPlaces(text: string, anchor: string): number[] {
  const folded = text.toLowerCase();
  const places: number[] = [];
  for (let at = folded.indexOf(anchor); at !== -1; at = folded.indexOf(anchor, at + 1)) places.push(at);
  return places;
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

const expectSameAsIndexOf = (text: string, anchors: string[]): void => {
  const places = foldedPlaces(text, anchors);
  expect(places).toBeDefined();
  for (const anchor of anchors) expect({ anchor, places: places!.get(anchor) }).toEqual({ anchor, places: indexOfPlaces(text, anchor) });
};

describe('the one-pass anchor search', () => {
  it.each([
    ['anchors at the first and last places', 'pen and cret', ['pen', 'cret']],
    ['an anchor across a 16-byte block edge', `${'x'.repeat(14)}pen${'x'.repeat(20)}`, ['pen']],
    ['an anchor ending the text exactly', `${'y'.repeat(29)}cret`, ['cret']],
    ['a text that stops one character short of an anchor', `${'y'.repeat(30)}cre`, ['cret']],
    ['capitals folded as foldForSearch folds ASCII', 'OpenAI CLIENT Secret BEARER', ['pen', 'clie', 'cret', 'bear']],
    ['overlapping places of one anchor', 'kekekeke', ['ke']],
    ['anchors that share a first character', 'client cret clie cr', ['clie', 'cret']],
    ['punctuation and digits in anchors', 'a.k-b k_1 sk-x 3.ne', ['k-', 'k_', '3.ne']],
    ['no place at all', 'nothing here to see', ['pen', 'cret']],
    ['an empty text', '', ['pen']],
    // Only letters fold: '[' is not '{', DEL is not '_', CR is not '-', though each pair differs by 0x20 as 'K' and 'k' do.
    ['bytes 0x20 apart that are not letters', 'K[ k{ k\x7f K_ \r- _\r \x7f- _-', ['k{', 'k_', '_-']],
    ['an anchor in the last offsets of a block and of the text', `${'z'.repeat(15)}ke${'z'.repeat(13)}kE`, ['ke']],
    [
      'nine anchors, two sharing the first bucket',
      'pen Faul ke bhoo CRET clie bear k_ sk-',
      ['pen', 'faul', 'ke', 'bhoo', 'cret', 'clie', 'bear', 'k_', 'sk-'],
    ],
  ])('%s', (_name, text, anchors) => expectSameAsIndexOf(text, anchors));

  it('finds what indexOf finds in random text, for sixteen anchors at once', () => {
    const next = random(16);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. \n=:"\'()';
    const anchors = ['pen', 'cret', 'clie', 'faul', 'bear', 'ke', 'k_', 'bhoo', 'ap', 'i_k', 'to', 'ey', 'se', 'oa', 'n.', '_-'];
    for (let round = 0; round < 40; round++) {
      const length = Math.floor(next() * 3000);
      let text = '';
      while (text.length < length) {
        // Mostly noise, now and then an anchor in random case, so places are many and crowded.
        if (next() < 0.1) {
          const anchor = anchors[Math.floor(next() * anchors.length)];
          text += [...anchor].map((ch) => (next() < 0.5 ? ch.toUpperCase() : ch)).join('');
        } else text += alphabet[Math.floor(next() * alphabet.length)];
      }
      expectSameAsIndexOf(text, anchors);
    }
  });

  it('finds what indexOf finds in text of every ASCII byte, with anchors of letters, digits and punctuation', () => {
    const next = random(127);
    const anchors = ['k{', '_-', '@a', 'z`', '9~', 'pen', 'i_k', '[]', 'ke', 'o/', 'cret', '^^', 'a1b2'];
    for (let round = 0; round < 60; round++) {
      const length = Math.floor(next() * 2000);
      let text = '';
      while (text.length < length) {
        if (next() < 0.15) {
          // An anchor with each character maybe moved by 0x20, so non-letters meet their near misses.
          const anchor = anchors[Math.floor(next() * anchors.length)];
          text += [...anchor].map((ch) => (next() < 0.5 ? String.fromCharCode(ch.charCodeAt(0) ^ 0x20) : ch)).join('');
        } else text += String.fromCharCode(Math.floor(next() * 128));
      }
      expectSameAsIndexOf(text, anchors);
    }
  });

  it('leaves to indexOf what it does not take', () => {
    // An anchor with a capital: the folded text holds none.
    expect(foldedPlaces('Pen pen', ['Pen'])).toBeUndefined();
    expect(foldedPlaces('abc', [])).toBeUndefined();
    const many = Array.from({ length: 33 }, (_, i) => `a${String.fromCharCode(65 + i)}`.toLowerCase() + String(i));
    expect(foldedPlaces('abc', many)).toBeUndefined();
    expect(
      placesInBytes(
        Buffer.from('abc'),
        many.map((text) => ({ text, fold: false })),
      ),
    ).toBeUndefined();
    expect(placesInBytes(Buffer.from('abc'), [{ text: 'Pen', fold: true }])).toBeUndefined();
    expect(placesInBytes(Buffer.from('abc'), [{ text: 'p', fold: false }])).toBeUndefined();
    // More places than it holds (one per four characters, and some): a text of nothing but anchors.
    expect(foldedPlaces('ke'.repeat(100_000), ['ke', 'ek'])).toBeUndefined();
    expect(['p', 'penai', 'pén', 'ke', 'cret'].map(searchable)).toEqual([false, false, false, true, true]);
  });

  it('keeps its places right when a long text grows its memory after a short one', () => {
    expectSameAsIndexOf('short pen', ['pen']);
    const long = `${'lorem ipsum '.repeat(60_000)}OPENAI_api_KEY`;
    expectSameAsIndexOf(long, ['pen', 'ke']);
    expectSameAsIndexOf('short pen again', ['pen']);
  });

  it('gives scanBuffer the findings it gives scanning the same text as non-ASCII bytes', () => {
    // The same Python file once as ASCII (the one-pass search) and once with a character past
    // ASCII in a comment (indexOf): the findings must be the same, at the same lines.
    const body = fillExample(
      [
        'import openai',
        'class Client:',
        '    default_headers = {"Authorization": "Bearer {key:proj}"}',
        '    webhook_secret = "{value}"',
        'client = openai.OpenAI(api_key="{value}")',
        'AZURE_OPENAI_KEY = "{value}"',
      ].join('\n'),
    );
    const ascii = scanBuffer(Buffer.from(`# plain\n${body}\n`), { path: 'app.py', rules });
    const wide = scanBuffer(Buffer.from(`# plaîn\n${body}\n`), { path: 'app.py', rules });
    const lines = (scan: typeof ascii): string[] => scan.findings.map((finding) => `${finding.ruleId}:${finding.line}`);
    expect(lines(ascii).length).toBeGreaterThanOrEqual(2);
    expect(lines(ascii)).toEqual(lines(wide));
  });
});

/** What `Buffer.indexOf` finds: every place of the anchor in the bytes, or in the bytes lower-cased (ASCII letters only). */
function bytePlaces(bytes: Buffer, { text, fold }: AnchorSpec): number[] {
  const haystack = fold
    ? Buffer.from(
        bytes.toString('latin1').replace(/[A-Z]/g, (ch) => ch.toLowerCase()),
        'latin1',
      )
    : bytes;
  const places: number[] = [];
  for (let at = haystack.indexOf(text, 0, 'latin1'); at !== -1; at = haystack.indexOf(text, at + 1, 'latin1')) places.push(at);
  return places;
}

const expectSameAsBufferIndexOf = (bytes: Buffer, anchors: AnchorSpec[]): void => {
  const places = placesInBytes(bytes, anchors);
  expect(places).toBeDefined();
  anchors.forEach((anchor, k) => expect({ anchor, places: places![k] }).toEqual({ anchor, places: bytePlaces(bytes, anchor) }));
};

const exact = (text: string): AnchorSpec => ({ text, fold: false });
const folded = (text: string): AnchorSpec => ({ text, fold: true });

describe('the one pass over bytes, exact and folded anchors together', () => {
  it.each([
    ['an exact anchor finds its case only', 'PEN pen Pen PeN', [exact('PEN'), exact('Pen')]],
    ['one spelling exact and folded at once', 'OpenAI openai OPENAI', [exact('pen'), folded('pen'), exact('PEN')]],
    ['exact capitals and digits', 'QzQm qzqm T3Blbk t3blbk 73', [exact('QzQm'), exact('Blbk'), exact('73')]],
    ['a backslash and punctuation', 'sk\\u002d k\\ k- k_ K- K_', [exact('k\\'), exact('k-'), exact('k_'), folded('ke')]],
    ['bytes past ASCII between anchors', 'é pen ü PEN \u00ff', [exact('PEN'), folded('pen')]],
    [
      'twenty anchors, more than one per bucket',
      'pen k\\ 73 PEN QzQm QQJ9 JrRk JsYm Blbk whse k- k_ ke clie faul cret bear bhoo Pena zz',
      [
        ...['pen', 'k\\', '73', 'PEN', 'QzQm', 'QQJ9', 'JrRk', 'JsYm', 'Blbk', 'whse', 'k-', 'k_'].map(exact),
        ...['pen', 'ke', 'clie', 'faul', 'cret', 'bear', 'bhoo', 'zz'].map(folded),
      ],
    ],
  ])('%s', (_name, text, anchors) => expectSameAsBufferIndexOf(Buffer.from(text), anchors));

  it('finds what indexOf finds in random bytes, for up to thirty-two anchors of either kind', () => {
    const next = random(32);
    const pieces = [
      'pen',
      'PEN',
      'Pen',
      'ke',
      'KE',
      'k-',
      'k_',
      'k\\',
      '73',
      'QzQm',
      'Blbk',
      'cret',
      'CLIE',
      'faul',
      'bhoo',
      'whse',
      'sk',
      'i_k',
      'ey',
      '-_',
    ];
    for (let round = 0; round < 60; round++) {
      // A random choice of anchors, each exact or folded (a folded one lower-case).
      const anchors: AnchorSpec[] = [];
      const count = 1 + Math.floor(next() * 32);
      while (anchors.length < count) {
        const piece = pieces[Math.floor(next() * pieces.length)];
        const anchor = next() < 0.5 ? folded(piece.toLowerCase()) : exact(piece);
        if (!anchors.some((other) => other.text === anchor.text && other.fold === anchor.fold)) anchors.push(anchor);
        if (anchors.length === pieces.length * 2) break;
      }
      const length = Math.floor(next() * 2500);
      const bytes: number[] = [];
      while (bytes.length < length) {
        if (next() < 0.12) {
          const piece = pieces[Math.floor(next() * pieces.length)];
          for (const ch of piece) bytes.push(next() < 0.3 ? ch.charCodeAt(0) ^ 0x20 : ch.charCodeAt(0));
        } else bytes.push(Math.floor(next() * 256));
      }
      expectSameAsBufferIndexOf(Buffer.from(bytes), anchors);
    }
  });

  it("takes a rule's folded anchors into the pass once its patterns' starts are known, not before", () => {
    // These modules from src start with nothing known (the package's own copy is another).
    const folded = (): string[] =>
      bytePassFor(rules)!
        .anchors.filter((anchor) => anchor.fold)
        .map((anchor) => anchor.text);
    const exactCount = bytePassFor(rules)!.prefilter;
    expect(folded()).toEqual([]);
    const assignment = rules.find((rule) => rule.matchers.some((matcher) => matcher.regex.ignoreCase))!;
    literalStartsFor(
      assignment.matchers[0].regex,
      assignment.matchers.map((matcher) => matcher.regex),
    );
    const after = folded();
    expect(after.length).toBeGreaterThan(0);
    expect(after).toContain('pen');
    // The prefilter's exact anchors come first and stay as they were.
    expect(bytePassFor(rules)!.prefilter).toBe(exactCount);
    for (const rule of rules)
      for (const { regex } of rule.matchers)
        literalStartsFor(
          regex,
          rule.matchers.map((matcher) => matcher.regex),
        );
    expect(folded().length).toBeGreaterThanOrEqual(after.length);
    // With every anchor in: the places are still indexOf's.
    const text = fillExample('OPENAI_API_KEY = "{value}"\nclient = OpenAI(api_key=k)  # Bearer, webhook_secret, default\n');
    expectSameAsBufferIndexOf(Buffer.from(text), [...bytePassFor(rules)!.anchors]);
  });

  it('chooses, from the places it finds, the rules the prefilter chooses alone', () => {
    const pass = bytePassFor(rules)!;
    expect(pass).toBeDefined();
    const prefilter = compileKeywordPrefilter(rules);
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
    const fragments = [...keywords, ...keywords.flatMap((keyword) => [keyword.slice(1), keyword.slice(0, -1)]), ' ', '\n', 'é', 'x'];
    const next = random(99);
    const ids = (list: readonly { id: string }[]): string[] => list.map((rule) => rule.id);
    for (let round = 0; round < 1500; round++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 8);
      for (let i = 0; i < count; i++) parts.push(fragments[Math.floor(next() * fragments.length)]);
      const bytes = Buffer.from(parts.join(''));
      const places = placesInBytes(bytes, pass.anchors)!;
      const fromPlaces = prefilter.candidatesAt(bytes, places.slice(0, pass.prefilter));
      expect([parts.join(''), ids(fromPlaces)]).toEqual([parts.join(''), ids(prefilter.candidates(bytes))]);
    }
  });

  it('gives the same findings through the one pass as through the prefilter alone, and takes it only while most files are candidates', () => {
    // From src, so the pass's state is this test's own: a run of files without a keyword keeps
    // it off, a run of candidates turns it on, and the findings never change.
    const plain = Buffer.from('const answer = 42;\n'.repeat(20));
    const candidate = (i: number): Buffer =>
      Buffer.from(fillExample('import openai\nclient = openai.OpenAI(api_key="{value}")\nOPENAI_API_KEY = "{value}"\n', i));
    const rows = (bytes: Buffer): string[] =>
      scanBufferFromSrc(bytes, { path: 'app.py', rules }).findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`);
    for (let i = 0; i < 100; i++) rows(plain);
    expect(bytePassRuns()).toBe(0);
    const before: string[][] = [];
    for (let i = 0; i < 40; i++) before.push(rows(candidate(i)));
    const runs = bytePassRuns();
    expect(runs).toBeGreaterThan(0);
    expect(runs).toBeLessThan(40);
    // Those scanned before the pass was on and those after: each as scanText finds it.
    for (let i = 0; i < 40; i++) {
      const text = candidate(i).toString();
      expect(before[i]).toEqual(scanTextFromSrc(text, { path: 'app.py', rules }).map((f) => `${f.ruleId}:${f.line}:${f.column}`));
      expect(rows(candidate(i))).toEqual(before[i]);
    }
    expect(bytePassRuns()).toBe(runs + 40);
    expect(before.flat().length).toBeGreaterThanOrEqual(40);
    // A long run without a keyword turns it off again.
    for (let i = 0; i < 100; i++) rows(plain);
    const off = bytePassRuns();
    rows(candidate(0));
    expect(bytePassRuns()).toBe(off);
  });

  it('gives scanBuffer the findings scanText gives, which searches the text its own way', () => {
    // Assignments, keys and near misses in random order and case: the ASCII bytes go through
    // the one pass (the patterns read the text folded), scanText through indexOf and toLowerCase.
    const lines = [
      'OPENAI_API_KEY = "{value}"',
      'openai.api_key = "{value}"',
      'client = OpenAI(api_key="{value}")',
      'const Client = new OpenAI({ apiKey: "{value}" })',
      '    default_headers = {"Authorization": "Bearer {key:proj}"}',
      'WEBHOOK_SECRET = "{value}"',
      'azure_openai_key: "{value}"',
      'Open_AI_Key = {value}',
      'x = "{key:legacy}"',
      'penalty = "not a key at all"',
      'keys = [k for k in KEYS]',
      '# an OpenAI client, configured below',
    ];
    const next = random(7);
    let findings = 0;
    for (let round = 0; round < 120; round++) {
      const chosen: string[] = [];
      const count = 1 + Math.floor(next() * 6);
      for (let i = 0; i < count; i++) {
        const line = fillExample(lines[Math.floor(next() * lines.length)], round * 10 + i);
        chosen.push(next() < 0.2 ? line.toUpperCase() : line);
      }
      const text = `${chosen.join('\n')}\n`;
      for (const path of ['app.py', 'src/index.ts', '.env']) {
        const fromBytes = scanBuffer(Buffer.from(text), { path, rules });
        const fromText = scanText(text, { path, rules });
        const rows = (found: readonly { ruleId: string; line: number; column: number }[]): string[] =>
          found.map((finding) => `${finding.ruleId}:${finding.line}:${finding.column}`);
        expect(rows(fromBytes.findings)).toEqual(rows(fromText));
        findings += fromText.length;
      }
    }
    expect(findings).toBeGreaterThan(100);
  });
});
