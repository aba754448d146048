#!/usr/bin/env node
// The command's entry point is committed (not built) so that npm links it when installing
// the workspaces of a fresh clone, before `prepare` has built dist/.
'use strict';
try {
  // V8's code cache for keyguard's modules (dist/compile-cache.js says where and how); never in the way.
  require('../dist/compile-cache.js').enableCompileCache();
} catch {
  // no cache: the command runs as it would without one
}
require('../dist/bin.js');
