import { ANCHOR_SCAN_WASM } from './anchor-scan-wasm';

/**
 * The places of a text's lower-case anchors in one pass (issue 16). candidatePositions finds
 * each anchor with its own `indexOf` over the folded text, and a pass costs what the anchor's
 * first character costs: V8 stops at every `c` of a Python SDK for `cret`, whether or not the
 * text holds a secret. On the SDK-shaped bench the six passes took 167 ms of 73 MB; this
 * WebAssembly search (anchor-scan.wat: 16 bytes at a time, the anchors' first two bytes
 * compared with SIMD) finds the same places in 63 ms, lower-casing as it goes, so the folded
 * places come without a pass per anchor. Only for ASCII text (one byte per code unit, and
 * lower-casing is the ASCII one, as foldForSearch's is there) and anchors of 2 to 4
 * characters; everything else keeps `indexOf`. The places are exactly `indexOf`'s (tests
 * compare the two).
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
  lower(at: number, length: number): void;
  scan(at: number, length: number, out: number, anchors: number, capacity: number): number;
}

let search: Search | null | undefined;

function loadSearch(): Search | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(ANCHOR_SCAN_WASM, 'base64')));
    const exports = instance.exports as unknown as { memory: WasmMemory; lower: Search['lower']; scan: Search['scan'] };
    return { memory: exports.memory, lower: exports.lower, scan: exports.scan };
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

/** The table entries of an anchor list, made once per list. */
const tables = new Map<string, Uint8Array>();

function tableFor(anchors: readonly string[]): Uint8Array {
  const key = anchors.join('\0');
  let table = tables.get(key);
  if (table) return table;
  table = new Uint8Array(TEXT_AT);
  const view = new DataView(table.buffer);
  anchors.forEach((anchor, k) => {
    table.fill(anchor.charCodeAt(0), 16 * k, 16 * k + 16);
    table.fill(anchor.charCodeAt(1), 256 + 16 * k, 256 + 16 * k + 16);
    let word = 0;
    let mask = 0;
    for (let i = 0; i < anchor.length; i++) {
      word |= anchor.charCodeAt(i) << (8 * i);
      mask |= 0xff << (8 * i);
    }
    view.setInt32(512 + 8 * k, word, true);
    view.setInt32(516 + 8 * k, mask, true);
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
  search.lower(TEXT_AT, text.length);
  const count = search.scan(TEXT_AT, text.length, out, anchors.length, capacity);
  if (count < 0) return undefined;
  const places = anchors.map((): number[] => []);
  const pairs = new Int32Array(memory.buffer, out, 2 * count);
  for (let i = 0; i < pairs.length; i += 2) places[pairs[i]].push(pairs[i + 1]);
  return new Map(anchors.map((anchor, k) => [anchor, places[k]]));
}
