import { scanText } from '@keyguard/core';
import { decodePeerCase, describeKey, fakeKey, loadPeerCases } from '@keyguard/test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The peers' own test strings: what they must find, we must find; what they must not, neither. */
const peers = loadPeerCases();
type Row = [peer: string, index: number, text: string];
const positives = peers.flatMap((peer) => peer.positives.map((text, index): Row => [peer.peer, index, text]));
const negatives = peers.flatMap((peer) => peer.negatives.map((text, index): Row => [peer.peer, index, text]));
const disagreements = peers.flatMap((peer) => peer.disagreements.map((item, index) => [peer.peer, index, item] as const));
const folder = join(__dirname, '..', '..', 'test-utils', 'peer-cases');

describe('peer cases', () => {
  it('holds the 66 cases of the peers, and 7 documented disagreements', () => {
    expect(positives.length + negatives.length).toBe(66);
    expect(disagreements).toHaveLength(7);
  });

  it.each(positives)('%s positive #%i is found', (_peer, _index, text) => {
    expect(scanText(text).length).toBeGreaterThan(0);
  });

  it.each(negatives)('%s negative #%i is not found', (_peer, _index, text) => {
    expect(scanText(text)).toEqual([]);
  });

  // A peer's positive that keyguard does not report carries its reason; the test keeps the
  // reason true (if keyguard starts reporting it, the disagreement is gone: move it to positives).
  it.each(disagreements)('%s disagreement #%i is not reported, and says why', (_peer, _index, item) => {
    expect(item.why.length).toBeGreaterThan(20);
    expect(scanText(item.text)).toEqual([]);
  });
});

describe("trivy's shapes with a random body", () => {
  const file = JSON.parse(readFileSync(join(folder, 'trivy-openai.json'), 'utf8')) as { detectors: Record<string, { regex: string }> };
  const pattern = (id: string): RegExp => new RegExp(`^(?:${decodePeerCase(file.detectors[id].regex).replace(/ \(.*\)$/, '')})$`);

  it('a Realtime client secret: trivy matches it, keyguard reports it as a note', () => {
    const secret = fakeKey('ek');
    expect(pattern('openai-realtime-client-secret').test(secret)).toBe(true);
    expect(scanText(`{"value": "${secret}"}`).map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['openai-realtime-client-secret', 'note'],
    ]);
  });

  it("an 84-character Azure key of trivy's own fixture shape: both report it", () => {
    // trivy's fixture with its made-up runs replaced by seeded random ones of the same classes.
    const fixture = decodePeerCase(
      (
        JSON.parse(readFileSync(join(folder, 'trivy-openai.json'), 'utf8')) as { disagreements: { file: string; text: string }[] }
      ).disagreements.find((item) => item.file.endsWith('azure-ai-services-key.txt'))!.text,
    );
    const key = fakeKey('azure');
    expect(fixture).toHaveLength(key.length);
    expect(scanText(key).map((finding) => finding.ruleId)).toEqual(['azure-openai-key']);
    // trivy wants a C after the fixed run; keyguard takes any two capitals there.
    const trivyShaped = key.slice(0, 58) + 'C' + key.slice(59);
    expect(pattern('azure-ai-services-key').test(trivyShaped)).toBe(true);
    expect(scanText(trivyShaped).map((finding) => finding.ruleId)).toEqual(['azure-openai-key']);
  });
});

describe("trufflehog's cases", () => {
  interface TrufflehogCase {
    name: string;
    input: string;
    want: string[];
  }
  const files = readdirSync(folder).filter((name) => name.startsWith('trufflehog-') && name.endsWith('.json'));
  // An empty want only means "not this detector" (trufflehog splits admin keys into their own
  // detector); keyguard's one rule reports every shape, so only the non-empty wants are spans.
  const cases = files.flatMap((name) => {
    const file = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { cases: Record<string, TrufflehogCase[]> };
    return Object.entries(file.cases).flatMap(([detector, list]) =>
      list.filter((item) => item.want.length > 0).map((item) => [detector, item.name, item] as const),
    );
  });

  it('holds both detectors', () => {
    expect(new Set(cases.map(([detector]) => detector))).toEqual(new Set(['openai', 'openaiadmin', 'azure_openai']));
  });

  it.each(cases)('%s: %s gives exactly the wanted spans', (_detector, _name, item) => {
    const input = decodePeerCase(item.input);
    const found = scanText(input).map((finding) => input.slice(finding.startOffset, finding.endOffset));
    expect(found.map(describeKey)).toEqual(item.want.map(decodePeerCase).map(describeKey));
    expect(found).toEqual(item.want.map(decodePeerCase));
  });
});
