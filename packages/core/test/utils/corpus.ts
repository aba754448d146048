/**
 * Table-driven realistic cases: a file name, a content template and the findings it must give.
 *
 * Templates use the fake-key helper's placeholders (`{key:proj}`, `{value}`, `{sk}`) and one of
 * their own: `«…»` marks a literal secret (`«my-hardcoded-key-123»`). `want` lists, in the
 * order the secrets appear, what each must give: `K` an `openai-api-key` finding, `A` an
 * `openai-key-assignment` finding, `-` nothing. By default a `{key:…}` wants `K`, a look-alike
 * `{key:anthropic}` (and the other look-alike shapes) wants `-`, and `{value}` and `«…»` want `A`.
 */
import { fakeKey, fakeValue, LOOK_ALIKE_SHAPES, type FakeKeyShape, type LookAlikeShape } from '@keyguard/test-utils';

export interface CorpusCase {
  file: string;
  text: string;
  want?: string;
}

export interface FilledCase {
  text: string;
  /** The secrets and what each must give, in order. */
  secrets: { start: number; end: number; want: 'K' | 'A' | '-' }[];
}

const PLACEHOLDER = /\{key:([a-z-]+)\}|\{key\}|\{value\}|\{sk\}|«([^»]*)»/g;

/** Fills a template and records where each secret landed. */
export function fillCase(template: string, want: string | undefined, variant = 0): FilledCase {
  let text = '';
  let last = 0;
  const secrets: FilledCase['secrets'] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    let secret: string;
    let wanted: 'K' | 'A' | '-';
    if (match[0] === '{sk}') {
      text += ['s', 'k', '-'].join('');
      continue;
    } else if (match[0] === '{value}') {
      secret = fakeValue(variant);
      wanted = 'A';
    } else if (match[2] !== undefined) {
      secret = match[2];
      wanted = 'A';
    } else {
      const shape = (match[1] ?? 'proj') as FakeKeyShape | LookAlikeShape;
      secret = fakeKey(shape, variant);
      wanted = (LOOK_ALIKE_SHAPES as readonly string[]).includes(shape) ? '-' : 'K';
    }
    const index = secrets.length;
    if (want !== undefined) {
      const given = want[index];
      if (given !== 'K' && given !== 'A' && given !== '-')
        throw new Error(`want "${want}" has no entry for secret #${index} of ${template}`);
      wanted = given;
    }
    secrets.push({ start: text.length, end: text.length + secret.length, want: wanted });
    text += secret;
  }
  text += template.slice(last);
  if (want !== undefined && want.length !== secrets.length)
    throw new Error(`want "${want}" does not match the ${secrets.length} secrets of ${template}`);
  return { text, secrets };
}

/** A Jupyter notebook holding code cells, as Jupyter writes it (quotes escaped, `\n` in sources). */
export function notebook(...cells: string[]): string {
  const document = {
    cells: cells.map((source) => ({
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      outputs: [],
      source: source.split(/(?<=\n)/),
    })),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(document, null, 1);
}
