import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePeerCase } from './fake-key';

/** One peer's OpenAI test strings, decoded at run time (the stored copies are not key-shaped). */
export interface PeerCases {
  peer: string;
  positives: string[];
  negatives: string[];
}

const folder = join(__dirname, '..', 'peer-cases');

/**
 * The peers' own OpenAI test data (copied from shared/peer-cases, encoded with `{sk}` and
 * `{marker}`), decoded. The cross-peer matrix is derived data and holds no new strings.
 */
export function loadPeerCases(): PeerCases[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json') && !name.startsWith('cross-peer'))
    .sort()
    .map((name) => {
      const data = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { positives?: string[]; negatives?: string[] };
      return {
        peer: name.replace(/-openai\.json$/, ''),
        positives: (data.positives ?? []).map(decodePeerCase),
        negatives: (data.negatives ?? []).map(decodePeerCase),
      };
    });
}
