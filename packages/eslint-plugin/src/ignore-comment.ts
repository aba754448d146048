import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

const SAME_LINE = 'keyguard-ignore';
const NEXT_LINE = 'keyguard-ignore-next-line';

/** Where the text of the line holding `offset` ends (before `\r\n` or `\n`), and where it starts. */
function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** The comment that holds `offset` strictly inside, or ends there (a line comment ends at its line's end). */
function commentAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): TSESTree.Comment | undefined {
  return sourceCode
    .getAllComments()
    .find((comment) => comment.range[0] < offset && offset <= comment.range[1] && (offset < comment.range[1] || comment.type === 'Line'));
}

/** What a comment inserted at `offset` would be read as: code, JSX children, or the inside of a token. */
function contextAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): 'code' | 'jsx' | 'comment' | 'token' {
  if (commentAt(sourceCode, offset)) return 'comment';
  const node = sourceCode.getNodeByRangeIndex(offset);
  if (!node) return 'code';
  if (node.type === 'JSXText' || node.type === 'JSXElement' || node.type === 'JSXFragment') {
    // Between a JSX element's children `//` is text, not a comment.
    const inChildren = node.type === 'JSXText' || isInChildren(node, offset);
    if (inChildren) return 'jsx';
  }
  // Inside a string (a line continuation, a JSX attribute) or a template: a comment would
  // become part of its value.
  if (node.type === 'Literal' || node.type === 'TemplateElement' || node.type === 'TemplateLiteral') {
    if (node.range[0] < offset && offset < node.range[1]) return 'token';
  }
  return 'code';
}

/** True when `offset` lies between an element's opening and closing tags (its children), not inside a tag. */
function isInChildren(node: TSESTree.JSXElement | TSESTree.JSXFragment, offset: number): boolean {
  const opening = node.type === 'JSXElement' ? node.openingElement : node.openingFragment;
  const closing = node.type === 'JSXElement' ? node.closingElement : node.closingFragment;
  return closing !== null && opening.range[1] <= offset && offset <= closing.range[0];
}

/**
 * The suggestion that silences a finding with `keyguard-ignore`, which ESLint, `keyguard scan`
 * and the pre-commit hook all honour, written in the syntax the place allows:
 * - at the end of the finding's line, ` // keyguard-ignore` in code, `{/* keyguard-ignore *\/}`
 *   between JSX children (where `//` would be text), ` keyguard-ignore` inside a comment that
 *   runs to the line's end;
 * - where the line ends inside a string or template, `// keyguard-ignore-next-line` (or its JSX
 *   form) on a new line above, indented as the finding's line;
 * - undefined where neither is possible (the line above also ends inside a template).
 */
export function ignoreCommentFix(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): Fix | undefined {
  const text = sourceCode.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { start, end } = lineBounds(text, offset);
  switch (contextAt(sourceCode, end)) {
    case 'code': {
      const trimmed = text.slice(start, end).trimEnd().length + start;
      return (fixer) => fixer.insertTextAfterRange([trimmed, trimmed], ` // ${SAME_LINE}`);
    }
    case 'jsx':
      return (fixer) => fixer.insertTextAfterRange([end, end], `{/* ${SAME_LINE} */}`);
    case 'comment':
      return (fixer) => fixer.insertTextAfterRange([end, end], ` ${SAME_LINE}`);
    case 'token':
      break;
  }
  // The line above: a new line inserted at this line's start is read in the context of the
  // previous line's break.
  const indent = /^[ \t]*/.exec(text.slice(start, end))?.[0] ?? '';
  const previousBreak = start - 1;
  const above = start === 0 ? 'code' : contextAt(sourceCode, text.charCodeAt(previousBreak - 1) === 13 ? previousBreak - 1 : previousBreak);
  if (above === 'code') return (fixer) => fixer.insertTextBeforeRange([start, start], `${indent}// ${NEXT_LINE}${eol}`);
  if (above === 'jsx') return (fixer) => fixer.insertTextBeforeRange([start, start], `${indent}{/* ${NEXT_LINE} */}${eol}`);
  // Inside a block comment the words alone do: core reads the marker in any comment syntax.
  if (above === 'comment') return (fixer) => fixer.insertTextBeforeRange([start, start], `${indent}${NEXT_LINE}${eol}`);
  return undefined;
}
