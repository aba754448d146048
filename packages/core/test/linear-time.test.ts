import { scanText } from '@keyguard/core';
import { decodePeerCase, fakeKey, seededRun } from '@keyguard/test-utils';

/**
 * Adversarial inputs: each would make a backtracking pattern or an unbounded look-around
 * quadratic. No timing assertion (speed is `npm run bench`); a quadratic scan of these sizes
 * takes minutes and fails on Jest's default timeout, a linear one takes well under a second.
 * Every input starts with a line that mentions OpenAI so that the prefilter lets both rules run.
 */
const MB = 1024 * 1024;
const MARKER = decodePeerCase('{marker}');
const HEADER = 'import openai  # OpenAI OPENAI_API_KEY\n';

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

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

const inputs: [string, string, string][] = [
  ['sk-sk-sk-…', 'notes.txt', repeatTo('sk-', 4 * MB)],
  ['sk-proj-sk-proj-…', 'notes.txt', repeatTo('sk-proj-', 2 * MB)],
  ['base64', 'blob.txt', pseudoRandomBytes(3 * MB).toString('base64')],
  ['base64url', 'blob.txt', pseudoRandomBytes(3 * MB).toString('base64url')],
  ['api_key=api_key=…', 'config.env', repeatTo('api_key=', MB)],
  ['api_key="api_key="…', 'app.py', repeatTo('api_key="', MB)],
  ['OPENAI_API_KEY=OPENAI_API_KEY=…', '.env', repeatTo('OPENAI_API_KEY=', MB)],
  ['openai repeated', 'app.py', repeatTo('openai', MB)],
  ['openai on many lines', 'values.yaml', repeatTo('openai:\n  key: abcdefgh1234\n', MB)],
  ['((((…', 'app.js', repeatTo('(', MB)],
  ['{{{{…', 'app.json', repeatTo('{', MB)],
  ['OpenAI(OpenAI(…', 'app.py', repeatTo('OpenAI(', MB)],
  ['OpenAI(api_key="…", repeated', 'app.py', repeatTo('OpenAI(api_key="abcdef123456789", ', MB)],
  ["'openai' => [ repeated", 'config.php', repeatTo("'openai' => [", MB)],
  ['OpenAI:OpenAI:…', 'appsettings.json', repeatTo('OpenAI:', MB)],
  ['- name: OPENAI_API_KEY lines', 'deployment.yaml', repeatTo('- name: OPENAI_API_KEY\n', MB)],
  ['key: on one long line', 'values.yaml', repeatTo('openai: key: ', MB)],
  ['a name then a megabyte of spaces', '.env', 'OPENAI_API_KEY' + ' '.repeat(MB)],
  ['the marker repeated', 'notes.txt', 'sk-' + repeatTo(['T3B', 'lbk', 'FJ'].join(''), MB)],
  ['ChatClient("gpt", repeated', 'Program.cs', repeatTo('ChatClient("gpt-4o", ', MB)],
  ['apiKey(apiKey(…', 'Main.java', repeatTo('apiKey(', MB)],
  ['credential-looking api_key values outside any sink', 'config.json', repeatTo('{"api_key": "a1B2c3D4e5F6g7H8x9", ', MB)],
  ['os.getenv("OPENAI_API_KEY", repeated', 'app.py', repeatTo('os.getenv("OPENAI_API_KEY", ', MB)],
  // Joined literals, escapes and prefix-less bodies (issue 9): each match reads a bounded
  // expression and the search resumes past it.
  ["'sk-' + 'sk-' + … on one line", 'app.js', repeatTo("'sk-' + ", MB)],
  ['"sk-proj-" then + on the next line, repeated', 'main.go', repeatTo('"sk-proj-"\n+ ', MB)],
  ["sk-'sk-'…", 'app.js', repeatTo("sk-'", MB)],
  ["('sk-' 'sk-' …) adjacent literals", 'app.py', '(' + repeatTo("'sk-' ", MB) + ')'],
  ['templates each naming a constant defined nowhere', 'app.ts', uniqueNames(MB, (name) => `\`\${${name}}\${${name}x}sk-\` `)],
  ['templates each naming a constant defined nowhere, with the marker', 'app.ts', uniqueNames(MB, (name) => `\`\${${name}}${MARKER}\` `)],
  ['the marker in quoted pieces joined by +', 'app.js', repeatTo(`'${MARKER}' + `, MB)],
  ['escaped sk- pieces joined by +', 'app.js', repeatTo(`"sk\\u002d${MARKER}" + `, MB)],
  ['a backslash run inside a literal with the marker', 'app.js', `'${MARKER}` + repeatTo('\\', MB) + "'"],
  ['the marker inside runs of key length', 'notes.txt', repeatTo(`${'a'.repeat(25)}${MARKER}${'b'.repeat(25)} `, MB)],
  ['wrapped base64 lines that carry the marker', 'mail.eml', wrappedLines(MB)],
  ['Bearer Bearer …', 'notes.md', repeatTo('Bearer ', MB)],
  // Runs of key characters too long to be one key: read once, whatever sk- they hold.
  ["'sk- then 4 MB of key characters and a quote", 'app.js', `'sk-${repeatTo('a', 4 * MB)}'`],
  ['sk- every 300 characters, the run ended by a quote', 'app.js', `${repeatTo(`sk-${'a'.repeat(297)}`, 4 * MB)}'`],
  [
    'sk-proj- and a made-up marked body, pasted together',
    'notes.txt',
    repeatTo(`sk-proj-${'a'.repeat(25)}${MARKER}${'b'.repeat(25)}`, 2 * MB),
  ],
  [
    '"Authorization": "Bearer …" on one long line',
    'client.py',
    'https://api.openai.com\n' + repeatTo('"Authorization": "Bearer abc", ', MB),
  ],
  ['"api-key": "… on one long line', 'app.py', repeatTo('"api-key": "', MB)],
  ['api_key = ( then a new line, repeated', 'app.py', repeatTo('api_key = (\n', MB)],
  // The marker's base64 in every alignment: each match decodes a bounded window, once.
  ['the base64 of the marker, repeated', 'secret.yaml', repeatTo(Buffer.from(MARKER.repeat(3)).toString('base64'), 2 * MB)],
  ['the base64 of sk- and the marker, repeated', 'secret.yaml', repeatTo(Buffer.from(`sk-${MARKER}`.repeat(3)).toString('base64'), 2 * MB)],
];

/** Pieces that each name a different identifier (`c0`, `c1`, …), up to `size` characters. */
function uniqueNames(size: number, piece: (name: string) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = piece(`c${i}`);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** 76-column lines of letters and digits, each with the marker in the middle. */
function wrappedLines(size: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.length * 77 < size; i++) lines.push(seededRun(`line:${i % 64}`, 34) + MARKER + seededRun(`tail:${i % 64}`, 34));
  return lines.join('\n');
}

describe('linear time on adversarial input', () => {
  it.each(inputs)('scans %s and finds nothing', (_name, path, body) => {
    expect(scanText(HEADER + body, { path })).toEqual([]);
  });
});

describe('linear time in the number of findings', () => {
  // The inline-ignore check read the whole line once per finding: 20,000 keys on one line of a
  // megabyte was 20,000 reads of that line.
  it('reports each of 20,000 keys written on one line', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => fakeKey('legacy', index));
    const findings = scanText(`KEYS = ["${keys.join('", "')}"]\n`, { path: 'keys.py' });
    // The keys a scan of each alone reports (a few seeded keys look made up, and are not).
    const alone = keys.filter((key) => scanText(`"${key}"`, { path: 'keys.py' }).length === 1);
    expect(alone.length).toBeGreaterThan(19_900);
    expect(findings.length).toBe(alone.length);
    expect(new Set(findings.map((finding) => finding.line))).toEqual(new Set([1]));
  });

  it('reports each of 5,000 keys pasted together into one run of key characters', () => {
    const keys = Array.from({ length: 5_000 }, (_, index) => fakeKey('proj', index));
    const alone = keys.filter((key) => scanText(`"${key}"`, { path: 'keys.txt' }).length === 1);
    const findings = scanText(keys.join(''), { path: 'keys.txt' });
    expect(findings.length).toBe(alone.length);
  });
});
