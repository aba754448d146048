/**
 * Hostile inputs for linear time (issue 11): each family is a text of any size built to make a
 * backtracking pattern, an unbounded look-back or a per-finding rescan cost more than linear
 * time. core's linear-time test scans each family at 1 MB and 8 MB and asserts the ratio of
 * core's work counter (`measureWork`); `npm run bench -- hostile` times the same families
 * (scripts/bench/hostile.mjs). Keep the two in step through this one list.
 *
 * Keys come from the seeded fake-key helper, so this file holds no key-shaped literal.
 */
import { fakeKey, seededRun } from './fake-key';

const MARKER = ['T3B', 'lbk', 'FJ'].join('');
const SK = ['s', 'k', '-'].join('');

export interface HostileFamily {
  name: string;
  /** The path the text is scanned as: it picks the file kind. */
  path: string;
  /** The text, about `size` characters. */
  make: (size: number) => string;
  /** True when the family holds keys to report (the rest must give no finding). */
  findings?: boolean;
}

/** `unit` repeated to exactly `size` characters. */
function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Pieces made from a counter (`piece(0)`, `piece(1)`, …), joined, up to about `size` characters. */
function numbered(size: number, piece: (index: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = piece(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** Deterministic bytes (xorshift), the same on every run. */
function pseudoRandomBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let state = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** 76-column lines of letters and digits, each with the marker in the middle. */
function wrappedLines(size: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.length * 77 < size; i++) lines.push(seededRun(`line:${i % 64}`, 34) + MARKER + seededRun(`tail:${i % 64}`, 34));
  return lines.join('\n');
}

/** The first line of every family: it names the provider, so that the prefilter lets every rule run. */
export const HOSTILE_HEADER = 'import openai  # OpenAI OPENAI_API_KEY\n';

/** Random-looking values to assign (not keys: no prefix, no marker), one per index. */
const value = (index: number): string => seededRun(`value:${index % 512}`, 32);

export const HOSTILE_FAMILIES: readonly HostileFamily[] = [
  // Runs of a keyword.
  { name: 'sk-sk-sk-…', path: 'notes.txt', make: (size) => repeatTo(SK, size) },
  { name: 'sk-proj-sk-proj-…', path: 'notes.txt', make: (size) => repeatTo(`${SK}proj-`, size) },
  { name: 'base64', path: 'blob.txt', make: (size) => pseudoRandomBytes(Math.ceil((size * 3) / 4)).toString('base64') },
  { name: 'base64url', path: 'blob.txt', make: (size) => pseudoRandomBytes(Math.ceil((size * 3) / 4)).toString('base64url') },
  { name: 'api_key=api_key=…', path: 'config.env', make: (size) => repeatTo('api_key=', size) },
  { name: 'api_key="api_key="…', path: 'app.py', make: (size) => repeatTo('api_key="', size) },
  { name: 'OPENAI_API_KEY=OPENAI_API_KEY=…', path: '.env', make: (size) => repeatTo('OPENAI_API_KEY=', size) },
  { name: 'openai repeated', path: 'app.py', make: (size) => repeatTo('openai', size) },
  { name: 'openai on many lines', path: 'values.yaml', make: (size) => repeatTo('openai:\n  key: abcdefgh1234\n', size) },
  { name: 'OpenAI(OpenAI(…', path: 'app.py', make: (size) => repeatTo('OpenAI(', size) },
  { name: 'OpenAI(api_key="…", repeated', path: 'app.py', make: (size) => repeatTo('OpenAI(api_key="abcdef123456789", ', size) },
  { name: "'openai' => [ repeated", path: 'config.php', make: (size) => repeatTo("'openai' => [", size) },
  { name: 'OpenAI:OpenAI:…', path: 'appsettings.json', make: (size) => repeatTo('OpenAI:', size) },
  { name: '- name: OPENAI_API_KEY lines', path: 'deployment.yaml', make: (size) => repeatTo('- name: OPENAI_API_KEY\n', size) },
  { name: 'key: on one long line', path: 'values.yaml', make: (size) => repeatTo('openai: key: ', size) },
  { name: 'a name then spaces', path: '.env', make: (size) => 'OPENAI_API_KEY' + ' '.repeat(size) },
  { name: 'the marker repeated', path: 'notes.txt', make: (size) => SK + repeatTo(MARKER, size) },
  { name: 'ChatClient("gpt", repeated', path: 'Program.cs', make: (size) => repeatTo('ChatClient("gpt-4o", ', size) },
  { name: 'apiKey(apiKey(…', path: 'Main.java', make: (size) => repeatTo('apiKey(', size) },
  {
    name: 'credential-looking api_key values outside any sink',
    path: 'config.json',
    make: (size) => repeatTo('{"api_key": "a1B2c3D4e5F6g7H8x9", ', size),
  },
  { name: 'os.getenv("OPENAI_API_KEY", repeated', path: 'app.py', make: (size) => repeatTo('os.getenv("OPENAI_API_KEY", ', size) },
  // Joined literals, escapes and prefix-less bodies (issue 9).
  { name: "'sk-' + 'sk-' + … on one line", path: 'app.js', make: (size) => repeatTo(`'${SK}' + `, size) },
  { name: '"sk-proj-" then + on the next line, repeated', path: 'main.go', make: (size) => repeatTo(`"${SK}proj-"\n+ `, size) },
  { name: "sk-'sk-'…", path: 'app.js', make: (size) => repeatTo(`${SK}'`, size) },
  { name: "('sk-' 'sk-' …) adjacent literals", path: 'app.py', make: (size) => '(' + repeatTo(`'${SK}' `, size) + ')' },
  {
    name: 'templates each naming a constant defined nowhere',
    path: 'app.ts',
    make: (size) => numbered(size, (i) => `\`\${c${i}}\${c${i}x}${SK}\` `),
  },
  {
    name: 'templates each naming a constant defined nowhere, with the marker',
    path: 'app.ts',
    make: (size) => numbered(size, (i) => `\`\${c${i}}${MARKER}\` `),
  },
  { name: 'the marker in quoted pieces joined by +', path: 'app.js', make: (size) => repeatTo(`'${MARKER}' + `, size) },
  { name: 'escaped sk- pieces joined by +', path: 'app.js', make: (size) => repeatTo(`"sk\\u002d${MARKER}" + `, size) },
  { name: 'a backslash run inside a literal with the marker', path: 'app.js', make: (size) => `'${MARKER}` + repeatTo('\\', size) + "'" },
  {
    name: 'the marker inside runs of key length',
    path: 'notes.txt',
    make: (size) => repeatTo(`${'a'.repeat(25)}${MARKER}${'b'.repeat(25)} `, size),
  },
  { name: 'wrapped base64 lines that carry the marker', path: 'mail.eml', make: wrappedLines },
  { name: 'Bearer Bearer …', path: 'notes.md', make: (size) => repeatTo('Bearer ', size) },
  // Runs of key characters too long to be one key: read once, whatever sk- they hold.
  { name: "'sk- then key characters and a quote", path: 'app.js', make: (size) => `'${SK}${repeatTo('a', size)}'` },
  {
    name: 'sk- every 300 characters, the run ended by a quote',
    path: 'app.js',
    make: (size) => `${repeatTo(`${SK}${'a'.repeat(297)}`, size)}'`,
  },
  {
    name: 'sk-proj- and a made-up marked body, pasted together',
    path: 'notes.txt',
    make: (size) => repeatTo(`${SK}proj-${'a'.repeat(25)}${MARKER}${'b'.repeat(25)}`, size),
  },
  {
    name: '"Authorization": "Bearer …" on one long line',
    path: 'client.py',
    make: (size) => 'https://api.openai.com\n' + repeatTo('"Authorization": "Bearer abc", ', size),
  },
  { name: '"api-key": "… on one long line', path: 'app.py', make: (size) => repeatTo('"api-key": "', size) },
  { name: 'api_key = ( then a new line, repeated', path: 'app.py', make: (size) => repeatTo('api_key = (\n', size) },
  // The marker's base64 in every alignment: each match decodes a bounded window, once.
  {
    name: 'the base64 of the marker, repeated',
    path: 'secret.yaml',
    make: (size) => repeatTo(Buffer.from(MARKER.repeat(3)).toString('base64'), size),
  },
  {
    name: 'the base64 of sk- and the marker, repeated',
    path: 'secret.yaml',
    make: (size) => repeatTo(Buffer.from(`${SK}${MARKER}`.repeat(3)).toString('base64'), size),
  },

  // Many sinks handed constants: each sink looks back for the constant's assignment.
  {
    name: 'sinks each naming a constant defined nowhere',
    path: 'app.py',
    make: (size) => numbered(size, (i) => `client = OpenAI(api_key=key_${i})\n`),
  },
  {
    name: 'sinks each naming a constant defined nowhere, on one line',
    path: 'app.js',
    make: (size) => numbered(size, (i) => `new OpenAI({ apiKey: key${i} }); `),
  },
  {
    name: 'sinks all naming one constant defined nowhere',
    path: 'app.py',
    make: (size) => repeatTo('client = OpenAI(api_key=API_KEY)\n', size),
  },
  {
    name: 'shorthand sinks each naming a constant defined nowhere',
    path: 'app.ts',
    make: (size) => numbered(size, (i) => `const c${i} = new OpenAI({ apiKey${i}, apiKey });\n`),
  },
  {
    name: 'constants assigned, then each handed to a sink',
    path: 'app.py',
    make: (size) => numbered(size, (i) => `KEY_${i} = "${value(i)}"\nclient = OpenAI(api_key=KEY_${i})\n`),
    findings: true,
  },
  {
    name: 'one constant assigned many times, then handed to sinks',
    path: 'app.py',
    make: (size) => numbered(size, (i) => (i % 50 === 49 ? 'OpenAI(api_key=KEY)\n' : `KEY = KEY_${i}\n`)),
  },
  {
    name: 'a constant named in many non-assignments, then a sink',
    path: 'app.py',
    make: (size) => numbered(size, (i) => (i % 100 === 99 ? 'OpenAI(api_key=KEY)\n' : 'print(KEY, KEY)\n')),
  },
  // Thousands of findings on one line.
  {
    name: 'keys on one line',
    path: 'keys.py',
    make: (size) => `KEYS = [${numbered(size, (i) => `"${fakeKey('legacy', i)}", `)}]\n`,
    findings: true,
  },
  {
    name: 'key assignments on one line',
    path: 'app.js',
    make: (size) => numbered(size, (i) => `new OpenAI({ apiKey: "${value(i)}" }); `),
    findings: true,
  },
  // Section headers and the lines under them.
  { name: '[section] headers', path: 'config.ini', make: (size) => numbered(size, (i) => `[openai_${i}]\n`) },
  { name: '[openai] headers then a key line each', path: 'config.ini', make: (size) => repeatTo('[openai]\napi_key = \n', size) },
  { name: '[[section]] headers in TOML', path: 'config.toml', make: (size) => repeatTo('[[openai.keys]]\n', size) },
  { name: 'indented YAML keys', path: 'values.yaml', make: (size) => numbered(size, (i) => `${' '.repeat(i % 40)}openai_${i}:\n`) },
  // Bracket and brace soups: every sink's look-back for its call or section walks through them.
  { name: '(((( then a sink option, repeated', path: 'app.py', make: (size) => repeatTo(`${'('.repeat(64)}api_key=x, `, size) },
  {
    name: '{{{{ then a provider section, repeated',
    path: 'app.json',
    make: (size) => repeatTo(`${'{'.repeat(64)}"openai": {"api_key": "v", `, size),
  },
  { name: '[[[[ then a key, repeated', path: 'app.py', make: (size) => repeatTo(`${'['.repeat(64)}"apiKey": `, size) },
  { name: ')]}…)]} then a sink option, repeated', path: 'app.js', make: (size) => repeatTo(`${')]}'.repeat(32)}apiKey: "v", `, size) },
  { name: 'brackets with api_key', path: 'app.py', make: (size) => repeatTo('([{api_key: ', size) },
  { name: 'braces with apiKey on many lines', path: 'app.js', make: (size) => repeatTo('{\n apiKey: x,\n', size) },
  { name: 'OpenAI({ apiKey: ( [ {', path: 'app.ts', make: (size) => repeatTo('OpenAI({ apiKey: ([{', size) },
  // Nested and unbalanced quotes around key prefixes and sink options.
  { name: `"'"'"' around api_key=, repeated`, path: 'app.py', make: (size) => repeatTo(`"'"'"'api_key="`, size) },
  { name: `"'sk-'" nested, repeated`, path: 'app.js', make: (size) => repeatTo(`"'\`${SK}\`'"`, size) },
  { name: 'escaped quotes \\"\\\'…', path: 'app.json', make: (size) => repeatTo(`\\"\\'api_key`, size) },
  { name: '`${`${… around sk-', path: 'app.ts', make: (size) => repeatTo(`\`\${\`${SK}\${`, size) },
  {
    name: 'quoted OPENAI_API_KEY names',
    path: 'app.py',
    make: (size) => repeatTo(`os.environ["OPENAI_API_KEY"] = os.environ['OPENAI_API_KEY'] + `, size),
  },
];
