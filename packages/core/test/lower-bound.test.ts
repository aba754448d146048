// The engine's binary search is internal (not exported); it is tested alone from src.
import { lowerBound } from '../src/engine/lower-bound';

describe('lowerBound', () => {
  it.each([
    [[], 5, 0],
    [[3], 2, 0],
    [[3], 3, 0],
    [[3], 4, 1],
    [[1, 4, 4, 9], 4, 1],
    [[1, 4, 4, 9], 5, 3],
    [[1, 4, 4, 9], 0, 0],
    [[1, 4, 4, 9], 10, 4],
  ])('in %j, %d goes at index %d', (sorted, value, index) => {
    expect(lowerBound(sorted, value)).toBe(index);
  });

  it('agrees with a linear search on sorted lists of every small length', () => {
    for (let length = 0; length <= 12; length++) {
      const sorted = Array.from({ length }, (_, i) => Math.floor(i / 2) * 3);
      for (let value = -1; value <= 20; value++) {
        const linear = sorted.findIndex((element) => element >= value);
        expect(lowerBound(sorted, value)).toBe(linear === -1 ? length : linear);
      }
    }
  });
});
