#!/usr/bin/env node
// The command's entry point is committed (not built) so that npm links it when installing
// the workspaces of a fresh clone, before `prepare` has built dist/.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
try {
  // V8's code cache for keyguard's modules (@keyguard/cli/compile-cache says where and how): a
  // commit waits for this process, and compiling the scanner was the largest part of its start-up.
  require('@keyguard/cli/compile-cache').enableCompileCache();
} catch {
  // no cache: the hook runs as it would without one (and fails closed on its own if the CLI is missing)
}
// The hook's code in one file (scripts/bundle-hook.mjs, part of npm run build): one module to
// find, read and compile instead of ~70. dist/bin.js is the same code, module by module.
const bundle = join(__dirname, '..', 'dist', 'keyguard-pre-commit.bundle.js');
if (existsSync(bundle)) require(bundle);
else require('../dist/bin.js');
