import { sourceOf, type Source } from './types';

/** Standard input as one item, named by --stdin-filename (which also picks its file kind). */
export function readStdin(stdin: NodeJS.ReadableStream, filename = '<stdin>'): Source {
  return sourceOf(async function* () {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    // Reported like a file path: forward slashes.
    yield { path: filename.replace(/\\/g, '/'), bytes: Buffer.concat(chunks) };
  });
}
