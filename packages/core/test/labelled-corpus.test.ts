/**
 * The labelled corpus (issue 9): every case's findings must be exactly its marked spans (rule,
 * start, end). The test also counts precision and recall over all spans, per category, and
 * prints them, so that a change shows what it moved.
 */
import { scanBuffer, scanText, type Finding } from '@keyguard/core';
import { LABELLED_CORPUS } from './labelled-corpus-cases';
import { binaryBytes, describeSpans, fillLabelled, variantOf, type ExpectedSpan, type LabelledCase } from './utils/labelled';

interface Outcome {
  text: string;
  expected: ExpectedSpan[];
  got: ExpectedSpan[];
  secrets: string[];
  findings: Finding[];
}

function run(item: LabelledCase, index: number): Outcome {
  const filled = fillLabelled(item, variantOf(index));
  if (!item.binary) {
    const findings = scanText(filled.text, { path: item.file });
    const got = findings.map((finding) => ({ ruleId: finding.ruleId, start: finding.startOffset, end: finding.endOffset }));
    return { ...filled, got, findings };
  }
  const { bytes, offset } = binaryBytes(filled.text);
  const scan = scanBuffer(bytes, { path: item.file });
  if (scan.status !== 'binary' && scan.status !== 'no-candidate') throw new Error(`${item.file} was read as text`);
  const findings = scan.findings;
  const got = findings.map((finding) => ({ ruleId: finding.ruleId, start: finding.startOffset - offset, end: finding.endOffset - offset }));
  return { ...filled, got, findings };
}

const outcomes = LABELLED_CORPUS.map((item, index) => ({ item, index, ...run(item, index) }));
const key = (span: ExpectedSpan): string => `${span.ruleId}@${span.start}-${span.end}`;

describe('labelled corpus', () => {
  it.each(outcomes.map((outcome) => [`#${outcome.index} ${outcome.item.category} ${outcome.item.file}`, outcome] as const))(
    '%s',
    (_title, outcome) => {
      expect(describeSpans(outcome.text, outcome.got)).toEqual(describeSpans(outcome.text, outcome.expected));
      // No finding's message or redacted secret holds a whole secret.
      const output = JSON.stringify(outcome.findings.map(({ startOffset: _start, endOffset: _end, ...rest }) => rest));
      expect(outcome.secrets.filter((secret) => secret.length >= 16 && output.includes(secret))).toEqual([]);
    },
  );

  it('covers every category of the issue, positives and negatives, in every language asked for', () => {
    const categories = new Set(LABELLED_CORPUS.map((item) => item.category));
    for (const category of [
      'fixture',
      'random-value',
      'bearer',
      'comparison',
      'split',
      'escape',
      'next-line',
      'binary',
      'placeholder',
      'env-read',
      'docs',
      'notebook',
    ])
      expect(categories).toContain(category);
    const extensions = new Set(LABELLED_CORPUS.map((item) => /(\.[a-z]+|Dockerfile|\.env[.a-z]*)$/.exec(item.file)?.[1]));
    for (const extension of ['.py', '.js', '.ts', '.go', '.rb', '.java', '.cs', '.sh', '.md', '.yml', '.yaml', '.json', '.ipynb'])
      expect(extensions).toContain(extension);
    expect(LABELLED_CORPUS.some((item) => item.file.startsWith('.env'))).toBe(true);
    expect(LABELLED_CORPUS.length).toBeGreaterThan(300);
    expect(outcomes.filter((outcome) => outcome.expected.length > 0).length).toBeGreaterThan(100);
    expect(outcomes.filter((outcome) => outcome.expected.length === 0).length).toBeGreaterThan(100);
  });

  afterAll(() => {
    const totals = new Map<string, { tp: number; fp: number; fn: number; cases: number }>();
    for (const outcome of outcomes) {
      const expected = new Set(outcome.expected.map(key));
      const got = new Set(outcome.got.map(key));
      const tp = [...got].filter((span) => expected.has(span)).length;
      for (const name of [outcome.item.category, 'all']) {
        const entry = totals.get(name) ?? { tp: 0, fp: 0, fn: 0, cases: 0 };
        entry.tp += tp;
        entry.fp += got.size - tp;
        entry.fn += expected.size - tp;
        entry.cases++;
        totals.set(name, entry);
      }
    }
    const percent = (part: number, whole: number): string => (whole === 0 ? '  -  ' : `${((100 * part) / whole).toFixed(1)}%`);
    const rows = [...totals].map(
      ([name, { tp, fp, fn, cases }]) =>
        `${name.padEnd(13)} cases ${String(cases).padStart(4)}  tp ${String(tp).padStart(3)}  fp ${String(fp).padStart(3)}  fn ${String(fn).padStart(3)}  precision ${percent(tp, tp + fp)}  recall ${percent(tp, tp + fn)}`,
    );
    process.stdout.write(`\nlabelled corpus (issue 9):\n${rows.join('\n')}\n`);
  });
});
