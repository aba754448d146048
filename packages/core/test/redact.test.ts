import { redactSecret, scanText } from '@keyguard/core';
import { FAKE_KEY_SHAPES, fakeKey, fakeValue } from '@keyguard/test-utils';

/** Characters of the secret a redaction shows: everything but the ellipsis. */
const shown = (redacted: string): number => redacted.replace('…', '').length;

function randomSecret(length: number, seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let state = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

describe('redactSecret', () => {
  const secrets: string[] = [];
  for (const shape of FAKE_KEY_SHAPES) for (let variant = 0; variant < 20; variant++) secrets.push(fakeKey(shape, variant));
  for (let variant = 0; variant < 20; variant++) secrets.push(fakeValue(variant));
  for (let length = 8; length <= 200; length++) {
    secrets.push(randomSecret(length, length));
    secrets.push('sk-' + randomSecret(length - 3, length + 1000));
    secrets.push('sk-proj-' + randomSecret(Math.max(0, length - 8), length + 2000));
  }

  it(`never shows more than a quarter of the secret (${secrets.length} secrets, lengths 8 to 320)`, () => {
    for (const secret of secrets) {
      const redacted = redactSecret(secret);
      expect(shown(redacted)).toBeLessThanOrEqual(Math.floor(secret.length / 4));
      expect(redacted).not.toBe(secret);
      expect(redacted).toContain('…');
    }
  });

  it('shows a prefix of the secret and a suffix of it, nothing else', () => {
    for (const secret of secrets) {
      const [prefix, suffix] = redactSecret(secret).split('…');
      expect(secret.startsWith(prefix)).toBe(true);
      expect(secret.endsWith(suffix)).toBe(true);
    }
  });

  it.each(FAKE_KEY_SHAPES.map((shape) => [shape]))('names the kind of %s key by its prefix', (shape) => {
    const key = fakeKey(shape);
    const prefix = /^sk-(?:proj|svcacct|admin|None)-|^sk-/.exec(key)![0];
    expect(redactSecret(key).startsWith(prefix)).toBe(true);
  });

  it('hides a secret too short to show anything', () => {
    expect(redactSecret('abcdefg')).toBe('…');
    expect(redactSecret('')).toBe('…');
  });

  it('is what findings carry, and no finding holds a whole key', () => {
    const text = FAKE_KEY_SHAPES.map((shape) => `KEY_${shape.replace(/-/g, '_')}="${fakeKey(shape)}"`).join('\n');
    const findings = scanText(text);
    expect(findings).toHaveLength(FAKE_KEY_SHAPES.length);
    const output = JSON.stringify(findings);
    for (const shape of FAKE_KEY_SHAPES) expect(output).not.toContain(fakeKey(shape));
  });
});
