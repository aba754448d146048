/**
 * The plugin's "use env" suggestion and `keyguard fix` (core's planEnvRead, which the language
 * server's code action uses too) must write the same text for the same line (issue 14). The
 * plugin takes the read itself from core (envReadExpression); this table checks the whole edit.
 */
import keyguard from '@keyguard/eslint-plugin';
import { applyTextEdits, planEnvRead, scanText } from '@keyguard/core';
import { Linter } from 'eslint';
import { fill } from './support';

const recommended = keyguard.configs.recommended as Linter.Config[];
const FIX_IDS = new Set(['useEnv', 'removeFallback', 'redactComment']);

/** The text after ESLint's first env suggestion for each keyguard message (one per line here). */
function eslintFixed(code: string, filename: string): string {
  const messages = new Linter().verify(code, recommended, filename).filter((m) => m.ruleId?.startsWith('@keyguard/'));
  expect(messages).toHaveLength(1);
  const suggestion = messages[0].suggestions?.find((s) => FIX_IDS.has(s.messageId ?? ''));
  if (!suggestion) throw new Error('no env suggestion');
  return code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
}

/** The text after keyguard fix's plan for the one finding core reports. */
function coreFixed(code: string, filename: string): string {
  const findings = scanText(code, { path: filename });
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  const plan = planEnvRead({ path: filename, text: code, start: finding.startOffset, end: finding.endOffset, envVar: finding.envVar });
  if (!plan.ok) throw new Error(plan.reason);
  return applyTextEdits(code, plan.edits) ?? '';
}

const agree: [string, string][] = [
  ['a.ts', "const openai = new OpenAI({ apiKey: '{value}' });\n"],
  ['a.js', 'const openai = new OpenAI({ apiKey: "{value}" });\n'],
  ['a.ts', "openai.apiKey = '{value}';\n"],
  ['a.ts', "const openai = createOpenAI({ apiKey: '{value}' });\n"],
  ['a.ts', "const model = new ChatOpenAI({ openAIApiKey: '{value}' });\n"],
  ['a.js', "const key = '{key:proj}';\n"],
  ['a.ts', "const key = process.env.OPENAI_API_KEY ?? '{key:proj}';\n"],
  ['a.ts', "const key = process.env.OPENAI_API_KEY || '{key:legacy}';\n"],
  ['a.ts', 'const key = `{key:proj}`;\n'],
  ['a.ts', "const header = 'Bearer {key:proj}';\n"],
  ['a.ts', 'const header = `Bearer {key:proj} for ${user}`;\n'],
  ['a.js', '// rotated: {key:legacy}\nexport {};\n'],
  ['a.ts', "const url = import.meta.env.VITE_API_URL;\nconst openai = new OpenAI({ apiKey: '{value}' });\n"],
  ['a.ts', "const url = import.meta.env.VITE_API_URL;\nconst key = '{key:proj}';\n"],
  ['a.js', "const key = '{key:proj}';\r\nexport { key };\r\n"],
];

describe('ESLint suggestion and keyguard fix write the same text', () => {
  it.each(agree.map(([filename, template], i) => [`${filename} #${i}`, filename, template] as const))('%s', (_, filename, template) => {
    const code = fill(template);
    expect(eslintFixed(code, filename)).toBe(coreFixed(code, filename));
  });

  it('differ on purpose where the literal sets the environment itself: fix removes the line, ESLint offers a read', () => {
    const code = fill("process.env.OPENAI_API_KEY = '{value}';\nrun();\n");
    expect(coreFixed(code, 'a.ts')).toBe('run();\n');
  });
});
