import { commentPlaceholder, envReadExpression, toTemplateText } from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * What a suggestion puts where the literal was: core's read of the variable for a JS/TS file
 * (`process.env.NAME`, or `import.meta.env.VITE_NAME` where the file already reads Vite's), the
 * same text `keyguard fix` and the language server write (test/env-read-agreement.test.ts).
 */
function envReference(envVar: string, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return envReadExpression('module.ts', envVar, sourceCode.text) ?? `process.env.${envVar}`;
}

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

/**
 * Parents in which a string literal is not an expression (a module name, a type, a property
 * key, a directive): replacing it with `process.env.…` would not compile, so no suggestion.
 */
function isExpressionPosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportAttribute':
    case 'ImportSpecifier':
    case 'ExportSpecifier':
    case 'TSLiteralType':
    case 'TSExternalModuleReference':
    case 'TSModuleDeclaration':
    case 'TSEnumMember':
    case 'TSImportType':
      return false;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'TSAbstractPropertyDefinition':
    case 'AccessorProperty':
      return parent.computed || parent.key !== node;
    case 'ExpressionStatement':
      return parent.directive === undefined;
    default:
      return true;
  }
}

/**
 * The fix that replaces a secret at [start, end) of the source with the environment variable,
 * chosen by what holds it: the whole literal, part of a string (which becomes a template), part
 * of a template or JSX text, or a comment (where the key becomes a placeholder). Undefined where
 * no replacement would be valid code (a regular expression, a type, an import path).
 */
export function envReferenceFix(
  holder: TSESTree.Node | TSESTree.Comment | null,
  start: number,
  end: number,
  envVar: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { fix: Fix; inComment: boolean; removesFallback: boolean } | undefined {
  if (!holder) return undefined;
  const reference = envReference(envVar, sourceCode);
  if (holder.type === 'Line' || holder.type === 'Block') {
    return { fix: (fixer) => fixer.replaceTextRange([start, end], commentPlaceholder(envVar)), inComment: true, removesFallback: false };
  }
  if (holder.type === 'Literal' && typeof holder.value === 'string') {
    if (!isExpressionPosition(holder)) return undefined;
    const inJsx = holder.parent?.type === 'JSXAttribute';
    const [from, to] = holder.range;
    if (start === from + 1 && end === to - 1) {
      const fallback = replaceLiteralFix(holder, envVar, sourceCode);
      return fallback ? { fix: fallback.fix, inComment: false, removesFallback: fallback.removesFallback } : undefined;
    }
    const before = holder.raw.slice(1, start - from);
    const after = holder.raw.slice(end - from, -1);
    // JSX attribute text has no escapes but entities: only plain text can move into a template.
    if (inJsx && /[\\&]/.test(before + after)) return undefined;
    const template = `\`${toTemplateText(before)}\${${reference}}${toTemplateText(after)}\``;
    return { fix: (fixer) => fixer.replaceText(holder, inJsx ? `{${template}}` : template), inComment: false, removesFallback: false };
  }
  if (holder.type === 'TemplateElement') {
    const template = holder.parent as TSESTree.TemplateLiteral;
    if (template.parent?.type === 'TSLiteralType') return undefined;
    const whole = template.expressions.length === 0 && start === template.range[0] + 1 && end === template.range[1] - 1;
    if (whole && template.parent?.type !== 'TaggedTemplateExpression') {
      const fallback = replaceLiteralFix(template, envVar, sourceCode);
      return fallback ? { fix: fallback.fix, inComment: false, removesFallback: fallback.removesFallback } : undefined;
    }
    return { fix: (fixer) => fixer.replaceTextRange([start, end], `\${${reference}}`), inComment: false, removesFallback: false };
  }
  if (holder.type === 'JSXText') {
    return { fix: (fixer) => fixer.replaceTextRange([start, end], `{${reference}}`), inComment: false, removesFallback: false };
  }
  return undefined;
}

/** Strips what TypeScript adds around an expression without changing its value. */
function unwrapped(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion'
  ) {
    current = current.expression;
  }
  return current;
}

/** True for `process.env.NAME` and `process.env['NAME']`. */
function readsEnvVar(node: TSESTree.Node, envVar: string): boolean {
  const read = unwrapped(node);
  if (read.type !== 'MemberExpression') return false;
  const name = read.computed
    ? read.property.type === 'Literal'
      ? read.property.value
      : undefined
    : read.property.type === 'Identifier'
      ? read.property.name
      : undefined;
  if (name !== envVar) return false;
  const env = unwrapped(read.object);
  return (
    env.type === 'MemberExpression' &&
    !env.computed &&
    env.property.type === 'Identifier' &&
    env.property.name === 'env' &&
    env.object.type === 'Identifier' &&
    env.object.name === 'process'
  );
}

/**
 * The fix that replaces a whole literal or static template with the environment variable.
 * When the literal is already the fallback of a read of that variable
 * (`process.env.NAME ?? '…'`), replacing it would give `process.env.NAME ?? process.env.NAME`:
 * the fix removes the fallback instead, leaving the read.
 */
export function replaceLiteralFix(
  literal: TSESTree.Literal | TSESTree.TemplateLiteral,
  envVar: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { fix: Fix; removesFallback: boolean } | undefined {
  if (literal.type === 'Literal' && !isExpressionPosition(literal)) return undefined;
  if (literal.type === 'TemplateLiteral' && literal.parent?.type === 'TSLiteralType') return undefined;
  let outer: TSESTree.Node = literal;
  while (
    outer.parent &&
    (outer.parent.type === 'TSAsExpression' || outer.parent.type === 'TSNonNullExpression' || outer.parent.type === 'TSSatisfiesExpression')
  ) {
    outer = outer.parent;
  }
  const logical = outer.parent;
  if (logical?.type === 'LogicalExpression' && logical.operator !== '&&' && logical.right === outer && readsEnvVar(logical.left, envVar)) {
    const read = sourceCode.getText(logical.left);
    return { fix: (fixer) => fixer.replaceText(logical, read), removesFallback: true };
  }
  const inJsx = literal.parent?.type === 'JSXAttribute';
  const reference = envReference(envVar, sourceCode);
  return { fix: (fixer) => fixer.replaceText(literal, inJsx ? `{${reference}}` : reference), removesFallback: false };
}
