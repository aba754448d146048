import { secretIdOf } from '../../fingerprint';

/**
 * Secrets OpenAI itself publishes as examples: in its API reference and in every official
 * SDK's test suite, copied into each clone of them. They are no one's secret, and a finding on
 * one in an SDK's tests is a false alarm in exactly the code our users read. Listed by their
 * `secretIdOf` (the first 16 hex digits of their SHA-256): the values are key-shaped and are
 * not written here.
 */
const PUBLISHED_EXAMPLES: ReadonlyMap<string, string> = new Map([
  ['787a1c943ea935da', 'the Realtime client secret in the API reference (POST /v1/realtime/client_secrets)'],
  ['d4e1077ad28d129d', "the webhook signing secret of the SDKs' webhook tests (openai-python, -node, -go, -ruby)"],
]);

/** True when a secret is one OpenAI publishes as an example (PUBLISHED_EXAMPLES). */
export function isPublishedExample(secret: string): boolean {
  return PUBLISHED_EXAMPLES.has(secretIdOf(secret));
}
