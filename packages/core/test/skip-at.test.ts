import { defineRule, rules, scanText, type Rule } from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';

/**
 * A matcher's `skipAt` rules places out before its pattern runs (the assignment engine's
 * `keyName` skips a short whole name that is no key name): it must change no finding. Each
 * rule with one is compared with the same rule without it, on texts built from the pieces its
 * shortcut depends on: names in and out of identifiers, long runs past the name bound, a `:`
 * after a name (.NET sections), trailing dots and hyphens, and the rule's own examples.
 */
/**
 * A name, slot by slot: what may come before the provider's word (a question word, a filler
 * either side of the name bound), the word, what joins it to a key word, the key word, and
 * what may end the name (an about word, a filler, a .NET section, a trailing dot or hyphen,
 * the provider's word again). `~` stands for a filler of 0 to 130 characters.
 */
const SLOTS = [
  ['', '', 'has_', 'get', 'my_', '~_', '~'],
  ['openai', 'OpenAI', 'OPENAI', 'open_ai', 'Open_AI', 'opened', 'Open'],
  ['', '', '_', '.', '_api', 'Api', '_~_'],
  ['_key', 'Key', '_KEY', 'Token', '_secret', '_tokenizer', '_webhook_secret', 'WebhookSecret', ''],
  ['', '', '', '_FILE', 'File', '_~', ':Key', ':ApiKey', '.', '-', '_2', '_openai_key'],
];
/** What may follow a name: an assignment and a value, a read, a call, nothing. */
const AFTER = [' = "{value}"', '={value}', ': "{value}"', '": "{value}"', '("{value}")', ' ?? "{value}"', '.', '-', ' ', ')', ''];
/** What may stand before a name. */
const BEFORE = ['', '"', "'", '$', 'process.env.', 'os.getenv("', '{ ', '  '];

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

const withSkips = rules.filter((rule) => rule.matchers.some((matcher) => matcher.skipAt !== undefined));

/** The same rule, its matchers' shortcuts left out. */
const withoutSkips = (rule: Rule): Rule =>
  defineRule({ ...rule, eslint: rule.eslint ?? false, matchers: rule.matchers.map((matcher) => ({ ...matcher, skipAt: undefined })) });

const findingsOf = (text: string, rule: Rule): [number, number, string][] =>
  scanText(text, { path: 'config.py', rules: [rule] }).map((finding) => [finding.startOffset, finding.endOffset, finding.fingerprint]);

describe('skipAt', () => {
  it('is used by the assignment rules', () => {
    expect(withSkips.map((rule) => rule.id)).toEqual(expect.arrayContaining(['openai-key-assignment']));
  });

  it.each(withSkips.map((rule) => [rule.id, rule] as const))('changes no finding of %s', (_id, rule) => {
    const plain = withoutSkips(rule);
    const examples = rule.examples.truePositives.map((example, index) => fillExample(example, index));
    const next = random(rule.id.length * 7919);
    let found = 0;
    for (let round = 0; round < 400; round++) {
      let text = '';
      while (text.length < 300) {
        if (next() < 0.06) {
          text += examples[Math.floor(next() * examples.length)] + '\n';
          continue;
        }
        const name = SLOTS.map((slot) => slot[Math.floor(next() * slot.length)])
          .join('')
          .replace(/~/g, () => 'x'.repeat(Math.floor(next() * 131)));
        const after = fillExample(AFTER[Math.floor(next() * AFTER.length)], round);
        text += BEFORE[Math.floor(next() * BEFORE.length)] + name + after + (next() < 0.7 ? '\n' : ' ');
      }
      const expected = findingsOf(text, plain);
      found += expected.length;
      expect(findingsOf(text, rule)).toEqual(expected);
    }
    // The texts do hold findings, so a skip that dropped one would show.
    expect(found).toBeGreaterThan(50);
  });

  it('skips a whole short name that is no key name, and not one that is', () => {
    const keyName = withSkips[0].matchers.find((matcher) => matcher.skipAt !== undefined)!;
    const text = 'import openai.types.chat\nOPENAI_API_KEY=1\n' + `${'x'.repeat(120)}openai\nopenai_api:Key\nopenai.`;
    expect(keyName.skipAt!(text, text.indexOf('openai'))).toBe(text.indexOf('openai.types.chat') + 'openai.types.chat'.length);
    expect(keyName.skipAt!(text, text.indexOf('OPENAI'))).toBeUndefined();
    // Past the name bound, before a `:` and before a trailing dot, the name could read otherwise.
    expect(keyName.skipAt!(text, text.indexOf('openai', 50))).toBeUndefined();
    expect(keyName.skipAt!(text, text.indexOf('openai_api:'))).toBeUndefined();
    expect(keyName.skipAt!(text, text.lastIndexOf('openai'))).toBeUndefined();
  });
});
