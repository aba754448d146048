import { isAscii, isUtf8 } from 'node:buffer';
import { prefilterFor } from './engine/prefilter';
import { rules as allRules } from './rules';
import { scanTextIn, type ScanOptions } from './scan-text';
import type { Finding, Rule } from './types';

/** How many leading bytes decide whether a file is binary (git looks at 8000 too). */
const BINARY_SNIFF_BYTES = 8000;

export type BufferScan =
  | { status: 'scanned'; findings: Finding[]; invalidUtf8: boolean }
  | { status: 'no-candidate'; findings: [] }
  | { status: 'binary'; findings: [] };

const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];
const startsWith = (bytes: Buffer, prefix: number[]): boolean => prefix.every((byte, i) => bytes[i] === byte);

/** True when bytes look binary: a NUL byte near the start, and no UTF-16 byte-order mark. */
export function isBinary(bytes: Buffer): boolean {
  if (startsWith(bytes, UTF16_LE_BOM) || startsWith(bytes, UTF16_BE_BOM)) return false;
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  return bytes.subarray(0, end).indexOf(0) !== -1;
}

/**
 * True when the bytes hold one of the rule's keywords. The reference the prefilter is tested
 * against; scanning uses the single-pass prefilter (engine/prefilter.ts).
 */
export function bytesHaveKeyword(bytes: Buffer, rule: Rule): boolean {
  return rule.keywords.some((keyword) => bytes.indexOf(keyword, 0, 'latin1') !== -1);
}

const utf8Decoder = new TextDecoder('utf-8');

/** Decodes file bytes: UTF-16 with a byte-order mark, else UTF-8 (invalid bytes become U+FFFD). */
export function decodeBytes(bytes: Buffer): { text: string; invalidUtf8: boolean } {
  // Most source files are plain ASCII: latin1 is then the same text, and V8 keeps it as a
  // one-byte string without a UTF-8 decoding pass (and the patterns run faster over it).
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), invalidUtf8: false };
  if (startsWith(bytes, UTF16_LE_BOM)) return { text: bytes.subarray(2).toString('utf16le'), invalidUtf8: false };
  if (startsWith(bytes, UTF16_BE_BOM)) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), invalidUtf8: false };
  }
  const invalidUtf8 = !isUtf8(bytes);
  // TextDecoder drops a UTF-8 byte-order mark, so columns count from the first real character.
  return { text: utf8Decoder.decode(bytes), invalidUtf8 };
}

/**
 * Scans raw file bytes: binary files are skipped, files without any rule's keyword are never
 * decoded, the rest are decoded (invalid UTF-8 becomes U+FFFD and is still scanned: keys are
 * ASCII) and scanned as text.
 */
export function scanBuffer(bytes: Buffer, options: ScanOptions = {}): BufferScan {
  if (isBinary(bytes)) return { status: 'binary', findings: [] };
  const rules = options.rules ?? allRules;
  const utf16 = startsWith(bytes, UTF16_LE_BOM) || startsWith(bytes, UTF16_BE_BOM);
  const candidates = utf16 ? rules : prefilterFor(rules).candidates(bytes);
  if (candidates.length === 0) return { status: 'no-candidate', findings: [] };
  const { text, invalidUtf8 } = decodeBytes(bytes);
  // The prefilter chose exactly the rules whose keywords the bytes hold, and decoding keeps
  // every ASCII byte: the text need not be searched for them again.
  return { status: 'scanned', findings: scanTextIn(text, { ...options, rules: candidates }, !utf16), invalidUtf8 };
}
