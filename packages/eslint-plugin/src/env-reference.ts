import { fileKindOf, planEnvRead, type Finding } from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The plugin's "read it from the environment" suggestion is core's planEnvRead, the edits
 * `keyguard fix` and the language server's code action make, so all three write the same text
 * for the same line (issue 14; test/env-read-agreement.test.ts and @keyguard/test-utils'
 * env-read-cases). The plugin adds only what its syntax tree knows and core's lexer cannot:
 * that a literal is not an expression (a type, a key, a directive), where it offers nothing.
 */

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];

/** The suggestion's message by what core's plan does. */
export type EnvReadMessageId = 'useEnv' | 'removeFallback' | 'redactComment' | 'removeEnvAssignment';

/**
 * Parents in which a string literal is not an expression (a module name, a type, a property
 * key, a directive): replacing it with a read would not compile, so no suggestion.
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

/** True when the tree says the node holding the secret is not a value core may rewrite. */
function isVetoed(holder: TSESTree.Node | TSESTree.Comment): boolean {
  if (holder.type === 'Literal') return !isExpressionPosition(holder);
  if (holder.type === 'TemplateElement') return holder.parent.parent?.type === 'TSLiteralType';
  if (holder.type === 'TemplateLiteral') return holder.parent?.type === 'TSLiteralType';
  return false;
}

/**
 * The path core reads the language from: the file's own when it is JavaScript or TypeScript;
 * otherwise (a virtual file, a .vue or .md block), a TypeScript name, with JSX when the tree
 * holds the secret in JSX.
 */
function kindPathOf(filename: string, holder: TSESTree.Node | TSESTree.Comment): string {
  if (fileKindOf(filename) === 'javascript' && /\.[cm]?[jt]sx?$/i.test(filename)) return filename;
  const inJsx = holder.type === 'JSXText' || (holder.type !== 'Line' && holder.type !== 'Block' && holder.parent?.type === 'JSXAttribute');
  return inJsx ? 'module.tsx' : 'module.ts';
}

/**
 * The suggestion that reads the finding's variable where the secret is, as core plans it, or
 * undefined where core refuses (or keeps the value) or the tree says the literal is no value.
 */
export function envReadSuggestion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  holder: TSESTree.Node | TSESTree.Comment | null,
  finding: Pick<Finding, 'startOffset' | 'endOffset' | 'envVar'>,
): { messageId: EnvReadMessageId; data: { envVar: string; read: string }; fix: Fix } | undefined {
  if (!holder || isVetoed(holder)) return undefined;
  const plan = planEnvRead({
    path: kindPathOf(filename, holder),
    text: sourceCode.text,
    start: finding.startOffset,
    end: finding.endOffset,
    envVar: finding.envVar,
  });
  if (!plan.ok || plan.edits.length === 0) return undefined;
  const messageId: EnvReadMessageId | undefined =
    plan.action === 'placeholder'
      ? 'redactComment'
      : plan.action === 'remove'
        ? 'removeEnvAssignment'
        : plan.action === 'replace'
          ? plan.removesFallback
            ? 'removeFallback'
            : 'useEnv'
          : undefined;
  if (!messageId) return undefined;
  const edits = plan.edits;
  return {
    messageId,
    data: { envVar: plan.envVar, read: plan.read ?? plan.envVar },
    fix: (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
  };
}
