import { compileUserPattern, parseConfig, resolveConfig, scanText, UserPatternError } from '@keyguard/core';
import { fakeKey } from '@keyguard/test-utils';

/**
 * User patterns (the config's and the ESLint option's `allow`) run on a linear-time engine.
 * The families below take exponential time on a backtracking engine: at 30 characters `(.|.)*!`
 * already takes minutes in V8, and these inputs are thousands of characters long. No timing
 * assertion: a backtracking engine would not finish before Jest's timeout, a linear one takes
 * milliseconds.
 */
const families: [string, string, string][] = [
  ['overlapping alternation under a star', String.raw`(\w|\d)*!`, '1'.repeat(20_000)],
  ['identical alternatives under a star', '(.|.)*!', 'a'.repeat(20_000)],
  ['a chain of adjacent stars', String.raw`\w*`.repeat(40) + '!', 'a'.repeat(5_000)],
  ['a nested quantifier', '(a+)+$', 'a'.repeat(20_000) + '!'],
  ['a starred star', '(a*)*b', 'a'.repeat(20_000)],
  ['overlapping lengths', '(a|aa)*c', 'a'.repeat(20_000)],
  ['a repeated group of greedy runs', '(x+x+)+y', 'x'.repeat(20_000)],
  ['a counted group of dot-stars', '(.*a){12}!', 'a'.repeat(5_000)],
];

describe('user patterns', () => {
  it.each(families)('match %s in linear time', (_name, pattern, input) => {
    const compiled = compileUserPattern(pattern);
    expect(compiled.matchesWhole(input)).toBe(false);
    expect(compiled.matchesWhole(input + input.slice(0, 1))).toBe(false);
  });

  it.each(families)('keep the scan linear when an allow pattern is %s', (_name, pattern) => {
    const keys = [fakeKey('proj', 11), fakeKey('legacy', 11), fakeKey('none', 11)];
    const text = keys
      .map((key) => `client = OpenAI(api_key="${key}")\n`)
      .join('')
      .repeat(50);
    const { allow } = resolveConfig({ allow: [pattern] });
    expect(scanText(text, { path: 'app.py', allow })).toHaveLength(150);
  });

  it('match the whole value, not a part of it', () => {
    expect(compileUserPattern('sk-proj-[A-Za-z0-9_-]+').matchesWhole(fakeKey('proj', 1))).toBe(true);
    expect(compileUserPattern('sk-proj-').matchesWhole(fakeKey('proj', 1))).toBe(false);
    expect(compileUserPattern('a|ab').matchesWhole('ab')).toBe(true);
    const key = fakeKey('legacy', 2);
    const text = `client = OpenAI(api_key="${key}")\n`;
    expect(scanText(text, { allow: resolveConfig({ allow: [key.slice(0, 20)] }).allow })).toHaveLength(1);
    expect(scanText(text, { allow: resolveConfig({ allow: [`${key.slice(0, 20)}.*`] }).allow })).toEqual([]);
  });

  it.each([
    [String.raw`(a)\1`, 'invalid escape sequence'],
    ['a(?=b)', 'invalid or unsupported Perl syntax'],
    ['(?<=a)b', 'invalid named capture'],
    ['(ab', 'missing closing )'],
    ['[ab', 'missing closing ]'],
    ['a{1001}', 'invalid repeat count'],
    ['a{2,1}', 'invalid repeat count'],
    ['x'.repeat(1001), 'longer than 1000 characters'],
    ['a{1000}'.repeat(6), 'its counted repetitions ({n,m}) add up to more than 5000'],
  ])('refuse %s with the reason alone', (pattern, reason) => {
    let error: unknown;
    try {
      compileUserPattern(pattern);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserPatternError);
    expect((error as Error).message).toBe(reason);
  });

  it.each(['legacy', 'proj', 'unmarked'] as const)('never echo an invalid pattern that holds a key (%s)', (shape) => {
    const key = fakeKey(shape, 4);
    for (const pattern of [`${key}(`, `(${key}`, `${key}\\1`, `[${key}`, `${key}(?=x)`, `(?<${key}>x)`, `${key}{2000}`]) {
      let line = '';
      try {
        parseConfig(JSON.stringify({ allow: ['ok', pattern] }));
      } catch (error) {
        line = (error as Error).message;
      }
      expect(line).toMatch(/^keyguard\.config\.json has 1 problem: "allow"\[1\] is not a valid RE2 regular expression \([A-Za-z ()\]]+\)$/);
      expect(line).not.toContain(key.slice(3, 15));
    }
  });
});
