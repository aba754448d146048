#!/usr/bin/env node
import { processIO, type CliIO } from './io';
import { run } from './run';

// Standard output can fail under the report. A reader that stops early (`keyguard scan | head`)
// closes the pipe (EPIPE): that is not an error of the scan, so the run ends quietly with the
// status the scan had (1 when it found keys, so `set -o pipefail` still sees them). Any other
// write error (a full disk, ENOSPC; a descriptor not open for writing, EBADF; a reset socket) means the
// report was lost: one line on stderr and status 2, never a stack trace.
let status: number | undefined;
let outputClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (outputClosed) return; // later writes to the closed stream fail too: already handled
  outputClosed = true;
  if (error.code === 'EPIPE') {
    if (status !== undefined) process.exit(status);
    return;
  }
  writeError(
    `keyguard: cannot write the report to standard output (${error.code ?? error.message}). Free space or fix the pipe, or write it to a file with --output FILE\n`,
  );
  process.exit(2);
});
process.stderr.on('error', () => {
  // Nowhere left to say anything: end with the status, or 2 when the scan had not finished.
  process.exit(status ?? 2);
});

function writeError(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // stderr is gone as well; the status still tells.
  }
}

let io: CliIO | undefined;
try {
  io = processIO();
} catch (error) {
  // process.cwd() throws when the working directory was deleted under the shell.
  writeError(
    `keyguard: cannot read the working directory (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). cd into an existing folder and run it again\n`,
  );
  process.exitCode = 2;
}
if (io) {
  void run(process.argv.slice(2), io).then((code) => {
    status = code;
    process.exitCode = code;
  });
}
