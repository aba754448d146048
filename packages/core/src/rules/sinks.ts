/**
 * Where an OpenAI key is handed over, as data. The text rule (`openai-key-assignment`) and the
 * ESLint plugin's AST rule both read these lists, so the CLI and the editor agree on what a
 * sink is. Sources: the official SDKs (openai-python, openai-node, openai-go, openai-java,
 * openai-dotnet), community SDKs (openai-php/client, ruby-openai, go-openai, openai-kotlin,
 * theokanning/openai-java), LangChain, LlamaIndex, the Vercel AI SDK, Azure OpenAI.
 */

/**
 * Constructors and factories whose options hold the key. A name counts when it is in this
 * list or contains "openai" in any case (`ChatOpenAI`, `AzureOpenAI`, `OpenAIEmbeddings`).
 */
export const SINK_CALLEES: readonly string[] = [
  'OpenAI', 'AsyncOpenAI', 'AzureOpenAI', 'AsyncAzureOpenAI', 'ChatOpenAI', 'AzureChatOpenAI',
  'OpenAIEmbeddings', 'AzureOpenAIEmbeddings', 'OpenAIClient', 'OpenAIApi', 'Configuration',
  'createOpenAI', 'createAzure', 'OpenAILike', 'OpenAIEmbedding', 'ChatClient', 'EmbeddingClient',
  'ImageClient', 'AudioClient', 'AssistantClient', 'OpenAIClientOptions',
];

/** Option names that hold the key inside a sink's options (`new OpenAI({ apiKey })`). */
export const SINK_OPTION_NAMES: readonly string[] = [
  'apiKey', 'api_key', 'api-key', 'ApiKey', 'openAIApiKey', 'openai_api_key', 'openAiApiKey',
  'accessToken', 'access_token', 'token', 'azureOpenAIApiKey', 'azure_openai_api_key', 'apiToken',
];

/** Calls whose first argument is the key (`OpenAI::client('…')`, `option.WithAPIKey("…")`). */
export const POSITIONAL_SINK_CALLEES: readonly string[] = [
  'OpenAI::client', 'openai.NewClient', 'openai.DefaultConfig', 'openai.DefaultAzureConfig',
  'option.WithAPIKey', 'withApiKey', 'apiKey', 'OpenAiService', 'OpenAIClient', 'ApiKeyCredential',
  'AzureKeyCredential', 'with_api_key',
];

/**
 * True when a variable, property or environment name says it holds an OpenAI key:
 * `OPENAI_API_KEY`, `openai.api_key`, `openAIApiKey`, `AZURE_OPENAI_KEY`, `spring.ai.openai.api-key`.
 * Names of a key's file, path, header or presence (`OPENAI_API_KEY_FILE`, `hasOpenAIKey`) are not.
 */
export function isOpenAIKeyName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const at = normalized.indexOf('openai');
  if (at === -1) return false;
  const rest = normalized.slice(at + 6);
  if (!/(?:key|token|secret)/.test(rest)) return false;
  if (/^(?:has|is|check|get|load|read|validate|require|use|fetch|missing)/.test(normalized)) return false;
  return !/(?:path|file|env|name|var|url|base|id|org|organization|model|endpoint|version|header|prefix|len|length|required|set|exists|missing|valid|hash|type|source|ref|arn|location|field|label|help|description|hint|error|msg|message|input|config|present|provided|configured)$/.test(rest);
}

/** True when a callee name is a key sink's constructor or factory. */
export function isSinkCallee(name: string): boolean {
  const trimmed = name.replace(/(?:\.|::)new$/, '');
  const last = trimmed.split(/\.|::/).pop() ?? trimmed;
  if (SINK_CALLEES.includes(last) || /openai/i.test(last)) return true;
  // `OpenAI::Client.new(…)` (Ruby), `openai.Client(…)` (Python's alias of OpenAI).
  return /openai/i.test(trimmed) && /^(?:Client|client)$/.test(last);
}
