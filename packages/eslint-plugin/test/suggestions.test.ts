/**
 * The keyguard-ignore suggestion keeps the editor, the hook and CI in agreement (issue 10):
 * applied to a file, it must leave code that still parses, that ESLint no longer reports, and
 * that core's text scan (what `keyguard scan` and the pre-commit hook run) no longer reports
 * either, in every place a finding can sit: code, JSX children, a tag's attributes, a comment,
 * a template that runs past the line, CRLF files.
 */
import keyguard from '@keyguard/eslint-plugin';
import { scanText } from '@keyguard/core';
import { Linter } from 'eslint';
import { fill } from './support';

const recommended = keyguard.configs.recommended as Linter.Config[];

interface Case {
  name: string;
  filename: string;
  code: string;
  /** The comment the suggestion must insert, as it appears in the output. */
  inserted: string;
}

const cases: Case[] = [
  { name: 'a key in a string', filename: 'a.js', code: "const key = '{key:proj}';\n", inserted: ' // keyguard-ignore' },
  {
    name: 'a value at a sink, in a call over three lines',
    filename: 'a.ts',
    code: "import OpenAI from 'openai';\nconst client = new OpenAI({\n  apiKey: '{value}',\n});\n",
    inserted: ' // keyguard-ignore',
  },
  {
    name: 'a key in JSX text between children',
    filename: 'a.jsx',
    code: 'export const A = () => (\n  <section>\n    <p>{key:proj}</p>\n    <hr />\n  </section>\n);\n',
    inserted: '{/* keyguard-ignore */}',
  },
  {
    name: 'a key alone on a line of JSX text',
    filename: 'a.tsx',
    code: 'export const A = (): JSX.Element => (\n  <pre>\n    {key:legacy}\n  </pre>\n);\n',
    inserted: '{/* keyguard-ignore */}',
  },
  {
    name: 'a key in an attribute of a tag over several lines',
    filename: 'a.tsx',
    code: 'export const A = (): JSX.Element => (\n  <Chat\n    apiKey="{key:proj}"\n    model="gpt-4o"\n  />\n);\n',
    inserted: ' // keyguard-ignore',
  },
  {
    name: 'a value at a JSX sink attribute',
    filename: 'a.jsx',
    code: 'import OpenAI from \'openai\';\nexport const A = () => (\n  <div>\n    <Chat openaiApiKey="{value}" />\n  </div>\n);\n',
    inserted: '{/* keyguard-ignore */}',
  },
  { name: 'a key in a line comment', filename: 'a.js', code: '// rotated: {key:legacy}\nexport {};\n', inserted: ' keyguard-ignore' },
  {
    name: 'a key in the middle of a block comment',
    filename: 'a.ts',
    code: '/*\n * Example: {key:svcacct}\n */\nexport const x = 1;\n',
    inserted: ' keyguard-ignore',
  },
  {
    name: 'a key in a template that runs past the line',
    filename: 'a.ts',
    code: 'export const body = `Bearer {key:proj}\nAccept: */*`;\n',
    inserted: '// keyguard-ignore-next-line\n',
  },
  {
    name: 'a key in a template inside JSX children',
    filename: 'a.jsx',
    code: 'export const A = () => (\n  <div>\n    <Chat auth={`Bearer {key:proj}\n    `} />\n  </div>\n);\n',
    inserted: '    {/* keyguard-ignore-next-line */}\n',
  },
  {
    name: 'a CRLF file, next-line form',
    filename: 'a.js',
    code: 'const body = `Bearer {key:proj}\r\n`;\r\nexport { body };\r\n',
    inserted: '// keyguard-ignore-next-line\r\n',
  },
  {
    name: 'a CRLF file, same-line form',
    filename: 'a.js',
    code: "const key = '{key:proj}';\r\nexport { key };\r\n",
    inserted: ' // keyguard-ignore',
  },
];

function lint(code: string, filename: string): Linter.LintMessage[] {
  return new Linter().verify(code, recommended, filename);
}

/** Applies a suggestion's fix to the text, as the editor does. */
function apply(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('the keyguard-ignore suggestion', () => {
  it.each(cases.map((item) => [item.name, item] as const))('%s: ESLint and core both stop reporting', (_name, item) => {
    const code = fill(item.code);
    const before = lint(code, item.filename);
    expect(before.filter((message) => message.fatal)).toEqual([]);
    const own = before.filter((message) => message.ruleId?.startsWith('@keyguard/'));
    expect(own).toHaveLength(1);
    expect(scanText(code, { path: item.filename })).toHaveLength(1);
    const suggestion = own[0].suggestions?.find((candidate) => candidate.messageId === 'ignoreLine');
    expect(suggestion?.desc).toMatch(/keyguard-ignore/);
    const after = apply(code, suggestion!.fix);
    expect(after).toContain(item.inserted);
    expect(lint(after, item.filename)).toEqual([]);
    expect(scanText(after, { path: item.filename })).toEqual([]);
  });

  it('is offered after the environment-variable suggestion, never instead of it', () => {
    const [message] = lint(fill("const key = '{key:proj}';\n"), 'a.js');
    expect(message.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['useEnv', 'ignoreLine']);
  });

  it('is not offered where no comment can silence the line (inside a template on both sides)', () => {
    const [message] = lint(fill('const body = `\n  Bearer {key:proj}\n`;\n'), 'a.js');
    expect(message.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['useEnv']);
  });
});

describe("ESLint's own disable comments, as its quick fix writes them", () => {
  it.each([
    ['no-openai-api-key', 'a.js', "const key = '{key:proj}'; // eslint-disable-line @keyguard/no-openai-api-key\n"],
    ['no-openai-api-key', 'a.tsx', "// eslint-disable-next-line @keyguard/no-openai-api-key\nexport const key: string = '{key:proj}';\n"],
    [
      'no-openai-key-assignment',
      'a.ts',
      "import OpenAI from 'openai';\n// eslint-disable-next-line @keyguard/no-openai-key-assignment -- a local proxy token\nexport const c = new OpenAI({ apiKey: '{value}' });\n",
    ],
  ])('%s in %s: silent in ESLint and in core', (_rule, filename, template) => {
    const code = fill(template);
    expect(lint(code, filename)).toEqual([]);
    expect(scanText(code, { path: filename })).toEqual([]);
  });

  it('a bare eslint-disable-line silences ESLint, not core (keyguard reads only directives that name its rules)', () => {
    const code = fill("const key = '{key:proj}'; // eslint-disable-line\n");
    expect(lint(code, 'a.js')).toEqual([]);
    expect(scanText(code, { path: 'a.js' }).map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
  });
});
