import { getRule, scanText, type Rule } from '@keyguard/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { compileAllow } from '../allow-list';
import { createRule } from '../create-rule';
import { envReferenceFix, ENV_REFERENCE } from '../env-reference';

export interface NoOpenAIApiKeyOptions {
  /** Regular expressions (linear-time syntax) of keys to accept, matched against the whole key. */
  allow?: string[];
}

type MessageIds = 'apiKey' | 'useEnv' | 'redactComment';

const apiKeyRule: Rule = getRule('openai-api-key')!;

/**
 * An OpenAI key anywhere in the file: a string, a template, JSX text or attribute, a regular
 * expression, a comment. Core scans the file's text once (its keyword prefilter makes a file
 * without `sk-` cost one `includes`), so the editor and `keyguard scan` report the same lines;
 * the AST only picks the suggestion.
 */
export const noOpenAIApiKey = createRule<[NoOpenAIApiKeyOptions], MessageIds>({
  name: 'no-openai-api-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OpenAI API keys (sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…, sk-None-…) in source code',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Regular expressions of keys to accept (a revoked test key), matched against the whole key.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      apiKey:
        'OpenAI {{label}} {{secret}} in the source. Rotate it if it was ever committed, then read it from ' +
        ENV_REFERENCE +
        '.',
      useEnv: `Read the key from ${ENV_REFERENCE} instead.`,
      redactComment: 'Replace the key in the comment with <OPENAI_API_KEY>.',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const allow = compileAllow('no-openai-api-key', options.allow);
    const sourceCode = context.sourceCode;

    const holderAt = (offset: number): TSESTree.Node | TSESTree.Comment | null => {
      const comment = sourceCode.getAllComments().find((candidate) => candidate.range[0] <= offset && offset < candidate.range[1]);
      return comment ?? sourceCode.getNodeByRangeIndex(offset);
    };

    return {
      Program(): void {
        const findings = scanText(sourceCode.text, { path: context.filename, rules: [apiKeyRule], allow });
        for (const finding of findings) {
          const suggestion = envReferenceFix(holderAt(finding.startOffset), finding.startOffset, finding.endOffset);
          context.report({
            loc: {
              start: sourceCode.getLocFromIndex(finding.startOffset),
              end: sourceCode.getLocFromIndex(finding.endOffset),
            },
            messageId: 'apiKey',
            data: { label: finding.label, secret: finding.secret },
            suggest: suggestion ? [{ messageId: suggestion.inComment ? 'redactComment' : 'useEnv', fix: suggestion.fix }] : [],
          });
        }
      },
    };
  },
});
