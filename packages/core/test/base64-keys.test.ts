import { scanText } from '@keyguard/core';
import { decodePeerCase, fakeKey, type FakeKeyShape } from '@keyguard/test-utils';

/**
 * OpenAI keys stored base64-encoded (a Kubernetes Secret's `data:`, a Basic auth header, a value
 * a program decodes at run time): found through the marker's base64 in each of its three
 * alignments, decoded on base64's own groups, and reported over the characters that encode the
 * key, with the decoded key redacted. Only marked keys count once decoded.
 */
const MARKER = decodePeerCase('{marker}');
const b64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'latin1').toString('base64url');

function only(text: string, path: string) {
  const findings = scanText(text, { path });
  expect(findings.map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
  return findings[0];
}

describe('a base64-encoded OpenAI key', () => {
  const shapes: FakeKeyShape[] = ['proj', 'svcacct', 'admin', 'legacy', 'proj-short', 'none-marked', 'named'];
  it.each(shapes)('a %s key as a Kubernetes Secret value is one finding over the whole value', (shape) => {
    const key = fakeKey(shape, 7);
    const value = b64(key);
    const text = `apiVersion: v1\nkind: Secret\ndata:\n  OPENAI_API_KEY: ${value}\n`;
    const finding = only(text, 'secret.yaml');
    expect(text.slice(finding.startOffset, finding.endOffset)).toBe(value);
    expect(finding.line).toBe(4);
    expect(finding.label).toMatch(/\(base64-encoded\)$/);
    // Redacted from the decoded key, never the key or its encoding in full.
    expect(finding.secret.startsWith(key.slice(0, 5))).toBe(true);
    expect(finding.message).not.toContain(key);
    expect(finding.message).not.toContain(value);
  });

  it.each([0, 1, 2, 3, 4, 5])('is found after %i bytes of other data in the same base64 (every alignment)', (extra) => {
    const key = fakeKey('proj', extra);
    const before = `{"user":"${'x'.repeat(extra)}","apiKey":"`;
    const value = b64(`${before}${key}","org":"o"}`);
    const finding = only(`creds: ${value}\n`, 'values.yaml');
    // The span covers the key's characters and at most the groups they share with their neighbours.
    const span = `creds: ${value}\n`.slice(finding.startOffset, finding.endOffset);
    expect(Buffer.from(span, 'base64').toString('latin1')).toContain(key.slice(3, -3));
    expect(span.length).toBeLessThanOrEqual(Math.ceil(key.length / 3) * 4 + 4);
  });

  it('is found in a Basic auth header (user:key) and in URL-safe base64', () => {
    const key = fakeKey('svcacct', 3);
    expect(only(`curl -H "Authorization: Basic ${b64(`user:${key}`)}" https://example.com\n`, 'call.sh').label).toContain(
      'service account key',
    );
    expect(only(`token=${b64url(`:${key}`)}\n`, 'config.ini').label).toContain('service account key');
  });

  it('is found deep inside a long base64 blob, and each key in it once', () => {
    const keys = [fakeKey('proj', 11), fakeKey('admin', 12)];
    const blob = b64(`${'z'.repeat(20_000)}\n${keys[0]}\n${'y'.repeat(7_001)}\n${keys[1]}\n${'w'.repeat(3_000)}`);
    const findings = scanText(`payload = "${blob}"\n`, { path: 'dump.py' });
    expect(findings.map((finding) => finding.label)).toEqual(['project key (base64-encoded)', 'admin key (base64-encoded)']);
  });

  it.each<[string, string]>([
    ['a look-alike without the marker', b64(fakeKey('proj-unmarked', 1))],
    ["another provider's key", b64(fakeKey('anthropic', 1))],
    ['an unmarked legacy key (no context to tell it from random)', b64(fakeKey('unmarked', 1))],
    ['prose that says OpenAI', b64(`The ${MARKER} string is base64 for OpenAI; see the docs. `.repeat(5))],
    ['the marker with made-up sides', b64(`sk-proj-${'a'.repeat(30)}${MARKER}${'b'.repeat(30)}`)],
    ['a key glued to a word', b64(`prefix${fakeKey('proj', 2)}`)],
    ['base64 of base64 of OpenAI', b64(b64('OpenAI and OpenAI and OpenAI'.repeat(4)))],
  ])('%s gives no finding', (_name, value) => {
    expect(scanText(`data:\n  blob: ${value}\n`, { path: 'secret.yaml' })).toEqual([]);
  });
});
