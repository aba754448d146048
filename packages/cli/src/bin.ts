#!/usr/bin/env node
import { processIO } from './io';
import { run } from './run';

run(process.argv.slice(2), processIO()).then((code) => {
  process.exitCode = code;
});
