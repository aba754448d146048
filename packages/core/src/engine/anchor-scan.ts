import { ANCHOR_SCAN_WASM } from './anchor-scan-wasm';
import { byteFrequency } from './prefilter';

/**
 * The places of a text's lower-case anchors in one pass (issue 16). candidatePositions finds
 * each anchor with its own `indexOf` over the folded text, and a pass costs what the anchor's
 * first character costs: V8 stops at every `c` of a Python SDK for `cret`, whether or not the
 * text holds a secret. On the SDK-shaped bench the six passes took 167 ms of 73 MB. This
 * WebAssembly search (anchor-scan.wat: Teddy's, 16 bytes at a time, the anchors' first three
 * bytes looked up by nibble with SIMD) reads the text as it is and folds ASCII capitals as it
 * compares, so the folded places come without a pass per anchor and without lower-casing the
 * text: 41 ms for the seven default anchors over that history's 77 MB of ASCII, where the
 * first version (two-byte compares per anchor after a lower-casing pass) took 68 ms. Only for
 * ASCII text (one byte per code unit, and folding is the ASCII one, as foldForSearch's is
 * there) and anchors of 2 to 4 characters without capitals; everything else keeps `indexOf`.
 * The places are exactly `indexOf`'s (tests compare the two).
 *
 * The same pass also finds anchors exactly, capitals and all: where most files are candidates
 * (scan-buffer.ts, CandidateRate), scanBuffer runs it once over a file's bytes with the byte
 * prefilter's anchors (exact) and the rules' folded anchors together (placesInBytes), so the
 * prefilter's `Buffer.indexOf` pass per anchor and the folded search of the decoded text are one
 * pass over the bytes.
 */

/** At most this many anchors per pass (the module's table: entries at 256 + 16k, below TEXT_AT). */
const MAX_ANCHORS = 32;
/** Buckets of the module's search: table position k is in bucket k % 8. */
const BUCKETS = 8;
/** Texts up to this long are searched here (larger ones by indexOf, without growing the memory further). */
const MAX_TEXT = 8 * 1024 * 1024;
/** Zero bytes after the text: the last block and the whole-anchor loads read past its end. */
const PADDING = 32;
/** Where the text starts in the module's memory (the anchor table is below). */
const TEXT_AT = 1024;
const PAGE = 65536;

/** What the search looks for: an anchor, and whether ASCII capitals in the input match it. */
export interface AnchorSpec {
  /** 2 to 4 ASCII characters, no NUL (`searchable`); lower-case when `fold`. */
  readonly text: string;
  /** Fold ASCII capitals: the anchor's places in the input lower-cased (ASCII letters only). */
  readonly fold: boolean;
}

/** What core needs of the WebAssembly API (its types are not in the libraries core compiles against). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface Search {
  memory: WasmMemory;
  scan(at: number, length: number, out: number, anchors: number, capacity: number): number;
}

let search: Search | null | undefined;

function loadSearch(): Search | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(ANCHOR_SCAN_WASM, 'base64')));
    const exports = instance.exports as unknown as { memory: WasmMemory; scan: Search['scan'] };
    return { memory: exports.memory, scan: exports.scan };
  } catch {
    // No WebAssembly (or no SIMD) here: indexOf does it all.
    return null;
  }
}

/** Whether this search takes the anchor: 2 to 4 ASCII characters. */
export function searchable(anchor: string): boolean {
  if (anchor.length < 2 || anchor.length > 4) return false;
  for (let i = 0; i < anchor.length; i++) {
    const code = anchor.charCodeAt(i);
    if (code === 0 || code > 127) return false;
  }
  return true;
}

const isLetter = (code: number): boolean => code >= 97 && code <= 122;

/** An anchor list laid out for the module (anchor-scan.wat), made once per list. */
interface Table {
  bytes: Uint8Array;
  /** How many table positions the module walks (some may be empty). */
  positions: number;
  /** The anchor (index into the list) at each table position, -1 for an empty one. */
  anchorAt: Int8Array;
  /**
   * Per anchor, -1, or the folded anchor of the same letters whose places it is filtered from:
   * `PEN` exactly is at the places of `pen` folded that hold `PEN`, and is not searched itself.
   */
  derivedFrom: Int8Array;
  /** Whether any anchor is derived so. */
  derived: boolean;
}

const tables = new WeakMap<readonly AnchorSpec[], Table>();
const tablesByKey = new Map<string, Table>();

/**
 * The nibbles an anchor's byte `j` may have, as two 16-bit masks (low nibbles in the low half):
 * a folded letter's capital too, and every nibble past the anchor's end.
 */
function nibblesAt({ text, fold }: AnchorSpec, j: number): number {
  if (j >= text.length) return 0xffffffff;
  const code = text.charCodeAt(j);
  const high = 1 << (code >> 4);
  return (1 << (code & 15)) | ((fold && isLetter(code) ? high | (high >> 2) : high) << 16);
}

/** byteFrequency by nibbles, `[high * 16 + low]`, as a share of 1. */
let shares: Float64Array | undefined;

/**
 * How often, roughly, an offset passes a bucket's nibble tables, from the OR of its members'
 * nibblesAt for each of the three bytes: per byte, the share of text bytes whose low and high
 * nibble are both among the members' (the tables hold nibbles, not bytes, so `pen` and `ke`
 * together also pass `[e`, `@e` and every `pe`).
 */
function passRate(nibbles: readonly number[]): number {
  if (!shares) {
    const table = new Float64Array(256);
    for (let byte = 0; byte < 256; byte++) table[byte] = byteFrequency(byte) / 100;
    shares = table;
  }
  let rate = 1;
  for (const mask of nibbles) {
    let share = 0;
    for (let high = 0; high < 16; high++) {
      if (!(mask & (1 << (high + 16)))) continue;
      for (let low = 0; low < 16; low++) if (mask & (1 << low)) share += shares[high * 16 + low];
    }
    rate *= Math.min(1, share);
  }
  return rate;
}

/**
 * Which table position each searched anchor takes. Anchors in one bucket share its nibble
 * tables, and every offset that passes them is checked against each member: a greedy choice,
 * the costliest anchors first, each into the bucket where it adds the least estimated work
 * (pass rate times the checks per pass).
 */
function positionsOf(anchors: readonly AnchorSpec[], searched: readonly number[]): Int8Array {
  const nibbles = (index: number): number[] => [0, 1, 2].map((j) => nibblesAt(anchors[index], j));
  const buckets = Array.from({ length: BUCKETS }, () => ({ members: [] as number[], nibbles: [0, 0, 0], cost: 0 }));
  const costOf = (masks: readonly number[], members: number): number => passRate(masks) * (1 + members);
  const ordered = [...searched].sort((a, b) => costOf(nibbles(b), 1) - costOf(nibbles(a), 1));
  for (const index of ordered) {
    const own = nibbles(index);
    let best = buckets[0];
    let bestMasks = own;
    let bestAdded = Infinity;
    for (const bucket of buckets) {
      const masks = bucket.nibbles.map((mask, j) => mask | own[j]);
      const added = costOf(masks, bucket.members.length + 1) - bucket.cost;
      if (added < bestAdded) {
        best = bucket;
        bestMasks = masks;
        bestAdded = added;
      }
    }
    best.members.push(index);
    best.nibbles = bestMasks;
    best.cost += bestAdded;
  }
  const slots = Math.max(...buckets.map((bucket) => bucket.members.length));
  const anchorAt = new Int8Array(slots * BUCKETS).fill(-1);
  buckets.forEach((bucket, b) => bucket.members.forEach((index, slot) => (anchorAt[slot * BUCKETS + b] = index)));
  let positions = anchorAt.length;
  while (positions > 0 && anchorAt[positions - 1] === -1) positions--;
  return anchorAt.subarray(0, positions);
}

function tableFor(anchors: readonly AnchorSpec[]): Table {
  let table = tables.get(anchors);
  if (table) return table;
  const key = anchors.map(({ text, fold }) => (fold ? 'f' : 'x') + text).join('\0');
  table = tablesByKey.get(key);
  if (!table) {
    table = makeTable(anchors);
    if (tablesByKey.size > 64) tablesByKey.clear();
    tablesByKey.set(key, table);
  }
  tables.set(anchors, table);
  return table;
}

function makeTable(anchors: readonly AnchorSpec[]): Table {
  const derivedFrom = new Int8Array(anchors.length).fill(-1);
  anchors.forEach(({ text, fold }, index) => {
    if (!fold) derivedFrom[index] = anchors.findIndex((other) => other.fold && other.text === text.toLowerCase());
  });
  const searched = anchors.map((_, index) => index).filter((index) => derivedFrom[index] === -1);
  const anchorAt = positionsOf(anchors, searched);
  const positions = anchorAt.length;
  const bytes = new Uint8Array(TEXT_AT);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < positions; k++) {
    const entry = 256 + 16 * k;
    if (anchorAt[k] === -1) {
      // An empty position: a value outside its (empty) mask, so nothing ever matches it.
      view.setInt32(entry, 1, true);
      continue;
    }
    const { text, fold } = anchors[anchorAt[k]];
    const bucket = 1 << (k % BUCKETS);
    for (let j = 0; j < 3; j++) {
      const low = 32 * j;
      const high = low + 16;
      if (j >= text.length) {
        // Past a 2-byte anchor's end any byte will do.
        for (let nibble = 0; nibble < 16; nibble++) {
          bytes[low + nibble] |= bucket;
          bytes[high + nibble] |= bucket;
        }
        continue;
      }
      const code = text.charCodeAt(j);
      bytes[low + (code & 15)] |= bucket;
      bytes[high + (code >> 4)] |= bucket;
      // A capital differs from its lower-case letter in the high nibble only (0x20).
      if (fold && isLetter(code)) bytes[high + ((code >> 4) ^ 2)] |= bucket;
    }
    let word = 0;
    let mask = 0;
    let folded = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      word |= code << (8 * i);
      mask |= 0xff << (8 * i);
      if (fold && isLetter(code)) folded |= 0x20 << (8 * i);
    }
    view.setInt32(entry, word, true);
    view.setInt32(entry + 4, mask, true);
    view.setInt32(entry + 8, folded, true);
  }
  return { bytes, positions, anchorAt, derivedFrom, derived: derivedFrom.some((from) => from !== -1) };
}

/** Whether the bytes at `at` are the anchor's, exactly. */
function holdsAt(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Whether the search takes this anchor list at all. */
function takes(anchors: readonly AnchorSpec[]): boolean {
  if (anchors.length === 0 || anchors.length > MAX_ANCHORS) return false;
  // Capitals in a folded anchor: the module folds only the input.
  return anchors.every(({ text, fold }) => searchable(text) && (!fold || text === text.toLowerCase()));
}

/** The module's memory, ready for a text of some length: where the text and the places go. */
interface Prepared {
  search: Search;
  /** A view of the whole memory, made again only when the memory grows. */
  memory: Buffer;
  out: number;
  capacity: number;
}

let view: Buffer | undefined;

/**
 * The memory made ready for `length` bytes at TEXT_AT, or undefined without WebAssembly. The
 * caller writes the text there and calls `finish`. (Small functions, each with one kind of
 * argument: V8 recompiles a function when a new kind reaches it, and big ones cost more.)
 */
function prepare(length: number): Prepared | undefined {
  search ??= loadSearch();
  if (!search) return undefined;
  const { memory } = search;
  // Room for the text, its padding and up to one place per 4 characters (8 bytes each); past
  // that (a text of nothing but anchors) indexOf is as good.
  const capacity = (length >> 2) + 1024;
  const out = TEXT_AT + ((length + PADDING + 7) & ~7);
  const needed = out + 8 * capacity;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  if (view?.buffer !== memory.buffer) view = Buffer.from(memory.buffer);
  return { search, memory: view, out, capacity };
}

/** Runs the search over the `length` bytes written at TEXT_AT: each anchor's places, ascending, or undefined (too many). */
function finish({ search, memory, out, capacity }: Prepared, anchors: readonly AnchorSpec[], length: number): number[][] | undefined {
  const table = tableFor(anchors);
  memory.set(table.bytes, 0);
  memory.fill(0, TEXT_AT + length, TEXT_AT + length + PADDING);
  const count = search.scan(TEXT_AT, length, out, table.positions, capacity);
  if (count < 0) return undefined;
  const places = placesFrom(new Int32Array(memory.buffer, out, 2 * count), table.anchorAt, anchors.length);
  if (table.derived) deriveExact(places, memory, table.derivedFrom, anchors);
  return places;
}

/** The module's (position, offset) pairs as one ascending list per anchor. */
function placesFrom(pairs: Int32Array, anchorAt: Int8Array, count: number): number[][] {
  const places: number[][] = [];
  for (let k = 0; k < count; k++) places.push([]);
  for (let i = 0; i < pairs.length; i += 2) places[anchorAt[pairs[i]]].push(pairs[i + 1]);
  return places;
}

/** The places of the exact anchors not searched: their folded twin's places that hold them exactly. */
function deriveExact(places: number[][], memory: Buffer, derivedFrom: Int8Array, anchors: readonly AnchorSpec[]): void {
  for (let k = 0; k < anchors.length; k++) {
    const from = derivedFrom[k];
    if (from === -1) continue;
    const { text } = anchors[k];
    const exact: number[] = [];
    for (const at of places[from]) if (holdsAt(memory, TEXT_AT + at, text)) exact.push(at);
    places[k] = exact;
  }
}

/**
 * The places, ascending, of each anchor (lower-case, `searchable`) in the lower-cased `text`,
 * which must be ASCII; undefined when this search cannot do it here (too many anchors, too
 * long a text, no WebAssembly, more places than it holds), and the caller uses indexOf.
 */
export function foldedPlaces(text: string, anchors: readonly string[]): Map<string, number[]> | undefined {
  const specs = anchors.map((anchor) => ({ text: anchor, fold: true }));
  if (text.length > MAX_TEXT || !takes(specs)) return undefined;
  const prepared = prepare(text.length);
  if (!prepared) return undefined;
  prepared.memory.write(text, TEXT_AT, 'latin1');
  const places = finish(prepared, specs, text.length);
  return places && new Map(anchors.map((anchor, k) => [anchor, places[k]]));
}

/**
 * The places, ascending, of each anchor in the bytes (byte offsets): of an exact anchor where
 * its bytes are, of a folded one where the bytes lower-cased (ASCII letters only) hold it.
 * Undefined when this search cannot do it (see foldedPlaces); the caller searches another way.
 */
export function placesInBytes(bytes: Uint8Array, anchors: readonly AnchorSpec[]): number[][] | undefined {
  if (bytes.length > MAX_TEXT || !takes(anchors)) return undefined;
  const prepared = prepare(bytes.length);
  if (!prepared) return undefined;
  prepared.memory.set(bytes, TEXT_AT);
  return finish(prepared, anchors, bytes.length);
}
