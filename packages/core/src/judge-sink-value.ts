import { LineIndex } from './engine/lines';
import { isIgnoredInline } from './inline-ignore';
import { rules as allRules } from './rules';
import type { UserPattern } from './engine/user-pattern';
import { findSecrets, toFinding } from './scan-text';
import type { Finding, Rule } from './types';

/** A value an adapter has seen handed to a sink (an option, an assignment, an argument). */
export interface SinkValue {
  /** The rule whose sink it is (`getRule(id)` must know it). */
  ruleId: string;
  /** The value itself, as the program sees it (a string literal's value after escapes). */
  value: string;
  /** Where the value's characters are in `text` (UTF-16 offsets, end exclusive): the finding's span. */
  start: number;
  end: number;
  /** The whole file's text: the inline-ignore comments and the line and column come from it. */
  text: string;
  /** The file's path as reported; the fingerprint hashes it (or `fingerprintPath`). */
  path?: string;
  fingerprintPath?: string;
  /** Values to accept: an entry that matches the whole value drops it. */
  allow?: readonly UserPattern[];
  /** The line index of `text`, when the adapter has one (it asks about many values in one file). */
  lines?: LineIndex;
  /** Honour `keyguard-ignore` comments (default true). */
  inlineIgnore?: boolean;
  /**
   * Also honour ESLint's line directives that name a keyguard rule (default true, as `scanText`
   * does). The ESLint plugin turns this off: ESLint applies its own directives, and a rule
   * that went quiet on them would make ESLint call the directive unused.
   */
  eslintDirectives?: boolean;
  /** Where it was handed over, for the message (`new Client({ apiKey })`); the rule's wording when left out. */
  sink?: string;
  /** The environment variable a fix reads instead; by default the rule's for `sink` (`envVarFor`), else its `envVar`. */
  envVar?: string;
}

/**
 * The one judgement of "this value reaches this sink": given a value an adapter found handed to
 * one of `ruleId`'s sinks (the ESLint plugin finds them in the AST, through scope analysis and
 * constants), decides whether it is a finding, exactly as `scanText` would for the same value:
 *
 * 1. a placeholder, a reference or an example (the rule's `isPlaceholderValue`) is not;
 * 2. a value the allow list matches whole is not;
 * 3. a value on a line silenced by `keyguard-ignore` (or after `keyguard-ignore-next-line`) is not;
 * 4. a value that holds a secret of a rule listed before `ruleId` (a whole key given to the key
 *    sink) is that rule's finding, not this one's, as overlapping findings are in `scanText`.
 *
 * Otherwise it returns the finding, with the rule's message (naming `sink` when given),
 * severity, the redacted value, the env var and the fingerprint; the adapter reports it as is.
 * Throws on an unknown rule id (a programming error, not a user's).
 */
/**
 * The rules before the one at `index`, one array per index: the keyword prefilter is compiled
 * per rules array (engine/prefilter.ts), and a sink value is judged for every sink in a file.
 */
const earlier: (readonly Rule[])[] = [];
const rulesBefore = (index: number): readonly Rule[] => (earlier[index] ??= allRules.slice(0, index));

export function judgeSinkValue(input: SinkValue): Finding | undefined {
  const index = allRules.findIndex((rule) => rule.id === input.ruleId);
  if (index === -1) throw new Error(`judgeSinkValue: no rule ${input.ruleId}`);
  const rule = allRules[index];
  const { value } = input;
  if (rule.isPlaceholderValue(value)) return undefined;
  if (input.allow?.some((pattern) => pattern.matchesWhole(value))) return undefined;
  const lines = input.lines ?? new LineIndex(input.text);
  if (input.inlineIgnore !== false && isIgnoredInline(lines, lines.lineOf(input.start), { eslintDirectives: input.eslintDirectives }))
    return undefined;
  // The value alone, as no file kind: the earlier rules judge the string, not its file's syntax.
  if (findSecrets(value, undefined, rulesBefore(index)).length > 0) return undefined;
  const envVar = input.envVar ?? (input.sink !== undefined ? rule.envVarFor?.(input.sink) : undefined);
  return toFinding(
    {
      rule,
      value,
      start: input.start,
      end: input.end,
      label: rule.label,
      ...(envVar !== undefined ? { envVar } : {}),
      ...(input.sink !== undefined ? { sink: input.sink } : {}),
    },
    lines,
    { path: input.path, fingerprintPath: input.fingerprintPath },
  );
}
