/**
 * The plugin as ESLint users load it: ESLint's default parser (espree), the ESLint class with
 * the recommended flat config, disable comments, ESM and CommonJS imports, bad options.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { rules as coreRules } from '@keyguard/core';
import keyguard from '@keyguard/eslint-plugin';
import { fakeKey, fakeValue } from '@keyguard/test-utils';
import { ESLint, Linter } from 'eslint';
import { fill } from './support';

const root = join(__dirname, '..', '..', '..');
const recommended = keyguard.configs.recommended as Linter.Config[];
const plugins = recommended.find((config) => config.plugins !== undefined)?.plugins;

async function lint(code: string, filePath = 'src/app.js'): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: recommended });
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages;
}

describe('with ESLint and its default parser', () => {
  const keys = [fakeKey('proj'), fakeKey('legacy'), fakeValue()];

  it('reports both rules with the recommended config', async () => {
    const messages = await lint(
      fill("import OpenAI from 'openai';\nconst a = new OpenAI({ apiKey: '{key:proj}' });\nconst b = new OpenAI({ apiKey: '{value}' });\n"),
    );
    expect(messages.map((message) => [message.ruleId, message.line, message.column, message.severity])).toEqual([
      ['@keyguard/no-openai-api-key', 2, 33, 2],
      ['@keyguard/no-openai-key-assignment', 3, 33, 2],
    ]);
  });

  it('never puts a whole key in a message, and says to rotate it', async () => {
    const messages = await lint(
      fill("import OpenAI from 'openai';\nnew OpenAI({ apiKey: '{key:proj}' });\n// {key:legacy}\nopenai.apiKey = '{value}';\n"),
    );
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(keys.some((key) => message.message.includes(key))).toBe(false);
      // The wording is the core rule's message.
      expect(message.message).toMatch(/Rotate it/);
    }
  });

  it('reports keys in JSX text and attributes', async () => {
    const messages = await lint(fill('export const A = () => <Chat apiKey="{key:proj}">{key:legacy}</Chat>;\n'), 'src/chat.jsx');
    expect(messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ['@keyguard/no-openai-api-key', 1, 38],
      ['@keyguard/no-openai-api-key', 1, 38 + fakeKey('proj').length + 2],
    ]);
  });

  it.each([
    ['eslint-disable-next-line', "// eslint-disable-next-line @keyguard/no-openai-api-key\nconst key = '{key:proj}';\n"],
    ['eslint-disable-line', "const key = '{key:proj}'; // eslint-disable-line @keyguard/no-openai-api-key\n"],
    ['keyguard-ignore', "const key = '{key:proj}'; // keyguard-ignore\n"],
    ['keyguard-ignore-next-line', "// keyguard-ignore-next-line\nconst key = '{key:proj}';\n"],
    [
      'eslint-disable for the assignment rule',
      "// eslint-disable-next-line @keyguard/no-openai-key-assignment\nopenai.apiKey = '{value}';\n",
    ],
    ['keyguard-ignore for the assignment rule', "openai.apiKey = '{value}'; // keyguard-ignore\n"],
  ])('honours %s', async (_name, template) => {
    expect(await lint(fill(template))).toEqual([]);
  });

  it('explains an allow pattern the linear-time engine refuses in one line', () => {
    const linter = new Linter();
    const config: Linter.Config[] = [{ plugins, rules: { '@keyguard/no-openai-api-key': ['error', { allow: ['a(?=b)'] }] } }];
    expect(() => linter.verify('const a = 1;', config, 'a.js')).toThrow(
      /@keyguard\/no-openai-api-key: option "allow"\[0\] is not a valid RE2 regular expression \(invalid or unsupported Perl syntax\)/,
    );
  });

  it('never echoes an allow pattern it refuses when the pattern holds a key', () => {
    const key = fakeKey('proj', 41);
    const linter = new Linter();
    const config: Linter.Config[] = [{ plugins, rules: { '@keyguard/no-openai-api-key': ['error', { allow: ['ok', `(${key}`] }] } }];
    let message = '';
    try {
      linter.verify('const a = 1;', config, 'a.js');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/option "allow"\[1\] is not a valid RE2 regular expression/);
    expect(message).not.toContain(key.slice(8, 40));
  });

  it('rejects an option of the wrong type through its schema', () => {
    const linter = new Linter();
    const config: Linter.Config[] = [{ plugins, rules: { '@keyguard/no-openai-key-assignment': ['error', { sinks: 'makeClient' }] } }];
    expect(() => linter.verify('const a = 1;', config, 'a.js')).toThrow(/no-openai-key-assignment[^]*should be array/);
  });
});

describe('loading the package', () => {
  it('is the default export of an ESM import', () => {
    const script =
      "import keyguard from '@keyguard/eslint-plugin';" +
      'console.log(JSON.stringify([keyguard.meta.name, Object.keys(keyguard.rules), keyguard.configs.recommended.flatMap((config) => Object.keys(config.rules ?? {}))]));';
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    // Every twin core's registry asks for, by name (not a list kept here: a new rule adds one).
    const twins = coreRules.flatMap((rule) => (rule.eslint ? [rule.eslint.name] : []));
    expect(JSON.parse(output)).toEqual(['@keyguard/eslint-plugin', twins, twins.map((name) => `@keyguard/${name}`)]);
  }, 30_000);

  it('is what require returns', () => {
    const script =
      "const k = require('@keyguard/eslint-plugin'); console.log(k.configs.recommended.some((c) => c.plugins && c.plugins['@keyguard'] === k));";
    expect(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }).trim()).toBe('true');
  }, 30_000);
});
