import { LineIndex, type Rule } from '@keyguard/core';
import { compileAllow } from '../allow-list';
import { createRule, describeTwin } from '../create-rule';
import {
  ALLOW_SCHEMA,
  FINDING_MESSAGES,
  reportTextFinding,
  SUGGESTION_MESSAGES,
  textFindings,
  type TextMessageIds,
} from '../text-findings';

export interface TokenRuleOptions {
  /** Regular expressions (linear-time syntax) of secrets to accept, matched against the whole secret. */
  allow?: string[];
}

/**
 * The ESLint twin of a core token rule (`eslint.kind: 'text'`), generated from its record: core
 * scans the file's text once (its keyword prefilter makes a file without a keyword cost one
 * `includes`), so the editor reports exactly the places `keyguard scan` reports, anywhere in the
 * file (strings, templates, JSX, regular expressions, comments), with core's message. The AST
 * only picks the suggestion.
 */
export function tokenRule(rule: Rule, name: string) {
  return createRule<[TokenRuleOptions], TextMessageIds>({
    name,
    meta: {
      type: 'problem',
      docs: { description: describeTwin(rule.description), recommended: true },
      hasSuggestions: true,
      schema: [{ type: 'object', properties: { allow: ALLOW_SCHEMA }, additionalProperties: false }],
      messages: { ...FINDING_MESSAGES, ...SUGGESTION_MESSAGES },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const allow = compileAllow(name, options.allow);
      const text = context.sourceCode.text;
      let lines: LineIndex | undefined;
      return {
        Program(): void {
          for (const finding of textFindings(text, context.filename, rule, allow, () => (lines ??= new LineIndex(text)))) {
            reportTextFinding(context, finding);
          }
        },
      };
    },
  });
}

export type TokenRule = ReturnType<typeof tokenRule>;
