import { literalAssignedTo } from '@keyguard/core';

/**
 * literalAssignedTo answers its first look-ups in a text by searching back from the sink, and
 * later ones from an index of the text's assignments built once (engine/assignment/context.ts):
 * a file of thousands of sinks costs one pass, not a 20,000-character search per sink. Both must
 * give the same nearest assignment, for every name and place.
 */
const SHAPES = [
  'KEY = "first"',
  'KEY: str = "annotated"',
  "const apiKey: string = 'typed'",
  'apiKey := "go"',
  'let $key = "dollar"',
  'my_KEY = "longer name"',
  'self.KEY = "attribute"',
  'KEY == "comparison"',
  'KEY => "arrow"',
  'KEY = other_name',
  'KEY  :  Record<string, string>  =  "spaced"',
  'key-name = "dashed"',
  'print(KEY, apiKey)',
  'apiKey = `template`',
  'KEY=unquoted',
  'a$KEY = "inner dollar"',
];
/** Names with a quoted literal assigned somewhere, and names without one. */
const NAMES = ['KEY', 'apiKey', '$key', 'key', 'my_KEY'];
const UNASSIGNED = ['name', 'other_name', 'KEY2'];

describe('constant look-up: the index agrees with the direct search', () => {
  const lines: string[] = [];
  for (let i = 0; i < 120; i++) lines.push(SHAPES[(i * 7) % SHAPES.length]);
  const text = `${lines.join('\n')}\n`;
  const places: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) places.push(at + 1);

  it.each([...NAMES, ...UNASSIGNED])('gives the same literal for %s at every line', (name) => {
    // Direct: each look-up in a text of its own (a different tail), so each is a first look-up.
    const direct = places.map((place, index) => literalAssignedTo(`${text}#${name}${index}`, name, place));
    // Indexed: one text, with enough look-ups first that the index is built.
    const indexedText = `${text}#${name}`;
    for (let i = 0; i < 10; i++) literalAssignedTo(indexedText, 'warm_up', 0);
    const indexed = places.map((place) => literalAssignedTo(indexedText, name, place));
    expect(indexed).toEqual(direct);
    expect(direct.some((span) => span !== undefined)).toBe(NAMES.includes(name));
  });
});
