/**
 * Patterns that users write (the config's `allow`, the ESLint option `allow`) run on a
 * regular expression engine that cannot backtrack: re2js, a JavaScript port of RE2, whose
 * automata match in time linear in the input. A syntactic check in front of JavaScript's
 * backtracking engine is not enough: `(.|.)*!` and `\w*\w*\w*…!` have star height one and
 * still take exponential time on one finding (issue 11). The rules' own patterns, which we
 * write and review, stay on the faster JavaScript engine behind `compileLinearPattern`.
 *
 * A user pattern may hold a key (an allow entry is often the very fixture value), so neither
 * the pattern nor an engine message that quotes it is ever put in an error: `UserPatternError`
 * carries only the engine's reason.
 */
import type * as Re2js from 're2js';

let engine: typeof Re2js | undefined;
/** re2js, loaded on the first user pattern: loading it costs 40-60 ms, which a hook without one need not pay. */
function re2js(): typeof Re2js {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require('re2js') as typeof Re2js;
  return engine;
}

/** A user's pattern, compiled by the linear-time engine. */
export interface UserPattern {
  /** The pattern as written, to send to a worker thread (never print it: it may hold a key). */
  readonly source: string;
  /** True when the pattern matches the whole of `text`, not just a part of it. */
  matchesWhole(text: string): boolean;
}

/** A pattern the engine refused. The message is the reason alone, never the pattern. */
export class UserPatternError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UserPatternError';
  }
}

/** Bounds on a user pattern, so that compiling it stays quick (keep in step with docs/cli.md, "Limits"). */
export const MAX_USER_PATTERN_LENGTH = 1000;
export const MAX_USER_PATTERN_REPETITIONS = 5000;

/** The sum of the largest bounds of `{n}`, `{n,}` and `{n,m}`: an over-count inside a class is on the safe side. */
function countedRepetitions(source: string): number {
  let total = 0;
  for (const [, low, high] of source.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) total += Math.max(Number(low), Number(high || 0));
  return total;
}

class Re2Pattern implements UserPattern {
  constructor(
    readonly source: string,
    private readonly compiled: Re2js.RE2JS,
  ) {}

  matchesWhole(text: string): boolean {
    return this.compiled.testExact(text);
  }
}

/**
 * Compiles a user pattern in RE2 syntax (as the rules are written: no backreferences, no
 * lookaround, repetition counts up to 1000). Throws `UserPatternError` with the reason.
 */
export function compileUserPattern(source: string): UserPattern {
  // Matching is linear, but compiling grows with the expanded pattern (`a{1000}` is a thousand
  // steps) and re2js sets no limit of its own: 200 times `a{1000}` took 1.6 s to compile.
  if (source.length > MAX_USER_PATTERN_LENGTH) throw new UserPatternError(`longer than ${MAX_USER_PATTERN_LENGTH} characters`);
  if (countedRepetitions(source) > MAX_USER_PATTERN_REPETITIONS) {
    throw new UserPatternError(`its counted repetitions ({n,m}) add up to more than ${MAX_USER_PATTERN_REPETITIONS}`);
  }
  const { RE2JS, RE2JSSyntaxException } = re2js();
  try {
    return new Re2Pattern(source, RE2JS.compile(source));
  } catch (error) {
    // The syntax error's description names the problem ("missing closing )"); its message
    // and `getPattern()` repeat the pattern or a piece of it, which may be a key.
    if (error instanceof RE2JSSyntaxException) throw new UserPatternError(error.getDescription());
    throw new UserPatternError('the regular expression engine refused it');
  }
}
