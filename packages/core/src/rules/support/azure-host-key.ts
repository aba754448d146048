import { expandIdentifier } from '../../engine/assignment';
import type { FoundSecret, MatchContext, MatcherDefinition } from '../../types';

/**
 * The classic Azure OpenAI key (32 lowercase hex digits) after a name that says "API key",
 * with an Azure OpenAI host (`<resource>.openai.azure.com`) near: a settings object, an env
 * file or a logged request whose name alone (`apiKey`, `API_KEY`, `'api-key'`) is nobody's.
 * trufflehog's Azure OpenAI detector reads the same: 32 hex within 40 characters after
 * `api[_.-]?key` or `openai[_.-]?key`, in a chunk that holds `.openai.azure.com`.
 * Thirty-two hex digits alone are every md5, request id and lockfile hash: without both the
 * name and the host, nothing is reported.
 */

/** How far from the name the value may start (trufflehog's 40), on the same line. */
const VALUE_REACH = 40;
/** How far from the name (either side) the host may be. */
const HOST_WINDOW = 1500;

const HOST = /\.openai\.azure\.com/gi;

/**
 * Where the text's Azure OpenAI hosts are, found once per text (a validator runs once per
 * name, and a file may hold thousands: one pass, then a search per name, keeps it linear).
 */
let hostsOf: { text: string; at: number[] } = { text: '', at: [] };
function hostPositions(text: string): number[] {
  if (hostsOf.text !== text) hostsOf = { text, at: [...text.matchAll(HOST)].map((match) => match.index) };
  return hostsOf.at;
}

function hostNear(text: string, at: number): boolean {
  const hosts = hostPositions(text);
  let low = 0;
  let high = hosts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (hosts[mid] < at - HOST_WINDOW) low = mid + 1;
    else high = mid;
  }
  return low < hosts.length && hosts[low] <= at + HOST_WINDOW;
}

const isTokenCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;

/**
 * The matcher, for a rule whose placeholder judgement is `isPlaceholderValue`; its findings
 * read AZURE_OPENAI_API_KEY.
 */
export function azureHostKeyMatcher(isPlaceholderValue: (value: string) => boolean): MatcherDefinition {
  return {
    name: 'azureHostKey',
    // `(?:api|openai)[_.-]?key` spelled out: the same matches (at a place, at most one of the
    // eight spellings fits), but the literal finder (engine/literal-starts.ts) then tries the
    // pattern only where a whole name stands, not at every `openai` of a file about OpenAI
    // (issue 16: a million tries on openai-python's history, a tenth of its scan).
    pattern: String.raw`(?:api_key|api\.key|api-key|apikey|openai_key|openai\.key|openai-key|openaikey)`,
    flags: 'i',
    label: 'Azure OpenAI key',
    validate({ text, start, end }: MatchContext): FoundSecret[] {
      // The name ends here (`api_key_md5`, `apiKeyHash` hold something about a key).
      if (expandIdentifier(text, start, end).end !== end) return [];
      const after = text.slice(end, end + VALUE_REACH + 32);
      const value = /^[^\n\r]{0,40}?[=:>,(][^\n\r]{0,40}?(?<![0-9A-Za-z_-])([0-9a-f]{32})(?![0-9A-Za-z_-])/.exec(after);
      if (!value) return [];
      const valueStart = end + value[0].length - 32;
      if (valueStart - end > VALUE_REACH || isTokenCode(text.charCodeAt(valueStart + 32))) return [];
      if (isPlaceholderValue(value[1]) || !hostNear(text, start)) return [];
      return [{ start: valueStart, end: valueStart + 32, envVar: 'AZURE_OPENAI_API_KEY' }];
    },
  };
}
