import { decodePeerCase, fakeKey, fillExample, seededRun, type FakeKeyShape } from './fake-key';

/** The 8-character OpenAI marker, made at run time so that no file holds it. */
const MARKER = decodePeerCase('{marker}');

/**
 * Fills the templates of the real-code cases (test/fixtures/real-code-cases.json). On top of
 * `fillExample`'s `{key:<shape>}`, `{value}` and `{sk}`, they use shapes of keys seen or
 * feared in real code:
 * - `{marker}`: the 8-character OpenAI marker;
 * - `{key:<shape>/i:n}`: the i-th of n consecutive pieces of the key (split keys);
 * - `{keyprefix:<shape>}`, `{keybody:<shape>}`: the key up to its random part (`sk-proj-`),
 *   and the rest; `{keyafter-sk:<shape>}`: the key without its first three characters;
 * - `{key:<shape>|u002d}`, `|x2d`, `|u0073`: the key written with a JS/JSON escape (every `-`
 *   as `\u002d` or `\x2d`, or its first `s` as `\u0073`);
 * - `{b64:N}`, `{alnum:N}`: N seeded random base64 characters, or letters and digits.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = B64.slice(0, 62);
const PIECE = /\{(key|keyprefix|keybody|keyafter-sk):([a-z-]+)(?:\/(\d):(\d))?(?:\|(u002d|x2d|u0073))?\}/g;

/** Where a key's random part starts: past `sk-`, and past `proj-`, `svcacct-`… when it has one. */
function prefixLength(key: string): number {
  const marker = key.indexOf(MARKER);
  const dash = key.lastIndexOf('-', marker === -1 ? 12 : Math.min(marker, 24));
  return dash === -1 ? 3 : dash + 1;
}

function escaped(text: string, escape: string): string {
  if (escape === 'u0073') return '\\u0073' + text.slice(1);
  return text.split('-').join(escape === 'x2d' ? '\\x2d' : '\\u002d');
}

function piece(kind: string, shape: string, index?: string, count?: string, escape?: string, variant = 0): string {
  const key = fakeKey(shape as FakeKeyShape, variant);
  let text = key;
  if (kind === 'keyprefix') text = key.slice(0, prefixLength(key));
  else if (kind === 'keybody') text = key.slice(prefixLength(key));
  else if (kind === 'keyafter-sk') text = key.slice(3);
  if (index && count) {
    const size = Math.ceil(text.length / Number(count));
    text = text.slice((Number(index) - 1) * size, Number(index) * size);
  }
  return escape ? escaped(text, escape) : text;
}

export function fillRealCodeCase(template: string, variant = 0): string {
  let b64 = 0;
  let alnum = 0;
  const filled = template
    .split('{marker}')
    .join(MARKER)
    .replace(PIECE, (_, kind: string, shape: string, index?: string, count?: string, escape?: string) =>
      piece(kind, shape, index, count, escape, variant),
    )
    .replace(/\{b64:(\d+)\}/g, (_, length: string) => seededRun(`b64:${b64++}`, Number(length), B64, variant))
    .replace(/\{alnum:(\d+)\}/g, (_, length: string) => seededRun(`alnum:${alnum++}`, Number(length), ALNUM, variant));
  return fillExample(filled, variant);
}

/** The whole secrets a case holds (a key written in pieces counts once, whole): no output may hold one. */
export function realCodeSecrets(template: string, variant = 0): string[] {
  const secrets = new Set<string>();
  template.replace(PIECE, (_, _kind: string, shape: string) => {
    secrets.add(fakeKey(shape as FakeKeyShape, variant));
    return '';
  });
  template.replace(/\{key:([a-z0-9-]+)\}/g, (_, shape: string) => {
    secrets.add(fakeKey(shape as FakeKeyShape, variant));
    return '';
  });
  if (template.includes('{key}')) secrets.add(fakeKey('proj', variant));
  if (template.includes('{value}')) secrets.add(fillExample('{value}', variant));
  return [...secrets];
}
