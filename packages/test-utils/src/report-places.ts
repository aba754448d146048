/**
 * The places (`file:line`) a text report or the hook's blocked message lists, read from the
 * stylish shape both print (packages/cli/src/report/text-blocks.ts): a path on a line of its
 * own, then `  line:col  message  rule` rows. The path is as shown (quoted when odd).
 */
export function reportPlaces(text: string): string[] {
  const places: string[] = [];
  let file: string | undefined;
  for (const line of text.split('\n')) {
    const row = /^ {2}(\d+):\d+ {2}/.exec(line);
    if (row && file !== undefined) places.push(`${file}:${row[1]}`);
    else if (line !== '' && !line.startsWith(' ')) file = line;
    else if (line === '') file = undefined;
  }
  return places;
}
