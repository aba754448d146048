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
export function findBinarySecrets(text: string, rules: readonly Rule[]): RawFinding[] {
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
  const rules = prefilterFor(binaryRules(options.rules ?? allRules)).candidates(bytes);
  if (rules.length === 0) return [];
  const text = bytes.toString('latin1');
  const findings: Finding[] = [];
  for (const raw of findBinarySecrets(text, rules)) {
    const finding = binaryFinding(raw, text.slice(raw.start, raw.end), 0, rules, options);
    if (finding) findings.push(finding);
  }
  return findings;
}
