/**
 * The one judgement of "does this value look like a credential": how random it is once the
 * words, separators and counters a person types are taken out. Every rule asks it (through
 * `isPlaceholderValue`) for values handed to a sink, so the CLI, the hook and the ESLint
 * plugin agree on it.
 *
 * Test suites name their made-up credentials with words and a short counter, year or version
 * (`something1234`, `access_token1`, `foo_bar_123`, `key-v2-9`, `ci-key-2024`,
 * `fixture-key-001`, `exchanged-token-789`): a "has a digit" test lets them through. Random
 * values (a 32-hex Azure key, base64, a proxy token of 20 or more characters) keep nearly all
 * of their characters after the words are taken out; fixtures keep a few digits at most.
 *
 * Measured on seeded random values (20,000 of each): of 20-character ones, 0.06 % of hex,
 * 0.04 % of letters and digits, 0.1 % of base64 and 1.1 % of lower-case letters and digits
 * are judged not random (a single digit between two long pronounceable letter runs); of 24
 * characters and more, at most 0.2 %. Linear in the value's length.
 */

/** Words made-up credentials are built from that the pronounceability test below would miss. */
const FIXTURE_WORDS = new Set([
  'api',
  'key',
  'keys',
  'token',
  'tokens',
  'tok',
  'secret',
  'secrets',
  'test',
  'tests',
  'fixture',
  'fake',
  'mock',
  'dummy',
  'stub',
  'sample',
  'example',
  'demo',
  'foo',
  'bar',
  'baz',
  'qux',
  'quux',
  'abc',
  'xyz',
  'id',
  'ci',
  'cd',
  'dev',
  'prod',
  'staging',
  'local',
  'jwt',
  'auth',
  'bearer',
  'access',
  'refresh',
  'client',
  'user',
  'org',
  'proj',
  'project',
  'value',
  'my',
  'the',
  'for',
  'and',
  'of',
  'to',
  'by',
  'v',
  'x',
  'ai',
  'sdk',
  'aws',
  'gcp',
  'url',
  'http',
  'https',
  'llm',
  'gpt',
]);

const VOWELS = /[aeiouy]/g;

/**
 * True when lower-case letters read like a word: between 15 % and 70 % vowels, no five
 * consonants or four vowels in a row. Loose on purpose: it only ever runs on letter runs of a
 * value that changes between letters and digits at most twice (see `randomResidue`).
 */
function pronounceable(lower: string): boolean {
  if (lower.length < 3) return false;
  const vowels = (lower.match(VOWELS) ?? []).length / lower.length;
  if (vowels < 0.15 || vowels > 0.7) return false;
  return !/[^aeiouy]{5}/.test(lower) && !/[aeiou]{4}/.test(lower);
}

/** A run of letters that reads as a word or words: `token`, `Something`, `CLIENT`, `sessionToken`. */
function isWordRun(run: string): boolean {
  const lower = run.toLowerCase();
  if (FIXTURE_WORDS.has(lower)) return true;
  // One case throughout: a word of at most 12 letters (longer runs are not typed as one word).
  if (/^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/.test(run)) return run.length <= 12 && pronounceable(lower);
  // camelCase: every piece a word (`myResourceGroup`, `AzureOpenAIKey`).
  const pieces = run.match(/^[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  if (pieces.join('') !== run) return false;
  return pieces.every(
    (piece) => FIXTURE_WORDS.has(piece.toLowerCase()) || (/^[A-Z]?[a-z]{2,}$/.test(piece) && pronounceable(piece.toLowerCase())),
  );
}

/**
 * What is left of a value once separators, words and counters are taken out. A chunk (the text
 * between separators) that changes between letters and digits more than twice is random
 * as a whole; in the others, words and digit runs of at most four digits (a counter, a year, a
 * version) are taken out.
 */
export function randomResidue(value: string): string {
  let out = '';
  for (const chunk of value.split(/[^A-Za-z0-9]+/)) {
    const runs = chunk.match(/[A-Za-z]+|[0-9]+/g) ?? [];
    if (runs.length > 3) {
      out += chunk;
      continue;
    }
    for (const run of runs) {
      const typed = /^[0-9]/.test(run) ? run.length <= 4 : isWordRun(run);
      if (!typed) out += run;
    }
  }
  return out;
}

/** True when a chunk between separators has 8 or more distinct characters and 6 or more letter and digit runs. */
function hasRandomChunk(value: string): boolean {
  return value.split(/[^A-Za-z0-9]+/).some((chunk) => {
    if (chunk.length < 8 || new Set(chunk).size < 8) return false;
    const runs = chunk.match(/[A-Za-z]+|[0-9]+/g) ?? [];
    return runs.length >= 6 && ascendingShare(chunk) < 0.4;
  });
}

/** The share of neighbouring characters that step up the alphabet or the digits (`ABCD1234…`). */
function ascendingShare(text: string): number {
  let steps = 0;
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) === text.charCodeAt(i - 1) + 1) steps++;
  return text.length > 1 ? steps / (text.length - 1) : 0;
}

/**
 * True when a value is random enough to be a credential: a random chunk (above), or at least 16 characters left after
 * words, separators and counters are taken out, with 8 or more distinct ones; or at least 10
 * left, of two character classes, mostly distinct, making up half the value or more.
 */
export function looksRandom(value: string): boolean {
  // A chunk of 8 or more characters that changes between letters and digits at every turn
  // (`proxy-token-8f3k2m9q7x`) is random whatever words stand beside it.
  if (hasRandomChunk(value)) return true;
  const rest = randomResidue(value);
  if (ascendingShare(rest) >= 0.4) return false; // ABCD1234EFGH5678
  const distinct = new Set(rest).size;
  if (rest.length >= 16) return distinct >= 8;
  if (rest.length < 10) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(rest)).length;
  return classes >= 2 && distinct * 10 >= rest.length * 6 && rest.length * 2 >= value.length;
}
