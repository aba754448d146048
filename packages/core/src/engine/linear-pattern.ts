/**
 * The one seam every rule pattern compiles through. It accepts only syntax that a regular
 * expression engine can run in linear time on any input: no backreferences, no lookaround,
 * no quantified group that itself holds a quantifier (star height one), and no unbounded
 * repetition wider than a thousand. JavaScript's engine backtracks; patterns of this shape
 * cannot make it backtrack more than a constant per input position (the RE2 subset that
 * gitleaks relies on, checked here instead of trusted).
 *
 * The check is syntactic, so it is only for patterns we write and review: `(.|.)*!` passes it
 * and still backtracks exponentially. Users' patterns compile through `compileUserPattern`
 * (user-pattern.ts), on an engine that cannot backtrack. The rules stay on V8's engine because
 * they are hot: over 2 MB of code, re2js took 262 ms for the key pattern against V8's 16 ms,
 * and 83-1190 ms against 3-31 ms for the assignment patterns.
 */

export class UnsafePatternError extends Error {
  constructor(pattern: string, reason: string) {
    super(`pattern ${JSON.stringify(pattern)} is not linear-time: ${reason}`);
    this.name = 'UnsafePatternError';
  }
}

/** Returns why `source` is not linear-time syntax, or undefined when it is. */
export function findNonLinearSyntax(source: string): string | undefined {
  // Track, per open group, whether a quantifier appeared inside it.
  const groupHasQuantifier: boolean[] = [false];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'backreference';
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'named backreference';
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      if (source.startsWith('(?=', i) || source.startsWith('(?!', i)) return 'lookahead';
      if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) return 'lookbehind';
      groupHasQuantifier.push(false);
      continue;
    }
    if (ch === ')') {
      const inner = groupHasQuantifier.pop() ?? false;
      if (groupHasQuantifier.length === 0) return 'unbalanced parenthesis';
      const after = source[i + 1];
      const quantified = after === '*' || after === '+' || after === '?' || after === '{';
      if (quantified && inner && after !== '?') return 'nested quantifier';
      if (inner || quantified) groupHasQuantifier[groupHasQuantifier.length - 1] = true;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '{') {
      if (ch === '{') {
        const bound = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
        if (bound && bound[2] !== undefined && bound[2] !== '' && Number(bound[2]) > 1000) {
          return 'repetition bound over 1000';
        }
      }
      groupHasQuantifier[groupHasQuantifier.length - 1] = true;
    }
  }
  if (inClass) return 'unterminated character class';
  if (groupHasQuantifier.length !== 1) return 'unbalanced parenthesis';
  return undefined;
}

/** Compiles a rule pattern, refusing anything that could backtrack catastrophically. */
export function compileLinearPattern(source: string, flags = ''): RegExp {
  const reason = findNonLinearSyntax(source);
  if (reason) throw new UnsafePatternError(source, reason);
  const all = new Set([...flags, 'g', 'd']);
  return new RegExp(source, [...all].join(''));
}
