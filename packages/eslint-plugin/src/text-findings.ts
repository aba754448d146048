import {
  isIgnoredInline,
  LineIndex,
  prefilterFor,
  rules as coreRules,
  scanText,
  scanTextIn,
  type Finding,
  type Rule,
  type UserPattern,
} from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { envReadSuggestion } from './env-reference';
import { ignoreCommentFix } from './ignore-comment';

/** Every rule reports core's finding message as is: the wording is the rule record's. */
export const FINDING_MESSAGES = { finding: '{{message}}' } as const;

/**
 * What the suggestions say; the variable and its read (`{{read}}`: `process.env.NAME`, or
 * `import.meta.env.VITE_NAME` where the suggestion writes that) are core's plan's, so nothing
 * here names a provider and the message names what the edit writes.
 */
export const SUGGESTION_MESSAGES = {
  useEnv: 'Read the secret from {{read}} instead.',
  redactComment: 'Replace the secret in the comment with <{{envVar}}>.',
  removeFallback: 'Remove the hard-coded fallback: read {{read}} alone.',
  removeEnvAssignment: 'Remove this line and set {{envVar}} in the environment (an ignored .env file, your secret store).',
  ignoreLine: 'Mark the line keyguard-ignore (keyguard scan and the pre-commit hook honour it too).',
} as const;

export type TextMessageIds = keyof typeof FINDING_MESSAGES | keyof typeof SUGGESTION_MESSAGES;

/**
 * The rules that decide `rule`'s findings in `scanText`: itself and every rule before it in the
 * registry, since an overlap goes to the earlier rule (a whole key at a key sink is the key
 * rule's). Later rules cannot take a finding from it, so this is exactly what `keyguard scan`
 * reports for `rule`.
 */
function rulesUpTo(rule: Rule): readonly Rule[] {
  // One array per rule: core compiles its keyword prefilter per rules array (issue 16).
  let list = upTo.get(rule);
  if (!list) upTo.set(rule, (list = coreRules.slice(0, coreRules.indexOf(rule) + 1)));
  return list;
}
const upTo = new Map<Rule, readonly Rule[]>();

let lastText: string | undefined;
let lastKeywordRules: ReadonlySet<Rule> = new Set();

/**
 * The core rules whose keywords a file's text holds (core's prefilter), searched once per file
 * and shared by every keyguard rule: ESLint runs them one after another on the same text, and a
 * search per rule was most of what they cost on files that hold no keyword (issue 16).
 */
export function keywordRulesOf(text: string): ReadonlySet<Rule> {
  if (text !== lastText) {
    lastKeywordRules = new Set(prefilterFor(coreRules).candidatesInText(text));
    lastText = text;
  }
  return lastKeywordRules;
}

let scannedText: string | undefined;
let scannedPath: string | undefined;
let scannedFindings: readonly Finding[] = [];

/**
 * Every rule's findings in the file's text, from one core scan with every rule, shared by the
 * keyguard rules ESLint runs one after another on the same file (issue 16: each rule scanning
 * with itself and the rules before it read a text up to five times). Without an `allow` option,
 * a rule's part of it is exactly what a scan with the rules up to it would give: core resolves
 * overlaps in registry order, so a later rule never takes a finding from an earlier one.
 */
function fileFindings(text: string, path: string): readonly Finding[] {
  if (text !== scannedText || path !== scannedPath) {
    // The rules whose keywords the text holds, in registry order (so overlaps resolve as in a
    // scan with every rule), searched once for the file: core need not search again.
    const candidates = [...keywordRulesOf(text)];
    scannedFindings = candidates.length === 0 ? [] : scanTextIn(text, { path, rules: candidates, inlineIgnore: false }, true);
    scannedText = text;
    scannedPath = path;
  }
  return scannedFindings;
}

/**
 * Core's findings of `rule` in the file's text: what `keyguard scan` reports for it, less the
 * lines ESLint's own disable comments silence (ESLint applies those itself; a rule that went
 * quiet on them would make ESLint call the directive unused, and `--fix` delete it).
 * `keyguard-ignore` is keyguard's, and honoured here.
 */
export function textFindings(text: string, path: string, rule: Rule, allow: readonly UserPattern[], lines: () => LineIndex): Finding[] {
  // Without a keyword of these rules, core's scan finds nothing (its own prefilter would say so).
  const candidates = keywordRulesOf(text);
  if (!rulesUpTo(rule).some((candidate) => candidates.has(candidate))) return [];
  // An allow list is matched against the whole secret, which only core's scan holds: scan again with it.
  const found =
    allow.length === 0 ? fileFindings(text, path) : scanText(text, { path, rules: rulesUpTo(rule), allow, inlineIgnore: false });
  return found.filter((finding) => finding.ruleId === rule.id && !isIgnoredInline(lines(), finding.line - 1, { eslintDirectives: false }));
}

/** The comment or the innermost node that holds `offset`. */
function holderAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): TSESTree.Node | TSESTree.Comment | null {
  const comment = sourceCode.getAllComments().find((candidate) => candidate.range[0] <= offset && offset < candidate.range[1]);
  return comment ?? sourceCode.getNodeByRangeIndex(offset);
}

/**
 * Reports a core finding at its exact span, with core's message, and the suggestions the place
 * allows: core's env read (planEnvRead: read the variable, leave `<VAR>` in a comment, remove a
 * fallback or the line that sets the variable), then mark the line `keyguard-ignore`.
 */
export function reportTextFinding<MessageIds extends TextMessageIds>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  finding: Finding,
): void {
  const sourceCode = context.sourceCode;
  const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
  const replacement = envReadSuggestion(sourceCode, context.filename, holderAt(sourceCode, finding.startOffset), finding);
  if (replacement) suggest.push({ ...replacement, messageId: replacement.messageId as MessageIds });
  const ignore = ignoreCommentFix(sourceCode, finding.startOffset);
  if (ignore) suggest.push({ messageId: 'ignoreLine' as MessageIds, fix: ignore });
  context.report({
    loc: { start: sourceCode.getLocFromIndex(finding.startOffset), end: sourceCode.getLocFromIndex(finding.endOffset) },
    messageId: 'finding' as MessageIds,
    data: { message: finding.message },
    suggest,
  });
}

/** The `allow` option every rule takes. */
export const ALLOW_SCHEMA = {
  type: 'array',
  items: { type: 'string' },
  description: 'Regular expressions (RE2 syntax) of secrets to accept, matched against the whole secret.',
} as const;
