import { scanText } from '@keyguard/core';
import { decodePeerCase, describeKey, loadPeerCases } from '@keyguard/test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The peers' own OpenAI test strings: what they must find, we must find; what they must not, neither. */
const peers = loadPeerCases();
type Row = [peer: string, index: number, text: string];
const positives = peers.flatMap((peer) => peer.positives.map((text, index): Row => [peer.peer, index, text]));
const negatives = peers.flatMap((peer) => peer.negatives.map((text, index): Row => [peer.peer, index, text]));

describe('peer cases', () => {
  it('holds the 58 cases of the peers', () => {
    expect(positives.length + negatives.length).toBe(58);
  });

  it.each(positives)('%s positive #%i is found', (_peer, _index, text) => {
    expect(scanText(text).length).toBeGreaterThan(0);
  });

  it.each(negatives)('%s negative #%i is not found', (_peer, _index, text) => {
    expect(scanText(text)).toEqual([]);
  });
});

describe("trufflehog's cases", () => {
  interface TrufflehogCase {
    name: string;
    input: string;
    want: string[];
  }
  const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test-utils', 'peer-cases', 'trufflehog-openai.json'), 'utf8')) as {
    cases: Record<string, TrufflehogCase[]>;
  };
  // An empty want only means "not this detector" (trufflehog splits admin keys into their own
  // detector); keyguard's one rule reports every shape, so only the non-empty wants are spans.
  const cases = Object.entries(file.cases).flatMap(([detector, list]) =>
    list.filter((item) => item.want.length > 0).map((item) => [detector, item.name, item] as const),
  );

  it.each(cases)('%s: %s gives exactly the wanted spans', (_detector, _name, item) => {
    const input = decodePeerCase(item.input);
    const found = scanText(input).map((finding) => input.slice(finding.startOffset, finding.endOffset));
    expect(found.map(describeKey)).toEqual(item.want.map(decodePeerCase).map(describeKey));
    expect(found).toEqual(item.want.map(decodePeerCase));
  });
});
