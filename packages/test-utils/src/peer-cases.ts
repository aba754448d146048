import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePeerCase } from './fake-key';

/** One peer's OpenAI test strings, decoded at run time (the stored copies are not key-shaped). */
export interface PeerCases {
  peer: string;
  positives: string[];
  negatives: string[];
  /** The peer's positives keyguard does not report, each with the reason (`why`) stored beside it. */
  disagreements: { text: string; why: string }[];
}

const folder = join(__dirname, '..', 'peer-cases');

/**
 * The peers' own OpenAI test data (copied from shared/peer-cases, encoded with `{sk}`,
 * `{marker}` and the like: see `decodePeerCase`), decoded. The cross-peer matrix is derived data and holds no new strings.
 */
export function loadPeerCases(): PeerCases[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json') && !name.startsWith('cross-peer'))
    .sort()
    .map((name) => {
      const data = JSON.parse(readFileSync(join(folder, name), 'utf8')) as {
        positives?: string[];
        negatives?: string[];
        disagreements?: { text: string; why: string }[];
      };
      return {
        peer: name.replace(/-openai\.json$/, ''),
        positives: (data.positives ?? []).map(decodePeerCase),
        negatives: (data.negatives ?? []).map(decodePeerCase),
        disagreements: (data.disagreements ?? []).map(({ text, why }) => ({ text: decodePeerCase(text), why })),
      };
    });
}
