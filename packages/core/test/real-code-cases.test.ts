import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '@keyguard/core';
import { containsAnyKey, fakeKey, fillRealCodeCase, realCodeSecrets } from '@keyguard/test-utils';

/**
 * The shapes measured on real public code (issue 9): SDK test suites, tutorials and apps. Each
 * case is a made-up line with the shape of a real false alarm or miss; `expected` says whether
 * keyguard must report it. Across Python, JS/TS, Go, Ruby, shell, Markdown, YAML and JSON.
 */
interface RealCodeCase {
  category: string;
  file: string;
  text: string;
  expected: 'finding' | 'none';
  source: string;
}

const { cases } = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'real-code-cases.json'), 'utf8')) as { cases: RealCodeCase[] };

const numbered = cases.map((item, index) => [`#${index} ${item.category} ${item.file}`, item] as const);

describe('real-code shapes', () => {
  it.each(numbered.filter(([, item]) => item.expected === 'none'))('%s: no finding', (_title, item) => {
    const findings = scanText(fillRealCodeCase(item.text), { path: item.file });
    expect(findings.map((finding) => `${finding.ruleId} ${finding.secret}`)).toEqual([]);
  });

  it.each(numbered.filter(([, item]) => item.expected === 'finding'))(
    '%s: a finding that ends where its secret ends, its output holding no whole secret',
    (_title, item) => {
      const text = fillRealCodeCase(item.text);
      const findings = scanText(text, { path: item.file });
      expect(findings.length).toBeGreaterThan(0);
      // The span, not just a count: a split or escaped key's span is its whole expression, which
      // ends with the key's last characters as written (secretlint once froze a wrong span).
      const secrets = realCodeSecrets(item.text);
      if (secrets.length > 0) {
        const spans = findings.map((finding) => text.slice(finding.startOffset, finding.endOffset));
        expect(spans.some((span) => secrets.some((secret) => span.endsWith(secret.slice(-12))))).toBe(true);
      }
      const output = JSON.stringify(findings.map(({ startOffset: _start, endOffset: _end, ...rest }) => rest));
      expect(containsAnyKey(output, secrets)).toBe(false);
    },
  );
});

describe('a key that no single literal holds', () => {
  const key = fakeKey('proj', 7);
  const half = Math.floor(key.length / 2);
  const spellings: [string, string][] = [
    ['split in two', `const apiKey = '${key.slice(0, half)}' + '${key.slice(half)}';\n`],
    ['written with \\u002d escapes', `const apiKey = '${key.split('-').join('\\u002d')}';\n`],
    ['split over three lines', `key = (\n    "${key.slice(0, 10)}"\n    "${key.slice(10, 40)}"\n    "${key.slice(40)}"\n)\n`],
  ];
  const whole = scanText(`const apiKey = '${key}';\n`, { path: 'app.js' });

  it.each(spellings)('is redacted and fingerprinted as the key itself when %s', (_name, text) => {
    const findings = scanText(text, { path: 'app.js' });
    expect(findings.map((finding) => [finding.ruleId, finding.label, finding.secret, finding.fingerprint])).toEqual(
      whole.map((finding) => [finding.ruleId, finding.label, finding.secret, finding.fingerprint]),
    );
  });
});

// An unmarked key has no marker to find it by: written with escapes only, it holds no `sk-` for
// the prefilter either, so the escaped spellings of `sk-` are keywords of their own.
describe('an unmarked key written with escapes only', () => {
  const key = fakeKey('unmarked', 8);
  const body = key.slice(3);
  const spellings: [string, string, string][] = [
    ['\\u0073k\\u002d in JavaScript', 'app.js', `const apiKey = "\\u0073k\\u002d${body}";\n`],
    ['sk\\x2d in JavaScript', 'app.js', `const apiKey = 'sk\\x2d${body}';\n`],
    ['\\u0073k- in JSON', 'settings.json', `{ "openai": { "api_key": "\\u0073k-${body}" } }\n`],
    ['\\x73k- in Python', 'app.py', `client = OpenAI(api_key="\\x73k-${body}")\n`],
  ];
  const whole = scanText(`const apiKey = "${key}";\n`, { path: 'app.js' });

  it.each(spellings)('is found and fingerprinted as the key itself: %s', (_name, path, text) => {
    expect(text).not.toContain('sk-');
    const findings = scanText(text, { path });
    expect(findings.map((finding) => [finding.ruleId, finding.secret, finding.fingerprint.length > 0])).toEqual(
      whole.map((finding) => [finding.ruleId, finding.secret, true]),
    );
    expect(findings[0].secretId).toBe(whole[0].secretId);
  });
});
