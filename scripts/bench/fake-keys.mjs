// What the bench parts share to generate their data: the repository's one seeded fake-key
// helper (packages/test-utils/src/fake-key.ts, loaded through ts-node, so no second key
// generator exists and no script holds a key-shaped literal) and one seeded random source.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });

/** @type {typeof import('../../packages/test-utils/src/fake-key')} */
const helper = require('../../packages/test-utils/src/fake-key.ts');

export const { fakeKey, fakeValue } = helper;

/**
 * A seeded random source (mulberry32, as the fake-key helper uses): the same seed gives the
 * same corpus, repository or tree on every run.
 */
export function makeRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}
