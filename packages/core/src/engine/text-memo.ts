/**
 * What the engine works out once per scanned text and reuses for every match in it: the line
 * starts (so finding a match's line is a binary search, not a look-back over a long line) and
 * the assignments a constant handed to a sink is looked up in. One text at a time: scanText
 * drops them when its scan ends (`releaseTextMemos`), so no text outlives its scan here.
 */

let current: string | undefined;
const memos = new Map<string, unknown>();

/** The value `build` gives for `text` under `key`, built once per text. */
export function memoFor<T>(text: string, key: string, build: () => T): T {
  if (current !== text) {
    memos.clear();
    current = text;
  }
  if (memos.has(key)) return memos.get(key) as T;
  const value = build();
  memos.set(key, value);
  return value;
}

/** Forgets the current text and everything worked out for it. */
export function releaseTextMemos(): void {
  current = undefined;
  memos.clear();
}
