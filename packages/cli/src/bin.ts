#!/usr/bin/env node
import { processIO, type CliIO } from './io';
import { run } from './run';

// A reader that stops early (`keyguard scan | head`) closes the pipe: that is not an error of
// the scan, so end quietly with the status the scan had, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

let io: CliIO | undefined;
try {
  io = processIO();
} catch (error) {
  // process.cwd() throws when the working directory was deleted under the shell.
  process.stderr.write(`keyguard: cannot read the working directory (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). cd into an existing folder and run it again\n`);
  process.exitCode = 2;
}
if (io) {
  void run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
