import { fileKindOf } from './engine/file-kind';
import { candidatePositions, literalStartsFor } from './engine/literal-starts';
import { LineIndex } from './engine/lines';
import { fingerprintOf } from './fingerprint';
import { isIgnoredInline } from './inline-ignore';
import type { UserPattern } from './engine/user-pattern';
import { redactSecret } from './redact';
import { rules as allRules } from './rules';
import type { Finding, MatchContext, RawFinding, Rule } from './types';

export interface ScanOptions {
  /** The file's path as it should be reported; also picks the file kind. */
  path?: string;
  /** The commit a history scan found the text in. */
  commit?: string;
  /** The rules to run; all of them by default. */
  rules?: readonly Rule[];
  /** Honour `keyguard-ignore` comments (default true). */
  inlineIgnore?: boolean;
  /** Secrets to accept: a finding whose whole secret one of these matches is dropped. */
  allow?: readonly UserPattern[];
  /**
   * The path the fingerprint hashes, when it differs from the reported one: the CLI passes the
   * path from the repository root, so a baseline matches from any working directory.
   */
  fingerprintPath?: string;
}

/** True when a text holds one of the rule's keywords: the cheap test that skips the patterns. */
export function hasKeyword(text: string, rule: Rule): boolean {
  return rule.keywords.some((keyword) => text.includes(keyword));
}

/** Runs the rules' patterns and validators: raw findings, sorted, overlaps resolved. */
export function findSecrets(text: string, path: string | undefined, rules: readonly Rule[]): RawFinding[] {
  return findSecretsIn(text, path, rules, false);
}

/**
 * `findSecrets`, told whether the rules were already chosen by their keywords (the byte
 * prefilter in scanBuffer selects exactly the rules whose keywords the text holds).
 */
export function findSecretsIn(text: string, path: string | undefined, rules: readonly Rule[], keywordsChecked: boolean): RawFinding[] {
  const fileKind = fileKindOf(path);
  const found: RawFinding[] = [];
  // The lower-cased text, made once per text for the patterns that search literals in it.
  let folded: string | null | undefined;
  const anchorHits = new Map<string, number[]>();
  const lowerHits = new Map<string, number[]>();
  const foldedText = (): string | null => {
    if (folded === undefined) {
      const lower = text.toLowerCase();
      // Lower-casing lengthens a text only at `İ`; then offsets would not line up.
      folded = lower.length === text.length ? lower : null;
    }
    return folded;
  };
  for (const rule of rules) {
    if (!keywordsChecked && !hasKeyword(text, rule)) continue;
    rule.regexes.forEach((regex, patternIndex) => {
      const onMatch = (match: RegExpExecArray, lastIndex: number): number => {
        const start = match.index;
        const end = start + match[0].length;
        const context: MatchContext = { text, start, end, match, patternIndex, fileKind };
        found.push(...rule.validate(context));
        if (context.skipTo !== undefined && context.skipTo > lastIndex) return context.skipTo;
        return match[0].length === 0 ? lastIndex + 1 : lastIndex;
      };
      const starts = literalStartsFor(regex);
      const haystack = starts ? (regex.ignoreCase ? foldedText() : text) : null;
      if (starts && haystack !== null) {
        // Only where a literal of the pattern starts: the same matches, in the same order.
        const { sticky } = starts;
        let next = 0;
        let tried = -1;
        for (const position of candidatePositions(starts, haystack, haystack === text ? anchorHits : lowerHits)) {
          if (position < next || position === tried) continue;
          tried = position;
          sticky.lastIndex = position;
          const match = sticky.exec(text);
          if (match) next = onMatch(match, sticky.lastIndex);
        }
        return;
      }
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) regex.lastIndex = onMatch(match, regex.lastIndex);
    });
  }
  return resolveOverlaps(found, rules);
}

/**
 * One finding per secret: where two findings cover the same characters, the earlier rule in
 * the list wins (an `sk-` key given to `api_key=` is an `openai-api-key` finding).
 */
function resolveOverlaps(found: RawFinding[], rules: readonly Rule[]): RawFinding[] {
  const rank = (ruleId: string): number => rules.findIndex((rule) => rule.id === ruleId);
  const ordered = [...found].sort((a, b) => rank(a.ruleId) - rank(b.ruleId) || a.start - b.start);
  // `kept` stays sorted and disjoint, so only the two neighbours of a candidate's place can
  // overlap it: a binary search per candidate keeps thousands of findings cheap.
  const kept: RawFinding[] = [];
  for (const candidate of ordered) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (kept[mid].start < candidate.start) low = mid + 1;
      else high = mid;
    }
    const previous = kept[low - 1];
    const next = kept[low];
    if (previous && previous.end > candidate.start) continue;
    if (next && next.start < candidate.end) continue;
    kept.splice(low, 0, candidate);
  }
  return kept;
}

/** The message a finding carries: what was found and what to do, never the whole secret. */
export function messageFor(ruleId: string, label: string, redacted: string): string {
  if (ruleId === 'openai-api-key') {
    return `OpenAI ${label} ${redacted}. Rotate it, then read it from OPENAI_API_KEY.`;
  }
  return `Hard-coded OpenAI key ${redacted} given to a key sink. Rotate it if it was committed, then read it from OPENAI_API_KEY.`;
}

/**
 * Scans a text for secrets. The one entry point every adapter uses: the CLI for files, the
 * git index and history, the ESLint plugin for a source file. Findings are redacted and
 * fingerprinted; inline `keyguard-ignore` comments and the allow list apply.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  return scanTextIn(text, options, false);
}

/** `scanText`, told whether `options.rules` are already just the rules whose keywords the text holds. */
export function scanTextIn(text: string, options: ScanOptions, keywordsChecked: boolean): Finding[] {
  const rules = options.rules ?? allRules;
  const raw = findSecretsIn(text, options.path, rules, keywordsChecked);
  if (raw.length === 0) return [];
  const lines = new LineIndex(text);
  const file = options.path ?? '';
  const findings: Finding[] = [];
  for (const secret of raw) {
    const value = text.slice(secret.start, secret.end);
    if (options.allow?.some((pattern) => pattern.matchesWhole(value))) continue;
    const start = lines.positionOf(secret.start);
    if (options.inlineIgnore !== false && isIgnoredInline(lines, start.line - 1)) continue;
    const end = lines.positionOf(secret.end);
    const redacted = redactSecret(value);
    findings.push({
      ruleId: secret.ruleId,
      message: messageFor(secret.ruleId, secret.label, redacted),
      file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      secret: redacted,
      fingerprint: fingerprintOf(secret.ruleId, options.fingerprintPath ?? file, value),
      ...(options.commit ? { commit: options.commit } : {}),
      label: secret.label,
      startOffset: secret.start,
      endOffset: secret.end,
    });
  }
  return findings;
}
