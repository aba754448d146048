import { rules as coreRules, scanText, type Rule } from '@keyguard/core';
import { compileAllow } from '../allow-list';
import { createRule } from '../create-rule';
import { noOpenAIApiKey } from './no-openai-api-key';
import { noOpenAIKeyAssignment } from './no-openai-key-assignment';

/** Rules written by hand: they use the AST (suggestions, sinks found through scope analysis). */
const handWritten = {
  'no-openai-api-key': noOpenAIApiKey,
  'no-openai-key-assignment': noOpenAIKeyAssignment,
};

interface TextTwinOptions {
  /** Regular expressions (RE2 syntax) of secrets to accept, matched against the whole secret. */
  allow?: string[];
}

/**
 * The ESLint twin of a core rule that asks for one (`eslint.kind === 'text'`) and has no
 * hand-written rule: core scans the file's text with that rule alone, so the editor reports
 * exactly what `keyguard scan` reports, with core's message. Generated from the record, so a
 * new token rule needs no code here.
 */
function textTwin(rule: Rule, name: string) {
  return createRule<[TextTwinOptions], 'finding'>({
    name,
    meta: {
      type: 'problem',
      docs: { description: `Disallow ${rule.description} in source code`, recommended: true },
      schema: [
        {
          type: 'object',
          properties: {
            allow: {
              type: 'array',
              items: { type: 'string' },
              description: 'Regular expressions of secrets to accept, matched against the whole secret.',
            },
          },
          additionalProperties: false,
        },
      ],
      messages: { finding: '{{message}}' },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const allow = compileAllow(name, options.allow);
      const sourceCode = context.sourceCode;
      return {
        Program(): void {
          for (const finding of scanText(sourceCode.text, { path: context.filename, rules: [rule], allow })) {
            context.report({
              loc: { start: sourceCode.getLocFromIndex(finding.startOffset), end: sourceCode.getLocFromIndex(finding.endOffset) },
              messageId: 'finding',
              data: { message: finding.message },
            });
          }
        },
      };
    },
  });
}

type TextTwin = ReturnType<typeof textTwin>;

const generated: Record<string, TextTwin> = {};
for (const rule of coreRules) {
  const twin = rule.eslint;
  if (twin?.kind === 'text' && !(twin.name in handWritten)) generated[twin.name] = textTwin(rule, twin.name);
}

/**
 * Every rule the plugin ships, by name: the hand-written ones and a generated twin for each
 * other core rule that asks for one. The meta-test checks each is documented and recommended.
 */
export const rules = { ...handWritten, ...generated } as typeof handWritten &
  Record<string, TextTwin | (typeof handWritten)[keyof typeof handWritten]>;
