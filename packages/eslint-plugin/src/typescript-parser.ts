import type { TSESLint } from '@typescript-eslint/utils';

/**
 * @typescript-eslint/parser, loaded on the first TypeScript file rather than with the plugin:
 * the parser requires `typescript` at load time, which a JavaScript-only project neither has
 * nor needs, and it costs ~400 modules there for nothing. This is the parser keyguard's
 * recommended config gives .ts/.tsx/.mts/.cts files when no later config sets one (see
 * configs.ts for why it can only be a default by position).
 */
type TypeScriptParser = { parseForESLint(code: string, options?: unknown): TSESLint.Parser.ParseResult };

const parserPackage = '@typescript-eslint/parser';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, read without loading the parser
const parserVersion = (require(`${parserPackage}/package.json`) as { version: string }).version;

let loaded: TypeScriptParser | undefined;

function loadParser(): TypeScriptParser {
  if (loaded) return loaded;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
    loaded = require(parserPackage) as TypeScriptParser;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'typescript'/.test((error as Error).message);
    if (!missing) throw error;
    throw new Error(
      '@keyguard/eslint-plugin parses TypeScript files with @typescript-eslint/parser, which needs the typescript package: npm install --save-dev typescript',
    );
  }
  return loaded;
}

/**
 * A parser object ESLint can hash (`meta`, for --cache and --print-config) that hands every
 * call to @typescript-eslint/parser with the options the merged config gives it
 * (`parserOptions.projectService` and the like still reach it).
 */
export const typescriptParser = {
  meta: { name: '@keyguard/eslint-plugin/typescript-parser', version: parserVersion },
  parseForESLint(code: string, options?: Record<string, unknown>): ReturnType<TypeScriptParser['parseForESLint']> {
    return loadParser().parseForESLint(code, options);
  },
};
