/**
 * One table for issue 14's "the ESLint plugin's suggestion and the language server's code
 * action produce the same text as `keyguard fix` for the same line": for this source, all three
 * write this text (or all three leave it alone). Run by
 * packages/eslint-plugin/test/env-read-agreement.test.ts (real ESLint, JS/TS rows),
 * packages/language-server/test/env-read-agreement.test.ts (the built server, a real LSP client)
 * and packages/cli/test/fix-agreement.test.ts (the built `keyguard fix` in a temp repo).
 * Templates hold `{key:<shape>}` / `{value}`, filled with fake secrets at run time (fillExample).
 * Keep in step with docs/fix.md ("What replaces the literal").
 */
export interface EnvReadCase {
  name: string;
  /** The file's path: it picks the language (and Compose or Actions for YAML). */
  path: string;
  before: string;
  /** The text after the rewrite; null where every adapter leaves the line alone (core refuses or keeps). */
  after: string | null;
}

/** True for the rows the ESLint plugin lints (JavaScript and TypeScript). */
export function isScriptCase(item: EnvReadCase): boolean {
  return /\.[cm]?[jt]sx?$/.test(item.path);
}

const ENV = 'process.env.OPENAI_API_KEY';

export const ENV_READ_CASES: readonly EnvReadCase[] = [
  // JavaScript and TypeScript
  {
    name: 'a value at a client option',
    path: 'a.ts',
    before: "const openai = new OpenAI({ apiKey: '{value}' });\n",
    after: `const openai = new OpenAI({ apiKey: ${ENV} });\n`,
  },
  { name: 'a key in a constant', path: 'a.js', before: "const key = '{key:proj}';\n", after: `const key = ${ENV};\n` },
  {
    name: 'a key in a constant, CRLF',
    path: 'a.js',
    before: "const key = '{key:proj}';\r\nexport { key };\r\n",
    after: `const key = ${ENV};\r\nexport { key };\r\n`,
  },
  { name: 'openai.apiKey = …', path: 'a.ts', before: "openai.apiKey = '{value}';\n", after: `openai.apiKey = ${ENV};\n` },
  {
    name: 'a LangChain option',
    path: 'a.ts',
    before: "const model = new ChatOpenAI({ openAIApiKey: '{value}' });\n",
    after: `const model = new ChatOpenAI({ openAIApiKey: ${ENV} });\n`,
  },
  {
    name: 'a key in a TypeScript assertion',
    path: 'a.ts',
    before: "const client = new OpenAI({ apiKey: '{key:proj}' as string });\n",
    after: `const client = new OpenAI({ apiKey: ${ENV} as string });\n`,
  },
  {
    name: 'the ?? fallback of the same variable: the fallback goes',
    path: 'a.ts',
    before: `const key = ${ENV} ?? '{key:proj}';\n`,
    after: `const key = ${ENV};\n`,
  },
  {
    name: 'the || fallback through a bracket read',
    path: 'a.js',
    before: "const key = process.env['OPENAI_API_KEY'] || '{key:legacy}';\n",
    after: "const key = process.env['OPENAI_API_KEY'];\n",
  },
  {
    name: 'the fallback of another variable: the fallback goes, the read of that variable stays',
    path: 'a.js',
    before: "const key = process.env.LLM_KEY ?? '{key:proj}';\n",
    after: 'const key = process.env.LLM_KEY;\n',
  },
  {
    name: 'a fallback with an assertion in parentheses',
    path: 'a.ts',
    before: "const azure = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY || ('{key:proj}' as string) });\n",
    after: 'const azure = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY });\n',
  },
  {
    name: 'process.env.OPENAI_API_KEY = …: the line goes',
    path: 'a.ts',
    before: `import 'dotenv/config';\n${ENV} = '{value}';\nrun();\n`,
    after: "import 'dotenv/config';\nrun();\n",
  },
  {
    name: 'process.env.OPENAI_API_KEY ??= …: the line goes',
    path: 'a.ts',
    before: `${ENV} ??= '{key:proj}';\nrun();\n`,
    after: 'run();\n',
  },
  { name: 'a whole template', path: 'a.ts', before: 'const key = `{key:proj}`;\n', after: `const key = ${ENV};\n` },
  {
    name: 'a key with other text in a string: a template',
    path: 'a.ts',
    before: "const header = 'Bearer {key:proj}';\n",
    after: `const header = \`Bearer \${${ENV}}\`;\n`,
  },
  {
    name: 'a key inside a template with an expression',
    path: 'a.ts',
    before: 'const header = `Bearer {key:proj} for ${user}`;\n',
    after: `const header = \`Bearer \${${ENV}} for \${user}\`;\n`,
  },
  {
    name: 'a returned template (not a tagged one)',
    path: 'a.js',
    before: 'function f() {\n  return `Bearer {key:proj}\n`;\n}\n',
    after: `function f() {\n  return \`Bearer \${${ENV}}\n\`;\n}\n`,
  },
  {
    name: 'a key in a comment',
    path: 'a.js',
    before: '// rotated: {key:legacy}\nexport {};\n',
    after: '// rotated: <OPENAI_API_KEY>\nexport {};\n',
  },
  {
    name: 'a Vite file: import.meta.env.VITE_…',
    path: 'a.ts',
    before: "const url = import.meta.env.VITE_API_URL;\nconst openai = new OpenAI({ apiKey: '{value}' });\n",
    after: 'const url = import.meta.env.VITE_API_URL;\nconst openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });\n',
  },
  {
    name: 'a JSX attribute: an expression container',
    path: 'a.jsx',
    before: 'export const A = () => <Chat apiKey="{key:proj}" />;\n',
    after: `export const A = () => <Chat apiKey={${ENV}} />;\n`,
  },
  {
    name: 'a JSX attribute with other text: a template in a container',
    path: 'a.tsx',
    before: 'export const A = (): JSX.Element => <Chat auth="Bearer {key:proj}" />;\n',
    after: `export const A = (): JSX.Element => <Chat auth={\`Bearer \${${ENV}}\`} />;\n`,
  },
  {
    name: 'a JSX attribute on its own line of a tag',
    path: 'a.tsx',
    before: 'export const A = (): JSX.Element => (\n  <Chat\n    model="gpt-4o"\n    apiKey="{key:proj}"\n  />\n);\n',
    after: `export const A = (): JSX.Element => (\n  <Chat\n    model="gpt-4o"\n    apiKey={${ENV}}\n  />\n);\n`,
  },
  {
    name: 'JSX text',
    path: 'a.jsx',
    before: 'export const A = () => (\n  <section>\n    <p>{key:proj}</p>\n  </section>\n);\n',
    after: `export const A = () => (\n  <section>\n    <p>{${ENV}}</p>\n  </section>\n);\n`,
  },
  { name: 'a regular expression: left alone', path: 'a.js', before: 'const pattern = /{key:unmarked}/;\n', after: null },
  { name: 'a string literal type: left alone', path: 'a.ts', before: "type Key = '{key:proj}';\n", after: null },
  { name: 'a literal type annotation: left alone', path: 'a.ts', before: "let key: '{key:proj}' = load();\n", after: null },
  { name: 'an enum member: left alone', path: 'a.ts', before: "enum Keys {\n  Main = '{key:proj}',\n}\n", after: null },
  { name: 'an import path: left alone', path: 'a.ts', before: "import x from '{key:legacy}';\nexport default x;\n", after: null },
  { name: 'a property name: left alone', path: 'a.js', before: "const keys = { '{key:proj}': true };\n", after: null },
  { name: 'a tagged template: left alone', path: 'a.js', before: 'const q = sql`{key:proj}`;\n', after: null },
  {
    name: 'the environment set inside a longer statement: left alone',
    path: 'a.js',
    before: `${ENV} = '{value}'; start();\n`,
    after: null,
  },

  // Other languages (the language server and keyguard fix; the ESLint plugin lints JS/TS only)
  {
    name: 'Python: openai.api_key = … (import os added)',
    path: 'app.py',
    before: 'import openai\nopenai.api_key = "{key:proj}"\n',
    after: 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
  },
  {
    name: 'Python: os.environ[…] = …: the line goes',
    path: 'app.py',
    before: 'import os\nos.environ["OPENAI_API_KEY"] = "{value}"\nrun()\n',
    after: 'import os\nrun()\n',
  },
  {
    name: 'Python: the os.getenv fallback goes',
    path: 'app.py',
    before: 'import os\nkey = os.getenv("OPENAI_API_KEY", "{key:proj}")\n',
    after: 'import os\nkey = os.getenv("OPENAI_API_KEY")\n',
  },
  { name: 'Python: a comment', path: 'app.py', before: '# old: {key:legacy}\nrun()\n', after: '# old: <OPENAI_API_KEY>\nrun()\n' },
  { name: 'Python: a key with other text in a string: left alone', path: 'app.py', before: 'h = "Bearer {key:proj}"\n', after: null },
  {
    name: 'shell: export',
    path: 'run.sh',
    before: 'export OPENAI_API_KEY="{key:proj}"\n',
    after: 'export OPENAI_API_KEY="$OPENAI_API_KEY"\n',
  },
  {
    name: 'Dockerfile: ENV goes',
    path: 'Dockerfile',
    before: 'FROM node:20\nENV OPENAI_API_KEY={key:proj}\nCMD ["node", "a.js"]\n',
    after: 'FROM node:20\nCMD ["node", "a.js"]\n',
  },
  {
    name: 'Compose: ${NAME}',
    path: 'compose.yaml',
    before: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: {key:proj}\n',
    after: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n',
  },
  {
    name: 'GitHub Actions: ${{ secrets.NAME }}',
    path: '.github/workflows/ci.yml',
    before:
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: {key:proj}\n    steps:\n      - run: npm test\n',
    after:
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n    steps:\n      - run: npm test\n',
  },
  { name: '.env: kept (where a secret belongs)', path: '.env', before: 'OPENAI_API_KEY={key:proj}\n', after: null },
  { name: 'Markdown: left alone', path: 'README.md', before: 'Use `{key:proj}` to start.\n', after: null },
];
