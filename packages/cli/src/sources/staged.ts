import { KeyguardError } from '@keyguard/core';
import type { SourceEvent } from './types';

export interface StagedOptions {
  cwd: string;
  /** Only these paths (as lint-staged passes them); every staged file when empty. */
  paths: readonly string[];
  /** Scan whole staged files instead of the lines the commit adds. */
  allLines: boolean;
}

/** What the next commit would add, read from the git index. Built in issue #4. */
// eslint-disable-next-line require-yield
export async function* readStaged(_options: StagedOptions): AsyncGenerator<SourceEvent> {
  throw new KeyguardError('--staged is not available yet', 'Scan the working tree instead: keyguard scan .');
}
