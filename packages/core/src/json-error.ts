/**
 * V8's JSON.parse messages quote the text around the error (`Unexpected token 'x', "…sk-proj-Ab"…
 * is not valid JSON`), and a config or baseline may hold a key. Keep the reason and the place,
 * drop the quote.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/ after JSON at position \d+.*$/s, ' after the JSON value')
    .replace(/ in JSON at position \d+.*$/s, '');
  const position = /at position (\d+)/.exec(message);
  // A message in a form not known here may still quote the text: then say only what it is.
  if (!position) return reason.includes('"') || reason.length > 60 ? 'not valid JSON' : reason;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${reason} at line ${line}, column ${column}`;
}
