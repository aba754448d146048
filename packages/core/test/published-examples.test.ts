/**
 * Secrets OpenAI publishes as examples are no one's secret: the SDKs' webhook test fixture
 * handed to webhooks.unwrap (in every clone of openai-python, -node, -go, -ruby) is not a
 * finding, while a random secret in the same place is. The fixture is held in 8-character
 * pieces and joined at run time, so nothing key-shaped is committed.
 */
import { scanText } from '@keyguard/core';
import { fakeKey } from '@keyguard/test-utils';

const SDK_WEBHOOK_FIXTURE = ['whsec', 'RdvaYFYU', 'XuIFuEbv', 'ZHwMfYFh', 'Uf7aMYjY', 'cmM24+Aj', '40c=']
  .join('')
  .replace(/^whsec/, 'whsec_');

const places = (secret: string): string[] => [
  `client.webhooks.unwrap(body, headers, secret="${secret}")\n`,
  `const client = new OpenAI({ webhookSecret: '${secret}' });\n`,
  `OPENAI_WEBHOOK_SECRET=${secret}\n`,
];

describe('published examples', () => {
  test.each(places('{fixture}').map((text, i) => [i, text]))('the SDK fixture is not a finding: %s %s', (i) => {
    const text = places(SDK_WEBHOOK_FIXTURE)[i];
    expect(scanText(text, { path: 'tests/test_webhooks.py' }).map((finding) => finding.ruleId)).toEqual([]);
  });

  test.each(places('{random}').map((text, i) => [i, text]))('a random secret in the same place is: %s %s', (i) => {
    const text = places(fakeKey('whsec', 7))[i];
    expect(scanText(text, { path: 'tests/test_webhooks.py' }).map((finding) => finding.ruleId)).toEqual(['openai-webhook-secret']);
  });

  test('the fixture is whole: a webhook secret of the shape, one character off is reported', () => {
    expect(SDK_WEBHOOK_FIXTURE).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const changed = SDK_WEBHOOK_FIXTURE.slice(0, 10) + (SDK_WEBHOOK_FIXTURE[10] === 'A' ? 'B' : 'A') + SDK_WEBHOOK_FIXTURE.slice(11);
    expect(scanText(places(changed)[0], { path: 'tests/test_webhooks.py' })).toHaveLength(1);
  });
});
