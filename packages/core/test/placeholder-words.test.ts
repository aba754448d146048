import { scanText } from '@keyguard/core';
import { describeKey, fakeKey } from '@keyguard/test-utils';

/**
 * A short placeholder word inside the random part of a real key's length is chance, not a
 * made-up key: `dummy` turned up in about 1 project key in 100,000 and hid it. Such a word counts
 * only where it stands as a word (the start, the end, beside `-` or `_`); a longer word counts
 * anywhere.
 */
const base = fakeKey('proj', 41);
const PREFIX = 'sk-proj-';

/** The key with `word` written over its random part at `at` (characters after the prefix), length kept. */
function withWord(word: string, at: number, before = 'Q', after = 'Q'): string {
  const piece = `${before}${word}${after}`;
  const start = PREFIX.length + at;
  return base.slice(0, start) + piece + base.slice(start + piece.length);
}

const found = (key: string): number => scanText(`client = OpenAI(api_key="${key}")`, { path: 'app.py' }).length;

describe(`placeholder words inside a key's random part (keys like ${describeKey(base)})`, () => {
  it.each(['your', 'fake', 'dummy', 'sample', 'insert', 'apikey'])('%s by chance inside the body: still a key', (word) => {
    expect(found(withWord(word, 30))).toBe(1);
    expect(found(withWord(word.toUpperCase(), 30))).toBe(1);
  });

  it.each(['your', 'fake', 'dummy', 'sample', 'insert', 'apikey'])('%s standing as a word: made up', (word) => {
    expect(found(withWord(word, 30, '-', 'Q'))).toBe(0);
    expect(found(withWord(word, 30, 'Q', '_'))).toBe(0);
    expect(found(withWord(word, 0, '', 'Q'))).toBe(0);
  });

  it.each(['example', 'placeholder', 'replace', 'changeme', 'redacted', 'notreal', 'invalid'])('%s anywhere: made up', (word) => {
    expect(found(withWord(word, 30))).toBe(0);
  });
});
