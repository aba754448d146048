import { getRule, isIgnoredInline, LineIndex, scanText, type Rule } from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { compileAllow } from '../allow-list';
import { createRule } from '../create-rule';
import { envReferenceFix } from '../env-reference';
import { envVarFor } from '../env-var';
import { ignoreCommentFix } from '../ignore-comment';

export interface NoOpenAIApiKeyOptions {
  /** Regular expressions (linear-time syntax) of keys to accept, matched against the whole key. */
  allow?: string[];
}

type MessageIds = 'apiKey' | 'useEnv' | 'redactComment' | 'removeFallback' | 'ignoreLine';

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
      apiKey: 'OpenAI {{label}} {{secret}} in the source. Rotate it if it was ever committed, then read it from process.env.{{envVar}}.',
      useEnv: 'Read the key from process.env.{{envVar}} instead.',
      redactComment: 'Replace the key in the comment with <{{envVar}}>.',
      removeFallback: 'Remove the hard-coded fallback: read process.env.{{envVar}} alone.',
      ignoreLine: 'Mark the line keyguard-ignore (keyguard scan and the pre-commit hook honour it too).',
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
        // Inline comments are read below: ESLint applies its own disable comments, so core must
        // not also go quiet on them (ESLint would call them unused, and --fix delete them).
        const findings = scanText(sourceCode.text, { path: context.filename, rules: [apiKeyRule], allow, inlineIgnore: false });
        let lines: LineIndex | undefined;
        for (const finding of findings) {
          lines ??= new LineIndex(sourceCode.text);
          if (isIgnoredInline(lines, finding.line - 1, { ruleId: finding.ruleId, eslintDirectives: false })) continue;
          const envVar = envVarFor(finding.ruleId);
          const suggestion = envReferenceFix(holderAt(finding.startOffset), finding.startOffset, finding.endOffset, envVar, sourceCode);
          const ignore = ignoreCommentFix(sourceCode, finding.startOffset);
          const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
          if (suggestion) {
            const messageId = suggestion.inComment ? 'redactComment' : suggestion.removesFallback ? 'removeFallback' : 'useEnv';
            suggest.push({ messageId, data: { envVar }, fix: suggestion.fix });
          }
          if (ignore) suggest.push({ messageId: 'ignoreLine', fix: ignore });
          context.report({
            loc: {
              start: sourceCode.getLocFromIndex(finding.startOffset),
              end: sourceCode.getLocFromIndex(finding.endOffset),
            },
            messageId: 'apiKey',
            data: { label: finding.label, secret: finding.secret, envVar },
            suggest,
          });
        }
      },
    };
  },
});
