import type { LineIndex } from './engine/lines';
import { meterWork } from './engine/work-meter';

const NEXT_LINE = 'keyguard-ignore-next-line';
const SAME_LINE = 'keyguard-ignore';
const ESLINT_SAME_LINE = 'eslint-disable-line';
const ESLINT_NEXT_LINE = 'eslint-disable-next-line';
/** The ESLint plugin's namespace: its rule for core rule `<id>` is `@keyguard/no-<id>`. */
const ESLINT_PREFIX = '@keyguard/';

/**
 * True when the rules an ESLint directive names, in the text after it, include a keyguard one:
 * `eslint-disable-line @keyguard/no-x, other/rule -- why`. With a rule id, only that rule's
 * ESLint twin counts; without one, any `@keyguard/` rule does.
 *
 * A bare directive (`// eslint-disable-line`, no rule named) is NOT honoured, though ESLint
 * lets it silence every rule: it is mostly written for some other rule (no-console, a type
 * error), and honouring it here would let a key through the hook and CI that nobody chose to
 * accept. Keys are silenced on purpose or not at all (docs/eslint.md, "Silencing a finding").
 */
function namesKeyguardRule(afterDirective: string, ruleId: string | undefined): boolean {
  // The rule list ends at a justification (`--`), the end of a block comment, or the line.
  let list = afterDirective;
  for (const end of ['--', '*/', '-->']) {
    const at = list.indexOf(end);
    if (at !== -1) list = list.slice(0, at);
  }
  const wanted = ruleId === undefined ? undefined : `${ESLINT_PREFIX}no-${ruleId}`;
  return list
    .split(/[\s,]+/)
    .some((name) => (wanted === undefined ? name.startsWith(ESLINT_PREFIX) && name.length > ESLINT_PREFIX.length : name === wanted));
}

/** True when a line holds `directive` followed (after a space) by a list that names a keyguard rule. */
function hasEslintDirective(text: string, directive: string, ruleId: string | undefined): boolean {
  for (let at = text.indexOf(directive); at !== -1; at = text.indexOf(directive, at + directive.length)) {
    const after = text.slice(at + directive.length);
    // `eslint-disable-line` is not a prefix of `eslint-disable-next-line`, but guard the
    // boundary anyway: `eslint-disable-lines` is no directive.
    if (after !== '' && !/^\s/.test(after)) continue;
    if (namesKeyguardRule(after, ruleId)) return true;
  }
  return false;
}

/** Which comments count, beyond keyguard's own. */
export interface InlineIgnoreOptions {
  /** The finding's rule: only a directive naming its ESLint twin counts (any `@keyguard/` rule when left out). */
  ruleId?: string;
  /**
   * Honour ESLint's line directives (default true). The ESLint plugin turns this off: ESLint
   * applies its own directives, and a rule that went quiet on them would make ESLint call the
   * directive unused (and `--fix` delete it).
   */
  eslintDirectives?: boolean;
}

/**
 * True when a finding on a 0-based line is silenced by a comment, in any comment syntax:
 * `keyguard-ignore` on the line itself or `keyguard-ignore-next-line` on the line before, or
 * ESLint's `eslint-disable-line` / `eslint-disable-next-line` naming a `@keyguard/` rule (so an
 * editor's "disable for this line" quick fix is honoured by the hook and CI too). Pass the
 * finding's rule id so that only a directive naming that rule's ESLint twin counts.
 */
export function isIgnoredInline(lines: LineIndex, line: number, options: InlineIgnoreOptions = {}): boolean {
  const { ruleId, eslintDirectives = true } = options;
  const text = lines.lineText(line);
  meterWork(text.length);
  const at = text.indexOf(SAME_LINE);
  if (at !== -1 && !text.startsWith(NEXT_LINE, at)) return true;
  // A second mention after a next-line marker still silences this line.
  if (at !== -1 && text.indexOf(SAME_LINE, at + NEXT_LINE.length) !== -1) return true;
  if (eslintDirectives && text.includes(ESLINT_SAME_LINE) && hasEslintDirective(text, ESLINT_SAME_LINE, ruleId)) return true;
  if (line === 0) return false;
  const previous = lines.lineText(line - 1);
  meterWork(previous.length);
  if (previous.includes(NEXT_LINE)) return true;
  return eslintDirectives && previous.includes(ESLINT_NEXT_LINE) && hasEslintDirective(previous, ESLINT_NEXT_LINE, ruleId);
}
