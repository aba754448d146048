import type { SinkFamily } from '../../engine/assignment';

/**
 * Where an OpenAI key is handed over, as data. The text rule (`openai-key-assignment`) and the
 * ESLint plugin's sink rule (through the record's `sinks`) both read these lists, so the CLI
 * and the editor agree on what a sink is. Sources: the official SDKs (openai-python, openai-node, openai-go, openai-java,
 * openai-dotnet), community SDKs (openai-php/client, ruby-openai, go-openai, openai-kotlin,
 * theokanning/openai-java), LangChain, LlamaIndex, the Vercel AI SDK, Azure OpenAI.
 */

/**
 * Constructors and factories whose options hold the key. A name counts when it is in this
 * list or contains "openai" in any case (`ChatOpenAI`, `AzureOpenAI`, `OpenAIEmbeddings`).
 */
const SINK_CALLEES: readonly string[] = [
  'OpenAI',
  'AsyncOpenAI',
  'AzureOpenAI',
  'AsyncAzureOpenAI',
  'ChatOpenAI',
  'AzureChatOpenAI',
  'OpenAIEmbeddings',
  'AzureOpenAIEmbeddings',
  'OpenAIClient',
  'OpenAIApi',
  'Configuration',
  'createOpenAI',
  'createAzure',
  'OpenAILike',
  'OpenAIEmbedding',
  'ChatClient',
  'EmbeddingClient',
  'ImageClient',
  'AudioClient',
  'AssistantClient',
  'OpenAIClientOptions',
  // Semantic Kernel's Azure OpenAI connectors (Python: semantic_kernel.connectors.ai.open_ai).
  'AzureChatCompletion',
  'AzureTextCompletion',
  'AzureTextEmbedding',
  'AzureAudioToText',
  'AzureTextToAudio',
  'AzureTextToImage',
  'AzureRealtimeWebsocket',
];

/** Option names that hold the key inside a sink's options (`new OpenAI({ apiKey })`). */
const SINK_OPTION_NAMES: readonly string[] = [
  'apiKey',
  'api_key',
  'api-key',
  'ApiKey',
  'openAIApiKey',
  'openai_api_key',
  'openAiApiKey',
  'accessToken',
  'access_token',
  'token',
  'azureOpenAIApiKey',
  'azure_openai_api_key',
  'apiToken',
  'authToken',
];

/** Calls whose first argument is the key (`OpenAI::client('…')`, `option.WithAPIKey("…")`). */
const POSITIONAL_SINK_CALLEES: readonly string[] = [
  'OpenAI::client',
  'openai.NewClient',
  'openai.DefaultConfig',
  'openai.DefaultAzureConfig',
  'option.WithAPIKey',
  'withApiKey',
  'apiKey',
  'OpenAiService',
  'OpenAIClient',
  'ApiKeyCredential',
  'AzureKeyCredential',
  'with_api_key',
  'azopenai.NewKeyCredential',
  // Azure's Go SDK: `azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("…"), nil)`.
  'azcore.NewKeyCredential',
  // LangChainGo: `openai.New(openai.WithToken("…"))`.
  'openai.WithToken',
  'OpenAiApi',
  'gpt3.NewClient',
];

/** Words of a name that say it holds a secret. Whole words: `OPENAI_TOKENIZER` and `OPENAI_MAX_TOKENS` do not. */
const SECRET_WORDS = new Set(['key', 'keys', 'apikey', 'token', 'apitoken', 'accesstoken', 'secret', 'secretkey']);

/** What every word of SECRET_WORDS (and the run-together words isOpenAIKeyName allows) holds, in any case. */
const SECRET_PART = /key|token|secret/i;

/** First words of a name that ask about a key rather than hold it (`hasOpenAIKey`, `getOpenAIKey`). */
const QUESTION_WORDS = new Set([
  'has',
  'is',
  'check',
  'get',
  'load',
  'read',
  'validate',
  'require',
  'use',
  'fetch',
  'missing',
  'should',
  'needs',
  'show',
]);

/** Last words of a name that hold something about a key, not the key (`OPENAI_API_KEY_FILE`, `openaiKeyHash`). */
const ABOUT_WORDS = new Set([
  'path',
  'file',
  'files',
  'dir',
  'env',
  'name',
  'names',
  'var',
  'variable',
  'url',
  'uri',
  'base',
  'id',
  'ids',
  'org',
  'organization',
  'model',
  'endpoint',
  'version',
  'header',
  'prefix',
  'suffix',
  'len',
  'length',
  'size',
  'required',
  'set',
  'exists',
  'missing',
  'valid',
  'hash',
  'sha',
  'sha1',
  'sha256',
  'md5',
  'digest',
  'fingerprint',
  'checksum',
  'type',
  'source',
  'ref',
  'arn',
  'location',
  'field',
  'label',
  'help',
  'description',
  'hint',
  'placeholder',
  'example',
  'error',
  'msg',
  'message',
  'input',
  'config',
  'present',
  'provided',
  'configured',
  'masked',
  'redacted',
  'encrypted',
  'count',
  'limit',
  'expiry',
  'expires',
  'expiration',
  'ttl',
  'created',
  'date',
  'last',
  'format',
  'pattern',
  'regex',
  'schema',
  'status',
  'rotation',
  'index',
]);

/** The words of a name: split at punctuation and at camelCase humps, lower-cased. */
function wordsOf(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((word) => word.toLowerCase());
}

/**
 * True when a variable, property or environment name says it holds an OpenAI key:
 * `OPENAI_API_KEY`, `openai.api_key`, `openAIApiKey`, `AZURE_OPENAI_KEY`, `spring.ai.openai.api-key`,
 * `OpenAI:ApiKey`, `OPENAI_ACCESS_TOKEN`. Names of a key's file, path, header, hash or presence
 * (`OPENAI_API_KEY_FILE`, `hasOpenAIKey`) are not, nor are names where "key" or "token" is part
 * of a longer word (`OPENAI_TOKENIZER`, `OPENAI_MAX_TOKENS`).
 */
function isOpenAIKeyName(name: string): boolean {
  // Every word that says "secret" below holds one of these (the cheap test most names fail).
  if (!SECRET_PART.test(name)) return false;
  const { words, rest } = wordsAfterOpenAI(name);
  if (!rest || rest.length === 0) return false;
  // `OPENAI_WEBHOOK_SECRET` holds the webhook signing secret: openai-webhook-secret's finding.
  if (rest.some(isWebhookWord)) return false;
  // `openaiapikey` as one word, `OPENAIKEY`: the tail after "openai" may be key words run together.
  const holdsSecret = rest.some((word) => SECRET_WORDS.has(word) || /^(?:api|access|secret)?(?:keys?|token|secret)$/.test(word));
  if (!holdsSecret) return false;
  if (QUESTION_WORDS.has(words[0])) return false;
  // The last word that is not a number: `openai_api_key_sha256` ends in "sha", `OPENAI_KEY_2` in "key".
  const last = [...rest].reverse().find((word) => !/^[0-9]+$/.test(word));
  return last === undefined || !ABOUT_WORDS.has(last);
}

/** The words of a name, and those after its "openai" word (`OPENAI_API_KEY` → api, key); no rest without one. */
function wordsAfterOpenAI(name: string): { words: string[]; rest?: string[] } {
  if (name.length > 200) return { words: [] };
  const words = wordsOf(name);
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'open' && words[i + 1] === 'ai') return { words, rest: words.slice(i + 2) };
    // Go's acronyms run together: `OpenAIAPIKey` splits into open, aiapi, key.
    if (words[i] === 'open' && /^ai(?:api|access|secret)$/.test(words[i + 1] ?? ''))
      return { words, rest: [words[i + 1].slice(2), ...words.slice(i + 2)] };
    if (words[i].includes('openai')) {
      const tail = words[i].slice(words[i].indexOf('openai') + 6);
      return { words, rest: [...(tail ? [tail] : []), ...words.slice(i + 1)] };
    }
  }
  return { words };
}

const isWebhookWord = (word: string): boolean => /^webhooks?(?:secret)?$/.test(word);

/**
 * True when a name says it holds an OpenAI webhook signing secret: `OPENAI_WEBHOOK_SECRET`
 * (the SDKs' env var), `openai.webhookSecret` (openai-java's system property),
 * `openaiWebhookSecret`, `OpenAI:WebhookSecret`, `OPENAI_WEBHOOK_SIGNING_SECRET`. Not a name of
 * its file or presence (`OPENAI_WEBHOOK_SECRET_FILE`, `hasOpenAIWebhookSecret`), nor another
 * sender's (`STRIPE_WEBHOOK_SECRET`, `WEBHOOK_SECRET`: no OpenAI word).
 */
function isOpenAIWebhookSecretName(name: string): boolean {
  // Every webhook word holds "webhook" (the cheap test most names fail).
  if (!/webhook/i.test(name)) return false;
  const { words, rest } = wordsAfterOpenAI(name);
  if (!rest || !rest.some(isWebhookWord)) return false;
  if (QUESTION_WORDS.has(words[0])) return false;
  const last = [...rest].reverse().find((word) => !/^[0-9]+$/.test(word));
  return last === 'secret' || last === 'webhooksecret' || last === 'key';
}

/** True when a callee name is a key sink's constructor or factory. */
function isSinkCallee(name: string): boolean {
  const trimmed = name.replace(/(?:\.|::)new$/, '');
  const last = trimmed.split(/\.|::/).pop() ?? trimmed;
  if (SINK_CALLEES.includes(last) || /openai/i.test(last)) return true;
  // `OpenAI::Client.new(…)` (Ruby), `openai.Client(…)` (Python's alias of OpenAI).
  return /openai/i.test(trimmed) && /^(?:Client|client)$/.test(last);
}

/**
 * The .NET SDK's clients take the model, then the key: `new ChatClient("gpt-4o", "…")`.
 * Source: openai-dotnet's README.
 */
const SECOND_ARGUMENT_SINK_CALLEES: readonly string[] = ['ChatClient', 'EmbeddingClient', 'ImageClient', 'AudioClient', 'ModerationClient'];

/**
 * Names that hold the key only inside a section named for OpenAI (`"OpenAI": { "Key": … }`,
 * `[openai]` then `key = …`, `variable "openai_api_key" { default = … }`), never in a call.
 */
const SECTION_OPTION_NAMES: readonly string[] = ['key', 'default', 'secret', 'api_token'];

/** Azure OpenAI's clients read their key from AZURE_OPENAI_API_KEY (openai-python's AzureOpenAI, langchain's AzureChatOpenAI). */
const AZURE_ENV_VAR = 'AZURE_OPENAI_API_KEY';

/** OpenAI's sink family for the assignment engine, less the placeholder judgement (the rule adds it). */
export const openaiSinkTables: Omit<SinkFamily, 'isPlaceholderValue'> = {
  nameWord: 'open_?ai',
  providerValue: '(?:azure[_-]?)?open_?ai',
  isKeyName: isOpenAIKeyName,
  isSinkCallee,
  optionNames: SINK_OPTION_NAMES,
  positionalCallees: POSITIONAL_SINK_CALLEES,
  secondArgumentCallees: SECOND_ARGUMENT_SINK_CALLEES,
  sectionOptionNames: SECTION_OPTION_NAMES,
  configureBlocks: ['OpenAI.configure'],
  // Semantic Kernel's .NET builders take the model (or deployment), the endpoint, then the key;
  // the OpenAI ones take the model, then the key.
  argumentCallees: [
    { callee: 'AddOpenAIChatCompletion', index: 1 },
    { callee: 'AddOpenAITextEmbeddingGeneration', index: 1 },
    { callee: 'AddOpenAIEmbeddingGenerator', index: 1 },
    { callee: 'AddOpenAIAudioToText', index: 1 },
    { callee: 'AddOpenAITextToAudio', index: 1 },
    { callee: 'AddAzureOpenAIChatCompletion', index: 2 },
    { callee: 'AddAzureOpenAITextEmbeddingGeneration', index: 2 },
    { callee: 'AddAzureOpenAIEmbeddingGenerator', index: 2 },
    { callee: 'AddAzureOpenAITextToImage', index: 2 },
  ],
  // The OpenAI API, and Azure OpenAI's resources (`<name>.openai.azure.com`).
  apiHosts: ['api.openai.com', 'openai.azure.com'],
  envVarFor: (name) => (/azure/i.test(name) ? AZURE_ENV_VAR : undefined),
};

/**
 * Where an OpenAI webhook signing secret is handed over: the client's `webhookSecret` option
 * (openai-node, openai-python `webhook_secret=`, openai-ruby, openai-go
 * `option.WithWebhookSecret`, openai-java `.webhookSecret(…)`), and the secret given to
 * `webhooks.unwrap` / `verify_signature` (a keyword in Python, the third argument in Node).
 * Sources: the SDKs' webhooks resources and their tests. Stripe's `webhooks.constructEvent`
 * and Standard Webhooks' `new Webhook(secret)` are other senders' and are not listed.
 */
const WEBHOOK_VERIFIERS = /(?:^|\.)webhooks(?:\(\))?\.(?:unwrap|verify_?signature|verifySignature)$/i;

export const openaiWebhookSinkTables: Omit<SinkFamily, 'isPlaceholderValue'> = {
  nameWord: 'open_?ai',
  providerValue: 'open_?ai',
  isKeyName: isOpenAIWebhookSecretName,
  isSinkCallee: (name) => isSinkCallee(name) || WEBHOOK_VERIFIERS.test(name),
  optionNames: ['webhookSecret', 'webhook_secret', 'secret'],
  positionalCallees: ['option.WithWebhookSecret', 'webhookSecret'],
  secondArgumentCallees: [],
  argumentCallees: [
    { callee: 'webhooks.unwrap', index: 2 },
    { callee: 'webhooks.verifySignature', index: 2 },
  ],
  sectionOptionNames: ['WebhookSecret', 'webhook_secret'],
  configureBlocks: ['OpenAI.configure'],
  bearer: false,
};
