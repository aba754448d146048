/**
 * Shared by the plugin's tests: the RuleTester wired to Jest, the four languages, and spans
 * computed from where a fake key sits in the filled code (so every invalid case asserts the
 * exact range: line, column, end column).
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { decodePeerCase, fillExample, secretsIn } from '@keyguard/test-utils';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export type Language = 'js' | 'jsx' | 'ts' | 'tsx';

/** A file name and parser options per language (the tester parses with @typescript-eslint/parser). */
function languageOf(language: Language): {
  filename: string;
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: boolean } } };
} {
  const jsx = language === 'jsx' || language === 'tsx';
  const filename = { js: 'file.js', jsx: 'component.jsx', ts: 'file.ts', tsx: 'react.tsx' }[language];
  return { filename, languageOptions: { parserOptions: { ecmaFeatures: { jsx } } } };
}

type Tests = Parameters<RuleTester['run']>[2];

/**
 * Runs a rule's cases. The cast: @typescript-eslint/rule-tester brings its own copy of
 * @typescript-eslint/utils, whose RuleModule type differs from the plugin's only in version.
 */
export function runRuleTests(name: string, rule: object, tests: Tests): void {
  new RuleTester().run(name, rule as never, tests);
}

/** Fills a template: `{sk}` and `{marker}` (peer-case tokens), `{key:<shape>}`, `{key}`, `{value}`. */
export function fill(template: string): string {
  return fillExample(decodePeerCase(template));
}

/** The 1-based span of the first secret of a template in its filled code. */
function spanOf(template: string): { line: number; column: number; endLine: number; endColumn: number } {
  const code = fill(template);
  const [secret] = secretsIn(decodePeerCase(template));
  if (secret === undefined) throw new Error(`template holds no {key} or {value}: ${template}`);
  const at = code.indexOf(secret);
  const before = code.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  const endLine = line + (secret.split('\n').length - 1);
  return { line, column, endLine, endColumn: column + secret.length };
}

/** A row of a rule's table: a name, a language, a template and the rule's options. */
export interface ValidCase<Options extends object = object> {
  name: string;
  language: Language;
  code: string;
  options?: Options;
}

/** An invalid row: one error at the template's first secret, with its suggestions. */
export interface InvalidCase<Options extends object = object, SuggestionId extends string = string> extends ValidCase<Options> {
  /** The suggestion's output, or null when no replacement would be valid code. */
  suggestion: string | null;
  suggestionId?: SuggestionId;
  /**
   * The output of the keyguard-ignore suggestion, which follows it: by default the code with
   * ` // keyguard-ignore` at the end of the secret's line; null for none.
   */
  ignore?: string | null;
}

/** The code with ` // keyguard-ignore` at the end of the line that holds the template's first secret. */
function withTrailingIgnore(template: string): string {
  const code = fill(template);
  const { line } = spanOf(template);
  const lines = code.split('\n');
  lines[line - 1] = `${lines[line - 1].trimEnd()} // keyguard-ignore`;
  return lines.join('\n');
}

/**
 * Runs a rule's table: each valid row gives no error; each invalid row gives exactly one
 * error, `messageId`, at the span of its first secret, with the row's suggestion (`useEnv`
 * unless it names another).
 */
export function runRuleTable(
  name: string,
  rule: object,
  messageId: string,
  valid: readonly ValidCase[],
  invalid: readonly InvalidCase[],
): void {
  const common = (item: ValidCase) => ({
    name: `${item.language}: ${item.name}`,
    code: fill(item.code),
    ...languageOf(item.language),
    ...(item.options ? { options: [item.options] } : {}),
  });
  runRuleTests(name, rule, {
    valid: valid.map(common),
    invalid: invalid.map((item) => ({
      ...common(item),
      errors: [
        {
          messageId,
          ...spanOf(item.code),
          suggestions: [
            ...(item.suggestion === null ? [] : [{ messageId: item.suggestionId ?? 'useEnv', output: fill(item.suggestion) }]),
            ...(item.ignore === null
              ? []
              : [{ messageId: 'ignoreLine', output: item.ignore === undefined ? withTrailingIgnore(item.code) : fill(item.ignore) }]),
          ],
        },
      ],
    })),
  });
}
