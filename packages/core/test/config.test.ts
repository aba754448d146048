import { KeyguardError, parseConfig, resolveConfig, rules, scanText } from '@keyguard/core';
import { fakeValue } from '@keyguard/test-utils';

function errorOf(run: () => unknown): KeyguardError {
  try {
    run();
  } catch (error) {
    if (error instanceof KeyguardError) return error;
    throw error;
  }
  throw new Error('expected a KeyguardError');
}

describe('config', () => {
  it('resolves an empty config to every rule and the defaults', () => {
    const resolved = parseConfig('{}');
    expect(resolved.rules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    expect(resolved.allow).toEqual([]);
    expect(resolved.maxFileSize).toBe(Number.POSITIVE_INFINITY);
  });

  it('turns a rule off and compiles the allow list', () => {
    const resolved = resolveConfig({
      rules: { 'openai-key-assignment': 'off' },
      allow: ['^[0-9a-f]{32}$'],
      ignore: ['fixtures/'],
      baseline: 'b.json',
      maxFileSize: 100,
    });
    expect(resolved.rules.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id).filter((id) => id !== 'openai-key-assignment'));
    expect(resolved.ignore).toEqual(['fixtures/']);
    expect(resolved.baseline).toBe('b.json');
    expect(resolved.maxFileSize).toBe(100);
    const text = `client = OpenAI(api_key="${fakeValue()}")`;
    expect(scanText(text)).toHaveLength(1);
    expect(scanText(text, { allow: resolved.allow })).toEqual([]);
  });

  it('resolves onSkipped to the reasons accepted with a warning (none by default)', () => {
    expect(resolveConfig({}).acceptSkipped).toEqual([]);
    expect(resolveConfig({ onSkipped: 'fail' }).acceptSkipped).toEqual([]);
    expect(resolveConfig({ onSkipped: 'warn' }).acceptSkipped).toEqual(['too-large', 'unreadable', 'submodule', 'lfs']);
    expect(resolveConfig({ onSkipped: { submodule: 'warn', lfs: 'fail' } }).acceptSkipped).toEqual(['submodule']);
    for (const wrong of ['yes', ['warn'], { binary: 'warn' }, { submodule: true }]) {
      expect(errorOf(() => resolveConfig({ onSkipped: wrong })).toLine()).toMatch(
        /"onSkipped" must be "fail", "warn" or an object of reasons/,
      );
    }
  });

  it('reports every problem together, in one line', () => {
    const error = errorOf(() =>
      resolveConfig(
        {
          rulez: {},
          rules: { 'no-such-rule': 'error', 'openai-api-key': 'warning' },
          allow: [String.raw`(a)\1`, 'a{2,1}'],
          ignore: 'src/',
          baseline: 3,
          maxFileSize: -1,
        },
        'keyguard.config.json',
      ),
    );
    const line = error.toLine();
    expect(line).toMatch(/^keyguard\.config\.json has 8 problems: /);
    for (const part of [
      'unknown field "rulez" (did you mean "rules"?)',
      '"rules.no-such-rule" is not a rule',
      '"rules.openai-api-key" must be one of "off", "warn", "error"',
      '"allow"[0] is not a valid RE2 regular expression (invalid escape sequence)',
      '"allow"[1] is not a valid RE2 regular expression (invalid repeat count)',
      '"ignore" must be an array of strings',
      '"baseline" must be a path',
      '"maxFileSize" must be a positive whole number of bytes',
    ]) {
      expect(line).toContain(part);
    }
    expect(line).not.toContain('\n');
  });

  it('gives a rule set to "warn" the severity warning, and leaves the registered rule alone', () => {
    const [rule] = rules;
    const resolved = resolveConfig({ rules: { [rule.id]: 'warn' } });
    expect(resolved.rules.find((candidate) => candidate.id === rule.id)?.severity).toBe('warning');
    expect(rule.severity).toBe('error');
    expect(resolveConfig({ rules: { [rule.id]: 'error' } }).rules.find((candidate) => candidate.id === rule.id)).toBe(rule);
  });

  it.each([
    ['not JSON', '{ "rules": ', /is not valid JSON/],
    ['an array', '[]', /must hold a JSON object/],
    ['a string', '"x"', /must hold a JSON object/],
  ])('rejects %s', (_what, text, message) => {
    expect(errorOf(() => parseConfig(text)).toLine()).toMatch(message);
  });
});
