// The bench parts plant fake keys with the repository's one seeded fake-key helper
// (packages/core/test/utils/fake-key.ts), loaded through ts-node, so no second key generator
// exists and no script holds a key-shaped literal.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });

/** @type {typeof import('../../packages/core/test/utils/fake-key')} */
const helper = require('../../packages/core/test/utils/fake-key.ts');

export const { fakeKey, fakeValue, MARKER } = helper;
