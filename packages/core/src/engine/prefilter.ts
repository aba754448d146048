import type { Rule } from '../types';
import { lowerBound } from './lower-bound';

/**
 * The byte prefilter: which rules could match a file, decided on its raw bytes before any
 * decoding. A rule is a candidate when the bytes hold one of its keywords exactly as listed
 * (keywords are case-sensitive byte strings; a rule lists the spellings it needs).
 *
 * One `Buffer.indexOf` per keyword would be one pass over every file per keyword: ten passes
 * for the two rules, most of them over files that hold none. Instead the keywords are grouped
 * under a few short anchors, chosen so that each keyword holds one and the anchor starts with
 * a byte that is rare in source code (`indexOf` skips ahead on its first byte, so a rare first
 * byte is a fast pass): for the rules shipped today, one for the key prefix and two for the
 * nine spellings of the provider's name.
 * Each anchor hit is checked against the keywords that hold it. The result is exactly the
 * rules that `keywords.some((k) => bytes.includes(k))` selects; the tests compare the two.
 */
export interface KeywordPrefilter {
  /** The rules whose keywords occur in the bytes, in the rules' order. */
  candidates(bytes: Uint8Array): Rule[];
  /**
   * The same over decoded text (keywords are ASCII, so an ASCII keyword is in the text exactly
   * when its bytes are in the UTF-8 or latin1 bytes): for the windows of a streamed file, with
   * one search per anchor instead of one `includes` per keyword.
   */
  candidatesInText(text: string): Rule[];
  /** The anchors it searches for, exact bytes as latin1 strings (for a search of all of them in one pass). */
  readonly anchors: readonly string[];
  /**
   * `candidates`, with every place of each of `anchors` in the bytes already found
   * (`places[i]`, ascending, for `anchors[i]`): the same rules, with no search of its own.
   */
  candidatesAt(bytes: Uint8Array, places: readonly (readonly number[])[]): Rule[];
}

/** What the search needs of its input: bytes or a string. */
interface Haystack {
  /** The offset of the anchor at or after `from`, or -1. */
  find(anchor: PlannedAnchor, from: number): number;
  /** True when the keyword starts at `start` (false outside the haystack). */
  holds(keyword: PlannedKeyword, start: number): boolean;
}

interface PlannedKeyword {
  bytes: Buffer;
  text: string;
  offsets: number[];
  ruleIndexes: number[];
}

interface PlannedAnchor {
  /** Its place in the plan (and in `KeywordPrefilter.anchors`). */
  index: number;
  bytes: Buffer;
  text: string;
  keywords: PlannedKeyword[];
}

interface KeywordEntry {
  bytes: Buffer;
  /** Indexes into the rules list of the rules that list this keyword. */
  ruleIndexes: number[];
}

interface Anchor {
  bytes: Buffer;
  /** The keywords that hold this anchor, with every offset at which they hold it. */
  keywords: { entry: KeywordEntry; offsets: number[] }[];
}

// Rough frequency (percent) of a byte in source code: what makes an anchor's first byte rare.
// Only the order matters; lower-case letters follow English, capitals and digits are rarer.
const LETTER_FREQUENCY: Record<string, number> = {
  e: 12,
  t: 9,
  a: 8,
  o: 7.5,
  i: 7,
  n: 7,
  s: 6.3,
  r: 6,
  h: 5,
  l: 4,
  d: 4,
  c: 3,
  u: 3,
  m: 2.5,
  f: 2.2,
  p: 2,
  g: 2,
  w: 2,
  y: 2,
  b: 1.5,
  v: 1,
  k: 0.8,
  x: 0.3,
  j: 0.2,
  q: 0.1,
  z: 0.1,
};

/** A byte's rough frequency in source code (percent): what makes a search's stop rare. */
export function byteFrequency(byte: number): number {
  const ch = String.fromCharCode(byte);
  if (ch >= 'a' && ch <= 'z') return LETTER_FREQUENCY[ch];
  if (ch >= 'A' && ch <= 'Z') return LETTER_FREQUENCY[ch.toLowerCase()] / 8;
  if (ch >= '0' && ch <= '9') return 0.6;
  if (ch === ' ') return 15;
  if (ch === '.' || ch === '_' || ch === '-' || ch === '(' || ch === ')' || ch === '"' || ch === "'") return 1.5;
  return 0.5;
}

/** What one pass with this anchor costs, roughly: a memory pass plus the stops at its first byte. */
export const passCost = (anchor: Uint8Array): number => costOf(anchor[0], anchor.length);
const costOf = (first: number, length: number): number => 1 + (0.75 * byteFrequency(first)) / Math.max(1, length - 1);

/**
 * What one pass with an anchor costs (passCost), and for an anchor that holds an escape (a
 * backslash and a letter) its hits too. A hit costs a return to JavaScript and a check of its
 * keywords, about as much as HIT_COST bytes of a pass. What follows a backslash is far from
 * independent of it: `\u`, `\x`, `\n` make up most backslashes in minified code and JSON, and
 * `\u` is mostly followed by `00`. So an escape anchor is taken to hit at a quarter of its
 * backslashes, whatever follows. Issue 16: with `\u` as an anchor, 126,000 of the 170,000 anchor
 * hits in a scan of node_modules were its own; `k\` and `73` cover the same keywords with some 6,000.
 */
const HIT_COST = 9000;
const ESCAPE_HIT_COST = (HIT_COST * 0.25 * byteFrequency(0x5c)) / 100;
const anchorCost = (text: string): number => costOf(text.charCodeAt(0), text.length) + (/\\[a-z]/.test(text) ? ESCAPE_HIT_COST : 0);

function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) offsets.push(at);
  return offsets;
}

/**
 * Picks anchors for the keywords: a greedy set cover over their substrings of two to four
 * bytes, taking each time the anchor that covers the most uncovered keywords per unit of cost.
 * Which keywords hold each candidate, and its cost, are worked out once, on latin1 strings
 * (the same test as on the bytes, without a Buffer call per pair): this runs at the start of
 * every process that scans, a commit's hook among them.
 */
function chooseAnchors(entries: readonly KeywordEntry[]): Anchor[] {
  const texts = entries.map((entry) => entry.bytes.toString('latin1'));
  const candidates = new Set<string>();
  for (const text of texts) {
    const lengths = text.length <= 2 ? [text.length] : [2, 3, 4].filter((n) => n <= text.length);
    for (const length of lengths) {
      for (let at = 0; at + length <= text.length; at++) candidates.add(text.slice(at, at + length));
    }
  }
  // Per candidate: the keywords that hold it, in the entries' order, and what a pass costs.
  const table = [...candidates].map((text) => ({
    text,
    cost: anchorCost(text),
    holders: entries.filter((_, index) => texts[index].includes(text)),
  }));
  const uncovered = new Set(entries);
  const anchors: Anchor[] = [];
  while (uncovered.size > 0) {
    let best: { text: string; covers: KeywordEntry[]; holders: KeywordEntry[]; score: number } | undefined;
    for (const { text, cost, holders } of table) {
      const covers = holders.filter((entry) => uncovered.has(entry));
      if (covers.length === 0) continue;
      const score = covers.length / cost;
      if (!best || score > best.score || (score === best.score && text.length > best.text.length)) best = { text, covers, holders, score };
    }
    // Every keyword is its own candidate, so a best anchor always exists.
    const chosen = best!;
    for (const entry of chosen.covers) uncovered.delete(entry);
    // An anchor also verifies the already-covered keywords that hold it: fewer passes later.
    const bytes = Buffer.from(chosen.text, 'latin1');
    anchors.push({ bytes, keywords: chosen.holders.map((entry) => ({ entry, offsets: offsetsOf(entry.bytes, bytes) })) });
  }
  return anchors;
}

/** Whether the keyword's bytes start at `start` in the bytes (false outside them). */
function bytesHoldAt(bytes: Buffer, keyword: Buffer, start: number): boolean {
  if (start < 0 || start + keyword.length > bytes.length) return false;
  for (let i = 0; i < keyword.length; i++) if (bytes[start + i] !== keyword[i]) return false;
  return true;
}

/** Whether the keyword holds the anchor found at `at` (at any of the anchor's places in it). */
function holdsAround(haystack: Haystack, keyword: PlannedKeyword, at: number): boolean {
  // A loop, not offsets.some(…): this runs at every anchor hit, and a closure per keyword per
  // hit showed in profiles of minified code (issue 16).
  for (const offset of keyword.offsets) if (haystack.holds(keyword, at - offset)) return true;
  return false;
}

/** Which of the rules (by index) a haystack holds a keyword of (undefined for none), and the anchors it searches. */
interface KeywordSearch {
  (haystack: Haystack): boolean[] | undefined;
  anchors: readonly string[];
}

/** Compiles the prefilter for a list of rules (cached per list by `prefilterFor`). */
export function compileKeywordPrefilter(rules: readonly Rule[]): KeywordPrefilter {
  return bindSearch(compileSearch(rules.map((rule) => rule.keywords)), rules);
}

/** The search for rules with these keyword lists (what costs milliseconds to compile). */
function compileSearch(keywordLists: readonly (readonly string[])[]): KeywordSearch {
  const ruleCount = keywordLists.length;
  const byKeyword = new Map<string, KeywordEntry>();
  keywordLists.forEach((keywords, index) => {
    for (const keyword of keywords) {
      const entry = byKeyword.get(keyword) ?? { bytes: Buffer.from(keyword, 'latin1'), ruleIndexes: [] };
      if (!entry.ruleIndexes.includes(index)) entry.ruleIndexes.push(index);
      byKeyword.set(keyword, entry);
    }
  });
  const anchors = chooseAnchors([...byKeyword.values()]);
  // Per anchor, per keyword: the bytes, the offsets of the anchor in it, and its rules.
  const plan: PlannedAnchor[] = anchors.map((anchor, index) => ({
    index,
    bytes: anchor.bytes,
    text: anchor.bytes.toString('latin1'),
    keywords: anchor.keywords.map(({ entry, offsets }) => ({
      bytes: entry.bytes,
      text: entry.bytes.toString('latin1'),
      offsets,
      ruleIndexes: entry.ruleIndexes,
    })),
  }));
  const search = (bytes: Haystack): boolean[] | undefined => {
    // Called once per file: no closures or arrays unless an anchor is found.
    let found: boolean[] | undefined;
    let remaining = ruleCount;
    for (const anchor of plan) {
      if (remaining === 0) break;
      // An anchor whose keywords' rules are all found already is not searched again.
      const known = found;
      if (known && anchor.keywords.every(({ ruleIndexes }) => ruleIndexes.every((index) => known[index]))) continue;
      let at = bytes.find(anchor, 0);
      if (at === -1) continue;
      found ??= new Array<boolean>(ruleCount).fill(false);
      const seen = found;
      const isDone = (ruleIndexes: number[]): boolean => ruleIndexes.every((index) => seen[index]);
      let open = anchor.keywords.filter(({ ruleIndexes }) => !isDone(ruleIndexes));
      for (; at !== -1 && open.length > 0; at = bytes.find(anchor, at + 1)) {
        let hit = false;
        for (const keyword of open) {
          if (!holdsAround(bytes, keyword, at)) continue;
          for (const index of keyword.ruleIndexes) {
            if (!seen[index]) {
              seen[index] = true;
              remaining--;
            }
          }
          hit = true;
        }
        if (hit) open = open.filter(({ ruleIndexes }) => !isDone(ruleIndexes));
      }
    }
    return found;
  };
  return Object.assign(search, { anchors: plan.map((anchor) => anchor.text) });
}

/** The first of the ascending `places` at or after `from`, or -1. */
function placeFrom(places: readonly number[], from: number): number {
  const at = lowerBound(places, from);
  return at < places.length ? places[at] : -1;
}

const asBuffer = (input: Uint8Array): Buffer =>
  Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);

/** The prefilter for these rules, with a compiled search for their keyword lists. */
function bindSearch(searchFor: KeywordSearch, rules: readonly Rule[]): KeywordPrefilter {
  const search = (haystack: Haystack): Rule[] => {
    const found = searchFor(haystack);
    return found ? rules.filter((_, index) => found[index]) : [];
  };
  return {
    anchors: searchFor.anchors,
    candidates: (input) => search(new BytesHaystack(asBuffer(input))),
    candidatesInText: (text) => search(new TextHaystack(text)),
    candidatesAt: (input, places) => search(new PlacesHaystack(asBuffer(input), places)),
  };
}

// The haystacks are classes, not object literals of closures: one shape each, so the search,
// run once per file, is not recompiled when the other kind of input comes (issue 16).

/** Raw bytes, searched with `Buffer.indexOf`. */
class BytesHaystack implements Haystack {
  constructor(private readonly bytes: Buffer) {}
  find(anchor: PlannedAnchor, from: number): number {
    return this.bytes.indexOf(anchor.bytes, from);
  }
  holds(keyword: PlannedKeyword, start: number): boolean {
    return bytesHoldAt(this.bytes, keyword.bytes, start);
  }
}

/** Decoded text (keywords are ASCII). */
class TextHaystack implements Haystack {
  constructor(private readonly text: string) {}
  find(anchor: PlannedAnchor, from: number): number {
    return this.text.indexOf(anchor.text, from);
  }
  holds(keyword: PlannedKeyword, start: number): boolean {
    return start >= 0 && this.text.startsWith(keyword.text, start);
  }
}

/** Raw bytes whose anchors' places were found already (`places[i]` for the plan's anchor i). */
class PlacesHaystack implements Haystack {
  constructor(
    private readonly bytes: Buffer,
    private readonly places: readonly (readonly number[])[],
  ) {}
  find(anchor: PlannedAnchor, from: number): number {
    return placeFrom(this.places[anchor.index], from);
  }
  holds(keyword: PlannedKeyword, start: number): boolean {
    return bytesHoldAt(this.bytes, keyword.bytes, start);
  }
}

const compiled = new WeakMap<readonly Rule[], KeywordPrefilter>();
/**
 * Searches by the rules' keyword lists: a list made afresh for each call (`rules.slice(0, n)`,
 * as the ESLint rules and judgeSinkValue make) reuses the search compiled for the same keywords,
 * which costs milliseconds, instead of compiling it again. Few distinct lists exist; the map is
 * emptied if a caller ever makes many.
 */
const searches = new Map<string, KeywordSearch>();
const MAX_SEARCHES = 256;

/** The prefilter for a rules list, compiled once per list of keyword lists. */
export function prefilterFor(rules: readonly Rule[]): KeywordPrefilter {
  let prefilter = compiled.get(rules);
  if (!prefilter) {
    const key = rules.map((rule) => rule.keywords.join('\u0000')).join('\u0001');
    let search = searches.get(key);
    if (!search) {
      if (searches.size >= MAX_SEARCHES) searches.clear();
      search = compileSearch(rules.map((rule) => rule.keywords));
      searches.set(key, search);
    }
    prefilter = bindSearch(search, rules);
    compiled.set(rules, prefilter);
  }
  return prefilter;
}

/** Which anchors a rules list is searched with: for the benchmark notes and the tests. */
export function prefilterAnchors(rules: readonly Rule[]): string[] {
  return chooseAnchors(
    [...new Set(rules.flatMap((rule) => rule.keywords))].map((keyword) => ({ bytes: Buffer.from(keyword, 'latin1'), ruleIndexes: [] })),
  ).map((anchor) => anchor.bytes.toString('latin1'));
}
