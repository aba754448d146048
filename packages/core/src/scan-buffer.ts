import { isAscii, isUtf8 } from 'node:buffer';
import { rulesFor } from './engine/file-kind';
import { prefilterFor } from './engine/prefilter';
import { rules as allRules } from './rules';
import { scanBinary } from './scan-binary';
import { placesInBytes } from './engine/anchor-scan';
import { bytePassFor, scanTextIn, type PassPlaces, type ScanOptions } from './scan-text';
import type { Finding, Rule } from './types';

/** How many leading bytes decide what a file is (git looks at 8000 too). */
const SNIFF_BYTES = 8000;

export type BufferScan =
  | { status: 'scanned'; findings: Finding[]; invalidUtf8: boolean }
  | { status: 'no-candidate'; findings: [] }
  /** Scanned for the secrets that need no context only (scan-binary.ts). */
  | { status: 'binary'; findings: Finding[] };

/** How a file's bytes are read: text in one of three encodings, or binary. */
export type ByteKind = 'utf8' | 'utf16le' | 'utf16be' | 'binary';

const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];
const startsWith = (bytes: Buffer, prefix: number[]): boolean => prefix.every((byte, i) => bytes[i] === byte);

/**
 * What the first 8000 bytes say the file is (issue 11: one stray NUL no longer makes a `.env`
 * binary):
 * - UTF-16 with a byte-order mark;
 * - no NUL byte: UTF-8 text (invalid bytes are scanned as U+FFFD);
 * - UTF-16 without a byte-order mark: NULs in at least a third of the odd bytes (little
 *   endian) or of the even bytes (big endian), and almost none in the others: the high bytes
 *   of mostly-ASCII text;
 * - a few NULs (at most 3, or under 0.5 % of the bytes) in what is otherwise text (under 2 %
 *   other control bytes): UTF-8 text;
 * - anything else is binary (compiled code, images, archives: their bytes hold many NULs, or
 *   the control bytes of compressed data).
 */
export function sniffBytes(bytes: Buffer): ByteKind {
  if (startsWith(bytes, UTF16_LE_BOM)) return 'utf16le';
  if (startsWith(bytes, UTF16_BE_BOM)) return 'utf16be';
  const end = Math.min(bytes.length, SNIFF_BYTES);
  if (bytes.subarray(0, end).indexOf(0) === -1) return 'utf8';
  let evenNuls = 0;
  let oddNuls = 0;
  let controls = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    } else if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f) {
      controls++;
    }
  }
  const pairs = Math.floor(end / 2);
  // Too few bytes to tell a pattern: a tiny binary is not called UTF-16.
  if (pairs >= 8) {
    if (oddNuls * 3 >= pairs && evenNuls * 50 <= pairs) return 'utf16le';
    if (evenNuls * 3 >= pairs && oddNuls * 50 <= pairs) return 'utf16be';
  }
  const nuls = evenNuls + oddNuls;
  const fewNuls = nuls <= 3 || nuls * 200 < end;
  return fewNuls && controls * 50 < end ? 'utf8' : 'binary';
}

/** True when bytes are binary (sniffBytes): scanned only for the secrets that need no context. */
export function isBinary(bytes: Buffer): boolean {
  return sniffBytes(bytes) === 'binary';
}

/**
 * True when the bytes hold one of the rule's keywords. The reference the prefilter is tested
 * against; scanning uses the single-pass prefilter (engine/prefilter.ts).
 */
export function bytesHaveKeyword(bytes: Buffer, rule: Rule): boolean {
  return rule.keywords.some((keyword) => bytes.indexOf(keyword, 0, 'latin1') !== -1);
}

const utf8Decoder = new TextDecoder('utf-8');

/** Decodes file bytes: UTF-16 (with a byte-order mark or as sniffBytes says), else UTF-8 (invalid bytes become U+FFFD). */
export function decodeBytes(bytes: Buffer, kind: ByteKind = sniffBytes(bytes)): { text: string; invalidUtf8: boolean } {
  const { text, invalidUtf8 } = decodeText(bytes, kind);
  return { text, invalidUtf8 };
}

/** decodeBytes, and whether UTF-8 bytes were all ASCII (undefined for UTF-16): what the scan folds by (foldForSearch). */
function decodeText(bytes: Buffer, kind: ByteKind): { text: string; invalidUtf8: boolean; ascii?: boolean } {
  if (kind === 'utf16le' || kind === 'utf16be') {
    const bom = startsWith(bytes, kind === 'utf16le' ? UTF16_LE_BOM : UTF16_BE_BOM) ? 2 : 0;
    // An odd last byte is half a character: dropped.
    const body = bytes.subarray(bom, bom + ((bytes.length - bom) & ~1));
    if (kind === 'utf16le') return { text: body.toString('utf16le'), invalidUtf8: false };
    const swapped = Buffer.from(body);
    swapped.swap16();
    return { text: swapped.toString('utf16le'), invalidUtf8: false };
  }
  // Most source files are plain ASCII: latin1 is then the same text, and V8 keeps it as a
  // one-byte string without a UTF-8 decoding pass (and the patterns run faster over it).
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), invalidUtf8: false, ascii: true };
  const invalidUtf8 = !isUtf8(bytes);
  // TextDecoder drops a UTF-8 byte-order mark, so columns count from the first real character.
  return { text: utf8Decoder.decode(bytes), invalidUtf8, ascii: false };
}

/**
 * How many of the files scanned lately held a rule's keyword (a moving average over about the
 * last 32). The one pass over a file's bytes finds the patterns' anchors with the prefilter's,
 * which pays where nearly every file is a candidate (an SDK's history: there the prefilter's
 * `pen` stops in every file, and the pass saved a fifth of the rules' time), and costs where
 * few are (a folder of packages: the prefilter's `Buffer.indexOf` on rare first bytes is nearly
 * free, and the pass would search every byte for anchors nothing then uses). So the pass runs
 * only while most files were candidates. Either way the findings are the same.
 */
class CandidateRate {
  private rate = 0;
  /** How many files went through the one pass (for the tests: that both ways are taken). */
  passes = 0;
  high(): boolean {
    return this.rate >= 0.5;
  }
  note(candidate: boolean): void {
    this.rate += ((candidate ? 1 : 0) - this.rate) / 32;
  }
}

const candidateRate = new CandidateRate();

/** How many files scanBuffer has scanned through the one pass in this process (tests). */
export const bytePassRuns = (): number => candidateRate.passes;

/**
 * Scans raw file bytes: binary files only for the secrets that need no context
 * (scan-binary.ts), files without any rule's keyword are never decoded, the rest are decoded
 * (invalid UTF-8 becomes U+FFFD and is still scanned: keys are ASCII) and scanned as text.
 */
export function scanBuffer(bytes: Buffer, options: ScanOptions = {}): BufferScan {
  const kind = sniffBytes(bytes);
  if (kind === 'binary') return { status: 'binary', findings: scanBinary(bytes, options) };
  const rules = rulesFor(options.rules ?? allRules, options.path);
  const utf16 = kind !== 'utf8';
  let candidates: readonly Rule[] = rules;
  let passPlaces: PassPlaces | undefined;
  if (!utf16) {
    // Where most files lately were candidates, one pass over the bytes for the prefilter's
    // anchors and the patterns' (anchor-scan.ts); else, or where it cannot run, the prefilter
    // searches alone and the patterns later (candidateRate).
    const pass = candidateRate.high() ? bytePassFor(rules) : undefined;
    const places = pass && placesInBytes(bytes, pass.anchors);
    if (pass && places) {
      candidates = prefilterFor(rules).candidatesAt(bytes, places);
      passPlaces = { pass, places };
      candidateRate.passes++;
    } else candidates = prefilterFor(rules).candidates(bytes);
    candidateRate.note(candidates.length > 0);
  }
  if (candidates.length === 0) return { status: 'no-candidate', findings: [] };
  const { text, invalidUtf8, ascii } = decodeText(bytes, kind);
  // The prefilter chose exactly the rules whose keywords the bytes hold, and decoding keeps
  // every ASCII byte: the text need not be searched for them again, nor (ASCII: the bytes'
  // offsets are the text's) for the patterns' anchors.
  const findings = scanTextIn(text, { ...options, rules: candidates }, !utf16, ascii, ascii === true ? passPlaces : undefined);
  return { status: 'scanned', findings, invalidUtf8 };
}
