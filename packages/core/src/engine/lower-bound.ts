/**
 * The first index of `sorted` (ascending) whose element is not below `value`; `sorted.length`
 * when every element is. The binary search behind the engine's look-ups in sorted offsets
 * (a line's start, the nearest earlier assignment of a name).
 */
export function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
