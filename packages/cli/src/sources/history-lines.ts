const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The lines of a file's bytes, as byte-exact strings, a trailing CR dropped (CRLF = LF). */
function splitLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE); ; end = bytes.indexOf(NEWLINE, start)) {
    const stop = end === -1 ? bytes.length : end;
    const last = stop > start && bytes[stop - 1] === CARRIAGE_RETURN ? stop - 1 : stop;
    // The empty rest after a final newline is not a line anyone wrote.
    if (end !== -1 || start < bytes.length) lines.push(bytes.toString('latin1', start, last));
    if (end === -1) return lines;
    start = end + 1;
  }
}

/**
 * The 1-based lines of `bytes` that a commit added: lines whose text none of the parents'
 * versions of the file holds. This is the question a history scan asks ("did this commit
 * bring this line in?"), so a line that was only moved, or is kept by a merge from one of its
 * parents, is not new, and a secret is reported at the commit that first brought it in, not
 * at every commit that later shuffles the file. Lines are numbered as core numbers them
 * (split at LF), so they line up with findings.
 */
export function addedLines(bytes: Buffer, parents: readonly Buffer[]): Set<number> {
  const seen = new Set<string>();
  for (const parent of parents) for (const line of splitLines(parent)) seen.add(line);
  const added = new Set<number>();
  splitLines(bytes).forEach((line, index) => {
    if (!seen.has(line)) added.add(index + 1);
  });
  return added;
}
