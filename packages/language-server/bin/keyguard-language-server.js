#!/usr/bin/env node
// The command's entry point is committed (not built) so that npm links it when installing
// the workspaces of a fresh clone, before `prepare` has built dist/.
'use strict';
require('../dist/bin.js');
