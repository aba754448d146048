import { prefilterFor } from './engine/prefilter';
import { LineIndex } from './engine/lines';
import { rules as allRules } from './rules';
import { toFinding, type ScanOptions } from './scan-text';
import type { Finding, RawFinding, Rule } from './types';

/**
 * Binary files (a committed `.pyc`, a compiled program) carry their source's string constants
 * as raw bytes. They are scanned with the rules that say a match needs no context
 * (matchers with `validateInBinary`: the marker-anchored key shapes), over the bytes read as latin1 (one
 * character per byte, so offsets are byte offsets), and with nothing else (issue 9).
 *
 * A finding in a binary file is reported on line 1, its column the byte offset of the
 * secret's first byte plus one (keep in step with docs/cli.md, "What is scanned").
 */
export function binaryRules(rules: readonly Rule[]): readonly Rule[] {
  // One array per rules list, so the prefilter compiled for it is reused (prefilterFor).
  let safe = binarySafe.get(rules);
  if (!safe) {
    safe = rules.filter((rule) => rule.matchers.some((matcher) => matcher.validateInBinary !== undefined));
    binarySafe.set(rules, safe);
  }
  return safe;
}
const binarySafe = new WeakMap<readonly Rule[], readonly Rule[]>();

/** The raw findings of the binary-safe matchers in a latin1 text, sorted, overlaps dropped. */
function findBinarySecrets(text: string, rules: readonly Rule[]): RawFinding[] {
  const found: RawFinding[] = [];
  for (const rule of rules) {
    for (const matcher of rule.matchers) {
      if (!matcher.validateInBinary) continue;
      const { regex } = matcher;
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) {
        const start = match.index;
        const verdict = matcher.validateInBinary({ text, start, end: start + match[0].length, match, fileKind: 'other' });
        for (const secret of 'found' in verdict ? verdict.found : verdict) {
          found.push({
            ruleId: rule.id,
            start: secret.start,
            end: secret.end,
            label: secret.label ?? matcher.label ?? rule.label,
            ...(secret.envVar ? { envVar: secret.envVar } : {}),
          });
        }
        if (match[0].length === 0) regex.lastIndex++;
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawFinding[] = [];
  for (const finding of found) {
    const last = kept[kept.length - 1];
    if (!last || finding.start >= last.end) kept.push(finding);
  }
  return kept;
}

/** A secret found in a binary file's bytes: its raw finding, with byte offsets, and its value. */
interface BinarySecret {
  raw: RawFinding;
  value: string;
}

/** Each rule's keywords as UTF-16LE bytes, made once per rules list. */
const utf16Keywords = new WeakMap<readonly Rule[], { rule: Rule; keywords: Buffer[] }[]>();

/**
 * True when a binary file is a Windows Portable Executable (`MZ`: a .dll, an .exe): a .NET
 * assembly keeps its string literals in UTF-16LE (the #US heap), and so do Windows resources.
 * Only those are searched for UTF-16LE keywords: the search costs a pass per keyword, which
 * every other binary (a .pyc, an ELF or Mach-O program, a .class) would pay for nothing.
 */
export function holdsWideStrings(bytes: Uint8Array): boolean {
  return bytes[0] === 0x4d && bytes[1] === 0x5a;
}

/**
 * The binary-safe secrets in a binary file's bytes (or a window of them), offsets in bytes: read
 * as latin1 (one character per byte), and, when `wide` (holdsWideStrings of the file's first
 * bytes), where a rule's keyword is written in UTF-16LE, read as UTF-16LE too, at the alignment
 * it was found at (issue 9). `candidates` are the rules whose keywords the bytes hold as latin1
 * (the caller's prefilter); `rules` all the binary-safe rules.
 */
export function findBinarySecretsInBytes(
  bytes: Buffer,
  candidates: readonly Rule[],
  rules: readonly Rule[],
  wide: boolean,
): BinarySecret[] {
  const secrets: BinarySecret[] = [];
  if (candidates.length > 0) {
    const text = bytes.toString('latin1');
    for (const raw of findBinarySecrets(text, candidates)) secrets.push({ raw, value: text.slice(raw.start, raw.end) });
  }
  if (!wide) return secrets;
  let utf16 = utf16Keywords.get(rules);
  if (!utf16) {
    utf16 = rules.map((rule) => ({ rule, keywords: rule.keywords.map((keyword) => Buffer.from(keyword, 'utf16le')) }));
    utf16Keywords.set(rules, utf16);
  }
  // The alignments (0 or 1) at which some rule's keyword is written in UTF-16LE, and those rules.
  const byAlignment: Rule[][] = [[], []];
  for (const { rule, keywords } of utf16) {
    const seen = [false, false];
    for (const keyword of keywords) {
      for (let at = bytes.indexOf(keyword); at !== -1; at = bytes.indexOf(keyword, at + 1)) {
        seen[at & 1] = true;
        if (seen[0] && seen[1]) break;
      }
      if (seen[0] && seen[1]) break;
    }
    for (const align of [0, 1]) if (seen[align]) byAlignment[align].push(rule);
  }
  for (const align of [0, 1]) {
    if (byAlignment[align].length === 0) continue;
    const body = bytes.subarray(align, align + ((bytes.length - align) & ~1));
    const text = body.toString('utf16le');
    for (const raw of findBinarySecrets(text, byAlignment[align]))
      secrets.push({ raw: { ...raw, start: align + 2 * raw.start, end: align + 2 * raw.end }, value: text.slice(raw.start, raw.end) });
  }
  return secrets.sort((a, b) => a.raw.start - b.raw.start);
}

/** Positions in a binary file: everything is on line 1, the column is the byte offset + 1. */
const ONE_LINE = new LineIndex('');

/** A raw finding in a binary file, as reported; `byteOffset` is where the scanned bytes start in the file. */
export function binaryFinding(
  raw: RawFinding,
  value: string,
  byteOffset: number,
  rules: readonly Rule[],
  options: ScanOptions,
): Finding | undefined {
  if (options.allow?.some((pattern) => pattern.matchesWhole(value))) return undefined;
  const rule = rules.find((candidate) => candidate.id === raw.ruleId);
  if (!rule) return undefined;
  const finding = toFinding({ ...raw, rule, value, start: byteOffset + raw.start, end: byteOffset + raw.end }, ONE_LINE, options);
  options.onSecret?.({ id: finding.secretId, value, text: value, start: 0 });
  return finding;
}

/** Scans a binary file's bytes for the secrets that need no context. */
export function scanBinary(bytes: Buffer, options: ScanOptions = {}): Finding[] {
  const safe = binaryRules(options.rules ?? allRules);
  const candidates = prefilterFor(safe).candidates(bytes);
  const findings: Finding[] = [];
  for (const { raw, value } of findBinarySecretsInBytes(bytes, candidates, safe, holdsWideStrings(bytes))) {
    const finding = binaryFinding(raw, value, 0, safe, options);
    if (finding) findings.push(finding);
  }
  return findings;
}
