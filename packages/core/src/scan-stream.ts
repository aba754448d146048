import { isAscii, isUtf8 } from 'node:buffer';
import { rulesFor } from './engine/file-kind';
import { prefilterFor } from './engine/prefilter';
import { rules as allRules } from './rules';
import { binaryFinding, binaryRules, findBinarySecretsInBytes, holdsWideStrings } from './scan-binary';
import { sniffBytes, type BufferScan, type ByteKind } from './scan-buffer';
import { scanTextIn, type ScanOptions } from './scan-text';
import type { Finding, Rule } from './types';

/**
 * Scans a file of any size in constant memory (issue 11: size is no reason to skip). Bytes come
 * in chunks; they are decoded as scanBuffer would decode the whole file, and the text is
 * scanned in windows of about WINDOW characters that overlap by OVERLAP before and after: a
 * finding is kept by the window in whose middle part it starts, so each is reported once,
 * with the context a whole-file scan gives it. OVERLAP is far longer than any match (a key is
 * at most 300 characters, an assigned value 400) and than the context validators read.
 * Lines and columns are counted across windows: findings, and their fingerprints, are those
 * of a whole-file scan. (An inline `keyguard-ignore` more than OVERLAP characters away from
 * its key, on one very long line, is not seen.)
 */
export const STREAM_WINDOW = 4 * 1024 * 1024;
export const STREAM_OVERLAP = 64 * 1024;

/** What the bytes are is decided on this many (sniffBytes reads 8000). */
const SNIFF_BYTES = 8000;

/** The length of the bytes that end on a whole UTF-8 character (an incomplete last one is left). */
function wholeUtf8Length(bytes: Buffer): number {
  const end = bytes.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = bytes[end - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? end - back : end;
  }
  return end;
}

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Push bytes with `write`, then `end` for the result: the same as `scanBuffer` on all the bytes. */
export class StreamScanner {
  private readonly rules: readonly Rule[];
  private kind: ByteKind | undefined;
  /** Bytes held until the kind is known, then the bytes of an incomplete character. */
  private held: Buffer[] = [];
  private heldLength = 0;
  private started = false;
  private invalidUtf8 = false;
  /** Whether any window held a rule's keyword (else, like scanBuffer, 'no-candidate'). */
  private hadCandidate = false;
  /** The text not yet dropped: it starts at `windowStart` (characters from the file's start). */
  private window = '';
  private windowStart = 0;
  /**
   * A binary file's window is kept as bytes (one byte is one latin1 character, so offsets are
   * the same): the byte prefilter runs on it before anything is decoded, and most windows of a
   * large binary hold no keyword (issue 16: a 95 MB program in node_modules was decoded and
   * matched whole, half of a directory scan's time).
   */
  private binaryWindow = Buffer.alloc(0);
  private binaryLength = 0;
  /** Whether the binary file's first bytes say it keeps strings in UTF-16LE (scan-binary.ts). */
  private wide = false;
  /** Findings that start before this offset have been decided. */
  private decided = 0;
  /** Line breaks before `windowStart`, and where the line holding `windowStart` starts. */
  private linesBefore = 0;
  private lineStart = 0;
  private readonly findings: Finding[] = [];
  /** Bytes written. */
  bytes = 0;

  constructor(private readonly options: ScanOptions = {}) {
    this.rules = rulesFor(options.rules ?? allRules, options.path);
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (this.kind === undefined) {
      this.held.push(Buffer.from(chunk)); // the caller may reuse its buffer
      this.heldLength += chunk.length;
      if (this.heldLength < SNIFF_BYTES) return;
      const first = Buffer.concat(this.held);
      this.held = [];
      this.heldLength = 0;
      this.kind = sniffBytes(first);
      this.wide = holdsWideStrings(first);
      this.decode(first, false);
      return;
    }
    this.decode(chunk, false);
  }

  end(): BufferScan {
    if (this.kind === undefined) {
      const all = Buffer.concat(this.held);
      this.held = [];
      this.kind = sniffBytes(all);
      this.wide = holdsWideStrings(all);
      this.decode(all, true);
    } else {
      this.decode(Buffer.alloc(0), true);
    }
    this.scanWindow(true);
    const findings = this.findings;
    if (this.kind === 'binary') return { status: 'binary', findings };
    if (!this.hadCandidate) return { status: 'no-candidate', findings: [] };
    return { status: 'scanned', findings, invalidUtf8: this.invalidUtf8 };
  }

  /** Decodes bytes as decodeBytes would (a held incomplete character is joined to the next bytes). */
  private decode(chunk: Buffer, final: boolean): void {
    let bytes = this.heldLength > 0 ? Buffer.concat([...this.held, chunk]) : chunk;
    this.held = [];
    this.heldLength = 0;
    if (!this.started) {
      this.started = true;
      // Byte-order marks are dropped, as decodeBytes drops them.
      if (this.kind === 'utf16le' && bytes[0] === 0xff && bytes[1] === 0xfe) bytes = bytes.subarray(2);
      else if (this.kind === 'utf16be' && bytes[0] === 0xfe && bytes[1] === 0xff) bytes = bytes.subarray(2);
      else if (this.kind === 'utf8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    let whole = bytes.length;
    if (this.kind === 'utf8' && !final) whole = wholeUtf8Length(bytes);
    else if (this.kind === 'utf16le' || this.kind === 'utf16be') whole = bytes.length & ~1; // an odd last byte waits (or is dropped at the end)
    if (whole < bytes.length && !final) {
      this.held = [Buffer.from(bytes.subarray(whole))];
      this.heldLength = bytes.length - whole;
    }
    const part = bytes.subarray(0, whole);
    if (this.kind === 'binary') {
      this.appendBinary(part);
      while (this.binaryLength - (this.decided - this.windowStart) >= STREAM_WINDOW + STREAM_OVERLAP) this.scanWindow(false);
      return;
    }
    let text: string;
    if (this.kind === 'utf16le') {
      text = part.toString('utf16le');
    } else if (this.kind === 'utf16be') {
      const swapped = Buffer.from(part);
      swapped.swap16();
      text = swapped.toString('utf16le');
    } else if (isAscii(part)) {
      text = part.toString('latin1');
    } else {
      if (!isUtf8(part)) this.invalidUtf8 = true;
      text = utf8Decoder.decode(part);
    }
    this.window += text;
    while (this.window.length - (this.decided - this.windowStart) >= STREAM_WINDOW + STREAM_OVERLAP) this.scanWindow(false);
  }

  /**
   * Scans the window and keeps the findings that start in its decided part: from `decided` to
   * OVERLAP before its end (to its end at the end of the file). Then drops what no later
   * window needs: all but OVERLAP characters before the new `decided`.
   */
  private scanWindow(final: boolean): void {
    const { window, windowStart } = this;
    const binary = this.kind === 'binary';
    const length = binary ? this.binaryLength : window.length;
    const until = final ? windowStart + length : windowStart + length - STREAM_OVERLAP;
    if (until <= this.decided && !final) return;
    for (const finding of binary ? this.binaryFindings() : this.findingsIn(window)) {
      const start = windowStart + finding.startOffset;
      if (start >= this.decided && (start < until || final)) this.findings.push(this.placed(finding));
    }
    this.decided = until;
    if (final) return;
    const keepFrom = Math.max(windowStart, until - STREAM_OVERLAP) - windowStart;
    if (binary) {
      this.binaryWindow.copyWithin(0, keepFrom, length);
      this.binaryLength = length - keepFrom;
      this.windowStart = windowStart + keepFrom;
      return;
    }
    const dropped = window.slice(0, keepFrom);
    let breaks = 0;
    let lastBreak = -1;
    for (let at = dropped.indexOf('\n'); at !== -1; at = dropped.indexOf('\n', at + 1)) {
      breaks++;
      lastBreak = at;
    }
    this.linesBefore += breaks;
    if (lastBreak !== -1) this.lineStart = windowStart + lastBreak + 1;
    this.window = window.slice(keepFrom);
    this.windowStart = windowStart + keepFrom;
  }

  /** Copies a binary file's bytes into the window (the caller may reuse its buffer). */
  private appendBinary(part: Buffer): void {
    const needed = this.binaryLength + part.length;
    if (this.binaryWindow.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(needed, STREAM_WINDOW + 2 * STREAM_OVERLAP));
      this.binaryWindow.copy(grown, 0, 0, this.binaryLength);
      this.binaryWindow = grown;
    }
    part.copy(this.binaryWindow, this.binaryLength);
    this.binaryLength = needed;
  }

  /**
   * The binary window's findings, as scanBinary finds them in a whole file: the rules whose
   * keywords the window holds (a binary-safe matcher's match holds its rule's keyword, so a
   * window without one has none to give), over the bytes read as latin1, and as UTF-16LE where
   * a keyword is written so in a file that keeps its strings so.
   */
  private binaryFindings(): Finding[] {
    const bytes = this.binaryWindow.subarray(0, this.binaryLength);
    const safe = binaryRules(this.rules);
    const candidates = prefilterFor(safe).candidates(bytes);
    const found: Finding[] = [];
    for (const { raw, value } of findBinarySecretsInBytes(bytes, candidates, safe, this.wide)) {
      const finding = binaryFinding(raw, value, 0, this.rules, this.options);
      if (finding) found.push(finding);
    }
    return found;
  }

  private findingsIn(window: string): Finding[] {
    if (this.kind === 'utf8') {
      // As scanBuffer: the rules whose keywords the text holds, told so.
      const candidates = prefilterFor(this.rules).candidatesInText(window);
      if (candidates.length === 0) return [];
      this.hadCandidate = true;
      return scanTextIn(window, { ...this.options, rules: candidates }, true);
    }
    this.hadCandidate = true;
    return scanTextIn(window, { ...this.options, rules: this.rules }, false);
  }

  /** A window's finding with the file's offsets, lines and columns. */
  private placed(finding: Finding): Finding {
    const startOffset = this.windowStart + finding.startOffset;
    const endOffset = this.windowStart + finding.endOffset;
    if (this.kind === 'binary') return { ...finding, column: startOffset + 1, endColumn: endOffset + 1, startOffset, endOffset };
    // The window's first line continues a line that began `shift` characters before it.
    const shift = this.windowStart - this.lineStart;
    return {
      ...finding,
      line: this.linesBefore + finding.line,
      column: finding.line === 1 ? finding.column + shift : finding.column,
      endLine: this.linesBefore + finding.endLine,
      endColumn: finding.endLine === 1 ? finding.endColumn + shift : finding.endColumn,
      startOffset,
      endOffset,
    };
  }
}

/** Scans a file's bytes, chunk by chunk, in constant memory: the same findings as scanBuffer. */
export function scanChunks(chunks: Iterable<Buffer>, options: ScanOptions = {}): BufferScan & { bytes: number } {
  const scanner = new StreamScanner(options);
  for (const chunk of chunks) scanner.write(chunk);
  return { ...scanner.end(), bytes: scanner.bytes };
}
