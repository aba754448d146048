import { rules, scanBuffer } from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';
// The one-pass anchor search is internal (not exported); it is tested alone from src.
import { foldedPlaces, searchable } from '../src/engine/anchor-scan';

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
    const seventeen = Array.from({ length: 17 }, (_, i) => `a${String.fromCharCode(98 + i)}`);
    expect(foldedPlaces('abc', seventeen)).toBeUndefined();
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
