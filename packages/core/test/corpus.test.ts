import { scanText } from '@keyguard/core';
import { describeKey } from '@keyguard/test-utils';
import { CORPUS } from './corpus-cases';
import { fillCase } from './utils/corpus';

const RULE = { K: 'openai-api-key', A: 'openai-key-assignment' } as const;

const table = Object.entries(CORPUS).flatMap(([group, cases]) => cases.map((item, index) => [group, index, item.file, item] as const));

describe('realistic corpus', () => {
  it.each(table)('%s #%i (%s)', (_group, index, file, item) => {
    const filled = fillCase(item.text, item.want, index);
    const findings = scanText(filled.text, { path: file });
    const got = findings.map((finding) => ({ ruleId: finding.ruleId, start: finding.startOffset, end: finding.endOffset }));
    const expected = filled.secrets
      .filter((secret) => secret.want !== '-')
      .map((secret) => ({ ruleId: RULE[secret.want as 'K' | 'A'], start: secret.start, end: secret.end }));
    // On failure, name the spans without printing a whole key.
    const describe = (spans: typeof got): string[] =>
      spans.map((span) => `${span.ruleId}@${span.start}-${span.end} ${describeKey(filled.text.slice(span.start, span.end))}`);
    expect(describe(got)).toEqual(describe(expected));
  });
});

describe('corpus coverage', () => {
  const extensionOf = (file: string): string => {
    const base = file.slice(file.lastIndexOf('/') + 1);
    return base.includes('.') && !base.startsWith('.') ? base.slice(base.lastIndexOf('.')) : base;
  };
  const counts = new Map<string, { positives: number; negatives: number }>();
  for (const [, index, file, item] of table) {
    const filled = fillCase(item.text, item.want, index);
    const entry = counts.get(extensionOf(file)) ?? { positives: 0, negatives: 0 };
    if (filled.secrets.some((secret) => secret.want !== '-')) entry.positives++;
    else entry.negatives++;
    counts.set(extensionOf(file), entry);
  }

  it('has over 30 file types', () => {
    expect(counts.size).toBeGreaterThan(30);
  });

  it.each([
    '.py',
    '.ipynb',
    '.js',
    '.ts',
    '.env',
    '.sh',
    'Dockerfile',
    '.yml',
    '.yaml',
    '.toml',
    '.ini',
    '.properties',
    '.json',
    '.xml',
    '.go',
    '.java',
    '.cs',
    '.rb',
    '.php',
    '.md',
    '.tf',
  ])('has positives and look-alike negatives for %s', (extension) => {
    const entry = counts.get(extension);
    expect(entry?.positives).toBeGreaterThan(0);
    expect(entry?.negatives).toBeGreaterThan(0);
  });
});
