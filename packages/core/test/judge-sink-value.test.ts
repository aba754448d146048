import { compileUserPattern, getRule, judgeSinkValue, scanText } from '@keyguard/core';
import { fakeKey, fakeValue } from '@keyguard/test-utils';

const RULE = 'openai-key-assignment';
const value = fakeValue(4);

/** A text with `value` handed to a sink, and the offsets of the value in it. */
function sinkText(literal: string, before = 'client = OpenAI(api_key="', after = '")\n'): { text: string; start: number; end: number } {
  const text = `${before}${literal}${after}`;
  return { text, start: before.length, end: before.length + literal.length };
}

describe('judgeSinkValue', () => {
  it('gives the finding scanText gives for the same value, message and fingerprint included', () => {
    const { text, start, end } = sinkText(value);
    const [scanned] = scanText(text, { path: 'app.py' });
    const judged = judgeSinkValue({ ruleId: RULE, value, start, end, text, path: 'app.py' });
    expect(scanned.ruleId).toBe(RULE);
    expect(judged).toEqual(scanned);
    expect(judged).toMatchObject({ severity: 'error', envVar: 'OPENAI_API_KEY', line: 1, column: start + 1 });
    expect(judged!.secret).not.toContain(value);
  });

  it('names the sink in the message when the adapter knows it, and the env var the sink reads', () => {
    const { text, start, end } = sinkText(value, "new AzureOpenAI({ apiKey: '", "' });\n");
    const judged = judgeSinkValue({ ruleId: RULE, value, start, end, text, sink: 'new AzureOpenAI({ apiKey })' });
    expect(judged!.message).toContain('given to new AzureOpenAI({ apiKey })');
    expect(judged!.envVar).toBe('AZURE_OPENAI_API_KEY');
    expect(judged!.message).toContain('AZURE_OPENAI_API_KEY');
    expect(judgeSinkValue({ ruleId: RULE, value, start, end, text, sink: 'x', envVar: 'MY_KEY' })!.envVar).toBe('MY_KEY');
  });

  it.each([
    ['a placeholder', 'your-api-key-here'],
    ['a reference', '${OPENAI_API_KEY}'],
    ['a truncated key', fakeKey('proj').slice(0, 12)],
  ])('drops %s', (_name, literal) => {
    const { text, start, end } = sinkText(literal);
    expect(judgeSinkValue({ ruleId: RULE, value: literal, start, end, text })).toBeUndefined();
  });

  it('leaves a whole key to the key rule, as overlapping findings are in scanText', () => {
    const key = fakeKey('proj');
    const { text, start, end } = sinkText(key);
    expect(judgeSinkValue({ ruleId: RULE, value: key, start, end, text })).toBeUndefined();
    expect(scanText(text).map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
  });

  it('keeps another provider key handed to an OpenAI client', () => {
    const key = fakeKey('openrouter');
    const { text, start, end } = sinkText(key);
    expect(judgeSinkValue({ ruleId: RULE, value: key, start, end, text })?.ruleId).toBe(RULE);
  });

  it('applies the allow list to the whole value', () => {
    const { text, start, end } = sinkText(value);
    expect(judgeSinkValue({ ruleId: RULE, value, start, end, text, allow: [compileUserPattern(value)] })).toBeUndefined();
    expect(judgeSinkValue({ ruleId: RULE, value, start, end, text, allow: [compileUserPattern(value.slice(0, 8))] })).toBeDefined();
  });

  it('honours keyguard-ignore on the line and the line before, unless told not to', () => {
    const same = sinkText(value, 'client = OpenAI(api_key="', '")  # keyguard-ignore\n');
    expect(judgeSinkValue({ ruleId: RULE, value, ...same })).toBeUndefined();
    expect(judgeSinkValue({ ruleId: RULE, value, ...same, inlineIgnore: false })).toBeDefined();
    const next = sinkText(value, '# keyguard-ignore-next-line\nclient = OpenAI(api_key="');
    expect(judgeSinkValue({ ruleId: RULE, value, ...next })).toBeUndefined();
  });

  it('throws on a rule id it does not know', () => {
    expect(() => judgeSinkValue({ ruleId: 'no-such-rule', value, start: 0, end: 1, text: 'x' })).toThrow(/no-such-rule/);
    expect(getRule(RULE)!.eslint).toEqual({ name: `no-${RULE}`, kind: 'ast' });
  });
});
