import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** What a suggestion puts where the literal was: the remedy every report names. */
export const ENV_REFERENCE = 'process.env.OPENAI_API_KEY';
/** What a suggestion leaves in a comment: a placeholder core never reports. */
export const COMMENT_PLACEHOLDER = '<OPENAI_API_KEY>';

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
 * Rewrites the raw text of a quoted string so that it reads the same inside a template literal:
 * a backtick and `${` get a backslash; existing escapes are copied as they are.
 */
function toTemplateText(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      out += raw.slice(i, i + 2);
      i++;
    } else if (ch === '`') {
      out += '\\`';
    } else if (ch === '$' && raw[i + 1] === '{') {
      out += '\\$';
    } else {
      out += ch;
    }
  }
  return out;
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
): { fix: Fix; inComment: boolean } | undefined {
  if (!holder) return undefined;
  if (holder.type === 'Line' || holder.type === 'Block') {
    return { fix: (fixer) => fixer.replaceTextRange([start, end], COMMENT_PLACEHOLDER), inComment: true };
  }
  if (holder.type === 'Literal' && typeof holder.value === 'string') {
    if (!isExpressionPosition(holder)) return undefined;
    const inJsx = holder.parent?.type === 'JSXAttribute';
    const [from, to] = holder.range;
    if (start === from + 1 && end === to - 1) {
      return { fix: (fixer) => fixer.replaceText(holder, inJsx ? `{${ENV_REFERENCE}}` : ENV_REFERENCE), inComment: false };
    }
    const before = holder.raw.slice(1, start - from);
    const after = holder.raw.slice(end - from, -1);
    // JSX attribute text has no escapes but entities: only plain text can move into a template.
    if (inJsx && /[\\&]/.test(before + after)) return undefined;
    const template = `\`${toTemplateText(before)}\${${ENV_REFERENCE}}${toTemplateText(after)}\``;
    return { fix: (fixer) => fixer.replaceText(holder, inJsx ? `{${template}}` : template), inComment: false };
  }
  if (holder.type === 'TemplateElement') {
    const template = holder.parent as TSESTree.TemplateLiteral;
    if (template.parent?.type === 'TSLiteralType') return undefined;
    const whole = template.expressions.length === 0 && start === template.range[0] + 1 && end === template.range[1] - 1;
    if (whole && template.parent?.type !== 'TaggedTemplateExpression') {
      return { fix: (fixer) => fixer.replaceText(template, ENV_REFERENCE), inComment: false };
    }
    return { fix: (fixer) => fixer.replaceTextRange([start, end], `\${${ENV_REFERENCE}}`), inComment: false };
  }
  if (holder.type === 'JSXText') {
    return { fix: (fixer) => fixer.replaceTextRange([start, end], `{${ENV_REFERENCE}}`), inComment: false };
  }
  return undefined;
}

/** The fix that replaces a whole literal or static template with the environment variable. */
export function replaceLiteralFix(literal: TSESTree.Literal | TSESTree.TemplateLiteral): Fix | undefined {
  if (literal.type === 'Literal' && !isExpressionPosition(literal)) return undefined;
  if (literal.type === 'TemplateLiteral' && literal.parent?.type === 'TSLiteralType') return undefined;
  const inJsx = literal.parent?.type === 'JSXAttribute';
  return (fixer) => fixer.replaceText(literal, inJsx ? `{${ENV_REFERENCE}}` : ENV_REFERENCE);
}
