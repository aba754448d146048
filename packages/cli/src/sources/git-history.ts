import { KeyguardError } from '@keyguard/core';
import type { SourceEvent } from './types';

export interface HistoryOptions {
  cwd: string;
  since?: string;
  range?: string;
  all: boolean;
  /** Called with notes for the summary (a shallow clone's truncated history). */
  note(text: string): void;
}

/** The content that commits added. Built in issue #5. */
// eslint-disable-next-line require-yield
export async function* readHistory(_options: HistoryOptions): AsyncGenerator<SourceEvent> {
  throw new KeyguardError('--git is not available yet', 'Scan the working tree instead: keyguard scan .');
}
