import { fileKindOf, rulesFor } from './engine/file-kind';
import { prefilterFor } from './engine/prefilter';
import { findingPlaceOf, type FindingPlace } from './remediation';
import { foldedPlaces, searchable, type AnchorSpec } from './engine/anchor-scan';
import { candidatePositions, foldForSearch, literalStartsFor, literalStartsGeneration, literalStartsKnown } from './engine/literal-starts';
import { LineIndex } from './engine/lines';
import { meterWork } from './engine/work-meter';
import { releaseTextMemos } from './engine/text-memo';
import { fingerprintOf, secretIdOf } from './fingerprint';
import { isIgnoredInline } from './inline-ignore';
import type { UserPattern } from './engine/user-pattern';
import { redactSecret } from './redact';
import { rules as allRules } from './rules';
import type { Finding, MatchContext, MatchVerdict, RawFinding, Rule } from './types';

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
  /**
   * Hands each reported secret, whole, to an opt-in verifier (`keyguard scan --verify`, issue
   * 15) with the text around it (`text` holds it at `start`). A Finding never holds it; the
   * caller keeps it in memory and prints none of it.
   */
  onSecret?: (secret: RevealedSecret) => void;
}

/** A reported secret as `ScanOptions.onSecret` sees it: its `secretId`, the whole value and where it sits. */
export interface RevealedSecret {
  id: string;
  value: string;
  text: string;
  start: number;
}

const siblings = new WeakMap<Rule, RegExp[]>();
/** A rule's patterns: searched in the same texts, they share the places of their anchors. */
function siblingPatterns(rule: Rule): RegExp[] {
  let patterns = siblings.get(rule);
  if (!patterns) siblings.set(rule, (patterns = rule.matchers.map((matcher) => matcher.regex)));
  return patterns;
}

const foldedAnchors = new Map<string, string[]>();
/**
 * The anchors the rules' case-insensitive patterns search in the folded text, for the one-pass
 * search (engine/anchor-scan.ts): those it takes, less any that starts with another of them
 * (placesOf filters those from the shorter one's places). Made once per list of rules.
 */
function foldedAnchorsOf(rules: readonly Rule[]): string[] {
  const key = rules.map((rule) => rule.id).join('\0');
  let anchors = foldedAnchors.get(key);
  if (anchors) return anchors;
  const all = new Set<string>();
  for (const rule of rules)
    for (const { regex } of rule.matchers) {
      const starts = regex.ignoreCase ? literalStartsFor(regex, siblingPatterns(rule)) : null;
      for (const { anchor } of starts?.anchors ?? []) all.add(anchor);
    }
  anchors = [...all].filter((anchor) => searchable(anchor) && ![...all].some((other) => other !== anchor && anchor.startsWith(other)));
  if (foldedAnchors.size > 64) foldedAnchors.clear();
  foldedAnchors.set(key, anchors);
  return anchors;
}

/**
 * What scanBuffer searches a file's bytes for in one pass (engine/anchor-scan.ts): the byte
 * prefilter's anchors, exactly, then the rules' folded anchors; `prefilter` of them are the
 * prefilter's. The exact places also serve the case-sensitive patterns whose anchors they are
 * (`k-`, `k_`, `Blbk` for the rules shipped today); any other anchor is searched as before.
 */
export interface BytePass {
  readonly anchors: readonly AnchorSpec[];
  readonly prefilter: number;
}

/**
 * A rules list's pass, and the literalStartsGeneration it was made at. A rule's folded anchors
 * join the pass once its patterns' starts are known (the rule was a candidate once): working
 * them out costs milliseconds, which a hook that scans a few files without a keyword must not
 * pay up front, and a long scan pays once anyway.
 */
interface PassState {
  pass: BytePass | null;
  generation: number;
}

const bytePasses = new WeakMap<readonly Rule[], PassState>();

/** At most this many anchors in one pass (anchor-scan.ts takes up to 32). */
const MAX_PASS_ANCHORS = 32;

/**
 * The one pass for a rules list, or undefined when it cannot take the prefilter's anchors (an
 * anchor of one character, or too many): the prefilter and the patterns then search alone.
 */
export function bytePassFor(rules: readonly Rule[]): BytePass | undefined {
  const generation = literalStartsGeneration();
  let state = bytePasses.get(rules);
  if (!state || state.generation !== generation) {
    state = { pass: makeBytePass(rules), generation };
    bytePasses.set(rules, state);
  }
  return state.pass ?? undefined;
}

function makeBytePass(rules: readonly Rule[]): BytePass | null {
  const exact = prefilterFor(rules).anchors;
  if (!exact.every(searchable)) return null;
  const anchors: AnchorSpec[] = exact.map((text) => ({ text, fold: false }));
  const known = rules.filter((rule) => rule.matchers.every(({ regex }) => !regex.ignoreCase || literalStartsKnown(regex)));
  for (const text of foldedAnchorsOf(known)) if (anchors.length < MAX_PASS_ANCHORS) anchors.push({ text, fold: true });
  return anchors.length <= MAX_PASS_ANCHORS ? { anchors, prefilter: exact.length } : null;
}

/** The places a BytePass found in a text's bytes (ASCII: byte offsets are the text's). */
export interface PassPlaces {
  readonly pass: BytePass;
  readonly places: readonly number[][];
}

/** Runs the rules' patterns and validators: raw findings, sorted, overlaps resolved. */
export function findSecrets(text: string, path: string | undefined, rules: readonly Rule[]): RawFinding[] {
  return findSecretsIn(text, path, rules, false);
}

/**
 * `findSecrets`, told whether the rules were already chosen by their keywords (the byte
 * prefilter in scanBuffer selects exactly the rules whose keywords the text holds).
 */
function findSecretsIn(
  text: string,
  path: string | undefined,
  rules: readonly Rule[],
  keywordsChecked: boolean,
  ascii?: boolean,
  passPlaces?: PassPlaces,
): RawFinding[] {
  try {
    return findSecretsWith(text, path, rules, keywordsChecked, ascii, passPlaces);
  } finally {
    releaseTextMemos();
  }
}

function findSecretsWith(
  text: string,
  path: string | undefined,
  rules: readonly Rule[],
  keywordsChecked: boolean,
  ascii: boolean | undefined,
  passPlaces: PassPlaces | undefined,
): RawFinding[] {
  const fileKind = fileKindOf(path);
  const found: RawFinding[] = [];
  // The lower-cased text, made once per text for the patterns that search literals in it.
  let folded: string | undefined;
  const foldedText = (): string => (folded ??= foldForSearch(text, ascii));
  const anchorHits = new Map<string, number[]>();
  const lowerHits = new Map<string, number[]>();
  // The cheap test that skips the patterns: the rules whose keywords the text holds, one
  // search per prefilter anchor (engine/prefilter.ts) rather than one per keyword.
  const candidates = keywordsChecked ? rules : prefilterFor(rules).candidatesInText(text);
  // ASCII text: the folded anchors' places in one pass, not one indexOf each. Where the text
  // has no capital, the folded text is the text, and candidatePositions reads the text's map.
  // ASCII text: the anchors' places come from one pass, not one indexOf each (scanBuffer's
  // over the bytes, whose offsets are the text's, or one over the text here); the
  // case-insensitive patterns then read the text folded as they go, and it is lower-cased
  // whole only for an anchor the pass did not search.
  let foldLater: (() => string) | undefined;
  if (ascii === true && passPlaces) {
    const { anchors } = passPlaces.pass;
    for (let i = 0; i < anchors.length; i++) (anchors[i].fold ? lowerHits : anchorHits).set(anchors[i].text, passPlaces.places[i]);
    foldLater = foldedText;
  } else if (ascii === true) {
    const places = foldedPlaces(text, foldedAnchorsOf(candidates));
    if (places) {
      for (const [anchor, at] of places) lowerHits.set(anchor, at);
      foldLater = foldedText;
    }
  }
  for (const rule of candidates) {
    for (const matcher of rule.matchers) {
      const { regex } = matcher;
      const onMatch = (match: RegExpExecArray, lastIndex: number): number => {
        const start = match.index;
        const end = start + match[0].length;
        meterWork(1 + match[0].length);
        const context: MatchContext = { text, start, end, match, fileKind };
        const verdict: MatchVerdict = matcher.validate(context);
        const secrets = 'found' in verdict ? verdict.found : verdict;
        for (const secret of secrets) {
          found.push({
            ruleId: rule.id,
            start: secret.start,
            end: secret.end,
            label: secret.label ?? matcher.label ?? rule.label,
            ...(secret.envVar ? { envVar: secret.envVar } : {}),
            ...(secret.value !== undefined ? { value: secret.value } : {}),
          });
        }
        const resumeAt = 'found' in verdict ? verdict.resumeAt : undefined;
        if (resumeAt !== undefined && resumeAt > lastIndex) return resumeAt;
        return match[0].length === 0 ? lastIndex + 1 : lastIndex;
      };
      const starts = literalStartsFor(regex, siblingPatterns(rule));
      if (starts) {
        const folds = regex.ignoreCase && foldLater !== undefined;
        const haystack = !regex.ignoreCase || folds ? text : foldedText();
        const hits = regex.ignoreCase && (folds || haystack !== text) ? lowerHits : anchorHits;
        // Only where a literal of the pattern starts: the same matches, in the same order.
        const { sticky } = starts;
        const { skipAt } = matcher;
        let next = 0;
        let tried = -1;
        for (const position of candidatePositions(starts, haystack, text, hits, folds ? foldLater : undefined)) {
          if (position < next || position === tried) continue;
          tried = position;
          meterWork(1);
          const skipTo = skipAt?.(text, position);
          if (skipTo !== undefined) {
            next = skipTo;
            continue;
          }
          sticky.lastIndex = position;
          const match = sticky.exec(text);
          if (match) next = onMatch(match, sticky.lastIndex);
        }
        continue;
      }
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) regex.lastIndex = onMatch(match, regex.lastIndex);
    }
  }
  return resolveOverlaps(found, rules);
}

/**
 * One finding per secret: where two findings cover the same characters, the earlier rule in
 * the list wins (a whole key given to a key sink is the key rule's finding, not the sink rule's).
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
    // The shift of the elements after the place: a splice is linear in them.
    meterWork(1 + kept.length - low);
    kept.splice(low, 0, candidate);
  }
  return kept;
}

/** What follows rotating a secret, for where it sits (`MessageParts.keepOut`). */
function keepOutStep(place: FindingPlace, envVar: string): string {
  switch (place) {
    case 'env-file':
      return 'keep this env file out of git (.gitignore, git rm --cached)';
    case 'commit-message':
      return 'take it out of the commit message (reword the commit)';
    case 'lockfile':
      return 'take it out of the lock file (remove it from the dependency URL or registry setting it came from, then regenerate the lock file)';
    case 'code':
      return `read it from ${envVar}`;
  }
}

/** The message a finding of `rule` carries: the rule's own, never the whole secret. */
export function messageFor(
  rule: Rule,
  label: string,
  redacted: string,
  envVar: string = rule.envVar,
  sink?: string,
  place: FindingPlace = 'code',
): string {
  return rule.message({ label, secret: redacted, envVar, keepOut: keepOutStep(place, envVar), ...(sink !== undefined ? { sink } : {}) });
}

/** Where a secret was found and what it is: what `toFinding` turns into a reported finding. */
export interface FindingSource {
  rule: Rule;
  /** The secret itself (for ESLint, a string's value after escapes). */
  value: string;
  /** Its offsets in `lines`' text. */
  start: number;
  end: number;
  label: string;
  envVar?: string;
  sink?: string;
}

/** A reported finding: redacted, fingerprinted, stamped with the rule's severity and message. */
export function toFinding(
  source: FindingSource,
  lines: LineIndex,
  options: Pick<ScanOptions, 'path' | 'commit' | 'fingerprintPath'>,
): Finding {
  const { rule, value } = source;
  const file = options.path ?? '';
  const start = lines.positionOf(source.start);
  const end = lines.positionOf(source.end);
  const redacted = redactSecret(value, rule.redactPrefixes);
  const envVar = source.envVar ?? rule.labels?.[source.label]?.envVar ?? rule.envVar;
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message: messageFor(rule, source.label, redacted, envVar, source.sink, findingPlaceOf(file, options.commit)),
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    secret: redacted,
    fingerprint: fingerprintOf(rule.id, options.fingerprintPath ?? file, value),
    secretId: secretIdOf(value),
    ...(options.commit ? { commit: options.commit } : {}),
    label: source.label,
    envVar,
    startOffset: source.start,
    endOffset: source.end,
  };
}

/**
 * Scans a text for secrets. The one entry point every adapter uses: the CLI for files, the
 * git index and history, the ESLint plugin for a source file. Findings are redacted and
 * fingerprinted; inline `keyguard-ignore` comments and the allow list apply.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  return scanTextIn(text, options, false);
}

/**
 * `scanText`, told whether `options.rules` are already just the rules whose keywords the text
 * holds, and, when the caller knows (it decoded the bytes), whether the text is all ASCII.
 */
export function scanTextIn(
  text: string,
  options: ScanOptions,
  keywordsChecked: boolean,
  ascii?: boolean,
  passPlaces?: PassPlaces,
): Finding[] {
  const rules = rulesFor(options.rules ?? allRules, options.path);
  const raw = findSecretsIn(text, options.path, rules, keywordsChecked, ascii, passPlaces);
  if (raw.length === 0) return [];
  const lines = new LineIndex(text);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const findings: Finding[] = [];
  // One verdict per line: a line of thousands of keys is read once for its comments, not once per key.
  const ignoredLines = new Map<number, boolean>();
  const isIgnoredLine = (line: number): boolean => {
    let ignored = ignoredLines.get(line);
    if (ignored === undefined) ignoredLines.set(line, (ignored = isIgnoredInline(lines, line)));
    return ignored;
  };
  for (const secret of raw) {
    // A joined or escaped key is redacted and fingerprinted as the key itself, not its spelling.
    const value = secret.value ?? text.slice(secret.start, secret.end);
    if (options.allow?.some((pattern) => pattern.matchesWhole(value))) continue;
    if (options.inlineIgnore !== false && isIgnoredLine(lines.lineOf(secret.start))) continue;
    const finding = toFinding({ ...secret, rule: byId.get(secret.ruleId)!, value }, lines, options);
    options.onSecret?.({ id: finding.secretId, value, text, start: secret.start });
    findings.push(finding);
  }
  return findings;
}
