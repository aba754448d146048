import { applyBaseline, createBaseline, KeyguardError, parseBaseline, scanText } from '@keyguard/core';
import { fakeKey, fakeValue } from '@keyguard/test-utils';

const text = [
  'import openai',
  `openai.api_key = "${fakeKey('proj')}"`,
  `client = OpenAI(api_key="${fakeValue()}")`,
  `backup = "${fakeKey('legacy')}"`,
].join('\n');

describe('baselines', () => {
  const findings = scanText(text, { path: 'app.py' });

  it('round-trip through JSON and drop exactly the recorded findings', () => {
    expect(findings).toHaveLength(3);
    const baseline = parseBaseline(JSON.stringify(createBaseline(findings.slice(0, 2)), null, 2), 'baseline.json');
    expect(applyBaseline(findings, baseline)).toEqual([findings[2]]);
    expect(applyBaseline(findings, undefined)).toEqual(findings);
  });

  it('still drop a recorded finding after its line moved', () => {
    const baseline = createBaseline(findings);
    const moved = scanText(`# a new first line\n\n${text}`, { path: 'app.py' });
    expect(applyBaseline(moved, baseline)).toEqual([]);
  });

  it('record one entry per fingerprint, sorted, with the redacted secret only', () => {
    const baseline = createBaseline([...findings, ...findings]);
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(3);
    expect(baseline.findings.map((entry) => entry.line)).toEqual([2, 3, 4]);
    const json = JSON.stringify(baseline);
    expect(json).not.toContain(fakeKey('proj'));
    expect(json).not.toContain(fakeValue());
  });

  it.each([
    ['not JSON', '{"version": 1,', /not valid JSON/],
    ['an array', '[]', /not a keyguard baseline/],
    ['a wrong version', '{"version": 2, "findings": []}', /not a keyguard baseline/],
    ['findings that are not a list', '{"version": 1, "findings": {}}', /not a keyguard baseline/],
    ['an entry without a fingerprint', '{"version": 1, "findings": [{"ruleId": "openai-api-key"}]}', /findings\[0\] has no fingerprint/],
    ['null', 'null', /not a keyguard baseline/],
  ])('reject %s with a KeyguardError that names the file', (_what, content, message) => {
    let error: unknown;
    try {
      parseBaseline(content, '.keyguard-baseline.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KeyguardError);
    const line = (error as KeyguardError).toLine();
    expect(line).toMatch(message);
    expect(line).toContain('.keyguard-baseline.json');
    expect(line).not.toContain('\n');
  });
});
