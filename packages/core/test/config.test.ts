import { failsOn, KeyguardError, parseConfig, resolveConfig, rules, scanText, type Severity } from '@keyguard/core';
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

  it('gives a rule the severity the config names, "warn" being "warning", and reads failOn', () => {
    const severityOf = (setting: string): string | undefined =>
      resolveConfig({ rules: { 'openai-api-key': setting } }).rules.find((rule) => rule.id === 'openai-api-key')?.severity;
    expect(severityOf('error')).toBe('error');
    expect(severityOf('warning')).toBe('warning');
    expect(severityOf('warn')).toBe('warning');
    expect(severityOf('note')).toBe('note');
    expect(severityOf('off')).toBeUndefined();
    expect(resolveConfig({}).failOn).toBe('warning');
    for (const failOn of ['error', 'warning', 'note'] as const) expect(resolveConfig({ failOn }).failOn).toBe(failOn);
    expect(errorOf(() => resolveConfig({ failOn: 'warn' as never })).toLine()).toMatch(
      /"failOn" must be one of "note", "warning", "error"/,
    );
  });

  it('fails on a severity at or above failOn, never below', () => {
    const table: [Severity, Severity, boolean][] = [
      ['error', 'error', true],
      ['warning', 'error', false],
      ['note', 'error', false],
      ['error', 'warning', true],
      ['warning', 'warning', true],
      ['note', 'warning', false],
      ['error', 'note', true],
      ['warning', 'note', true],
      ['note', 'note', true],
    ];
    for (const [severity, failOn, fails] of table) expect([severity, failOn, failsOn(severity, failOn)]).toEqual([severity, failOn, fails]);
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
          rules: { 'no-such-rule': 'error', 'openai-api-key': 'loud' },
          failOn: 'live',
          allow: [String.raw`(a)\1`, 'a{2,1}'],
          ignore: 'src/',
          baseline: 3,
          maxFileSize: -1,
        },
        'keyguard.config.json',
      ),
    );
    const line = error.toLine();
    expect(line).toMatch(/^keyguard\.config\.json has 9 problems: /);
    for (const part of [
      'unknown field "rulez" (did you mean "rules"?)',
      '"rules.no-such-rule" is not a rule',
      '"rules.openai-api-key" must be one of "off", "note", "warning", "error", "warn"',
      '"failOn" must be one of "note", "warning", "error"',
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
