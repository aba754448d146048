import { defineRule, FALSE_ALARM_STEP } from '../define-rule';
import { decodeWithOffsets, stringExpressionAt } from '../engine/joined-literals';
import { meterWork } from '../engine/work-meter';
import { isPlaceholderKeyBody, longestAscendingRun, longestRepeatedRun } from '../engine/placeholder';
import type { FoundSecret, MatchContext, MatchVerdict, VerifyRequest } from '../types';

/**
 * Every OpenAI secret key issued since 2021 carries a marker, `T3Blbk` + `FJ` (base64 for "OpenAI"), between
 * two random runs. The runs' lengths have changed over the years (20 and 20 for legacy user
 * keys, 20/58/74 for `sk-proj-`, 45 to 74 for `sk-svcacct-`, 58 for `sk-admin-`, about 42 in
 * leaktk's corpus), so the rule anchors on the marker with a minimum length on each side
 * instead of exact lengths: the peers that hard-code lengths miss real keys.
 */
// Joined at run time, never written whole: esbuild folds `'…' + '…'` into one literal, and the
// repository (bundle/ and every dist file too) holds no whole marker (bundle.test.ts checks).
export const OPENAI_KEY_MARKER = ['T3Blbk', 'FJ'].join('');

/** Characters a key is made of; a key starts and ends where a run of them does. */
const KEY_CHAR = /[A-Za-z0-9_-]/;

/** Shortest random run on either side of the marker that a real key has had. */
const MIN_SIDE = 20;
/** Longest key we accept; a longer run of key characters is some other token. */
export const MAX_KEY_LENGTH = 300;

interface KeyShape {
  prefix: string;
  label: string;
  /** Without the marker the prefix alone does not make a key. */
  needsMarker: boolean;
}

// Longest prefix first. Source of the shapes: OpenAI's API key announcements and the peers'
// fixtures in shared/peer-cases.
const shapes: readonly KeyShape[] = [
  { prefix: 'sk-svcacct-', label: 'service account key', needsMarker: true },
  { prefix: 'sk-admin-', label: 'admin key', needsMarker: true },
  { prefix: 'sk-proj-', label: 'project key', needsMarker: true },
  { prefix: 'sk-None-', label: 'user key', needsMarker: false },
  { prefix: 'sk-', label: 'legacy user key', needsMarker: false },
];

/** What to do about a leaked OpenAI key, in the order a person should do it. Both OpenAI rules share it. */
export const OPENAI_REMEDIATION: readonly string[] = [
  'Rotate the key now at https://platform.openai.com/api-keys if it was ever committed, pushed or shared: deleting the line does not remove it from git history.',
  'Move the key to an environment variable or an ignored .env file, and read it with os.environ["OPENAI_API_KEY"] (Python) or process.env.OPENAI_API_KEY (Node.js).',
  FALSE_ALARM_STEP,
];

/**
 * What to do about an OpenAI key in an env file (`.env`): the file is where a key belongs, so
 * the fix is keeping the file out of git, not reading the key from the environment.
 */
export const OPENAI_ENV_FILE_REMEDIATION: readonly string[] = [
  OPENAI_REMEDIATION[0],
  'Keep the env file out of git: list it in .gitignore, then untrack it with git rm --cached <file> (the file stays on disk, where your program reads it). Commit a .env.example with placeholder values instead.',
  OPENAI_REMEDIATION[2],
];

/**
 * What to do about a leaked admin key (`sk-admin-`): it manages the organisation through the
 * Administration API (it can create and delete every API key, project, member and invite), so
 * revoking it comes before anything else, then checking what it was used for.
 */
const ADMIN_REMEDIATION: readonly string[] = [
  'Revoke the admin key first, at https://platform.openai.com/settings/organization/admin-keys: it can create and delete every API key in the organisation (and its projects and members); deleting the line does not remove it from git history.',
  "Check what it did while exposed: the organisation's audit log (https://platform.openai.com/settings/organization/audit-log) lists the keys, projects and members it created, changed or deleted; delete any API key it made.",
  'Create a new admin key only if a tool needs one, keep it in a secrets manager, and read it from OPENAI_ADMIN_KEY: an admin key has no place in application code.',
  OPENAI_REMEDIATION[2],
];

const ADMIN_ENV_FILE_REMEDIATION: readonly string[] = [
  ADMIN_REMEDIATION[0],
  ADMIN_REMEDIATION[1],
  OPENAI_ENV_FILE_REMEDIATION[1],
  OPENAI_REMEDIATION[2],
];

/** The prefixes a redacted OpenAI key keeps: they say which kind of key leaked. */
export const OPENAI_KEY_PREFIXES: readonly string[] = ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-None-', 'sk-'];

/**
 * True when a legacy-shaped `sk-` + 48 key carries a made-up run where the OpenAI marker (`T3Blbk` + `FJ`)
 * stands in real legacy keys (characters 20 to 28): a defanged key whose marker was
 * replaced (`…70abcdefghJu…`) so that it would stop matching. secretlint keeps such strings
 * as its negative cases.
 */
function hasDefangedMarkerSlot(body: string): boolean {
  if (body.length !== 48) return false;
  const slot = body.slice(20, 28);
  return longestAscendingRun(slot) >= 6 || longestRepeatedRun(slot) >= 4;
}

/**
 * True when an `sk-` value has the shape of another provider's key that OpenAI-compatible
 * clients accept: `sk-or-v1-` + 64 hex (OpenRouter), `sk-ant-` (Anthropic), `sk-lf-`
 * (Langfuse), or `sk-` + 32 hex digits (DeepSeek and many relays). Only whole, random-looking
 * tokens count, so a truncated `sk-or-...` stays a placeholder.
 */
export function isOtherProviderToken(value: string): boolean {
  const shape =
    /^sk-(?:or-v1-[0-9a-f]{64}|ant-[A-Za-z0-9]+-[A-Za-z0-9_-]{80,}|lf-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{32})$/;
  if (!shape.test(value)) return false;
  const body = value
    .slice(3)
    .replace(/^(?:or-v1|ant-[A-Za-z0-9]+|lf)-/, '')
    .replace(/-/g, '');
  return !isPlaceholderKeyBody(body) && longestAscendingRun(body) < 8;
}

/** Other providers' keys that also start with `sk-`. */
const otherProviders = ['sk-ant-', 'sk-or-', 'sk-lf-', 'sk-pk-'];

const isKeyChar = (ch: string | undefined): boolean => ch !== undefined && KEY_CHAR.test(ch);

/**
 * True when the random part of a marked key (the key without its prefix and its marker) is made
 * up: a placeholder, or a part that holds the marker again. A real key carries the marker once
 * (a random run holds it by chance with odds near 64^-8), while a repeated piece
 * (`sk-` + marker, over and over) holds it many times and is varied enough to pass the
 * placeholder checks.
 */
function isMadeUpRandomPart(random: string): boolean {
  return random.includes(OPENAI_KEY_MARKER) || isPlaceholderKeyBody(random);
}

/**
 * Classifies a whole token (a maximal run of key characters starting with `sk-`) as an
 * OpenAI key, or returns undefined. Placeholders and defanged keys are not keys.
 */
export function classifyOpenAIKey(token: string): { label: string } | undefined {
  if (!token.startsWith('sk-') || token.length > MAX_KEY_LENGTH) return undefined;
  if (otherProviders.some((prefix) => token.startsWith(prefix))) return undefined;
  const shape = shapes.find((candidate) => token.startsWith(candidate.prefix));
  if (!shape) return undefined;
  const body = token.slice(shape.prefix.length);

  for (let at = body.indexOf(OPENAI_KEY_MARKER); at !== -1; at = body.indexOf(OPENAI_KEY_MARKER, at + 1)) {
    const right = body.length - at - OPENAI_KEY_MARKER.length;
    if (at >= MIN_SIDE && right >= MIN_SIDE) {
      const random = body.slice(0, at) + body.slice(at + OPENAI_KEY_MARKER.length);
      if (isMadeUpRandomPart(random)) return undefined;
      const named = shape.prefix === 'sk-' && /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+-/.test(body);
      return { label: named ? 'service account key' : shape.label };
    }
  }
  if (shape.needsMarker) return undefined;
  // Unmarked: `sk-` or `sk-None-` and exactly 48 letters and digits (older user keys, and the
  // OpenAI-compatible relay keys that end up in the same api_key slots).
  if (body.length !== 48 || !/^[A-Za-z0-9]+$/.test(body)) return undefined;
  if (isPlaceholderKeyBody(body)) return undefined;
  // Only plain `sk-` + 48 has the legacy layout whose marker slot a defanged key fills.
  if (shape.prefix === 'sk-' && hasDefangedMarkerSlot(body)) return undefined;
  return { label: shape.prefix === 'sk-None-' ? 'user key' : 'unmarked key' };
}

/**
 * True when the character before offset `start` ends a word: not a key character, or the
 * letter of an escape (`\nsk-…` in JSON, `%3Dsk-…` in a URL).
 */
function startsWord(text: string, start: number): boolean {
  const before = text[start - 1];
  if (!isKeyChar(before)) return true;
  if (text[start - 2] === '\\' && /[nrtbfv0]/.test(before)) return true;
  if (/^%[0-9A-Fa-f]{2}$/.test(text.slice(start - 3, start))) return true;
  if (/^%25[0-9A-Fa-f]{2}$/.test(text.slice(start - 5, start))) return true; // encoded twice
  if (/^\\u[0-9A-Fa-f]{4}$/.test(text.slice(start - 6, start))) return true;
  if (/^\\x[0-9A-Fa-f]{2}$/.test(text.slice(start - 4, start))) return true;
  return false;
}

/**
 * The first OpenAI key in a decoded or joined string value, or undefined. Word boundaries are
 * the value's own: the key must be a whole run of key characters in it.
 */
function keyInValue(value: string): { key: string; label: string } | undefined {
  const pattern = /sk-[A-Za-z0-9_-]{20,300}/g;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    if (isKeyChar(value[match.index - 1]) || isKeyChar(value[match.index + match[0].length])) continue;
    const key = classifyOpenAIKey(match[0]);
    if (key) return { key: match[0], label: key.label };
  }
  return undefined;
}

/** Where a key's start may sit in a string's value: `sk-`, its escaped spellings, the marker. */
const KEY_START = new RegExp(String.raw`sk-|sk\\(?:u002[dD]|x2[dD])|\\(?:u0073|x73)k|` + OPENAI_KEY_MARKER, 'g');

/** Most places in one value tried by keyInNestedString. */
const MAX_NESTED_TRIES = 4;

/**
 * The first OpenAI key in the string literals a decoded value holds: code inside a string (a
 * notebook's JSON holds each line of Python as a string, so `"sk\u002d…"` in the Python is
 * `\"sk\\u002d…\"` in the file), joined and decoded once more. Bounded: a few places, one level.
 */
function keyInNestedString(value: string): { key: string; label: string; start: number; end: number } | undefined {
  if (!value.includes('"') && !value.includes("'")) return undefined;
  KEY_START.lastIndex = 0;
  let tries = 0;
  for (let match = KEY_START.exec(value); match && tries < MAX_NESTED_TRIES; match = KEY_START.exec(value), tries++) {
    const inner = stringExpressionAt(value, match.index);
    if (!inner) continue;
    if (inner.rewritten) {
      const key = keyInValue(inner.value);
      if (key) return { ...key, start: inner.start, end: inner.end };
    }
    KEY_START.lastIndex = Math.max(KEY_START.lastIndex, inner.next);
  }
  return undefined;
}

/**
 * A key that no single literal holds: the string expression around the match, with its
 * literals joined, escapes decoded and constant prefixes substituted (`'sk-' + '…'`,
 * `"sk\u002dproj\u002d…"`, `` `${prefix}…` ``). Reported over the whole expression, once;
 * the search resumes past it (a later match inside it would read it again). A key the text
 * also holds verbatim is the plain `key` matcher's, which has its exact span.
 */
function validateExpression({ text, start: at }: MatchContext): { found: FoundSecret[]; resumeAt?: number } {
  const expression = stringExpressionAt(text, at);
  if (!expression) return { found: [] };
  const resumeAt = expression.next;
  if (!expression.rewritten) return { found: [], resumeAt };
  const key = keyInValue(expression.value);
  if (key) {
    if (text.slice(expression.start, expression.end).includes(key.key)) return { found: [], resumeAt };
    return { found: [{ start: expression.start, end: expression.end, label: key.label, value: key.key }], resumeAt };
  }
  const nested = keyInNestedString(expression.value);
  if (!nested) return { found: [], resumeAt };
  // Reported over the inner expression when the outer one is a single literal that maps back.
  const { value, offsets } = decodeWithOffsets(text.slice(expression.start, expression.end));
  const mapped = value === expression.value;
  const start = mapped ? expression.start + offsets[nested.start] : expression.start;
  const end = mapped
    ? expression.start + (nested.end < offsets.length ? offsets[nested.end] : expression.end - expression.start)
    : expression.end;
  return { found: [{ start, end, label: nested.label, value: nested.key }], resumeAt };
}

/** The longest random side a key with the marker can have within MAX_KEY_LENGTH. */
const MAX_SIDE = (MAX_KEY_LENGTH - OPENAI_KEY_MARKER.length) >> 1;

/**
 * The marked key that starts at `at` and whose two random sides are as long as each other, as
 * every issued shape's are (20 and 20, 58 and 58, 74 and 74): where a key is followed by more
 * key characters (two keys pasted together, a key with a suffix), that is where it ends.
 */
function symmetricKeyAt(text: string, at: number): FoundSecret | undefined {
  const shape = shapes.find((candidate) => text.startsWith(candidate.prefix, at));
  if (!shape) return undefined;
  const bodyStart = at + shape.prefix.length;
  const window = text.slice(bodyStart, Math.min(text.length, bodyStart + MAX_SIDE + OPENAI_KEY_MARKER.length));
  for (let marker = window.indexOf(OPENAI_KEY_MARKER, MIN_SIDE); marker !== -1; marker = window.indexOf(OPENAI_KEY_MARKER, marker + 1)) {
    const end = bodyStart + 2 * marker + OPENAI_KEY_MARKER.length;
    if (end > text.length) break;
    let whole = true;
    for (let i = bodyStart + marker + OPENAI_KEY_MARKER.length; i < end && whole; i++) whole = isKeyCode(text.charCodeAt(i));
    if (!whole) continue;
    const key = classifyOpenAIKey(text.slice(at, end));
    if (key) return { start: at, end, label: key.label };
  }
  return undefined;
}

/**
 * A run of key characters too long to be one key (over MAX_KEY_LENGTH) that starts with `sk-`:
 * the marked keys at its start, one after another (`sk-proj-…sk-proj-…`, or joined by one `-`
 * or `_`), each ending where its sides are even. A longer run is otherwise some other token.
 * The search resumes past the run, so a run of any length is read once.
 */
function keysInLongRun(text: string, start: number): MatchVerdict {
  let runEnd = start;
  while (runEnd < text.length && isKeyCode(text.charCodeAt(runEnd))) runEnd++;
  meterWork(runEnd - start);
  const found: FoundSecret[] = [];
  for (let at = start; at < runEnd;) {
    const key = symmetricKeyAt(text, at);
    if (!key) break;
    found.push(key);
    at = key.end;
    if ((text[at] === '-' || text[at] === '_') && text.startsWith('sk-', at + 1)) at++;
    if (!text.startsWith('sk-', at)) break;
  }
  return { found, resumeAt: runEnd };
}

/**
 * A literal that ends before its key does (`'sk-' + '…'`, `"sk-proj-ab" +`): `sk-`, at most
 * MAX_KEY_LENGTH key characters, then a quote; the string expression around it is judged by
 * validateExpression. Each run of key characters is read once: a run that no quote ends holds
 * no such literal and is skipped whole, and after the first `sk-` within reach of the quote,
 * the rest of the run is (as a regular expression's next match would start past the quote).
 */
function validateJoined(context: MatchContext): MatchVerdict {
  const { text, start } = context;
  let runEnd = start + 3;
  while (runEnd < text.length && isKeyCode(text.charCodeAt(runEnd))) runEnd++;
  meterWork(runEnd - start);
  // The run ends at a quote, or at a backslash that continues the literal on the next line.
  const continued = text[runEnd] === '\\' && (text[runEnd + 1] === '\n' || (text[runEnd + 1] === '\r' && text[runEnd + 2] === '\n'));
  if (!QUOTES.has(text[runEnd] ?? '') && !continued) return { found: [], resumeAt: runEnd };
  if (runEnd - start - 3 > MAX_KEY_LENGTH) return { found: [], resumeAt: runEnd - 3 - MAX_KEY_LENGTH };
  const verdict = validateExpression({ ...context, end: runEnd + 1 });
  return { found: verdict.found, resumeAt: Math.max(runEnd + 1, verdict.resumeAt ?? 0) };
}

const QUOTES = new Set(['"', "'", '`']);

/**
 * Characters that continue base64, a JWT or URL-encoded data (`%2B`): a marker-carrying run
 * next to one is part of a longer token. `=` only after the run (base64 padding): before it,
 * it is an assignment (`OPENAI_KEY_BODY=…` in an env file, `?key=…`).
 */
const TOKEN_CONTINUES_BEFORE = /[+/.%\\]/;
const TOKEN_CONTINUES_AFTER = /[+/=.%\\]/;

/** How many base64 characters on each side of the marker are decoded to tell prose from a key. */
const PROSE_PROBE = 12;

/**
 * True when the base64 characters around the marker at `at` decode to printable text: the base64
 * of prose that says "OpenAI" (an HTTP recording's body, a notebook's attachment), whose base64
 * is the marker when it falls on a 3-byte boundary. A key's sides are random: their 18 bytes
 * are all printable with odds near 10^-8, and a `-` or `_` (base64url) is no standard base64.
 */
function isBase64OfProse(run: string, at: number): boolean {
  const before = run.slice(at - PROSE_PROBE, at);
  const after = run.slice(at + OPENAI_KEY_MARKER.length, at + OPENAI_KEY_MARKER.length + PROSE_PROBE);
  if (!/^[A-Za-z0-9]+$/.test(before + after)) return false;
  const bytes = Buffer.from(before + after, 'base64');
  return bytes.every((byte) => (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09);
}

/** A line of standard base64 (no `-` or `_`, which key bodies have and base64 has not), 40 to MAX_KEY_LENGTH characters. */
const BASE64_LINE = /^[A-Za-z0-9+/]{40,300}={0,2}\r?$/;

/**
 * True when the run [left, right) is a whole line of a wrapped base64 block (a MIME part, a PEM
 * body, `base64` output at 76 columns): the run is base64 itself and the line before or after
 * it is a base64 line too. The marker is the base64 of "OpenAI", so an OpenAI-made image
 * carries it; wrapped, its lines stand alone between line breaks.
 */
function isWrappedBase64Line(text: string, left: number, right: number): boolean {
  const lineEnd = text[right] === '\r' ? right + 1 : right;
  if ((left > 0 && text[left - 1] !== '\n') || (lineEnd < text.length && text[lineEnd] !== '\n')) return false;
  if (!/^[A-Za-z0-9]+$/.test(text.slice(left, right))) return false;
  // The neighbouring lines, read no further than a base64 line can be long.
  const reach = MAX_KEY_LENGTH + 4;
  const before = left === 0 ? '' : text.slice(Math.max(0, left - 1 - reach), left - 1);
  const after = text.slice(lineEnd + 1, Math.min(text.length, lineEnd + 1 + reach));
  const previousLine = before.slice(before.lastIndexOf('\n') + 1);
  const nextBreak = after.indexOf('\n');
  const nextLine = nextBreak === -1 ? after : after.slice(0, nextBreak);
  return BASE64_LINE.test(previousLine) || BASE64_LINE.test(nextLine);
}

/** `[A-Za-z0-9_-]` by char code: the loops below run it per character. */
function isKeyCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** How `--verify` checks an OpenAI key (docs/verify.md). */
const OPENAI_VERIFY: VerifyRequest = {
  path: '/v1/models',
  auth: 'bearer',
  what: 'GET /v1/models',
  requirePrefix: { prefix: 'sk-', otherwise: 'found without its sk- prefix, so the whole key is not known' },
};

/**
 * A key body that carries the marker with 20 or more key characters on each side, written
 * without its `sk-…-` prefix (the prefix is in another literal, a constant or a config key),
 * or a key the string expression around the marker makes. Not inside base64 or a JWT
 * (OpenAI-made images carry the text "OpenAI", whose base64 is the marker): the run must
 * stand alone, at most MAX_KEY_LENGTH long. The run is judged once, for every marker in it,
 * and the search resumes past it.
 */
function validateMarker(context: MatchContext): MatchVerdict {
  const joined = validateExpression(context);
  if (joined.found.length > 0) return joined;
  const { text, start, end } = context;
  let left = start;
  while (left > 0 && start - left <= MAX_KEY_LENGTH && isKeyCode(text.charCodeAt(left - 1))) left--;
  let right = end;
  while (right < text.length && right - left <= MAX_KEY_LENGTH && isKeyCode(text.charCodeAt(right))) right++;
  if (right - left > MAX_KEY_LENGTH) {
    // A run too long to be a key: resume past the rest of it.
    while (right < text.length && isKeyCode(text.charCodeAt(right))) right++;
    meterWork(right - left);
    return { found: [], resumeAt: Math.max(right, joined.resumeAt ?? 0) };
  }
  meterWork(right - left);
  const resumeAt = Math.max(right, joined.resumeAt ?? 0);
  if (TOKEN_CONTINUES_BEFORE.test(text[left - 1] ?? '') || TOKEN_CONTINUES_AFTER.test(text[right] ?? '')) return { found: [], resumeAt };
  if (isWrappedBase64Line(text, left, right)) return { found: [], resumeAt };
  const run = text.slice(left, right);
  // A run that holds `sk-` is the `key` matcher's to judge (`%3Dsk-…` is a key, `prefixsk-…` is not).
  if (run.includes('sk-')) return { found: [], resumeAt };
  for (let at = run.indexOf(OPENAI_KEY_MARKER); at !== -1; at = run.indexOf(OPENAI_KEY_MARKER, at + 1)) {
    if (at < MIN_SIDE || run.length - at - OPENAI_KEY_MARKER.length < MIN_SIDE) continue;
    if (isMadeUpRandomPart(run.slice(0, at) + run.slice(at + OPENAI_KEY_MARKER.length))) break;
    if (isBase64OfProse(run, at)) continue;
    return { found: [{ start: left, end: right, label: 'key (its sk- prefix written elsewhere)' }], resumeAt };
  }
  return { found: [], resumeAt };
}

/**
 * The base64 of the marker, in each of the three ways it can fall on base64's 3-byte groups,
 * cut to the characters that do not depend on the bytes around it, with the offset of its first
 * character within its 4-character group. A key stored base64-encoded (a Kubernetes Secret's
 * `data:`, a Basic auth header, a Helm value) holds one of them.
 */
const BASE64_MARKERS: readonly { text: string; groupOffset: number }[] = [0, 1, 2].map((bytesBefore) => {
  const groupOffset = [0, 2, 3][bytesBefore];
  const encoded = Buffer.from('\0'.repeat(bytesBefore) + OPENAI_KEY_MARKER).toString('base64');
  // Characters wholly inside the marker's bits: from the first after the leading bytes' share,
  // to the last before the trailing group's share.
  return { text: encoded.slice(groupOffset, Math.floor(((bytesBefore + OPENAI_KEY_MARKER.length) * 4) / 3)), groupOffset };
});

/** How far around a base64 marker a run is decoded: a whole key (MAX_KEY_LENGTH) encodes to 4/3 as many characters. */
const BASE64_REACH = Math.ceil((MAX_KEY_LENGTH * 4) / 3) + 8;

/** Standard and URL-safe base64 characters. */
function isBase64Code(code: number): boolean {
  return isKeyCode(code) || code === 43 || code === 47;
}

/**
 * OpenAI keys stored base64-encoded: the run of base64 around the encoded marker, decoded on
 * base64's own 4-character groups (known from which of the three encodings matched), read no
 * further than a key's encoding can reach on each side. Only keys that carry the marker after
 * decoding count (precise without context, like keys in a binary file). Reported over the
 * base64 characters that encode the key, with the decoded key as the value that is redacted,
 * fingerprinted and verified. The search resumes past the decoded window.
 */
function validateBase64({ text, start }: MatchContext): MatchVerdict {
  const marker = BASE64_MARKERS.find((candidate) => text.startsWith(candidate.text, start));
  if (!marker) return [];
  const group = start - marker.groupOffset;
  if (group < 0) return [];
  let left = group;
  while (left - 4 >= 0 && group - (left - 4) <= BASE64_REACH) {
    let whole = true;
    for (let i = left - 4; i < left && whole; i++) whole = isBase64Code(text.charCodeAt(i));
    if (!whole) break;
    left -= 4;
  }
  for (let i = group; i < start; i++) if (!isBase64Code(text.charCodeAt(i))) return [];
  let right = start;
  while (right < text.length && right - start <= BASE64_REACH && isBase64Code(text.charCodeAt(right))) right++;
  const decoded = Buffer.from(text.slice(left, right), 'base64').toString('latin1');
  const found: FoundSecret[] = [];
  const pattern = /sk-[A-Za-z0-9_-]{20,300}/g;
  for (let match = pattern.exec(decoded); match; match = pattern.exec(decoded)) {
    const key = match[0];
    if (isKeyChar(decoded[match.index - 1]) || !key.includes(OPENAI_KEY_MARKER)) continue;
    const kind = classifyOpenAIKey(key);
    if (!kind) continue;
    const keyStart = left + Math.floor(match.index / 3) * 4;
    let keyEnd = Math.min(right, left + Math.ceil((match.index + key.length) / 3) * 4);
    // A key that ends the encoded text takes its padding along: the span is the whole value.
    if (keyEnd === right) while (keyEnd < text.length && keyEnd - right < 2 && text[keyEnd] === '=') keyEnd++;
    found.push({ start: keyStart, end: keyEnd, label: `${kind.label} (base64-encoded)`, value: key });
  }
  return { found, resumeAt: right };
}

export const openaiApiKey = defineRule({
  id: 'openai-api-key',
  description: 'OpenAI secret key (sk-…, sk-proj-…, sk-svcacct-…, sk-admin-…, sk-None-…)',
  help:
    'An OpenAI secret key is written in the file. Anyone who can read it can spend on your account. ' +
    'Rotate the key on the OpenAI dashboard (https://platform.openai.com/api-keys), then read it ' +
    'from the OPENAI_API_KEY environment variable or a secrets manager instead of writing it down.',
  severity: 'error',
  message: ({ label, secret, keepOut }) =>
    label === 'admin key'
      ? `OpenAI admin key ${secret}: it can create and delete every API key in the organisation. Revoke it first, then ${keepOut}.`
      : `OpenAI ${label} ${secret}. Rotate it, then ${keepOut}.`,
  remediation: OPENAI_REMEDIATION,
  envFileRemediation: OPENAI_ENV_FILE_REMEDIATION,
  envVar: 'OPENAI_API_KEY',
  // An admin key's steps put revoking first, and a tool reads it from OPENAI_ADMIN_KEY.
  labels: {
    'admin key': {
      remediation: ADMIN_REMEDIATION,
      envFileRemediation: ADMIN_ENV_FILE_REMEDIATION,
      envVar: 'OPENAI_ADMIN_KEY',
      // --verify: the Admin API, with a request that reads nothing sensitive (the body, at most one
      // project's name and id, is discarded unread); admin keys may not be accepted on /v1/models.
      verify: { ...OPENAI_VERIFY, path: '/v1/organization/projects?limit=1', what: 'GET /v1/organization/projects?limit=1 (Admin API)' },
    },
  },
  // --verify: one GET /v1/models, which reads nothing of the account's. A key body found without
  // its prefix would be refused as invalid_api_key and read as revoked: it is not sent.
  verify: { request: OPENAI_VERIFY, otherwise: 'keyguard has no check for this kind of key' },
  redactPrefixes: OPENAI_KEY_PREFIXES,
  // `sk-`, and the marker's first six characters: a key split, escaped (`sk\u002dproj\u002d…`)
  // or written without its prefix still carries the marker. Six, not all eight: the keywords
  // are printed on the rule's page, and the repository holds no whole marker. And the escaped
  // spellings of `sk-` themselves, for an unmarked key written with escapes only.
  // A notebook escapes the escapes of the code it holds (`sk\\u002d`): those spellings too.
  keywords: [
    'sk-',
    OPENAI_KEY_MARKER.slice(0, 6),
    'sk\\u002',
    'sk\\u{2',
    'sk\\x2',
    'sk\\\\u002',
    'sk\\\\x2',
    '\\u0073k',
    '\\x73k',
    // Every character of `sk-` escaped: `\u0073\u006b\u002d`, `\x73\x6b\x2d`.
    '\\u0073\\u006',
    '\\x73\\x6',
    ...BASE64_MARKERS.map((marker) => marker.text),
  ],
  matchers: [
    {
      name: 'key',
      // The bounded run keeps the match linear; the validator checks that the run is a whole
      // word (a longer word that holds a key-looking run is not a key) and classifies it.
      pattern: String.raw`sk-[A-Za-z0-9_-]{20,300}`,
      validate({ text, start, end }): MatchVerdict {
        if (!startsWord(text, start)) return [];
        if (isKeyChar(text[end])) return keysInLongRun(text, start);
        // Keys pasted together (`sk-proj-…sk-svcacct-…`) are each their own finding, not one.
        if (text.slice(start + 3, end).includes('sk-')) {
          const split = keysInLongRun(text, start);
          if ('found' in split && split.found.length > 1) return split;
        }
        const key = classifyOpenAIKey(text.slice(start, end));
        return key ? [{ start, end, label: key.label }] : [];
      },
      // In a binary file (a committed .pyc, a compiled program) no syntax surrounds a string
      // and any byte may come before it (a length byte of the format): there only keys that
      // carry the marker count, wherever they start (issue 9).
      validateInBinary({ text, start, end }): FoundSecret[] {
        const token = text.slice(start, end);
        if (!token.includes(OPENAI_KEY_MARKER)) return [];
        // Strings in a compiled program may follow each other with nothing between (a Go
        // binary's string table): the key ends where its two random sides are even.
        const symmetric = symmetricKeyAt(text, start);
        if (symmetric) return [symmetric];
        const key = classifyOpenAIKey(token);
        return key ? [{ start, end, label: key.label }] : [];
      },
    },
    // The start of a key that a literal ends before its end: `'sk-' + '…'`, `"sk-proj-ab" +`.
    // `sk-`, its run of key characters and the quote that ends it, found by validateJoined: a
    // pattern that reads the run (`sk-[…]{0,300}["'`]`) would read it again from every `sk-` in it.
    { name: 'joined', pattern: 'sk-', validate: validateJoined },
    // A key that carries the marker: split anywhere, written with escapes, or without its prefix.
    { name: 'marker', pattern: OPENAI_KEY_MARKER, validate: validateMarker },
    // The escaped spellings of `sk-` that a JS, TS or JSON string decodes.
    {
      name: 'escaped',
      pattern: String.raw`sk\\\\?(?:u002[dD]|u\{2[dD]\}|x2[dD])|\\(?:u0073|x73)(?:k|\\(?:u006[bB]|x6[bB]))`,
      validate: validateExpression,
    },
    // A key stored base64-encoded: the marker's base64, in any of its three alignments.
    { name: 'base64', pattern: BASE64_MARKERS.map((marker) => marker.text).join('|'), validate: validateBase64 },
  ],
  examples: {
    truePositives: [
      'client = OpenAI(api_key="{key:proj}")',
      'OPENAI_API_KEY={key:svcacct}',
      '"api_key": "{key:admin}",',
      'openai.api_key = "{key:legacy}"',
      "const key = '{key:unmarked}';",
      'export OPENAI_API_KEY={key:none}',
      '"    \\"openai.api_key = \\\\\\"{key:proj}\\\\\\"\\\\n\\",',
      'curl -H "Authorization: Bearer {key:legacy}" https://api.openai.com/v1/models',
      'fetch(url,{headers:{Authorization:`Bearer {key:proj}`}})',
      'key: {key:svcacct}',
      '<add key="OpenAIKey" value="{key:proj}" />',
      'KEYS=({key:legacy} staging)',
      '{key:named}',
      // An unmarked key written with escapes only: no sk- in the text, no marker to find it by.
      'const apiKey = "{key:unmarked-sk-u002d}";',
      "const apiKey = '{key:unmarked-sk-x2d}';",
      '{ "api_key": "{key:unmarked-u0073k}" }',
      'client = OpenAI(api_key="{key:unmarked-x73k}")',
      'let key = "{key:unmarked-sk-u2d-braced}";',
      "const apiKey = '{key:unmarked-u0073-u006b-u002d}';",
      'key = "{key:unmarked-x73-x6b-x2d}"',
      // A notebook's JSON holds each line of Python as a string: the Python's escapes are escaped again.
      '"source": ["client = OpenAI(api_key=\\"{key:unmarked-sk-u002d-twice}\\")\\n"]',
      '"source": ["key = \\"{key:unmarked-sk-x2d-twice}\\"\\n"]',
      // Stored base64-encoded: a Kubernetes Secret's data, a value decoded at run time.
      '  OPENAI_API_KEY: {key64:proj}',
      'const apiKey = atob("{key64:svcacct}");',
      'openai_key = base64.b64decode("{key64:legacy}")',
    ],
    falsePositives: [
      'sk-...',
      '{sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'OPENAI_API_KEY=sk-proj-****abcd',
      'api_key = "<OPENAI_API_KEY>"',
      'OPENAI_API_KEY=${OPENAI_API_KEY}',
      '.sk-button { color: red }',
      'desk-top and risk-free and task-runner',
      'ANTHROPIC_API_KEY={key:anthropic}',
      'STRIPE_KEY={key:stripe}',
      'OPENROUTER_API_KEY={key:openrouter}',
      'DEEPSEEK_API_KEY={key:deepseek}',
      '{sk}1234567890abcdef1234567890abcdef1234567890abcdef',
      '{sk}abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV',
      '{sk}your-openai-api-key-goes-here-please-replace-me',
      '{key:proj-unmarked}',
      'mask-{key:legacy}',
      // The base64 of a look-alike, and of a made-up key: no OpenAI key once decoded.
      '  blob: {key64:proj-unmarked}',
      '  blob: {key64:anthropic}',
    ],
  },
});
