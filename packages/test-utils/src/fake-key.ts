/**
 * The one fake-key helper. No key-shaped literal is committed anywhere in this repository
 * (push protection and our own hook would reject it): tests build keys at run time here.
 * Keys are deterministic (seeded), so a failing test names the same key on every run, and
 * tests never print a whole key (use `describeKey`).
 */

/** The 8-character OpenAI marker, assembled so that this file holds no key-shaped string. */
const MARKER = ['T3B', 'lbk', 'FJ'].join('');
const SK = ['s', 'k', '-'].join('');
/** Prefixes of the webhook and Realtime secrets, assembled like the marker. */
const WHSEC = ['wh', 'sec_'].join('');
const EK = ['e', 'k_'].join('');
/** The fixed run inside every 84-character Azure key, assembled like the marker. */
const AZURE_MARKER = ['JQQ', 'J99'].join('');

export type FakeKeyShape =
  | 'legacy' // sk- + 20 + marker + 20 (letters and digits)
  | 'proj' // sk-proj- + 74 + marker + 74 (letters, digits, _ and -)
  | 'proj-short' // sk-proj- + 20 + marker + 20
  | 'svcacct' // sk-svcacct- + 58 + marker + 58
  | 'admin' // sk-admin- + 58 + marker + 58
  | 'none' // sk-None- + 48 letters and digits, no marker
  | 'none-marked' // sk-None- + 74 + marker + 74
  | 'unmarked' // sk- + 48 letters and digits, no marker
  | 'named' // sk-<service-account-name>- + 20 + marker + 20
  | 'legacy-b64url' // sk- + 42 + marker + 42 with _ and - (leaktk's shape)
  | 'azure' // Azure AI services (Azure OpenAI) key, 84 characters: 52 + JQQJ99 + 2 + AC + 5 + XJ3w3AAA + 1 + ACOG + 4
  | 'whsec' // a webhook signing secret: whsec_ + base64 of 32 bytes (OpenAI's; Stripe, Svix and Standard Webhooks share the prefix)
  | 'ek' // a Realtime API client secret: ek_ + 32 lowercase hex
  // The 'unmarked' key of the same variant as a JS, JSON or Python string spells it with escapes
  // only, so that the text holds no `sk-`: `sk\u002d…`, `sk\x2d…`, `\u0073k-…`, `\x73k-…`.
  | 'unmarked-sk-u002d'
  | 'unmarked-sk-x2d'
  | 'unmarked-u0073k'
  | 'unmarked-x73k'
  // The same inside a string inside a string (a notebook's JSON holding Python): `sk\\u002d…`, `sk\\x2d…`.
  | 'unmarked-sk-u2d-braced' // Rust's and ES2015's `\u{2d}`
  | 'unmarked-u0073-u006b-u002d' // every character of `sk-` escaped
  | 'unmarked-x73-x6b-x2d'
  | 'unmarked-sk-u002d-twice'
  | 'unmarked-sk-x2d-twice';

/** How each escaped shape spells `sk-`. */
const ESCAPED_SK: Record<string, string> = {
  'unmarked-sk-u002d': 'sk\\u002d',
  'unmarked-sk-x2d': 'sk\\x2d',
  'unmarked-u0073k': '\\u0073k-',
  'unmarked-x73k': '\\x73k-',
  'unmarked-sk-u2d-braced': 'sk\\u{2d}',
  'unmarked-u0073-u006b-u002d': '\\u0073\\u006b\\u002d',
  'unmarked-x73-x6b-x2d': '\\x73\\x6b\\x2d',
  'unmarked-sk-u002d-twice': 'sk\\\\u002d',
  'unmarked-sk-x2d-twice': 'sk\\\\x2d',
};

/**
 * Strings that look like keys but are not OpenAI keys: other providers' `sk-` keys and OpenAI
 * prefixes without the marker. Tests use them as look-alike negatives (`{key:anthropic}`).
 */
export type LookAlikeShape =
  | 'anthropic' // sk-ant-api03- + 93 + AA
  | 'openrouter' // sk-or-v1- + 64 hex
  | 'deepseek' // sk- + 32 hex (DeepSeek, many OpenAI-compatible relays)
  | 'langfuse' // sk-lf- + a UUID
  | 'stripe' // sk_live_ + 99 letters and digits
  | 'proj-unmarked' // sk-proj- + 156, no marker
  | 'admin-unmarked' // sk-admin- + 124, no marker
  | 'svcacct-unmarked' // sk-svcacct- + 124, no marker
  | 'azure-hex' // 32 lowercase hex: the classic Azure key's shape, and every md5
  | 'azure-pubsub' // an 84-character Azure key of another service (Web PubSub: …XJ3w3AAAAAWPS…), not an AI services one
  | 'ek-sequence'; // ek_ + 0123456789abcdef twice: a made-up Realtime client secret (a counting run, not a key)

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = ALNUM + '_-';

/** mulberry32: a tiny seeded generator, good enough for test data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seeded random source for generated test data (numbers in [0, 1)): the same seed, the same run. */
export const seededRandom = (seed: number): (() => number) => generator(seed);

function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

function randomRun(next: () => number, length: number, alphabet: string): string {
  let out = '';
  while (out.length < length) {
    const ch = alphabet[Math.floor(next() * alphabet.length)];
    // No run of three equal or ascending characters, so no fake key looks like a placeholder,
    // and no accidental marker.
    const previous = out[out.length - 1];
    if (previous && (previous === ch || previous.charCodeAt(0) + 1 === ch.charCodeAt(0))) continue;
    out += ch;
  }
  // Neither side may start or end with - or _ (they would read as a separator in a test).
  return out.replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
}

/** A fake OpenAI key (or look-alike) of the given shape; `variant` picks another of the same shape. */
export function fakeKey(shape: FakeKeyShape | LookAlikeShape = 'proj', variant = 0): string {
  // An escaped spelling of the unmarked key of the same variant: the same key once decoded.
  const next = generator(seedOf(`${shape}:${variant}`));
  const marked = (prefix: string, side: number, alphabet = B64URL): string =>
    `${SK}${prefix}${randomRun(next, side, alphabet)}${MARKER}${randomRun(next, side, alphabet)}`;
  switch (shape) {
    case 'legacy':
      return marked('', 20, ALNUM);
    case 'proj':
      return marked('proj-', 74);
    case 'proj-short':
      return marked('proj-', 20, ALNUM);
    case 'svcacct':
      return marked('svcacct-', 58);
    case 'admin':
      return marked('admin-', 58);
    case 'none':
      return `${SK}None-${randomRun(next, 48, ALNUM)}`;
    case 'none-marked':
      return marked('None-', 74);
    case 'unmarked':
      return `${SK}${randomRun(next, 48, ALNUM)}`;
    case 'named':
      return marked('ci-runner-bot-', 20, ALNUM);
    case 'legacy-b64url':
      return marked('', 42);
    case 'azure':
    case 'azure-pubsub': {
      const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const head = `${randomRun(next, 52, ALNUM)}${AZURE_MARKER}${randomRun(next, 2, upper)}AC${randomRun(next, 5, ALNUM)}`;
      return shape === 'azure'
        ? `${head}XJ3w3AAA${randomRun(next, 1, upper)}ACOG${randomRun(next, 4, ALNUM)}`
        : `${head}XJ3w3AAAAAWPS${randomRun(next, 3, ALNUM)}`;
    }
    case 'azure-hex':
      return randomRun(next, 32, '0123456789abcdef');
    case 'whsec':
      return `${WHSEC}${randomRun(next, 43, ALNUM + '+/')}=`;
    case 'ek':
      return `${EK}${randomRun(next, 32, '0123456789abcdef')}`;
    case 'ek-sequence':
      return `${EK}${'0123456789abcdef'.repeat(2)}`;
    case 'unmarked-sk-u002d':
    case 'unmarked-sk-x2d':
    case 'unmarked-u0073k':
    case 'unmarked-x73k':
    case 'unmarked-sk-u2d-braced':
    case 'unmarked-u0073-u006b-u002d':
    case 'unmarked-x73-x6b-x2d':
    case 'unmarked-sk-u002d-twice':
    case 'unmarked-sk-x2d-twice':
      return `${ESCAPED_SK[shape]}${fakeKey('unmarked', variant).slice(3)}`;
    case 'anthropic':
      return `${SK}ant-api03-${randomRun(next, 93, B64URL)}AA`;
    case 'openrouter':
      return `${SK}or-v1-${randomRun(next, 64, '0123456789abcdef')}`;
    case 'deepseek':
      return `${SK}${randomRun(next, 32, '0123456789abcdef')}`;
    case 'langfuse': {
      const hex = randomRun(next, 32, '0123456789abcdef');
      return `${SK}lf-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'stripe':
      return `sk_live_${randomRun(next, 99, ALNUM)}`;
    case 'proj-unmarked':
      return `${SK}proj-${randomRun(next, 156, B64URL)}`;
    case 'admin-unmarked':
      return `${SK}admin-${randomRun(next, 124, B64URL)}`;
    case 'svcacct-unmarked':
      return `${SK}svcacct-${randomRun(next, 124, B64URL)}`;
  }
}

export const LOOK_ALIKE_SHAPES: readonly LookAlikeShape[] = [
  'anthropic',
  'openrouter',
  'deepseek',
  'langfuse',
  'stripe',
  'proj-unmarked',
  'admin-unmarked',
  'svcacct-unmarked',
];

export const FAKE_KEY_SHAPES: readonly FakeKeyShape[] = [
  'legacy',
  'proj',
  'proj-short',
  'svcacct',
  'admin',
  'none',
  'none-marked',
  'unmarked',
  'named',
  'legacy-b64url',
];

/**
 * A fake credential that is not an `sk-` key: what `openai-key-assignment` must catch in a
 * sink (an Azure OpenAI key is 32 hex digits).
 */
export function fakeValue(variant = 0): string {
  const next = generator(seedOf(`value:${variant}`));
  return randomRun(next, 32, '0123456789abcdef');
}

/**
 * A fake token of a plain token rule: `prefix` and 32 seeded letters and digits (what
 * `npm run new-rule` scaffolds). `{token:acme_}` in a template stands for one.
 */
export function fakeToken(prefix: string, variant = 0): string {
  return prefix + randomRun(generator(seedOf(`token:${prefix}:${variant}`)), 32, ALNUM);
}

const TEMPLATE_SECRET = /\{key(64)?:([a-z0-9-]+)\}|\{key\}|\{value\}|\{token:([A-Za-z0-9_-]+)\}/g;

/** A key as a base64 value holds it (a Kubernetes Secret's `data:`): `{key64:<shape>}` in a template. */
const base64Of = (key: string): string => Buffer.from(key, 'latin1').toString('base64');

/**
 * Fills `{key:<shape>}`, `{key64:<shape>}` (the key base64-encoded), `{key}`, `{value}` and
 * `{token:<prefix>}` in an example template,
 * and `{sk}` with the three characters of the key prefix (so that look-alike placeholders
 * such as `{sk}xxxx…` need not be written key-shaped).
 */
export function fillExample(template: string, variant = 0): string {
  return template
    .split('{sk}')
    .join(SK)
    .replace(/\{token:([A-Za-z0-9_-]+)\}/g, (_, prefix: string) => fakeToken(prefix, variant))
    .replace(/\{key:([a-z0-9-]+)\}/g, (_, shape: string) => fakeKey(shape as FakeKeyShape, variant))
    .replace(/\{key64:([a-z0-9-]+)\}/g, (_, shape: string) => base64Of(fakeKey(shape as FakeKeyShape, variant)))
    .replace(/\{key\}/g, () => fakeKey('proj', variant))
    .replace(/\{value\}/g, () => fakeValue(variant));
}

/** The secrets a filled template holds, in order: what the findings' spans must cover. */
export function secretsIn(template: string, variant = 0): string[] {
  const secrets: string[] = [];
  template.replace(TEMPLATE_SECRET, (whole, encoded?: string, shape?: string, prefix?: string) => {
    if (whole === '{value}') secrets.push(fakeValue(variant));
    else if (prefix !== undefined) secrets.push(fakeToken(prefix, variant));
    else if (encoded) secrets.push(base64Of(fakeKey(shape as FakeKeyShape, variant)));
    else secrets.push(fakeKey((shape ?? 'proj') as FakeKeyShape, variant));
    return whole;
  });
  return secrets;
}

/** A safe name for a key in test titles and messages: never the key itself. */
export function describeKey(key: string): string {
  return `${key.slice(0, key.startsWith(SK) ? 8 : 2)}…(${key.length} chars)`;
}

/**
 * Decodes a peer-case string: `{sk}` and `{marker}` stand for the key prefix and the marker,
 * `{ek}` for the Realtime client secret's prefix, `{azure-marker}` for the fixed run of an
 * 84-character Azure key, and `{cut}` for nothing (it splits a 32-hex value, so the stored copy
 * is no key).
 */
export function decodePeerCase(text: string): string {
  return text
    .split('{sk}')
    .join(SK)
    .split('{marker}')
    .join(MARKER)
    .split('{ek}')
    .join(EK)
    .split('{azure-marker}')
    .join(AZURE_MARKER)
    .split('{cut}')
    .join('');
}

/** True when a text holds a whole key of any of the given keys: for "no output holds a key" checks. */
export function containsAnyKey(output: string, keys: readonly string[]): boolean {
  return keys.some((key) => output.includes(key));
}

/**
 * `length` seeded random characters of `alphabet` (no run of three equal or ascending ones),
 * named by `name` so that two callers get different runs: filler for test data that must
 * look random (`{b64:N}` in the real-code cases).
 */
export function seededRun(name: string, length: number, alphabet: string = ALNUM, variant = 0): string {
  return randomRun(generator(seedOf(`run:${name}:${length}:${variant}`)), length, alphabet);
}
