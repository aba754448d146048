import { passCost } from './prefilter';

/**
 * A faster way to run a pattern of the shape `\b(?:lit|lit|…)…` or `(?:^|[^…])(?:lit|lit|…)…`
 * (a choice of literal names, case-insensitive): V8 cannot skip ahead on such a pattern and
 * tests it at every position, at a fifth of the speed of a plain `indexOf`. (A pattern that
 * starts with plain characters, `open_?ai`, gains a little the same way.) Every match of the
 * pattern starts where one of its literals does (or one character before, for the `[^…]`
 * prefix), so the places worth testing are found with `indexOf` on the lower-cased text, and
 * the pattern itself, made sticky, is tried only there, in order. The matches are exactly the
 * ones the global pattern finds: it too returns the leftmost position at which the pattern
 * matches, and no position the finder skips can match (tests compare the two).
 */

interface AnchoredLiteral {
  text: string;
  /** Where the anchor starts inside the literal. */
  offset: number;
  /** The literal's first and last character codes: cheap tests before `startsWith`. */
  first: number;
  last: number;
  /** The pattern's `\b` before the literal can hold only where the character before it is no word character. */
  wordBefore: boolean;
  /** Likewise after it: the literal is a whole alternative and the group is followed by `\b`. */
  wordAfter: boolean;
}

/** A literal the pattern's matches start with, and whether it is a whole alternative of the group. */
interface ShapeLiteral {
  text: string;
  whole: boolean;
}

export interface LiteralStarts {
  /** The pattern, sticky: tried at each candidate position. */
  sticky: RegExp;
  /** Characters a match may hold before its literal: 0 for `\b`, 1 for the `[^…]` prefix. */
  lead: number;
  /** Short lower-case anchors, each with the literals that hold it and where. */
  anchors: AnchorGroup[];
}

/**
 * An anchor and its literals, with a dispatch: at a place of the anchor, the character at
 * `probe` (an offset from the place, inside every literal) picks the literals that may start
 * there, so that a place is one look-up rather than a test of every literal. `pena` holds
 * eight literals of one pattern and is found a million times in a text that names the
 * provider everywhere; the character after `opena` tells most of them apart.
 */
interface AnchorGroup {
  anchor: string;
  literals: AnchoredLiteral[];
  probe: number;
  /** The literals whose character at `probe` has the index's code (literals are ASCII). */
  byProbe: (AnchoredLiteral[] | undefined)[];
}

/**
 * The probe for an anchor's literals: of the offsets at which every literal has a character,
 * the one whose buckets cost least (the sum of their sizes squared: the literals tested at a
 * place, on average); among equals, the one farthest from the anchor, whose character says
 * the most about the place.
 */
function dispatchOn(anchor: string, literals: AnchoredLiteral[]): AnchorGroup {
  let from = -Infinity;
  let to = Infinity;
  for (const { text, offset } of literals) {
    from = Math.max(from, -offset);
    to = Math.min(to, text.length - 1 - offset);
  }
  let best: { probe: number; cost: number } | undefined;
  for (let probe = from; probe <= to; probe++) {
    const sizes = new Map<number, number>();
    for (const { text, offset } of literals) {
      const code = text.charCodeAt(offset + probe);
      sizes.set(code, (sizes.get(code) ?? 0) + 1);
    }
    let cost = 0;
    for (const size of sizes.values()) cost += size * size;
    const distance = probe < 0 ? -probe : probe - (anchor.length - 1);
    const bestDistance = best && (best.probe < 0 ? -best.probe : best.probe - (anchor.length - 1));
    if (!best || cost < best.cost || (cost === best.cost && distance > bestDistance!)) best = { probe, cost };
  }
  const probe = best!.probe;
  const byProbe: (AnchoredLiteral[] | undefined)[] = Array.from({ length: 128 }, () => undefined);
  for (const literal of literals) {
    const code = literal.text.charCodeAt(literal.offset + probe);
    (byProbe[code] ??= []).push(literal);
  }
  return { anchor, literals, probe, byProbe };
}

const LITERAL = /^(?:[A-Za-z0-9_:-]|\\\.)+$/;

/** `\w` without the `u` flag: an ASCII letter, digit or underscore. */
const isWordCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;

/**
 * The literal alternatives of a pattern of a supported shape, unescaped; undefined otherwise.
 * Shapes: `\b(?:…)`, `(?:^|[^…])(?:…)` or a bare `(?:…)` at the start, whose alternatives
 * each start with plain characters (`Bearer[ \t]+`: a match of that alternative starts with
 * `Bearer`), and no choice outside the group (`(?:a|b)c|d` could match at `d`).
 */
function parseShape(source: string): Shape | undefined {
  const shape = /^(\\b|\(\?:\^\|\[\^[^\]\\]*\]\)|)\(\?:/.exec(source);
  if (!shape) return literalPrefix(source);
  const group = topLevelChoice(source, shape[0].length);
  // An optional group (`(?:a|b)?c`) or a choice after it: then not every match starts with a literal.
  if (!group || /^[?*{]/.test(source.slice(group.end + 1)) || hasTopLevelChoice(source, group.end + 1)) return undefined;
  const literals: ShapeLiteral[] = [];
  for (const alternative of group.alternatives) {
    const whole = LITERAL.test(alternative);
    const literal = whole ? alternative.replace(/\\\./g, '.') : leadingLiteral(alternative);
    if (literal === undefined) return undefined;
    literals.push({ text: literal, whole });
  }
  return {
    lead: shape[1] === '\\b' || shape[1] === '' ? 0 : 1,
    literals,
    wordBefore: shape[1] === '\\b',
    wordAfter: source.startsWith('\\b', group.end + 1),
  };
}

/** What a pattern's start says: its lead, its literals, and the `\b` on either side of its group. */
interface Shape {
  lead: number;
  literals: ShapeLiteral[];
  /** The pattern starts with `\b` (then the lead is 0). */
  wordBefore: boolean;
  /** The group is followed by `\b`. */
  wordAfter: boolean;
}

/**
 * The alternatives of the group whose body starts at `from` (just past its `(?:`), split at its
 * own `|`, and the offset of its `)`. Undefined when the group holds a group of its own.
 */
function topLevelChoice(source: string, from: number): { alternatives: string[]; end: number } | undefined {
  const alternatives: string[] = [];
  let start = from;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') return undefined;
    else if (ch === '|' || ch === ')') {
      alternatives.push(source.slice(start, i));
      start = i + 1;
      if (ch === ')') return { alternatives, end: i };
    }
  }
  return undefined;
}

/** True when the pattern has a `|` outside every group and class, from `from` on. */
function hasTopLevelChoice(source: string, from: number): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth <= 0) return true;
  }
  return false;
}

/**
 * The plain characters an alternative starts with (`Bearer` of `Bearer[ \t]+`), less the last
 * one when a quantifier follows it; undefined when fewer than three are left.
 */
function leadingLiteral(alternative: string): string | undefined {
  const chars: string[] = [];
  let i = 0;
  while (i < alternative.length) {
    if (/[A-Za-z0-9_:-]/.test(alternative[i])) chars.push(alternative[i++]);
    else if (alternative.startsWith('\\.', i)) {
      chars.push('.');
      i += 2;
    } else break;
  }
  if (/^[?*+{]/.test(alternative.slice(i))) chars.pop();
  return chars.length >= 3 ? chars.join('') : undefined;
}

/**
 * What a piece that another pattern of the text searches costs: its places are found once
 * per text (candidatePositions shares them), so only checking them is left. Below any
 * `passCost` (at least 1), and still a cost, so that such pieces rank by what they cover.
 */
const SEARCHED_COST = 0.05;

/**
 * Anchors for the literals: a greedy set cover over their pieces of two to four characters,
 * each time the piece that holds the most uncovered literals per unit of search cost (a piece
 * starting with a rare character is a faster `indexOf`), as the byte prefilter chooses. Each
 * piece's literals and cost are worked out once: this runs at the start of every scan.
 */
function chooseAnchors(
  literals: readonly string[],
  boundaries: (literal: string) => Pick<AnchoredLiteral, 'wordBefore' | 'wordAfter'>,
  searched: ReadonlySet<string>,
): Map<string, AnchoredLiteral[]> {
  const pieces = new Set<string>();
  for (const literal of literals) {
    for (let length = Math.min(2, literal.length); length <= Math.min(4, literal.length); length++) {
      for (let at = 0; at + length <= literal.length; at++) pieces.add(literal.slice(at, at + length));
    }
  }
  const table = [...pieces].map((piece) => ({
    piece,
    cost: searched.has(piece) ? SEARCHED_COST : passCost(Buffer.from(piece, 'latin1')),
    holders: literals.filter((literal) => literal.includes(piece)),
  }));
  const uncovered = new Set(literals);
  const byAnchor = new Map<string, AnchoredLiteral[]>();
  while (uncovered.size > 0) {
    let best: { piece: string; covers: string[]; score: number } | undefined;
    for (const { piece, cost, holders } of table) {
      const covers = holders.filter((literal) => uncovered.has(literal));
      if (covers.length === 0) continue;
      const score = covers.length / cost;
      if (!best || score > best.score || (score === best.score && piece.length > best.piece.length)) best = { piece, covers, score };
    }
    // Every literal of two or more characters holds a piece; a shorter one is its own piece.
    const { piece, covers } = best!;
    for (const literal of covers) uncovered.delete(literal);
    // Each covered literal is checked at its first offset of the piece only: a literal holds
    // a piece at one fixed place per occurrence, so the first offset finds every occurrence.
    byAnchor.set(
      piece,
      covers.map((text) => ({
        text,
        offset: text.indexOf(piece),
        first: text.charCodeAt(0),
        last: text.charCodeAt(text.length - 1),
        ...boundaries(text),
      })),
    );
  }
  return byAnchor;
}

/**
 * A pattern that starts with plain characters (`acme_?corp`, a key's fixed prefix): every match
 * starts with them, less the last one when a quantifier follows it (`open` of `open_?ai`).
 */
function literalPrefix(source: string): Shape | undefined {
  // A choice anywhere could be a choice at the top (`abc|xyz`): then not every match starts so.
  if (source.includes('|')) return undefined;
  let prefix = /^[A-Za-z0-9_-]*/.exec(source)![0];
  if (/^[?*+{]/.test(source.slice(prefix.length))) prefix = prefix.slice(0, -1);
  return prefix.length >= 3 ? { lead: 0, literals: [{ text: prefix, whole: false }], wordBefore: false, wordAfter: false } : undefined;
}

const cache = new WeakMap<RegExp, LiteralStarts | null>();
/** How many times patterns' literal starts were worked out in this process (see literalStartsKnown). */
let generation = 0;

/** Whether the pattern's literal starts are worked out already (a look-up, not the work). */
export const literalStartsKnown = (regex: RegExp): boolean => cache.has(regex);
/** Changes whenever literalStartsFor works out another pattern's starts: what was not known may be now. */
export const literalStartsGeneration = (): number => generation;

/**
 * How to find the candidate positions of a pattern, or null when its shape is not supported.
 * `siblings` are the patterns searched in the same texts (a rule's other matchers): their
 * anchors are chosen with this one's, each preferring a piece another of them searches
 * already (`gpt3.newclient` through the `clie` of the `…Client(` calls, not a pass of its own
 * for `3.ne`). The first call for a pattern decides; the matches are the same either way.
 */
export function literalStartsFor(regex: RegExp, siblings: readonly RegExp[] = []): LiteralStarts | null {
  const cached = cache.get(regex);
  if (cached !== undefined) return cached;
  generation++;
  const group = [regex, ...siblings.filter((sibling) => sibling !== regex && !cache.has(sibling))];
  const plans = group.map(planFor);
  const alone = plans.map((plan) => plan?.choose(new Set()));
  group.forEach((member, i) => {
    const plan = plans[i];
    // Then again, knowing what the others searching the same haystack (folded or not) search alone.
    const searched = new Set(
      alone.flatMap((anchors, j) => (anchors && j !== i && group[j].ignoreCase === member.ignoreCase ? [...anchors.keys()] : [])),
    );
    const anchors = plan && (searched.size === 0 ? alone[i]! : plan.choose(searched));
    cache.set(
      member,
      plan && {
        sticky: new RegExp(member.source, member.flags.includes('y') ? member.flags : member.flags + 'y'),
        lead: plan.lead,
        anchors: [...anchors!].map(([anchor, literals]) => dispatchOn(anchor, literals)),
      },
    );
  });
  return cache.get(regex)!;
}

/** A supported pattern's lead and how to choose its anchors, given the pieces searched already; null otherwise. */
function planFor(regex: RegExp): { lead: number; choose: (searched: ReadonlySet<string>) => Map<string, AnchoredLiteral[]> } | null {
  const shape = parseShape(regex.source);
  // Only with ASCII case folding (no `u` or `v` flag) is a lower-case search a superset.
  if (!shape || /[uvmsy]/.test(regex.flags)) return null;
  // A literal that is a whole alternative once and the start of one elsewhere is not checked after.
  const whole = new Map<string, boolean>();
  for (const literal of shape.literals) {
    const text = regex.ignoreCase ? literal.text.toLowerCase() : literal.text;
    whole.set(text, (whole.get(text) ?? true) && literal.whole);
  }
  const boundaries = (text: string): Pick<AnchoredLiteral, 'wordBefore' | 'wordAfter'> => ({
    wordBefore: shape.wordBefore && isWordCode(text.charCodeAt(0)),
    wordAfter: shape.wordAfter && whole.get(text) === true && isWordCode(text.charCodeAt(text.length - 1)),
  });
  return { lead: shape.lead, choose: (searched) => chooseAnchors([...whole.keys()], boundaries, searched) };
}

/**
 * The haystack a case-insensitive pattern's literals are searched in (`candidatePositions`):
 * the text with its ASCII letters lower-cased, one position per code unit, the same length.
 * Without the `u` flag, `i` never matches a character past ASCII to an ASCII one (the Kelvin
 * sign is no `k`, `ſ` no `s`), so only the ASCII positions must be right. Text known to hold a
 * character past ASCII (`ascii` false: the byte scan knows) is first made one byte per code
 * unit, each keeping its low byte (`Ł` becomes `A`): V8 lower-cases and searches such text
 * faster than two-byte text. So is text whose lower-casing changes its length (`İ` becomes two
 * characters). A character past ASCII may then look like a literal's letter: a candidate the
 * pattern rejects, never a match missed.
 */
export function foldForSearch(text: string, ascii?: boolean): string {
  if (ascii !== false) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) return lower;
  }
  return Buffer.from(text, 'latin1').toString('latin1').toLowerCase();
}

/**
 * The positions, ascending, at which the pattern could match: each place a literal occurs in
 * `folded` (foldForSearch of the text when the pattern ignores case, the text itself otherwise;
 * the same length as the text), moved back by the pattern's lead. `hits` keeps each anchor's
 * places in `folded` for the next pattern searching the same text.
 *
 * A place where the pattern's `\b` cannot hold is left out (`token` inside `max_tokens` for
 * `\b(?:…|token|…)\b`): a literal's word character matches only an ASCII word character of
 * `text` (ASCII case folding never maps another character to one), so `\b` before it needs no
 * word character in `text` just before, and after a whole alternative that ends in one, none
 * just after. This is tested on `text` itself, not on `folded` (the Kelvin sign folds to `k`).
 *
 * `foldLater`, for ASCII text only: `folded` is then the text itself, read folded (a capital
 * taken as its lower-case letter), so the text need not be lower-cased whole when `hits` holds
 * the anchors' folded places already (scanBuffer's pass over the bytes); an anchor it lacks is
 * searched in `foldLater()`.
 */
export function candidatePositions(
  starts: LiteralStarts,
  folded: string,
  text: string,
  hits: Map<string, number[]> = new Map(),
  foldLater?: () => string,
): number[] {
  const positions: number[] = [];
  const foldCodes = foldLater !== undefined;
  // One anchor and one literal give positions in order already (most patterns of a text): no sort.
  let ascending = true;
  const add = (position: number): void => {
    if (positions.length > 0 && position < positions[positions.length - 1]) ascending = false;
    positions.push(position);
  };
  for (const { anchor, probe, byProbe } of starts.anchors) {
    // Several patterns of a rule share anchors: each is searched once per text.
    let places = hits.get(anchor);
    if (!places) {
      places = placesOf(anchor, folded, hits, foldLater);
      hits.set(anchor, places);
    }
    for (const at of places) {
      // Past either end of the text the code is NaN: no bucket.
      const code = codeAt(folded, at + probe, foldCodes);
      const bucket = code < 128 ? byProbe[code] : undefined;
      if (bucket === undefined) continue;
      for (let i = 0; i < bucket.length; i++) {
        const candidate = bucket[i];
        const start = at - candidate.offset;
        const end = start + candidate.text.length;
        if (start < 0 || codeAt(folded, start, foldCodes) !== candidate.first || codeAt(folded, end - 1, foldCodes) !== candidate.last)
          continue;
        if (candidate.wordBefore && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
        if (candidate.wordAfter && end < text.length && isWordCode(text.charCodeAt(end))) continue;
        if (foldCodes ? !foldedStartsWith(folded, candidate.text, start) : !folded.startsWith(candidate.text, start)) continue;
        if (starts.lead === 0) add(start);
        else {
          // `(?:^|[^…])`: the character before the literal, or the text's start.
          if (start > 0) add(start - 1);
          if (start <= 1) add(0);
        }
      }
    }
  }
  // A typed array sorts numbers without a comparator call per step.
  return ascending ? positions : Array.from(Int32Array.from(positions).sort());
}

/** The code at `at`, an ASCII capital as its lower-case letter when `fold`. */
function codeAt(text: string, at: number, fold: boolean): number {
  const code = text.charCodeAt(at);
  return fold && code >= 65 && code <= 90 ? code + 32 : code;
}

/** Whether the (lower-case) `literal` starts at `start` of the text read folded. */
function foldedStartsWith(text: string, literal: string, start: number): boolean {
  if (start + literal.length > text.length) return false;
  for (let i = 0; i < literal.length; i++) if (codeAt(text, start + i, true) !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * Every place `anchor` occurs in `folded`, ascending. When the places of a shorter anchor that
 * starts it are known already (`pen` for `pena`), they are filtered instead of searching the
 * whole text again: each occurrence of `anchor` is one of them.
 */
function placesOf(anchor: string, folded: string, hits: Map<string, number[]>, foldLater?: () => string): number[] {
  const places: number[] = [];
  for (let length = anchor.length - 1; length >= 2; length--) {
    const shorter = hits.get(anchor.slice(0, length));
    if (!shorter) continue;
    if (foldLater) for (const at of shorter) if (foldedStartsWith(folded, anchor, at)) places.push(at);
    if (!foldLater) for (const at of shorter) if (folded.startsWith(anchor, at)) places.push(at);
    return places;
  }
  const haystack = foldLater ? foldLater() : folded;
  for (let at = haystack.indexOf(anchor); at !== -1; at = haystack.indexOf(anchor, at + 1)) places.push(at);
  return places;
}
