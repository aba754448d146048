import { ANCHOR_SCAN_WASM } from './anchor-scan-wasm';

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
 */

/** At most this many anchors per pass (the module's table). */
const MAX_ANCHORS = 16;
/** Texts up to this long are searched here (larger ones by indexOf, without growing the memory further). */
const MAX_TEXT = 8 * 1024 * 1024;
/** Zero bytes after the text: the last block and the whole-anchor loads read past its end. */
const PADDING = 32;
/** Where the text starts in the module's memory (the anchor table is below). */
const TEXT_AT = 1024;
const PAGE = 65536;

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

/** The table of an anchor list (the module's layout, in anchor-scan.wat), made once per list. */
const tables = new Map<string, Uint8Array>();

const isLetter = (code: number): boolean => code >= 97 && code <= 122;

function tableFor(anchors: readonly string[]): Uint8Array {
  const key = anchors.join('\0');
  let table = tables.get(key);
  if (table) return table;
  table = new Uint8Array(TEXT_AT);
  const view = new DataView(table.buffer);
  anchors.forEach((anchor, k) => {
    const bucket = 1 << (k % 8);
    for (let j = 0; j < 3; j++) {
      const low = 32 * j;
      const high = low + 16;
      if (j >= anchor.length) {
        // Past a 2-byte anchor's end any byte will do.
        for (let nibble = 0; nibble < 16; nibble++) {
          table[low + nibble] |= bucket;
          table[high + nibble] |= bucket;
        }
        continue;
      }
      const code = anchor.charCodeAt(j);
      table[low + (code & 15)] |= bucket;
      table[high + (code >> 4)] |= bucket;
      // A capital differs from its lower-case letter in the high nibble only (0x20).
      if (isLetter(code)) table[high + ((code >> 4) ^ 2)] |= bucket;
    }
    let word = 0;
    let mask = 0;
    let fold = 0;
    for (let i = 0; i < anchor.length; i++) {
      const code = anchor.charCodeAt(i);
      word |= code << (8 * i);
      mask |= 0xff << (8 * i);
      if (isLetter(code)) fold |= 0x20 << (8 * i);
    }
    view.setInt32(256 + 16 * k, word, true);
    view.setInt32(260 + 16 * k, mask, true);
    view.setInt32(264 + 16 * k, fold, true);
  });
  if (tables.size > 64) tables.clear();
  tables.set(key, table);
  return table;
}

/**
 * The places, ascending, of each anchor (lower-case, `searchable`) in the lower-cased `text`,
 * which must be ASCII; undefined when this search cannot do it here (too many anchors, too
 * long a text, no WebAssembly, more places than it holds), and the caller uses indexOf.
 */
export function foldedPlaces(text: string, anchors: readonly string[]): Map<string, number[]> | undefined {
  if (anchors.length === 0 || anchors.length > MAX_ANCHORS || text.length > MAX_TEXT) return undefined;
  // Capitals in an anchor: the folded text holds none, and the module folds only the text.
  if (anchors.some((anchor) => anchor !== anchor.toLowerCase())) return undefined;
  search ??= loadSearch();
  if (!search) return undefined;
  const { memory } = search;
  // Room for the text, its padding and up to one place per 4 characters (8 bytes each); past
  // that (a text of nothing but anchors) indexOf is as good.
  const capacity = (text.length >> 2) + 1024;
  const out = TEXT_AT + ((text.length + PADDING + 7) & ~7);
  const needed = out + 8 * capacity;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  const bytes = Buffer.from(memory.buffer);
  bytes.set(tableFor(anchors), 0);
  bytes.write(text, TEXT_AT, 'latin1');
  bytes.fill(0, TEXT_AT + text.length, TEXT_AT + text.length + PADDING);
  const count = search.scan(TEXT_AT, text.length, out, anchors.length, capacity);
  if (count < 0) return undefined;
  const places = anchors.map((): number[] => []);
  const pairs = new Int32Array(memory.buffer, out, 2 * count);
  for (let i = 0; i < pairs.length; i += 2) places[pairs[i]].push(pairs[i + 1]);
  return new Map(anchors.map((anchor, k) => [anchor, places[k]]));
}
