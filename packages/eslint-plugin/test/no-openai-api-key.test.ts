import keyguard from '@keyguard/eslint-plugin';
import { fill, runRuleTable, runRuleTests, type InvalidCase as SharedInvalidCase, type ValidCase as SharedValidCase } from './support';

const rule = keyguard.rules['no-openai-api-key'];

type ValidCase = SharedValidCase<{ allow?: string[] }>;
type InvalidCase = SharedInvalidCase<{ allow?: string[] }, 'useEnv' | 'redactComment' | 'removeFallback'>;

// Templates: `{key:<shape>}` is a fake key filled at run time, `{sk}` the key prefix. No case
// name holds a key; the tester titles each case by `name`.
const valid: ValidCase[] = [
  { name: 'reads the key from the environment', language: 'js', code: 'const key = process.env.OPENAI_API_KEY;' },
  { name: 'ignores a redacted key', language: 'js', code: "const shown = '{sk}...';" },
  {
    name: 'ignores a placeholder made of x',
    language: 'ts',
    code: "const key: string = '{sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';",
  },
  { name: "ignores another provider's sk- key", language: 'js', code: "const anthropic = '{sk}ant-api03-{value}{value}';" },
  {
    name: 'ignores words that contain sk-',
    language: 'jsx',
    code: 'const Desk = () => <div className="desk-top sk-button">risk-free</div>;',
  },
  { name: 'ignores a key-shaped run inside a longer word', language: 'js', code: "const word = 'mask-{key:legacy}';" },
  {
    name: 'ignores a placeholder in JSX',
    language: 'tsx',
    code: 'export const Hint = (): JSX.Element => <input placeholder="{sk}..." />;',
  },
  { name: 'ignores ${OPENAI_API_KEY} in a template', language: 'ts', code: 'const line = `OPENAI_API_KEY=${process.env.OPENAI_API_KEY}`;' },
  { name: 'honours keyguard-ignore on the line', language: 'js', code: "const key = '{key:proj}'; // keyguard-ignore" },
  { name: 'honours keyguard-ignore-next-line', language: 'ts', code: "// keyguard-ignore-next-line\nconst key = '{key:svcacct}';" },
  {
    name: 'honours keyguard-ignore in JSX',
    language: 'jsx',
    code: 'const App = () => (\n  // keyguard-ignore-next-line\n  <Chat apiKey="{key:admin}" />\n);',
  },
  {
    name: 'accepts a key the allow option matches',
    language: 'js',
    code: "const revoked = '{key:proj}';",
    options: { allow: ['sk-proj-[A-Za-z0-9_-]+'] },
  },
];

const invalid: InvalidCase[] = [
  {
    name: 'a project key in a string',
    language: 'js',
    code: "const key = '{key:proj}';",
    suggestion: 'const key = process.env.OPENAI_API_KEY;',
  },
  {
    name: 'a legacy key in a double-quoted string',
    language: 'js',
    code: 'openai.apiKey = "{key:legacy}";',
    suggestion: 'openai.apiKey = process.env.OPENAI_API_KEY;',
  },
  {
    name: 'a service account key as a whole template',
    language: 'js',
    code: 'const key = `{key:svcacct}`;',
    suggestion: 'const key = process.env.OPENAI_API_KEY;',
  },
  {
    name: 'a key inside a template with text around it',
    language: 'js',
    code: 'fetch(url, { headers: { Authorization: `Bearer {key:proj}` } });',
    suggestion: 'fetch(url, { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });',
  },
  {
    name: 'a key inside a template next to an expression',
    language: 'ts',
    code: 'const auth = `${scheme} {key:proj-short}`;',
    suggestion: 'const auth = `${scheme} ${process.env.OPENAI_API_KEY}`;',
  },
  {
    name: 'an admin key after text in a string (read from OPENAI_ADMIN_KEY)',
    language: 'js',
    code: "const header = 'Bearer {key:admin}';",
    suggestion: 'const header = `Bearer ${process.env.OPENAI_ADMIN_KEY}`;',
  },
  {
    name: 'a key in a string that holds backticks and ${',
    language: 'js',
    code: "const note = 'run `x` ${y} {key:proj}!';",
    suggestion: 'const note = `run \\`x\\` \\${y} ${process.env.OPENAI_API_KEY}!`;',
  },
  {
    name: 'a key after an escaped newline',
    language: 'js',
    code: 'const text = "line\\n{key:proj}";',
    suggestion: 'const text = `line\\n${process.env.OPENAI_API_KEY}`;',
  },
  {
    name: 'a key in a line comment',
    language: 'js',
    code: '// old key: {key:legacy}\nexport {};',
    suggestion: '// old key: <OPENAI_API_KEY>\nexport {};',
    suggestionId: 'redactComment',
    ignore: '// old key: {key:legacy} keyguard-ignore\nexport {};',
  },
  {
    name: 'a key in a block comment, on its second line',
    language: 'ts',
    code: '/**\n * Example: {key:none}\n */\nexport const x = 1;',
    suggestion: '/**\n * Example: <OPENAI_API_KEY>\n */\nexport const x = 1;',
    suggestionId: 'redactComment',
    ignore: '/**\n * Example: {key:none} keyguard-ignore\n */\nexport const x = 1;',
  },
  {
    name: 'a key as the fallback of the same variable (the suggestion removes the fallback)',
    language: 'ts',
    code: "const key = process.env.OPENAI_API_KEY ?? '{key:proj}';",
    suggestion: 'const key = process.env.OPENAI_API_KEY;',
    suggestionId: 'removeFallback',
  },
  {
    name: 'a key as the || fallback of the same variable, through a bracket read',
    language: 'js',
    code: "const key = process.env['OPENAI_API_KEY'] || '{key:proj}';",
    suggestion: "const key = process.env['OPENAI_API_KEY'];",
    suggestionId: 'removeFallback',
  },
  {
    name: 'a key as the fallback of another variable: the fallback goes, the read of LLM_KEY stays (as in keyguard fix)',
    language: 'js',
    code: "const key = process.env.LLM_KEY ?? '{key:proj}';",
    suggestion: 'const key = process.env.LLM_KEY;',
    suggestionId: 'removeFallback',
  },
  {
    name: 'a key in JSX text between children (the ignore comment is a JSX comment)',
    language: 'jsx',
    code: 'const App = () => (\n  <section>\n    <p>{key:proj}</p>\n    <Footer />\n  </section>\n);',
    suggestion: 'const App = () => (\n  <section>\n    <p>{process.env.OPENAI_API_KEY}</p>\n    <Footer />\n  </section>\n);',
    ignore: 'const App = () => (\n  <section>\n    <p>{key:proj}</p>{/* keyguard-ignore */}\n    <Footer />\n  </section>\n);',
  },
  {
    name: 'a key in a JSX attribute on its own line of a tag',
    language: 'tsx',
    code: 'export const App = (): JSX.Element => (\n  <Chat\n    apiKey="{key:proj}"\n  />\n);',
    suggestion: 'export const App = (): JSX.Element => (\n  <Chat\n    apiKey={process.env.OPENAI_API_KEY}\n  />\n);',
  },
  {
    name: 'a key in a template that runs past the line (the ignore comment goes above)',
    language: 'ts',
    code: 'const body = `Authorization: Bearer {key:proj}\nAccept: */*`;',
    suggestion: 'const body = `Authorization: Bearer ${process.env.OPENAI_API_KEY}\nAccept: */*`;',
    ignore: '// keyguard-ignore-next-line\nconst body = `Authorization: Bearer {key:proj}\nAccept: */*`;',
  },
  {
    name: 'a key inside a template on both sides (no comment can sit there)',
    language: 'js',
    code: '  const body = `\n  Bearer {key:proj}\n`;',
    suggestion: '  const body = `\n  Bearer ${process.env.OPENAI_API_KEY}\n`;',
    ignore: null,
  },
  {
    name: 'an indented key in a template keeps the indentation of the comment above',
    language: 'js',
    code: 'function f() {\n    return `Bearer {key:proj}\n`;\n}',
    suggestion: 'function f() {\n    return `Bearer ${process.env.OPENAI_API_KEY}\n`;\n}',
    ignore: 'function f() {\n    // keyguard-ignore-next-line\n    return `Bearer {key:proj}\n`;\n}',
  },

  { name: 'a key in a regular expression', language: 'js', code: 'const pattern = /{key:unmarked}/;', suggestion: null },
  { name: 'a key as a string literal type', language: 'ts', code: "type Key = '{key:proj}';", suggestion: null },
  { name: 'a key as an enum member', language: 'ts', code: "enum Keys { Main = '{key:proj}' }", suggestion: null },
  { name: 'a key as an import path', language: 'ts', code: "import x from '{key:legacy}';\nexport default x;", suggestion: null },
  { name: 'a key as a property name', language: 'js', code: "const keys = { '{key:proj}': true };", suggestion: null },
  {
    name: 'a key in a TypeScript assertion',
    language: 'ts',
    code: "const client = new OpenAI({ apiKey: '{key:proj}' as string });",
    suggestion: 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY as string });',
  },
  {
    name: 'a key on the third line of a call',
    language: 'ts',
    code: "const client = new OpenAI({\n  organization: 'org-1',\n  apiKey: '{key:svcacct}',\n});",
    suggestion: "const client = new OpenAI({\n  organization: 'org-1',\n  apiKey: process.env.OPENAI_API_KEY,\n});",
  },
  {
    name: 'a key in JSX text',
    language: 'jsx',
    code: 'const App = () => <p>{key:proj}</p>;',
    suggestion: 'const App = () => <p>{process.env.OPENAI_API_KEY}</p>;',
  },
  {
    name: 'a key as a JSX attribute',
    language: 'jsx',
    code: 'const App = () => <Chat apiKey="{key:proj}" />;',
    suggestion: 'const App = () => <Chat apiKey={process.env.OPENAI_API_KEY} />;',
  },
  {
    name: 'a key after text in a JSX attribute',
    language: 'jsx',
    code: 'const App = () => <Chat auth="Bearer {key:proj}" />;',
    suggestion: 'const App = () => <Chat auth={`Bearer ${process.env.OPENAI_API_KEY}`} />;',
  },
  {
    name: 'a key in a JSX expression',
    language: 'jsx',
    code: "const App = () => <Chat apiKey={'{key:legacy}'} />;",
    suggestion: 'const App = () => <Chat apiKey={process.env.OPENAI_API_KEY} />;',
  },
  {
    name: 'a named service-account key in a TSX attribute',
    language: 'tsx',
    code: 'export const App = (): JSX.Element => <Chat apiKey="{key:named}" />;',
    suggestion: 'export const App = (): JSX.Element => <Chat apiKey={process.env.OPENAI_API_KEY} />;',
  },
  {
    name: 'a key in TSX text of a generic component',
    language: 'tsx',
    code: 'function Show<T>(props: { value: T }): JSX.Element {\n  return <pre>{key:proj}</pre>;\n}',
    suggestion: 'function Show<T>(props: { value: T }): JSX.Element {\n  return <pre>{process.env.OPENAI_API_KEY}</pre>;\n}',
  },
  {
    name: 'a user key with the None prefix in TSX',
    language: 'tsx',
    code: "const secret = '{key:none-marked}';\nexport const A = () => <b>{secret}</b>;",
    suggestion: 'const secret = process.env.OPENAI_API_KEY;\nexport const A = () => <b>{secret}</b>;',
  },
  {
    name: 'a key the allow option does not match',
    language: 'js',
    code: "const key = '{key:legacy}';",
    options: { allow: ['sk-proj-[A-Za-z0-9_-]+'] },
    suggestion: 'const key = process.env.OPENAI_API_KEY;',
  },
];

runRuleTable('no-openai-api-key', rule, 'finding', valid, invalid);

runRuleTests('no-openai-api-key: several keys in one file', rule, {
  valid: [],
  invalid: [
    {
      name: 'reports each key once, in order',
      code: fill("const a = '{key:proj}';\nconst b = '{key:legacy}';"),
      errors: [
        {
          messageId: 'finding',
          line: 1,
          column: 12,
          endColumn: 12 + fill('{key:proj}').length,
          suggestions: [
            { messageId: 'useEnv', output: fill("const a = process.env.OPENAI_API_KEY;\nconst b = '{key:legacy}';") },
            { messageId: 'ignoreLine', output: fill("const a = '{key:proj}'; // keyguard-ignore\nconst b = '{key:legacy}';") },
          ],
        },
        {
          messageId: 'finding',
          line: 2,
          column: 12,
          endColumn: 12 + fill('{key:legacy}').length,
          suggestions: [
            { messageId: 'useEnv', output: fill("const a = '{key:proj}';\nconst b = process.env.OPENAI_API_KEY;") },
            { messageId: 'ignoreLine', output: fill("const a = '{key:proj}';\nconst b = '{key:legacy}'; // keyguard-ignore") },
          ],
        },
      ],
    },
  ],
});
