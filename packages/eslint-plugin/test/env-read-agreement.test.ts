/**
 * The plugin's env suggestion, `keyguard fix` and the language server's code action write the
 * same text for the same line (issue 14). The table is @keyguard/test-utils' ENV_READ_CASES,
 * which the language server's and the CLI's agreement tests run too: here, real ESLint with the
 * recommended config, each JS/TS row's first env suggestion applied as an editor would, and
 * core's plan (planEnvRead, what the other two call) on the same text.
 */
import keyguard from '@keyguard/eslint-plugin';
import { applyTextEdits, planEnvRead, scanText } from '@keyguard/core';
import { ENV_READ_CASES, fillExample, isScriptCase } from '@keyguard/test-utils';
import { Linter } from 'eslint';

const recommended = keyguard.configs.recommended as Linter.Config[];
const FIX_IDS = new Set(['useEnv', 'removeFallback', 'redactComment', 'removeEnvAssignment']);

/** ESLint's one keyguard message for the row, and the text after its env suggestion (null: none offered). */
function eslintFixed(code: string, filename: string): { text: string | null; desc?: string } {
  const messages = new Linter().verify(code, recommended, filename);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  const own = messages.filter((m) => m.ruleId?.startsWith('@keyguard/'));
  expect(own).toHaveLength(1);
  const suggestion = own[0].suggestions?.find((s) => FIX_IDS.has(s.messageId ?? ''));
  if (!suggestion) return { text: null };
  return {
    text: code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]),
    desc: suggestion.desc,
  };
}

/** Core's plan for the one finding it reports (null: refused or kept). */
function coreFixed(code: string, filename: string): string | null {
  const findings = scanText(code, { path: filename });
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  const plan = planEnvRead({ path: filename, text: code, start: finding.startOffset, end: finding.endOffset, envVar: finding.envVar });
  if (!plan.ok || plan.edits.length === 0) return null;
  return applyTextEdits(code, plan.edits) ?? null;
}

const scriptCases = ENV_READ_CASES.filter(isScriptCase);

describe('ESLint suggestion, core plan (keyguard fix, language server) and the table agree', () => {
  it.each(scriptCases.map((item) => [`${item.path}: ${item.name}`, item] as const))('%s', (_, item) => {
    const code = fillExample(item.before);
    const expected = item.after === null ? null : fillExample(item.after);
    expect(coreFixed(code, item.path)).toBe(expected);
    expect(eslintFixed(code, item.path).text).toBe(expected);
  });

  it('the suggestion names what it writes: import.meta.env.VITE_… in a Vite file, not process.env', () => {
    const row = scriptCases.find((item) => item.after?.includes('import.meta.env.VITE_OPENAI_API_KEY'));
    const { desc } = eslintFixed(fillExample(row!.before), row!.path);
    expect(desc).toBe('Read the secret from import.meta.env.VITE_OPENAI_API_KEY instead.');
  });

  it('a removed fallback names the read that stays', () => {
    const row = scriptCases.find((item) => item.before.includes('LLM_KEY'));
    expect(eslintFixed(fillExample(row!.before), row!.path).desc).toBe('Remove the hard-coded fallback: read process.env.LLM_KEY alone.');
  });
});
