import type { SourceEvent } from './types';

/** Standard input as one item, named by --stdin-filename (which also picks its file kind). */
export async function* readStdin(stdin: NodeJS.ReadableStream, filename = '<stdin>'): AsyncGenerator<SourceEvent> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  yield { path: filename, bytes: Buffer.concat(chunks) };
}
