import { isPlaceholderValue, looksRandom } from '@keyguard/core';
import { fakeKey, fakeValue, seededRun } from '@keyguard/test-utils';

// Made-up credentials from real SDK test suites (issue 9) and their kin: words, separators and
// a short counter, year or version. None of them is a credential.
const FIXTURES = [
  'something1234',
  'access_token1',
  'access_token0',
  'c0_access_token',
  'foo_bar_123',
  'key-v2-9',
  'ci-key-2024',
  'fixture-key-001',
  'test-token-42',
  'token-2023-v1',
  'access_token_12',
  'abc_def_99',
  'my-app-key-v3',
  'token123',
  'valid-token-1',
  'runtime-token-2',
  'exchanged-token-789',
  'openai-access-token-1',
  'safe.jwt_token~+/==',
  'organization_id1',
  'sentinel-secret-721',
  'cloudflare-lifecycle-private-83d4',
  'gcp-metadata-secret-7f3e',
  'claude-3-opus-20240229',
  'gpt-4o-mini-2024-07-18',
  'text-embedding-3-small',
  '2024-02-15-preview',
  'myResourceGroup2',
  'AzureOpenAIKey123',
  'dev-key-0001',
  'ProductionKey2025!',
  'my_openai_key_v2',
  'sessionToken42',
  '__not_needed_by_ollama__',
  'my-hardcoded-key-123',
  'ABCD1234EFGH5678IJKL',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const RANDOM = [
  ...[0, 1, 2, 3].map((variant) => fakeValue(variant)), // 32 hex: an Azure OpenAI key
  ...[20, 24, 40].map((length) => seededRun('alnum', length, B64.slice(0, 62))),
  ...[20, 24, 44].map((length) => seededRun('b64', length, B64)),
  ...[20, 32].map((length) => seededRun('lower', length, 'abcdefghijklmnopqrstuvwxyz0123456789')),
  fakeKey('openrouter'),
  fakeKey('deepseek'),
  `pk-${seededRun('proxy', 32)}`,
];

describe('looks like a credential', () => {
  it.each(FIXTURES)('%s is a fixture, not a credential', (value) => {
    expect(looksRandom(value)).toBe(false);
    expect(isPlaceholderValue(value)).toBe(true);
  });

  it.each(RANDOM.map((value, index) => [index, value.length, value] as const))(
    'random value #%i (%i characters) is one',
    (_index, _length, value) => {
      expect(looksRandom(value)).toBe(true);
      expect(isPlaceholderValue(value)).toBe(false);
    },
  );
});
