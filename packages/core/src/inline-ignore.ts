import type { LineIndex } from './engine/lines';

const NEXT_LINE = 'keyguard-ignore-next-line';
const SAME_LINE = 'keyguard-ignore';

/**
 * True when a finding on a 0-based line is silenced by a comment, in any comment syntax:
 * `keyguard-ignore` on the line itself or `keyguard-ignore-next-line` on the line before.
 */
export function isIgnoredInline(lines: LineIndex, line: number): boolean {
  const text = lines.lineText(line);
  const at = text.indexOf(SAME_LINE);
  if (at !== -1 && !text.startsWith(NEXT_LINE, at)) return true;
  // A second mention after a next-line marker still silences this line.
  if (at !== -1 && text.indexOf(SAME_LINE, at + NEXT_LINE.length) !== -1) return true;
  return line > 0 && lines.lineText(line - 1).includes(NEXT_LINE);
}
