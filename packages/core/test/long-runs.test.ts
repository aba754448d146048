import { scanText } from '@keyguard/core';
import { decodePeerCase, describeKey, fakeKey, seededRun } from '@keyguard/test-utils';

/** The rule's cap on one key's length (MAX_KEY_LENGTH in rules/openai-api-key.ts). */
const MAX_KEY_LENGTH = 300;
const MARKER = decodePeerCase('{marker}');

/**
 * A run of key characters longer than MAX_KEY_LENGTH is not one key, but it can hold keys: two
 * pasted together, a key with a suffix. Every issued shape has two random sides of one length
 * (20/20, 58/58, 74/74), so a marked key ends where its sides are even (issue 11: a key longer
 * than the length cap passed silently).
 */
const proj = fakeKey('proj', 301);
const svcacct = fakeKey('svcacct', 302);
const admin = fakeKey('admin', 303);
const legacy = fakeKey('legacy', 304);

const spans = (text: string): string[] =>
  scanText(text, { path: 'config.txt' }).map((finding) => text.slice(finding.startOffset, finding.endOffset));

describe(`keys pasted together, or inside a run too long to be one key (keys like ${describeKey(proj)})`, () => {
  it.each([
    ['two project keys', [proj, fakeKey('proj', 305)], ''],
    ['a project key and a service account key', [proj, svcacct], ''],
    ['an admin key, a legacy key and a project key', [admin, legacy, proj], ''],
    ['keys joined by -', [proj, svcacct], '-'],
    ['keys joined by _', [svcacct, admin], '_'],
  ])('%s pasted together are each found, with its own span', (_name, keys, separator) => {
    const run = keys.join(separator);
    expect(spans(`token = "${run}"`)).toEqual(keys);
    // Longer than one key can be, too: with a suffix after the last.
    const longer = `${run}${separator || '-'}${seededRun('rest', MAX_KEY_LENGTH)}`;
    expect(spans(`token = "${longer}"`)).toEqual(keys);
  });

  it('finds a key followed by more key characters, over the key alone', () => {
    for (const suffix of [seededRun('suffix', 200), '_'.repeat(300), `-${seededRun('tail', 180)}`]) {
      expect(spans(`KEY=${proj}${suffix}\n`)).toEqual([proj]);
    }
  });

  it('reports nothing for a long run whose marked part is not a key', () => {
    const body = seededRun('body', 150);
    const cases = [
      `sk-proj-${seededRun('long', 400)}`, // no marker
      `sk-proj-${body}${MARKER}${seededRun('right', 30)}${seededRun('more', 200)}`, // sides 150 and 230
      `x${proj}${seededRun('x', 200)}`, // not the start of a word
    ];
    for (const text of cases) expect(spans(`v = "${text}"`)).toEqual([]);
  });
});
