import type { Rule } from '../types';
import { openaiApiKey } from './openai-api-key';
import { openaiKeyAssignment } from './openai-key-assignment';
import { azureOpenaiKey } from './azure-openai-key';
import { openaiWebhookSecret } from './openai-webhook-secret';
import { openaiRealtimeClientSecret } from './openai-realtime-client-secret';

/**
 * Every rule keyguard runs, in reporting order: where two findings overlap, the earlier rule's
 * wins. The one list: adapters, docs and tests read it. `npm run new-rule -- <id>` adds a line.
 */
export const rules: readonly Rule[] = [openaiApiKey, azureOpenaiKey, openaiKeyAssignment, openaiWebhookSecret, openaiRealtimeClientSecret];

export function getRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

// What the rules export for adapters and tests, by name (core's index re-exports this module).
export { openaiApiKey, openaiKeyAssignment, azureOpenaiKey, openaiWebhookSecret, openaiRealtimeClientSecret };
export { classifyOpenAIKey, OPENAI_KEY_MARKER, MAX_KEY_LENGTH } from './openai-api-key';
