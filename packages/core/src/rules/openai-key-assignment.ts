import { defineRule } from '../define-rule';
import { assignmentMatchers } from '../engine/assignment';
import { isPlaceholderValue } from '../engine/placeholder';
import { OPENAI_ENV_FILE_REMEDIATION, OPENAI_KEY_PREFIXES, OPENAI_REMEDIATION, isOtherProviderToken } from './openai-api-key';
import { azureHostKeyMatcher } from './support/azure-host-key';
import { openaiSinkTables } from './support/openai-sinks';
import { AZURE_VERIFY } from './support/azure-verify';

/**
 * True when a value handed to an OpenAI key sink is made up: the engine's generic checks, plus
 * OpenAI's own example words and shapes. A value that starts like an OpenAI key but is not a
 * whole one is a truncated or defanged example (`sk-abc123`, `sk-proj-...`): a whole key is
 * the api-key rule's finding. Another provider's key handed to an OpenAI client (an OpenRouter
 * or DeepSeek key with a custom base URL) is a real credential, and stays a finding.
 */
function isOpenAIPlaceholderValue(value: string): boolean {
  return isPlaceholderValue(value, {
    words: ['openai_api_key', 'openai-key'],
    shape: (trimmed) => {
      if (!/^sk-/i.test(trimmed)) return undefined;
      if (isOtherProviderToken(trimmed)) return false;
      // A project, service-account or admin prefix without a whole key is a truncated example; any
      // other `sk-` value (a LiteLLM or relay proxy key, `sk-` + 22 random) is judged as any value is.
      return /^sk-(?:proj|svcacct|admin|None)-/i.test(trimmed) || trimmed.length < 23 ? true : undefined;
    },
  });
}

/**
 * A hard-coded string handed to an OpenAI key sink, whatever it looks like: an Azure key, a
 * proxy token, a key of a shape OpenAI has not issued yet. The name or the call it is given to
 * says it is a key; the value only has to be a literal that is not a placeholder or a reference.
 * The matching is core's assignment engine (engine/assignment); this record holds OpenAI's
 * tables (rules/support/openai-sinks.ts) and words.
 */
export const openaiKeyAssignment = defineRule({
  id: 'openai-key-assignment',
  description: 'Hard-coded value given to an OpenAI key sink (OPENAI_API_KEY=…, api_key=…, new OpenAI({ apiKey }))',
  help:
    'A literal value is handed to something that expects an OpenAI API key. Even when it is not an ' +
    'sk- key (an Azure key, a proxy token), it is a credential in the source. Rotate it if it was ' +
    'ever committed, then read it from the environment: os.environ["OPENAI_API_KEY"] in Python, ' +
    'process.env.OPENAI_API_KEY in Node.js, or your secrets manager.',
  severity: 'error',
  label: 'hard-coded key',
  message: ({ label, secret, keepOut, sink }) =>
    label === 'bearer token'
      ? `Hard-coded bearer token ${secret} sent to the OpenAI API in a request header. Rotate it if it was committed, then build the header from a secret read at run time.`
      : label === 'Azure OpenAI key'
        ? `Hard-coded Azure OpenAI key ${secret} next to an openai.azure.com endpoint. Regenerate it if it was committed, then ${keepOut}.`
        : `Hard-coded OpenAI key ${secret} given to ${sink ?? 'a key sink'}. Rotate it if it was committed, then ${keepOut}.`,
  remediation: OPENAI_REMEDIATION,
  envFileRemediation: OPENAI_ENV_FILE_REMEDIATION,
  envVar: 'OPENAI_API_KEY',
  envVarFor: openaiSinkTables.envVarFor,
  // --verify: a value for an Azure client (AZURE_OPENAI_API_KEY) is checked at its resource;
  // anything else handed to an OpenAI sink may be a proxy's or another service's token, and
  // sending it to OpenAI would hand it to a third party.
  verify: {
    byEnvVar: { AZURE_OPENAI_API_KEY: AZURE_VERIFY },
    otherwise: "not an OpenAI key's shape (a proxy's or another service's token, perhaps)",
  },
  redactPrefixes: OPENAI_KEY_PREFIXES,
  // Every sink is in a file that mentions OpenAI somewhere (an import, a class, a variable name).
  // Keywords match case-sensitively on raw bytes, so the usual spellings are listed.
  keywords: ['openai', 'OpenAI', 'OPENAI', 'openAI', 'OpenAi', 'openAi', 'Openai', 'open_ai', 'OPEN_AI', 'Open_AI'],
  // The names are not in the value: a history scan judges the lines a commit added by the value.
  keywordsIn: 'file',
  // The engine's matchers for OpenAI's sinks, and the classic Azure key beside an Azure host.
  matchers: [
    ...assignmentMatchers({ ...openaiSinkTables, isPlaceholderValue: isOpenAIPlaceholderValue }),
    azureHostKeyMatcher(isOpenAIPlaceholderValue),
  ],
  isPlaceholderValue: isOpenAIPlaceholderValue,
  // The plugin's sink rule finds these sinks in the AST (constants, scope) and asks judgeSinkValue.
  sinks: openaiSinkTables,
  eslint: { kind: 'ast' },
  examples: {
    truePositives: [
      'openai.api_key = "{value}"',
      'client = OpenAI(api_key="{value}")',
      'client = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key="{value}",\n)',
      "const openai = new OpenAI({ apiKey: '{value}' });",
      // A bare word on the line above is no section's header.
      "warmUp\nconst openai = new OpenAI({ apiKey: '{value}' });",
      "openai.apiKey = '{value}';",
      "process.env.OPENAI_API_KEY = '{value}';",
      'os.environ["OPENAI_API_KEY"] = "{value}"',
      'os.environ.setdefault("OPENAI_API_KEY", "{value}")',
      'OPENAI_API_KEY={value}',
      'export OPENAI_API_KEY="{value}"',
      'llm = ChatOpenAI(openai_api_key="{value}")',
      "const model = new ChatOpenAI({ openAIApiKey: '{value}' });",
      "const openai = createOpenAI({ apiKey: '{value}' });",
      '"openai.api_key = \\"{value}\\"\\n",',
      "$client = OpenAI::client('{value}');",
      'client := openai.NewClient("{value}")',
      'OpenAI::Client.new(access_token: "{value}")',
      'OpenAIOkHttpClient.builder().apiKey("{value}").build()',
      '{ "OpenAI": { "ApiKey": "{value}", "Model": "gpt-4o" } }',
      '{ "AzureOpenAI": { "Key": "{value}" } }',
      '<add key="OpenAIApiKey" value="{value}" />',
      'env:\n  - name: OPENAI_API_KEY\n    value: "{value}"',
      "define('OPENAI_API_KEY', '{value}');",
      'variable "openai_api_key" {\n  default = "{value}"\n}',
      'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{key:openrouter}")',
      'OpenAiService service = new OpenAiService("{value}");',
      'OpenaiApiKey: "{value}"',
      'open_ai_api_key = "{value}"',
      'OPEN_AI_KEY={value}',
      'Open_AI_Key = "{value}"',
      // Java's and Go's spellings of the name: `openAi…`, and acronyms run together.
      'String openAiApiKey = "{value}";',
      'cfg.OpenAIAPIKey = "{value}"',
      // The value on the line after the call's parenthesis.
      'client := openai.NewClient(\n\t"{value}",\n)',
      'API_KEY = "{value}"\nclient = OpenAI(api_key=API_KEY)',
      "const apiKey = '{value}';\nconst openai = new OpenAI({ apiKey });",
      "const key = '{value}';\nconst openai = new OpenAI({\n  apiKey: key,\n});",
      'apiKey := "{value}"\nclient := openai.NewClient(apiKey)',
      'curl https://api.openai.com/v1/models -H "Authorization: Bearer {value}"',
      'headers = {"Authorization": "Bearer {value}"}\nrequests.post("https://api.openai.com/v1/chat/completions", headers=headers)',
      'curl "https://x.openai.azure.com/openai/deployments/gpt4/chat/completions" -H "api-key: {value}"',
      // The classic Azure key (32 hex) after an API-key name, with an Azure OpenAI host near.
      'endpoint = "https://contoso.openai.azure.com/"\nsettings = {"apiKey": "{value}"}',
      'ENDPOINT=https://contoso.openai.azure.com/\nAPI_KEY={value}',
      'client = ChatCompletionsClient(endpoint="https://x.openai.azure.com/openai/deployments/gpt-4o", credential=AzureKeyCredential("{value}"))',
      'from semantic_kernel.connectors.ai.open_ai import AzureChatCompletion\nservice = AzureChatCompletion(deployment_name="gpt-4o", api_key="{value}")',
      'builder.AddAzureOpenAIChatCompletion("gpt-4o", "https://x.openai.azure.com/", "{value}");',
      // An HTTP recording (a VCR or vcrpy cassette; Polly or nock JSON): the header's values are a list.
      'interactions:\n- request:\n    headers:\n      Authorization:\n      - Bearer {value}\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions',
      '{ "request": { "url": "https://api.openai.com/v1/models", "headers": {\n  "authorization": [\n    "Bearer {value}"\n  ] } } }',
    ],
    falsePositives: [
      'openai.api_key = os.getenv("OPENAI_API_KEY")',
      'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
      'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
      "const key = process.env.OPENAI_API_KEY ?? '';",
      'OPENAI_API_KEY=${OPENAI_API_KEY}',
      'OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
      'OPENAI_API_KEY=your-api-key-here',
      'OPENAI_API_KEY=<OPENAI_API_KEY>',
      'openai.api_key = None',
      'OPENAI_API_KEY=',
      'api_key = "{value}"',
      'if [ -z "$OPENAI_API_KEY" ]; then exit 1; fi',
      'OPENAI_API_KEY_FILE=/run/secrets/openai',
      'client = OpenAI(api_key="sk-...")',
      'client = OpenAI(api_key="{key:proj-unmarked}")',
      'env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key',
      '{ "dependencies": { "openai": "^4.52.0" } }',
      'OPENAI_API_KEY=%(openai_key)s',
      'API_KEY = os.environ["OPENAI_API_KEY"]\nclient = OpenAI(api_key=API_KEY)',
      'const apiKey = process.env.OPENAI_API_KEY;\nconst openai = new OpenAI({ apiKey });',
      'key = "{value}"\nprint(len(key))\nclient = OpenAI(api_key=settings.key)',
      'curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"',
      'headers = {"Authorization": f"Bearer {api_key}"}  # api.openai.com',
      "fetch('https://api.openai.com/v1/models', { headers: { Authorization: `Bearer ${key}` } })",
      'curl https://api.github.com/user -H "Authorization: Bearer {value}"',
      // An expectation or an expected value whose arguments span several lines: a test's, not a request's.
      "expect(fetch).toHaveBeenCalledWith('https://api.openai.com/v1/models', {\n  headers: { Authorization: 'Bearer {value}' },\n});",
      'BASE_URL = "https://api.openai.com/v1"\nexpected_headers = {\n    "Authorization": "Bearer {value}",\n}',
      // 32 hex digits that are not an Azure key: no API-key name, or no Azure OpenAI host.
      '"node_modules/openai": { "integrity": "md5-{value}" }',
      'x-request-id: {value}\nPOST https://x.openai.azure.com/openai/deployments/gpt4/chat/completions',
      'AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com/\napi_key_md5 = "{value}"',
      'apiKey: "{value}"  # openai',
      // A recording whose header is filtered, another header's list, or another host's request.
      'interactions:\n- request:\n    headers:\n      Authorization:\n      - Bearer <OPENAI_API_KEY>\n    uri: https://api.openai.com/v1/models',
      'interactions:\n- request:\n    headers:\n      X-Request-Id:\n      - Bearer {value}\n    uri: https://api.openai.com/v1/models',
      'interactions:\n- request:\n    headers:\n      Authorization:\n      - Bearer {value}\n    uri: https://api.github.com/user',
    ],
  },
});
