import { sourceOf, type Source } from './types';

/**
 * Standard input as one item, named by --stdin-filename (which also picks its file kind). It
 * is scanned as it arrives, in constant memory, however much comes (issue 11).
 */
export function readStdin(stdin: NodeJS.ReadableStream, filename = '<stdin>'): Source {
  return sourceOf(async function* () {
    // Reported like a file path: forward slashes.
    yield { path: filename.replace(/\\/g, '/'), bytes: Buffer.alloc(0), chunks: stdin as AsyncIterable<Buffer | string> };
  });
}
