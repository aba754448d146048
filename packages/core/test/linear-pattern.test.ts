import { compileLinearPattern, findNonLinearSyntax, rules, UnsafePatternError } from '@keyguard/core';

describe('the linear-pattern seam', () => {
  it.each([
    ['(a)\\1', 'backreference'],
    ['(?<x>a)\\k<x>', 'named backreference'],
    ['a(?=b)', 'lookahead'],
    ['a(?!b)', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['(a+)+', 'nested quantifier'],
    ['(a*)*b', 'nested quantifier'],
    ['(?:[a-z]+\\s?){2,}', 'nested quantifier'],
    ['((ab)+c)+', 'nested quantifier'],
    ['a{1,5000}', 'repetition bound over 1000'],
    ['(ab', 'unbalanced parenthesis'],
    ['ab)', 'unbalanced parenthesis'],
    ['[ab', 'unterminated character class'],
  ])('rejects %s (%s)', (pattern, reason) => {
    expect(findNonLinearSyntax(pattern)).toBe(reason);
    expect(() => compileLinearPattern(pattern)).toThrow(UnsafePatternError);
  });

  it.each([['sk-[A-Za-z0-9_-]{20,300}'], ['\\b(?:apiKey|api_key)\\b'], ['(?:ab)?c+'], ['[(+*)]+'], ['\\(\\)+'], ['a{2,1000}']])(
    'accepts %s',
    (pattern) => {
      expect(findNonLinearSyntax(pattern)).toBeUndefined();
      expect(compileLinearPattern(pattern, 'i').flags).toContain('g');
    },
  );

  it('compiles every rule pattern through the seam', () => {
    for (const rule of rules) {
      for (const matcher of rule.matchers) {
        expect(findNonLinearSyntax(matcher.pattern)).toBeUndefined();
        expect(matcher.regex.source).toBe(new RegExp(matcher.pattern).source);
      }
    }
  });
});
