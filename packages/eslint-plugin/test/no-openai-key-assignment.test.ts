import keyguard from '@keyguard/eslint-plugin';
import { fill, runRuleTable, runRuleTests, type InvalidCase as SharedInvalidCase, type ValidCase as SharedValidCase } from './support';

const rule = keyguard.rules['no-openai-key-assignment'];

type Options = { allow?: string[]; sinks?: string[]; names?: string[] };

type ValidCase = SharedValidCase<Options>;
type InvalidCase = SharedInvalidCase<Options, 'useEnv' | 'removeEnvAssignment' | 'removeFallback'>;

const env = 'process.env.OPENAI_API_KEY';
const azureEnv = 'process.env.AZURE_OPENAI_API_KEY';

// `{value}` is a fake 32-hex credential (an Azure-style key), `{key:<shape>}` a fake sk- key,
// both filled at run time. Case names never hold either.
const valid: ValidCase[] = [
  { name: 'reads the key from the environment', language: 'js', code: `const openai = new OpenAI({ apiKey: ${env} });` },
  {
    name: "an empty fallback (?? '')",
    language: 'ts',
    code: `const key: string = ${env} ?? '';\nconst openai = new OpenAI({ apiKey: key });`,
  },
  {
    name: 'a Vite variable',
    language: 'ts',
    code: 'const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY, dangerouslyAllowBrowser: true });',
  },
  { name: 'a function call', language: 'js', code: "const openai = new OpenAI({ apiKey: await secrets.get('openai') });" },
  { name: 'a placeholder value', language: 'js', code: "const openai = new OpenAI({ apiKey: 'your-api-key-here' });" },
  { name: 'an <OPENAI_API_KEY> placeholder', language: 'ts', code: "openai.apiKey = '<OPENAI_API_KEY>';" },
  { name: 'a redacted sk- value', language: 'js', code: "const openai = new OpenAI({ apiKey: '{sk}...' });" },
  { name: 'a whole sk- key (no-openai-api-key reports it)', language: 'js', code: "const openai = new OpenAI({ apiKey: '{key:proj}' });" },
  { name: 'a whole sk- key in a constant (no-openai-api-key reports it)', language: 'ts', code: "const OPENAI_API_KEY = '{key:legacy}';" },
  {
    name: "another provider's client",
    language: 'js',
    code: "import OpenAI from 'openai';\nconst claude = new Anthropic({ apiKey: '{value}' });",
  },
  {
    name: 'a generic name that never reaches a sink',
    language: 'js',
    code: "import OpenAI from 'openai';\nconst apiKey = '{value}';\nsend(apiKey);",
  },
  { name: 'the name of a key file', language: 'ts', code: "const OPENAI_API_KEY_FILE = '/run/secrets/openai_key';" },
  { name: 'a check that the variable is set', language: 'js', code: `if (!${env}) throw new Error('OPENAI_API_KEY is missing');` },
  { name: 'a comparison, not an assignment', language: 'js', code: "if (openai.apiKey === '{value}') rotate();" },
  {
    name: 'a variable written again later',
    language: 'js',
    code: "let key = '{value}';\nkey = load();\nconst openai = new OpenAI({ apiKey: key });",
  },
  { name: 'a template with an expression', language: 'ts', code: 'const openai = new OpenAI({ apiKey: `${prefix}{value}` });' },
  {
    name: 'honours keyguard-ignore on the line',
    language: 'js',
    code: "const openai = new OpenAI({ apiKey: '{value}' }); // keyguard-ignore",
  },
  { name: 'honours keyguard-ignore-next-line', language: 'ts', code: "// keyguard-ignore-next-line\nopenai.apiKey = '{value}';" },
  {
    name: 'accepts a value the allow option matches',
    language: 'js',
    code: "const openai = new OpenAI({ apiKey: '{value}' });",
    options: { allow: ['[0-9a-f]{32}'] },
  },
  {
    name: 'a JSX attribute read from the environment',
    language: 'jsx',
    code: `import OpenAI from 'openai';\nconst App = () => <Chat openaiApiKey={${env}} />;`,
  },
  {
    name: 'a JSX placeholder',
    language: 'tsx',
    code: 'export const Form = (): JSX.Element => <input name="openaiApiKey" placeholder="{sk}..." />;',
  },
  { name: 'a file that never mentions OpenAI', language: 'js', code: "const client = new Client({ apiKey: '{value}' });" },
];

const invalid: InvalidCase[] = [
  {
    name: 'new OpenAI({ apiKey })',
    language: 'js',
    code: "const openai = new OpenAI({ apiKey: '{value}' });",
    suggestion: `const openai = new OpenAI({ apiKey: ${env} });`,
  },
  {
    name: 'new AzureOpenAI({ apiKey }) with an endpoint',
    language: 'ts',
    code: "const azure = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com', apiKey: '{value}' });",
    suggestion: `const azure = new AzureOpenAI({ endpoint: 'https://x.openai.azure.com', apiKey: ${azureEnv} });`,
  },
  {
    name: "the v3 SDK's new Configuration({ apiKey })",
    language: 'js',
    code: "import { Configuration } from 'openai';\nconst configuration = new Configuration({ apiKey: '{value}' });",
    suggestion: `import { Configuration } from 'openai';\nconst configuration = new Configuration({ apiKey: ${env} });`,
  },
  {
    name: "LangChain's new ChatOpenAI({ openAIApiKey })",
    language: 'ts',
    code: "const model = new ChatOpenAI({ openAIApiKey: '{value}', temperature: 0 });",
    suggestion: `const model = new ChatOpenAI({ openAIApiKey: ${env}, temperature: 0 });`,
  },
  {
    name: "LangChain's new OpenAIEmbeddings({ openAIApiKey })",
    language: 'ts',
    code: "const embeddings = new OpenAIEmbeddings({ openAIApiKey: '{value}' });",
    suggestion: `const embeddings = new OpenAIEmbeddings({ openAIApiKey: ${env} });`,
  },
  {
    name: 'a LangChain configuration object one level down',
    language: 'ts',
    code: "const model = new ChatOpenAI({ configuration: { apiKey: '{value}' } });",
    suggestion: `const model = new ChatOpenAI({ configuration: { apiKey: ${env} } });`,
  },
  {
    name: "the Vercel AI SDK's createOpenAI({ apiKey })",
    language: 'ts',
    code: "const openai = createOpenAI({ apiKey: '{value}' });",
    suggestion: `const openai = createOpenAI({ apiKey: ${env} });`,
  },
  { name: 'openai.apiKey = …', language: 'js', code: "openai.apiKey = '{value}';", suggestion: `openai.apiKey = ${env};` },
  {
    name: 'process.env.OPENAI_API_KEY = … (the suggestion removes the line, as keyguard fix does)',
    language: 'js',
    code: `import 'dotenv/config';\n${env} = '{value}';\nstart();`,
    suggestion: "import 'dotenv/config';\nstart();",
    suggestionId: 'removeEnvAssignment',
  },
  {
    name: "process.env['OPENAI_API_KEY'] = …",
    language: 'js',
    code: "process.env['OPENAI_API_KEY'] = '{value}';",
    suggestion: '',
    suggestionId: 'removeEnvAssignment',
  },
  {
    name: 'process.env.OPENAI_API_KEY ??= …',
    language: 'ts',
    code: `${env} ??= '{value}';`,
    suggestion: '',
    suggestionId: 'removeEnvAssignment',
  },
  {
    name: 'process.env.OPENAI_API_KEY = … inside an expression keeps the replacement',
    language: 'ts',
    code: `const key = (${env} = '{value}');`,
    suggestion: `const key = (${env} = ${env});`,
  },
  {
    name: 'const OPENAI_API_KEY = …',
    language: 'ts',
    code: "const OPENAI_API_KEY = '{value}';",
    suggestion: `const OPENAI_API_KEY = ${env};`,
  },
  {
    name: 'an exported, annotated constant',
    language: 'ts',
    code: "export const OPENAI_API_KEY: string = '{value}';",
    suggestion: `export const OPENAI_API_KEY: string = ${env};`,
  },
  {
    name: 'a default parameter with an OpenAI key name',
    language: 'js',
    code: "function connect(openaiApiKey = '{value}') {\n  return openaiApiKey;\n}",
    suggestion: `function connect(openaiApiKey = ${env}) {\n  return openaiApiKey;\n}`,
  },
  {
    name: 'a default parameter passed to the client',
    language: 'ts',
    code: "export function makeClient(apiKey: string = '{value}'): OpenAI {\n  return new OpenAI({ apiKey });\n}",
    suggestion: `export function makeClient(apiKey: string = ${env}): OpenAI {\n  return new OpenAI({ apiKey });\n}`,
  },
  {
    name: 'a constant declared above and passed',
    language: 'js',
    code: "const key = '{value}';\nconst openai = new OpenAI({ apiKey: key });",
    suggestion: `const key = ${env};\nconst openai = new OpenAI({ apiKey: key });`,
  },
  {
    name: 'an options object declared above and passed',
    language: 'ts',
    code: "const options = { apiKey: '{value}', maxRetries: 2 };\nexport const openai = new OpenAI(options);",
    suggestion: `const options = { apiKey: ${env}, maxRetries: 2 };\nexport const openai = new OpenAI(options);`,
  },
  {
    name: 'a static template literal',
    language: 'ts',
    code: 'const openai = new OpenAI({ apiKey: `{value}` });',
    suggestion: `const openai = new OpenAI({ apiKey: ${env} });`,
  },
  {
    name: 'a hard-coded fallback after ?? (the suggestion removes the fallback)',
    language: 'ts',
    code: `const openai = new OpenAI({ apiKey: ${env} ?? '{value}' });`,
    suggestion: `const openai = new OpenAI({ apiKey: ${env} });`,
    suggestionId: 'removeFallback',
  },
  {
    name: "an Azure client's fallback of its own variable, with an assertion",
    language: 'ts',
    code: `const azure = new AzureOpenAI({ apiKey: ${azureEnv} || ('{value}' as string) });`,
    suggestion: `const azure = new AzureOpenAI({ apiKey: ${azureEnv} });`,
    suggestionId: 'removeFallback',
  },
  {
    name: "an Azure client's fallback of the other variable: the fallback goes, the code's own read stays (as in keyguard fix)",
    language: 'ts',
    code: `const azure = new AzureOpenAI({ apiKey: ${env} ?? '{value}' });`,
    suggestion: `const azure = new AzureOpenAI({ apiKey: ${env} });`,
    suggestionId: 'removeFallback',
  },
  {
    name: 'process.env.AZURE_OPENAI_API_KEY = … names its own variable',
    language: 'js',
    code: `${azureEnv} = '{value}';`,
    suggestion: '',
    suggestionId: 'removeEnvAssignment',
  },
  {
    name: 'a const AZURE_OPENAI_API_KEY reads the Azure variable',
    language: 'ts',
    code: "export const AZURE_OPENAI_API_KEY = '{value}';",
    suggestion: `export const AZURE_OPENAI_API_KEY = ${azureEnv};`,
  },
  {
    name: 'a value with a type assertion',
    language: 'ts',
    code: "const openai = new OpenAI({ apiKey: '{value}' as string });",
    suggestion: `const openai = new OpenAI({ apiKey: ${env} as string });`,
  },
  {
    name: 'an object property named OPENAI_API_KEY',
    language: 'js',
    code: "const settings = { OPENAI_API_KEY: '{value}' };",
    suggestion: `const settings = { OPENAI_API_KEY: ${env} };`,
  },
  {
    name: 'a class field',
    language: 'ts',
    code: "class Service {\n  private openaiKey = '{value}';\n}",
    suggestion: `class Service {\n  private openaiKey = ${env};\n}`,
  },
  {
    name: "the key set on a client's property",
    language: 'js',
    code: "const client = new OpenAI();\nclient.apiKey = '{value}';",
    suggestion: `const client = new OpenAI();\nclient.apiKey = ${env};`,
  },
  {
    name: 'a positional sink: new AzureKeyCredential(…)',
    language: 'ts',
    code: "import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst credential = new AzureKeyCredential('{value}');",
    suggestion: `import { OpenAIClient, AzureKeyCredential } from '@azure/openai';\nconst credential = new AzureKeyCredential(${azureEnv});`,
  },
  { name: 'an enum member', language: 'ts', code: "enum Env {\n  OPENAI_API_KEY = '{value}',\n}", suggestion: null },
  {
    name: 'a JSX attribute with an OpenAI key name',
    language: 'jsx',
    code: 'const App = () => <Chat openaiApiKey="{value}" />;',
    suggestion: `const App = () => <Chat openaiApiKey={${env}} />;`,
  },
  {
    name: 'a JSX expression with an OpenAI key name',
    language: 'tsx',
    code: "export const App = (): JSX.Element => <Chat openaiApiKey={'{value}'} />;",
    suggestion: `export const App = (): JSX.Element => <Chat openaiApiKey={${env}} />;`,
  },
  {
    name: 'a client created inside a TSX component',
    language: 'tsx',
    code: "export function Chat(): JSX.Element {\n  const openai = new OpenAI({ apiKey: '{value}', dangerouslyAllowBrowser: true });\n  return <Messages client={openai} />;\n}",
    suggestion: `export function Chat(): JSX.Element {\n  const openai = new OpenAI({ apiKey: ${env}, dangerouslyAllowBrowser: true });\n  return <Messages client={openai} />;\n}`,
  },
  {
    name: 'a sink the sinks option adds',
    language: 'js',
    code: "const client = makeClient({ apiKey: '{value}' });",
    options: { sinks: ['makeClient'] },
    suggestion: `const client = makeClient({ apiKey: ${env} });`,
  },
  {
    name: 'an option name the names option adds',
    language: 'ts',
    code: "const openai = new OpenAI({ secretValue: '{value}' });",
    options: { names: ['secretValue'] },
    suggestion: `const openai = new OpenAI({ secretValue: ${env} });`,
  },
  {
    name: 'a value the allow option does not match',
    language: 'js',
    code: "const openai = new OpenAI({ apiKey: '{value}' });",
    options: { allow: ['test-[a-z]+'] },
    suggestion: `const openai = new OpenAI({ apiKey: ${env} });`,
  },
];

runRuleTable('no-openai-key-assignment', rule, 'finding', valid, invalid);

runRuleTests('no-openai-key-assignment: one literal, several sinks', rule, {
  valid: [],
  invalid: [
    {
      name: 'reports a constant once when it reaches two sinks',
      code: fill(
        "const OPENAI_API_KEY = '{value}';\nconst a = new OpenAI({ apiKey: OPENAI_API_KEY });\nconst b = new AzureOpenAI({ apiKey: OPENAI_API_KEY });",
      ),
      errors: [
        {
          messageId: 'finding',
          line: 1,
          column: 25,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useEnv',
              output: fill(
                `const OPENAI_API_KEY = ${env};\nconst a = new OpenAI({ apiKey: OPENAI_API_KEY });\nconst b = new AzureOpenAI({ apiKey: OPENAI_API_KEY });`,
              ),
            },
            {
              messageId: 'ignoreLine',
              output: fill(
                "const OPENAI_API_KEY = '{value}'; // keyguard-ignore\nconst a = new OpenAI({ apiKey: OPENAI_API_KEY });\nconst b = new AzureOpenAI({ apiKey: OPENAI_API_KEY });",
              ),
            },
          ],
        },
      ],
    },
  ],
});
