/**
 * The generic half of "is this a placeholder, a redacted value or a reference rather than a
 * secret": what holds for any provider's secret. Every rule, and so the CLI, the hook and the
 * ESLint plugin, asks here; what one provider's keys look like when made up (a prefix followed
 * by dots, a defanged marker) is in that provider's rule, which passes it in as a hook.
 *
 * Documentation, tests and tutorials are full of key-shaped strings that are not keys
 * (`your-api-key`, `<API_KEY>`, `${API_KEY}`, `xxxxxxxx`); a finding on one of them teaches
 * people to ignore the tool.
 */
import { shannonEntropy } from './entropy';
import { looksRandom } from './randomness';

/**
 * Words that mark a key's random part as made up (matched case-insensitively): the short list,
 * because a word that also turns up inside a random key by chance would hide a real key.
 */
const keyPlaceholderWords = [
  'your',
  'example',
  'placeholder',
  'replace',
  'insert',
  'dummy',
  'fake',
  'sample',
  'changeme',
  'redacted',
  'xxxx',
  'notreal',
  'invalid',
  'apikey',
];

/** Words that mark a value as an example rather than a secret: the key's words and more. */
const placeholderWords = [
  ...keyPlaceholderWords,
  'here',
  'secret_key_here',
  'not-real',
  'not_a_real',
  'notareal',
  'mock',
  'foobar',
  'lorem',
  'todo',
  'fixme',
  'tbd',
  'enter',
  'paste',
  'put-',
  'put_',
  'test',
  'demo',
  'bogus',
  'api-key',
  'api_key',
  'mykey',
  'my_key',
  'my-key',
  'key-here',
  'keyhere',
  '<',
  '>',
  '...',
  '…',
  '***',
  '•••',
  'missing',
  'unset',
  'notset',
  'not_set',
  'not-set',
  'undefined',
  'nokey',
  'no-key',
  'no_key',
  'abc123',
  '123abc',
  'qwerty',
  'asdfgh',
];

const ASCENDING_ALPHABETS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

function isAscendingStep(previous: string, next: string): boolean {
  if (previous === '9' && next === '0') return true; // the keyboard row 1234567890
  for (const alphabet of ASCENDING_ALPHABETS) {
    const at = alphabet.indexOf(previous);
    if (at !== -1 && alphabet[at + 1] === next) return true;
  }
  return false;
}

/** Length of the longest run of ascending characters (`abcdef`, `123456`) in a text. */
export function longestAscendingRun(text: string): number {
  let longest = text.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = isAscendingStep(text[i - 1], text[i]) ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Length of the longest run of one repeated character. */
export function longestRepeatedRun(text: string): number {
  let longest = text.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text[i] === text[i - 1] ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** True when a short text is one unit repeated (`abcabcabc`, `12121212`). */
function isRepeatedUnit(text: string): boolean {
  for (let unit = 1; unit <= 6 && unit * 2 <= text.length; unit++) {
    let repeats = true;
    for (let i = unit; i < text.length && repeats; i++) repeats = text[i] === text[i - unit];
    if (repeats) return true;
  }
  return false;
}

/** A key body at least this long is a real key's length: a short word inside it may be chance. */
const KEY_LENGTH_BODY = 40;
/** The longest placeholder word that a random body of a real key's length holds by chance often enough to matter. */
const MAX_CHANCE_WORD = 6;
const isAlphanumeric = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);

/**
 * True when a key body holds a placeholder word. A short word turns up inside a random body of
 * a real key's length by chance (a four-letter one, `your`, `fake`, `xxxx`, in about 1 key in
 * 2,000 for a 156-character project key; `dummy`, `sample`, `insert`, `apikey` in about 1 in
 * 100,000), so inside such a body a word of up to six letters counts only where it stands as a
 * word: at the start or the end, or beside a `-` or `_` (`sk-proj-fake-…`, `…_your_key`).
 * Longer words, and any word in a shorter body, count wherever they are.
 */
function holdsPlaceholderWord(body: string): boolean {
  const lower = body.toLowerCase();
  for (const word of keyPlaceholderWords) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (word.length > MAX_CHANCE_WORD || body.length < KEY_LENGTH_BODY) return true;
      if (at === 0 || end === body.length || !isAlphanumeric(body[at - 1]) || !isAlphanumeric(body[end])) return true;
    }
  }
  return false;
}

/**
 * True when the random part of a key (what follows its prefix, a provider's marker included) is
 * plainly made up: `xxxx`, a placeholder word, a long run of one character or of the
 * alphabet, a counting start (`123456…`), or too little entropy to be random.
 */
export function isPlaceholderKeyBody(body: string): boolean {
  if (holdsPlaceholderWord(body)) return true;
  if (longestRepeatedRun(body) >= 6) return true;
  if (longestAscendingRun(body) >= 12) return true;
  if (/^(?:0123|1234)/.test(body)) return true;
  if (isRepeatedUnit(body)) return true;
  return shannonEntropy(body) < 3;
}

/** The text a base64 value encodes, when it is base64 of printable ASCII; otherwise undefined. */
function decodedBase64Text(value: string): string | undefined {
  if (value.length < 12 || value.length > 600 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/** References to a secret kept elsewhere: never a hard-coded value. */
const referencePatterns: readonly RegExp[] = [
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/, // $VAR, ${VAR}
  /^\$\{[^}]*\}$/, // ${VAR:-default}, ${{ secrets.X }}
  /^\$\(/, // $(command)
  /^\$\{\{/, // GitHub Actions expressions
  /\{\{.*\}\}/, // templates: {{ secrets.X }}, {{ .Values.key }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR% (Windows)
  /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/, // %(VAR)s (Python configparser)
  /^%[0-9]$/, // %1 (a batch file's argument)
  /^<[^>]*>$/, // <API_KEY>
  /^\[[^\]]*\]$/, // [YOUR KEY]
  /^#\{.*\}$/, // #{var} (Ruby, Octopus)
  /^@Microsoft\.KeyVault\(/i,
  /^(?:vault|op|ssm|secretsmanager|awssm|gcpsm|azurekv|keyvault|sops|env|file|ref\+\w+):/i,
  /^arn:aws:(?:secretsmanager|ssm):/,
  /^ENC\[/, // sops-encrypted
  /^!(?:Ref|Sub|GetAtt|ImportValue|vault)\b/, // CloudFormation, Ansible
];

/** Words that stand for "no value" in the languages keyguard reads. */
const emptyWords = new Set([
  'none',
  'null',
  'nil',
  'undefined',
  'true',
  'false',
  'nan',
  'empty',
  'string',
  'str',
  'required',
  'optional',
  'secret',
  'password',
  'token',
  'key',
  'apikey',
  'api_key',
  'env',
  'default',
]);

/** True when a value names a secret kept elsewhere (environment, template, secret manager). */
export function isReference(value: string): boolean {
  const trimmed = value.trim();
  if (referencePatterns.some((pattern) => pattern.test(trimmed))) return true;
  // An environment variable's name is a name, not its value: API_KEY, SERVICE_ACCESS_TOKEN.
  if (/^[A-Z][A-Z0-9_]*$/.test(trimmed) && trimmed.includes('_')) return true;
  return false;
}

/**
 * What a rule adds to the generic placeholder check for values handed to its sinks: words that
 * mark its own examples, and a judgement on shapes it knows (a value that starts like its key
 * but is not a whole one). `shape` returns true or false to decide, undefined to leave it to
 * the generic checks that follow.
 */
export interface PlaceholderHook {
  words?: readonly string[];
  shape?(value: string): boolean | undefined;
}

/**
 * True when a hard-coded value is a placeholder, an example or no value at all, rather than a
 * secret someone pasted. Used for values given to a key sink (`api_key="…"`).
 */
export function isPlaceholderValue(value: string, hook: PlaceholderHook = {}): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 8) return true;
  if (/\s/.test(trimmed)) return true; // prose: "Enter your API key"
  const lower = trimmed.toLowerCase();
  if (emptyWords.has(lower)) return true;
  if (isReference(trimmed)) return true;
  if (placeholderWords.some((word) => lower.includes(word))) return true;
  if (hook.words?.some((word) => lower.includes(word))) return true;
  // Base64 of text (a Kubernetes Secret's `data:`): judge what it encodes.
  const decoded = decodedBase64Text(trimmed);
  if (decoded !== undefined && decoded !== trimmed && isPlaceholderValue(decoded, hook)) return true;
  if (/^[a-z]+:\/\//i.test(trimmed) || /^(?:\.{0,2}\/|~\/)/.test(trimmed)) return true; // URL or path
  if (/[{}$]/.test(trimmed)) return true; // interpolation: f"{key}", `${key}`
  if (longestRepeatedRun(trimmed) >= 5) return true;
  if (longestAscendingRun(trimmed) >= 6) return true; // 123456, abcdef
  if (isRepeatedUnit(trimmed)) return true;
  const known = hook.shape?.(trimmed);
  if (known !== undefined) return known;
  // Words, separators and counters only: "apikey", "lm-studio", "not-needed" (what local
  // model servers accept), "Required." in prose, "something1234", "ci-key-2024" (test fixtures).
  return !looksRandom(trimmed);
}
