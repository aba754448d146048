/**
 * The labelled corpus's template language (issue 9): a case is a file name, a template and a
 * label per expected finding, so that precision and recall can be counted over spans.
 *
 * - `⟦` and `⟧` mark where a finding must start and end (its span in the filled text); a case
 *   without them is a negative and must give no finding.
 * - `want` gives the rule of each marked span, in order, one letter each: `K` openai-api-key,
 *   `A` openai-key-assignment, `Z` azure-openai-key, `E` openai-realtime-client-secret, `W`
 *   openai-webhook-secret. Without it, a span is `Z` when it holds `{key:azure}`, `E` for
 *   `{key:ek}`, `W` for `{key:whsec}`, `K` for any other `{key:…}`, else `A`.
 * - `{key:SHAPE}` is the seeded fake key of that shape (test-utils' fakeKey), `{key:SHAPE@A:B}`
 *   its characters A to B (B may be empty: to the end), so a key can be written in pieces;
 *   `{value}` is a 32-hex value (an Azure key's shape), `{run:N}`, `{hex:N}` and `{b64:N}` are
 *   N seeded letters and digits, hex digits or base64 characters; `{sk}` is the three
 *   characters of the key prefix and `{marker}` the OpenAI marker, so that no template is
 *   key-shaped.
 * - Every placeholder of one case uses the same variant, so pieces of one key join up.
 */
import { decodePeerCase, fakeKey, fakeValue, seededRun, type FakeKeyShape, type LookAlikeShape } from '@keyguard/test-utils';

type RuleLetter = 'K' | 'A' | 'Z' | 'E' | 'W';

const RULE_OF: Record<RuleLetter, string> = {
  K: 'openai-api-key',
  A: 'openai-key-assignment',
  Z: 'azure-openai-key',
  E: 'openai-realtime-client-secret',
  W: 'openai-webhook-secret',
};

/** The variant of case `index`: far from the other tables' so that its keys are its own (core's and the plugin's tests agree on it). */
export const variantOf = (index: number): number => 9000 + index;

export interface LabelledCase {
  /** The category (fixture, bearer, comparison, split, escape, next-line, binary, placeholder, env-read, docs, …). */
  category: string;
  file: string;
  text: string;
  /** The rule of each marked span, in order (see above). */
  want?: string;
  /** Scan the filled text as the bytes of a binary file (NULs and control bytes around it). */
  binary?: boolean;
}

export interface ExpectedSpan {
  ruleId: string;
  start: number;
  end: number;
}

export interface FilledLabelledCase {
  text: string;
  expected: ExpectedSpan[];
  /** Every whole secret placed in the text (for "no output holds a secret" checks). */
  secrets: string[];
}

const PLACEHOLDER = /\{key:([a-z0-9-]+)(?:@(-?\d*):(-?\d*))?\}|\{value\}|\{(run|hex|b64):(\d+)\}|\{sk\}|\{marker\}|⟦|⟧/g;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHABETS: Record<string, string> = { run: ALNUM, hex: '0123456789abcdef', b64: ALNUM + '+/' };

function letterOf(template: string): RuleLetter {
  if (template.includes('{key:azure}') || template.includes('{key:azure@')) return 'Z';
  if (template.includes('{key:ek}')) return 'E';
  if (template.includes('{key:whsec}')) return 'W';
  return template.includes('{key:') ? 'K' : 'A';
}

/** Fills a labelled template; `variant` picks the fake values. */
export function fillLabelled(item: LabelledCase, variant: number): FilledLabelledCase {
  let text = '';
  let last = 0;
  let runs = 0;
  const opens: { at: number; templateAt: number }[] = [];
  const spans: { start: number; end: number; template: string }[] = [];
  const secrets = new Set<string>();
  for (const match of item.text.matchAll(PLACEHOLDER)) {
    text += item.text.slice(last, match.index);
    last = match.index + match[0].length;
    const [whole, shape, from, to, kind, length] = match;
    if (whole === '⟦') {
      opens.push({ at: text.length, templateAt: last });
    } else if (whole === '⟧') {
      const open = opens.pop();
      if (!open) throw new Error(`unbalanced ⟧ in ${item.text}`);
      spans.push({ start: open.at, end: text.length, template: item.text.slice(open.templateAt, match.index) });
    } else if (whole === '{sk}') {
      text += decodePeerCase('{sk}');
    } else if (whole === '{marker}') {
      text += decodePeerCase('{marker}');
    } else if (whole === '{value}') {
      const value = fakeValue(variant);
      secrets.add(value);
      text += value;
    } else if (kind !== undefined) {
      text += seededRun(`labelled:${kind}:${runs++}`, Number(length), ALPHABETS[kind], variant);
    } else {
      const key = fakeKey(shape as FakeKeyShape | LookAlikeShape, variant);
      secrets.add(key);
      const slice = from === undefined ? key : key.slice(Number(from || 0), to === '' || to === undefined ? undefined : Number(to));
      text += slice;
    }
  }
  text += item.text.slice(last);
  if (opens.length > 0) throw new Error(`unbalanced ⟦ in ${item.text}`);
  spans.sort((a, b) => a.start - b.start);
  if (item.want !== undefined && item.want.length !== spans.length)
    throw new Error(`want "${item.want}" does not match the ${spans.length} spans of ${item.text}`);
  const expected = spans.map((span, index) => {
    const letter = (item.want?.[index] ?? letterOf(span.template)) as RuleLetter;
    const ruleId = RULE_OF[letter];
    if (!ruleId) throw new Error(`unknown rule letter ${letter} in ${item.text}`);
    return { ruleId, start: span.start, end: span.end };
  });
  return { text, expected, secrets: [...secrets] };
}

/** The bytes of a made-up binary file (a `.pyc`, a compiled program) holding `text` among NULs and control bytes. */
export function binaryBytes(text: string): { bytes: Buffer; offset: number } {
  const head = Buffer.from([0x42, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0xe3, 0, 0, 0, 0, 0, 0, 0, 0x73, 0x8b, 0x01, 0, 0]);
  const filler = Buffer.alloc(64, 0);
  for (let i = 0; i < filler.length; i += 3) filler[i] = 0x01 + (i % 7);
  return { bytes: Buffer.concat([head, filler, Buffer.from(text, 'latin1'), filler, head]), offset: head.length + filler.length };
}

/** The spans' rules, offsets and a safe description: what a failing case prints (never a whole key). */
export function describeSpans(text: string, spans: readonly ExpectedSpan[]): string[] {
  return spans.map((span) => {
    const secret = text.slice(span.start, span.end);
    return `${span.ruleId}@${span.start}-${span.end} ${secret.slice(0, 6)}…(${secret.length})`;
  });
}
