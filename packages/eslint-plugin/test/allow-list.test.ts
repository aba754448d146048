/**
 * The rules' `allow` option under a real ESLint: patterns run on core's linear-time engine,
 * and a pattern the engine refuses is named by its index, never echoed (it may hold a key).
 */
import keyguard from '@keyguard/eslint-plugin';
import { fakeKey, fakeValue } from '@keyguard/test-utils';
import { Linter } from 'eslint';

const plugins = (keyguard.configs.recommended as Linter.Config[]).find((config) => config.plugins !== undefined)?.plugins;
const EXPONENTIAL = [String.raw`(\w|\d)*!`, '(.|.)*!', String.raw`\w*`.repeat(30) + '!', '(a|aa)*!', '([a-zA-Z0-9_-]+)+!'];

function verify(code: string, allow: string[]): Linter.LintMessage[] {
  const config: Linter.Config[] = [
    {
      plugins,
      rules: {
        '@keyguard/no-openai-api-key': ['error', { allow }],
        '@keyguard/no-openai-key-assignment': ['error', { allow }],
      },
    },
  ];
  return new Linter().verify(code, config, 'src/app.js');
}

describe('the allow option', () => {
  it('runs patterns that backtrack exponentially elsewhere in linear time', () => {
    const key = fakeKey('legacy', 31);
    const value = fakeValue(31);
    const messages = verify(`const a = '${key}';\nopenai.apiKey = '${value}';\n`, EXPONENTIAL);
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['@keyguard/no-openai-api-key', 1],
      ['@keyguard/no-openai-key-assignment', 2],
    ]);
    expect(verify(`const a = '${key}';\nopenai.apiKey = '${value}';\n`, [...EXPONENTIAL, `${key.slice(0, 10)}.*`, '[0-9a-f]{32}'])).toEqual(
      [],
    );
  });

  it.each([
    ['an unclosed group', (key: string) => `(${key}`, 'missing closing )'],
    ['a backreference', (key: string) => `(${key})\\1`, 'invalid escape sequence'],
    ['a lookahead', (key: string) => `${key}(?=x)`, 'invalid or unsupported Perl syntax'],
  ])('names an entry the engine refuses (%s) by index, without the pattern', (_name, make, reason) => {
    const key = fakeKey('proj', 32);
    let message = '';
    try {
      verify('const a = 1;', ['fine', make(key)]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`option "allow"[1] is not a valid RE2 regular expression (${reason})`);
    expect(message).not.toContain(key.slice(3, 20));
  });

  it("gives each distinct options list its own merged copy, and leaves the project's config unfrozen", () => {
    const key = fakeKey('proj', 33);
    const code = `const a = '${key}';\n`;
    const allowed = { allow: [`${key.slice(0, 12)}.*`] };
    const config = (options?: object): Linter.Config[] => [
      { plugins, rules: { '@keyguard/no-openai-api-key': options ? ['error', options] : 'error' } },
    ];
    const lint = (options?: object) => new Linter().verify(code, config(options), 'src/app.js').map((message) => message.ruleId);
    // Alternating, so a merged copy kept for one options list never serves another.
    expect(lint()).toEqual(['@keyguard/no-openai-api-key']);
    expect(lint(allowed)).toEqual([]);
    expect(lint({ allow: ['nothing-like-it'] })).toEqual(['@keyguard/no-openai-api-key']);
    expect(lint(allowed)).toEqual([]);
    expect(lint()).toEqual(['@keyguard/no-openai-api-key']);
    expect(Object.isFrozen(allowed) || Object.isFrozen(allowed.allow)).toBe(false);
  });
});
