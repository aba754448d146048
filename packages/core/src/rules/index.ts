import type { Rule } from '../types';
import { openaiApiKey } from './openai-api-key';
import { openaiKeyAssignment } from './openai-key-assignment';

/** Every rule keyguard runs, in reporting order. The one list: adapters and docs read it. */
export const rules: readonly Rule[] = [openaiApiKey, openaiKeyAssignment];

export function getRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

export { openaiApiKey, openaiKeyAssignment };
