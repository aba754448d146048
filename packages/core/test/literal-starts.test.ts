import { rules, scanBuffer, scanText } from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';
// The engine's literal-start index is internal (not exported); it is tested alone from src.
import { candidatePositions, foldForSearch, literalStartsFor } from '../src/engine/literal-starts';

/** Every match of a global pattern, as the scanner used to run it: [index, text] pairs. */
function globalMatches(regex: RegExp, text: string): [number, string][] {
  const copy = new RegExp(regex.source, regex.flags);
  const found: [number, string][] = [];
  for (let match = copy.exec(text); match; match = copy.exec(text)) found.push([match.index, match[0]]);
  return found;
}

/** The same, through the literal finder: candidates in order, the sticky pattern at each. */
function finderMatches(regex: RegExp, text: string): [number, string][] {
  const starts = literalStartsFor(regex)!;
  // As a byte scan folds it: it knows whether the text is all ASCII.
  const lower = foldForSearch(text, isAsciiText(text));
  const found: [number, string][] = [];
  let next = 0;
  for (const position of candidatePositions(starts, regex.ignoreCase ? lower : text, text)) {
    if (position < next) continue;
    starts.sticky.lastIndex = position;
    const match = starts.sticky.exec(text);
    if (match) {
      found.push([match.index, match[0]]);
      next = starts.sticky.lastIndex;
    }
  }
  return found;
}

const isAsciiText = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

/**
 * Each literal-prefixed pattern, with its rule's filled true positives (a token rule's body is
 * random: noise never spells it). Copies, their anchors chosen with their rule's other patterns
 * as a scan chooses them (sharing the pieces the others search).
 */
const literalPatterns = rules.flatMap((rule) => {
  const copies = rule.matchers.map((matcher) => new RegExp(matcher.regex.source, matcher.regex.flags));
  return copies
    .filter((regex) => literalStartsFor(regex, copies) !== null)
    .map((regex) => ({ regex, examples: rule.examples.truePositives.map((example, index) => fillExample(example, index)) }));
});
const NOISE = [
  ' ',
  '\n',
  '.',
  '_',
  '-',
  '(',
  '(',
  ' (',
  ':',
  '=',
  '"',
  'x',
  '9',
  'Z',
  '\u212a',
  '\u017f',
  'é',
  // Past ASCII, each folds to its low byte (foldForSearch): `ůŰťŮšũ` to `openai`, `İ` to `0`.
  '\u016f\u0170\u0165\u016e\u0161\u0169',
  'o\u0170en\u0161i',
  '\u0130',
  '\u{1f600}',
  '\uff2f',
  'aB3dE5gH7jK9mN1pQ3sT5vW7',
  'ai',
  '_AI',
];

describe('literal finder', () => {
  it('covers the generic option, positional and section patterns, and literal-prefixed ones', () => {
    expect(literalPatterns.length).toBeGreaterThanOrEqual(6);
    expect(literalStartsFor(/abc|xyz/g)).toBeNull();
    expect(literalStartsFor(/open_?ai/gi)!.anchors.flatMap((anchor) => anchor.literals.map((literal) => literal.text))).toEqual(['open']);
    expect(literalStartsFor(/[a-z]{3}k-/g)).toBeNull();
    expect(literalStartsFor(/\b(?:a|b+)\b/g)).toBeNull();
    // Alternatives that start with plain characters, and a bare group at the start.
    const literalsOf = (regex: RegExp): string[] | undefined =>
      literalStartsFor(regex)
        ?.anchors.flatMap((anchor) => anchor.literals.map((literal) => literal.text))
        .sort();
    expect(literalsOf(/\b(?:Bearer[ \t]+|api-key["']?:)/gi)).toEqual(['api-key', 'bearer']);
    expect(literalsOf(/(?:api|openai)[_.-]?key/gi)).toEqual(['api', 'openai']);
    expect(literalsOf(/(?:abcd?|xyz)q/g)).toEqual(['abc', 'xyz']);
    // Not when a match could start elsewhere: an optional group, a choice outside the group, too short a start.
    expect(literalStartsFor(/(?:abc|xyz)?q/g)).toBeNull();
    expect(literalStartsFor(/(?:abc|xyz)q|r/g)).toBeNull();
    expect(literalStartsFor(/(?:abc|x[yz])q/g)).toBeNull();
    expect(literalStartsFor(/(?:abc|(?:x|y)z)q/g)).toBeNull();
  });

  it("prefers a piece that a sibling pattern searches to a pass of the pattern's own", () => {
    const anchorsOf = (regex: RegExp, siblings: RegExp[] = []): string[] =>
      literalStartsFor(regex, siblings)!.anchors.map((anchor) => anchor.anchor);
    const clients = /(?:^|[^A-Za-z0-9_])(?:ChatClient|ImageClient|AudioClient)[ \t]*\(/gi;
    const lone = /(?:^|[^A-Za-z0-9_])(?:gpt3\.NewClient)[ \t]*\(/gi;
    const alone = anchorsOf(new RegExp(lone.source, lone.flags));
    const shared = anchorsOf(lone, [clients, lone]);
    expect(shared).toHaveLength(1);
    expect(anchorsOf(clients)).toContain(shared[0]);
    expect(alone).not.toEqual(shared);
  });

  it('finds the same positions when the patterns of a text share the places of their anchors', () => {
    const next = random(4242);
    const allLiterals = literalPatterns.flatMap(({ regex }) =>
      literalStartsFor(regex)!.anchors.flatMap((anchor) => anchor.literals.map((literal) => literal.text)),
    );
    for (let round = 0; round < 100; round++) {
      let text = '';
      while (text.length < 400)
        text += next() < 0.4 ? allLiterals[Math.floor(next() * allLiterals.length)] : NOISE[Math.floor(next() * NOISE.length)];
      const shared = new Map<string, number[]>();
      // In either order, so a longer anchor is found from a shorter one's places and alone.
      const order = round % 2 === 0 ? literalPatterns : [...literalPatterns].reverse();
      for (const { regex } of order) {
        const starts = literalStartsFor(regex)!;
        const haystack = regex.ignoreCase ? foldForSearch(text, isAsciiText(text)) : text;
        expect(candidatePositions(starts, haystack, text, regex.ignoreCase ? shared : new Map())).toEqual(
          candidatePositions(starts, haystack, text),
        );
      }
    }
  });

  it.each(literalPatterns.map(({ regex, examples }) => [regex.source.slice(0, 50), regex, examples] as const))(
    'finds the same matches as %s',
    (_name, regex, examples) => {
      const literals = literalStartsFor(regex)!.anchors.flatMap((anchor) => anchor.literals.map((literal) => literal.text));
      const next = random(literals.length * 7919);
      let matched = 0;
      for (let round = 0; round < 300; round++) {
        let text = '';
        while (text.length < 200) {
          const pick = next();
          if (pick < 0.05 && examples.length > 0) {
            text += examples[Math.floor(next() * examples.length)];
          } else if (pick < 0.35) {
            const literal = literals[Math.floor(next() * literals.length)];
            text += [...literal].map((ch) => (next() < 0.3 ? ch.toUpperCase() : next() < 0.5 ? ch.toLowerCase() : ch)).join('');
          } else {
            text += NOISE[Math.floor(next() * NOISE.length)];
          }
        }
        const expected = globalMatches(regex, text);
        matched += expected.length;
        expect(finderMatches(regex, text)).toEqual(expected);
      }
      // The texts do exercise the pattern (the positional ones need a `(` after the name).
      expect(matched).toBeGreaterThan(20);
    },
  );

  it('folds only ASCII letters and keeps the length, whatever the text holds', () => {
    expect(foldForSearch('OpenAI_Key = 1', true)).toBe('openai_key = 1');
    for (const text of ['İstanbul OpenAI', 'ÅPI \u212aEY', '\u{1f600} OPENAI', '\u016f\u0170\u0165\u016e\u0161\u0169 x'])
      for (const ascii of [false, undefined]) {
        const folded = foldForSearch(text, ascii);
        expect(folded).toHaveLength(text.length);
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 128) expect(folded[i]).toBe(text[i].toLowerCase());
      }
    // What is past ASCII may spell a literal in the haystack: the pattern itself rejects it.
    const openai = literalPatterns.find(({ regex }) => regex.source === 'open_?ai')!.regex;
    expect(finderMatches(openai, '\u016f\u0170\u0165\u016e\u0161\u0169 OpenAI')).toEqual([[7, 'OpenAI']]);
  });

  it("matches what the Azure key matcher's short form `(?:api|openai)[_.-]?key` matches", () => {
    const matcher = rules.flatMap((rule) => rule.matchers).find((candidate) => candidate.name === 'azureHostKey')!;
    const short = /(?:api|openai)[_.-]?key/gi;
    const pieces = ['api', 'API', 'openai', 'OpenAI', 'key', 'KEY', 'Key', '_', '.', '-', '__', ' ', 'x', '=', '\u212a'];
    const next = random(1601);
    let matched = 0;
    for (let round = 0; round < 400; round++) {
      let text = '';
      while (text.length < 120) text += pieces[Math.floor(next() * pieces.length)];
      const expected = globalMatches(short, text);
      matched += expected.length;
      expect(globalMatches(matcher.regex, text)).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(400);
  });

  // `İ` lower-cases to two characters, which would not line up with the text, and a byte scan
  // folds text past ASCII to one byte per code unit (foldForSearch): the same secrets either
  // way, from the text and from its bytes.
  it.each([
    "const openai = new OpenAI({ apiKey: '{value}' });",
    'client = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key="{value}",\n)',
    "$client = OpenAI::client('{value}');",
    '{ "OpenAI": { "ApiKey": "{value}", "Model": "gpt-4o" } }',
  ])('finds the same secrets in a text holding İ: %s', (template) => {
    const text = fillExample(template);
    const plain = scanText(text, { path: 'a.js' }).map((finding) => [finding.ruleId, finding.fingerprint]);
    const dotted = scanText(`// İstanbul\n${text}`, { path: 'a.js' }).map((finding) => [finding.ruleId, finding.fingerprint]);
    expect(plain.length).toBeGreaterThan(0);
    expect(dotted).toEqual(plain);
    for (const prefix of ['// İstanbul\n', '// \u016f\u0170\u0165\u016e\u0161\u0169 é\n', '']) {
      const scanned = scanBuffer(Buffer.from(`${prefix}${text}`), { path: 'a.js' });
      expect(scanned.findings.map((finding) => [finding.ruleId, finding.fingerprint])).toEqual(plain);
    }
  });
});
