import { scanFileSource } from '../parallel';
import { scanItem } from '../scan';
import { listFileSet, readListedFile, type FileSourceOptions } from './files';
import { sourceOf, type Source } from './types';

/**
 * The files of a folder as a Source. Iterated, it reads the listed files in a stable order,
 * what is passed over yielded as skipped (never a silent pass). Scanned (`scanItems`), it
 * reads and scans them itself, on several threads when the scan is large (parallel.ts), with
 * the same `listFileSet` and `readListedFile`: the outcomes, and their order, are the same.
 */
export function readFiles(options: FileSourceOptions): Source {
  return sourceOf(
    async function* () {
      const listing = listFileSet(options);
      yield* listing.skipped;
      for (const file of listing.files) {
        const event = readListedFile(file, listing.explicit.has(file), options);
        if (event) yield event;
      }
    },
    { scanItems: (scanner, record, parallel) => scanFileSource(options, scanner, parallel, record, scanItem) },
  );
}
