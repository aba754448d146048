import { noOpenAIApiKey } from './no-openai-api-key';
import { noOpenAIKeyAssignment } from './no-openai-key-assignment';

/** Every rule the plugin ships, by name. The meta-test checks each is documented and recommended. */
export const rules = {
  'no-openai-api-key': noOpenAIApiKey,
  'no-openai-key-assignment': noOpenAIKeyAssignment,
};

export type { NoOpenAIApiKeyOptions } from './no-openai-api-key';
export type { NoOpenAIKeyAssignmentOptions } from './no-openai-key-assignment';
