/**
 * One core, one answer on the labelled corpus (issue 9): real ESLint with the recommended config
 * reports, on every JS/TS case of core's labelled corpus, the places core's scanner reports and
 * the corpus labels (packages/core/test/labelled-corpus-cases.ts), with the same rule.
 */
import keyguard from '@keyguard/eslint-plugin';
import { rules as coreRules, scanText } from '@keyguard/core';
import { Linter } from 'eslint';
import { LABELLED_CORPUS } from '../../core/test/labelled-corpus-cases';
import { fillLabelled, variantOf } from '../../core/test/utils/labelled';

const recommended = keyguard.configs.recommended as Linter.Config[];
const coreIdOf = new Map<string, string>(
  coreRules.flatMap((rule) => (rule.eslint ? [[`@keyguard/${rule.eslint.name}`, rule.id] as const] : [])),
);

/** `line:column rule` of an offset in a text, 1-based as ESLint reports. */
function placeOf(text: string, offset: number, ruleId: string): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')} ${ruleId}`;
}

const scripts = LABELLED_CORPUS.map((item, index) => ({ item, index })).filter(
  ({ item }) => !item.binary && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(item.file),
);

describe('the ESLint plugin on the labelled corpus', () => {
  it('has JS and TS cases of every kind the plugin sees', () => {
    expect(scripts.length).toBeGreaterThan(60);
    expect(new Set(scripts.map(({ item }) => item.category)).size).toBeGreaterThan(8);
  });

  it.each(scripts.map(({ item, index }) => [`#${index} ${item.category} ${item.file}`, item, index] as const))(
    '%s: the places core reports and the corpus labels',
    (_title, item, index) => {
      const filled = fillLabelled(item, variantOf(index));
      const messages = new Linter().verify(filled.text, recommended, item.file);
      expect(messages.filter((message) => message.fatal).map((message) => message.message)).toEqual([]);
      const eslint = messages
        .filter((message) => coreIdOf.has(message.ruleId ?? ''))
        .map((message) => `${message.line}:${message.column} ${coreIdOf.get(message.ruleId ?? '')}`)
        .sort();
      const core = scanText(filled.text, { path: item.file })
        .map((finding) => placeOf(filled.text, finding.startOffset, finding.ruleId))
        .sort();
      const labelled = filled.expected.map((span) => placeOf(filled.text, span.start, span.ruleId)).sort();
      expect(core).toEqual(labelled);
      expect(eslint).toEqual(labelled);
    },
  );
});
