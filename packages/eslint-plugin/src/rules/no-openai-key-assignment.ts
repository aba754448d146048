import {
  getRule,
  isIgnoredInline,
  isOpenAIKeyName,
  isOpenAIPlaceholderValue,
  isSinkCallee,
  LineIndex,
  POSITIONAL_SINK_CALLEES,
  redactSecret,
  scanText,
  SINK_OPTION_NAMES,
  type Rule,
} from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { compileAllow, isAllowed } from '../allow-list';
import { createRule } from '../create-rule';
import { replaceLiteralFix } from '../env-reference';
import { envVarFor } from '../env-var';
import { ignoreCommentFix } from '../ignore-comment';

export interface NoOpenAIKeyAssignmentOptions {
  /** Regular expressions (linear-time syntax) of values to accept, matched against the whole value. */
  allow?: string[];
  /** Extra constructors or factories whose options hold the key (`makeClient`, `llm.Client`). */
  sinks?: string[];
  /** Extra option names that hold the key inside a sink's options (`secret`, `llmKey`). */
  names?: string[];
}

type MessageIds = 'hardCodedKey' | 'useEnv' | 'removeEnvAssignment' | 'removeFallback' | 'ignoreLine';

const assignmentRule: Rule = getRule('openai-key-assignment')!;
const apiKeyRule: Rule = getRule('openai-api-key')!;

/** A string whose value is known without running the code: a literal or a template without `${}`. */
interface StaticString {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  value: string;
}

/** How many identifiers deep a value is followed (`const a = '…'; const b = a; new OpenAI({ apiKey: b })`). */
const MAX_RESOLVE_DEPTH = 4;
/** How deep option objects are searched (`new ChatOpenAI({ configuration: { apiKey } })`). */
const MAX_OPTIONS_DEPTH = 2;

/** Last segment of a dotted or `::` name. */
const lastSegment = (name: string): string => name.split(/\.|::/).pop() ?? name;

/** Positional sinks that a JavaScript call can name: matched on the whole name or its last segment. */
const positionalSinks = new Set(POSITIONAL_SINK_CALLEES.flatMap((name) => [name, lastSegment(name)]));

/** Strips what TypeScript adds around an expression without changing its value. */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'ChainExpression'
  ) {
    current = current.expression;
  }
  return current;
}

/** A property's key as a name: `apiKey`, `'api_key'`, `['apiKey']`. */
function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** A dotted name for an identifier or member chain: `process.env.OPENAI_API_KEY`, `openai.apiKey`. */
function dottedName(node: TSESTree.Node): string | undefined {
  const target = unwrap(node);
  switch (target.type) {
    case 'Identifier':
      return target.name;
    case 'ThisExpression':
      return 'this';
    case 'MetaProperty':
      return `${target.meta.name}.${target.property.name}`;
    case 'MemberExpression': {
      const property = target.property.type === 'PrivateIdentifier' ? target.property.name : keyName(target.property, target.computed);
      if (property === undefined) return undefined;
      const object = dottedName(target.object);
      // `builder().apiKey`: the call has no name, the method still does.
      return object === undefined ? property : `${object}.${property}`;
    }
    default:
      return undefined;
  }
}

/**
 * A hard-coded value handed to an OpenAI key sink, seen through the AST. Which names are
 * sinks comes from core (SINK_CALLEES, SINK_OPTION_NAMES, POSITIONAL_SINK_CALLEES,
 * isOpenAIKeyName), the same data core's text rule `openai-key-assignment` reads, and what is a
 * placeholder is core's isPlaceholderValue. The AST adds what text cannot see: a constant
 * declared in one place and passed in another, within the file.
 */
export const noOpenAIKeyAssignment = createRule<[NoOpenAIKeyAssignmentOptions], MessageIds>({
  name: 'no-openai-key-assignment',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow hard-coded values given to an OpenAI key sink (apiKey, OPENAI_API_KEY, new OpenAI({ apiKey }))',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Regular expressions of values to accept, matched against the whole value.',
          },
          sinks: {
            type: 'array',
            items: { type: 'string' },
            description: 'Extra constructors or factories whose options hold the key.',
          },
          names: {
            type: 'array',
            items: { type: 'string' },
            description: "Extra option names that hold the key inside a sink's options.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      hardCodedKey:
        'Hard-coded OpenAI key {{secret}} given to {{sink}}. Rotate it if it was ever committed, then read it from process.env.{{envVar}}.',
      useEnv: 'Read the key from process.env.{{envVar}} instead.',
      removeEnvAssignment: 'Remove this statement and set {{envVar}} in the environment (an ignored .env file, your secret store).',
      removeFallback: 'Remove the hard-coded fallback: read process.env.{{envVar}} alone.',
      ignoreLine: 'Mark the line keyguard-ignore (keyguard scan and the pre-commit hook honour it too).',
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const extraSinks = new Set(options.sinks ?? []);
    const optionNames = new Set([...SINK_OPTION_NAMES, ...(options.names ?? [])]);
    // Core's prefilter: a file that never mentions OpenAI holds no sink (unless the project
    // named its own), so the rule adds no listeners there.
    const text = sourceCode.text;
    if (extraSinks.size === 0 && !assignmentRule.keywords.some((keyword) => text.includes(keyword))) return {};
    const allow = compileAllow('no-openai-key-assignment', options.allow);
    const reported = new Set<TSESTree.Node>();
    let lines: LineIndex | undefined;

    const isSink = (name: string): boolean => isSinkCallee(name) || extraSinks.has(name) || extraSinks.has(lastSegment(name));
    const isKeyOption = (name: string): boolean => optionNames.has(name) || isOpenAIKeyName(name);

    /** The variable's one value, when it has one: a `const`, or a `let` never written again, or a default. */
    const valueOfIdentifier = (identifier: TSESTree.Identifier): TSESTree.Node | undefined => {
      const variable = findVariable(sourceCode.getScope(identifier), identifier);
      if (!variable || variable.defs.length !== 1) return undefined;
      const [definition] = variable.defs;
      const name = definition.name;
      // A default: `function f(apiKey = '…')`, `const { apiKey = '…' } = options`.
      if (name.parent?.type === 'AssignmentPattern' && name.parent.left === name) return name.parent.right;
      if (definition.type !== 'Variable' || definition.node.id !== name || !definition.node.init) return undefined;
      const writes = variable.references.filter((reference) => reference.isWrite());
      if (definition.parent.kind !== 'const' && writes.length > 1) return undefined;
      return definition.node.init;
    };

    /** The static strings an expression can evaluate to: a literal, a fallback (`?? '…'`), a constant's value. */
    const staticStrings = (expression: TSESTree.Node, depth = 0): StaticString[] => {
      const node = unwrap(expression);
      switch (node.type) {
        case 'Literal':
          return typeof node.value === 'string' ? [{ node, value: node.value }] : [];
        case 'TemplateLiteral':
          return node.expressions.length === 0 ? [{ node, value: node.quasis[0].value.cooked ?? '' }] : [];
        case 'LogicalExpression':
          return node.operator === '&&'
            ? staticStrings(node.right, depth)
            : [...staticStrings(node.left, depth), ...staticStrings(node.right, depth)];
        case 'ConditionalExpression':
          return [...staticStrings(node.consequent, depth), ...staticStrings(node.alternate, depth)];
        case 'Identifier': {
          if (depth >= MAX_RESOLVE_DEPTH) return [];
          const value = valueOfIdentifier(node);
          return value ? staticStrings(value, depth + 1) : [];
        }
        default:
          return [];
      }
    };

    /** The object an options argument is, directly or through a constant. */
    const objectOf = (expression: TSESTree.Node): TSESTree.ObjectExpression | undefined => {
      const node = unwrap(expression);
      if (node.type === 'ObjectExpression') return node;
      if (node.type !== 'Identifier') return undefined;
      const value = valueOfIdentifier(node);
      const resolved = value ? unwrap(value) : undefined;
      return resolved?.type === 'ObjectExpression' ? resolved : undefined;
    };

    /**
     * `process.env.OPENAI_API_KEY = '…'` as a statement: replacing the literal with the same
     * variable would assign it to itself, so the suggestion removes the statement instead.
     */
    let envStatement: TSESTree.ExpressionStatement | undefined;

    const report = (value: StaticString, sink: string): void => {
      const { node } = value;
      if (reported.has(node)) return;
      reported.add(node);
      if (isOpenAIPlaceholderValue(value.value) || isAllowed(value.value, allow)) return;
      // A whole key, or a value that holds one, is no-openai-api-key's finding (core gives
      // overlapping findings to the api-key rule, too).
      if (scanText(value.value, { rules: [apiKeyRule], inlineIgnore: false }).length > 0) return;
      const start = node.range[0] + 1;
      const end = node.range[1] - 1;
      lines ??= new LineIndex(text);
      // ESLint applies its own disable comments; keyguard-ignore is ours to honour.
      if (isIgnoredInline(lines, lines.lineOf(start), { ruleId: assignmentRule.id, eslintDirectives: false })) return;
      const statement = envStatement;
      const inStatement = statement !== undefined && statement.range[0] <= node.range[0] && node.range[1] <= statement.range[1];
      // `process.env.NAME = '…'` names its own variable; elsewhere the sink decides (an Azure client).
      const envVar = inStatement ? sink.slice(sink.lastIndexOf('.') + 1) : envVarFor(assignmentRule.id, sink);
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      if (inStatement) {
        suggest.push({ messageId: 'removeEnvAssignment', data: { envVar }, fix: (fixer) => fixer.remove(statement) });
      } else {
        const replacement = replaceLiteralFix(node, envVar, sourceCode);
        if (replacement)
          suggest.push({ messageId: replacement.removesFallback ? 'removeFallback' : 'useEnv', data: { envVar }, fix: replacement.fix });
      }
      const ignore = ignoreCommentFix(sourceCode, start);
      if (ignore) suggest.push({ messageId: 'ignoreLine', fix: ignore });
      context.report({
        loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
        messageId: 'hardCodedKey',
        data: { secret: redactSecret(value.value), sink, envVar },
        suggest,
      });
    };

    const check = (expression: TSESTree.Node | null | undefined, sink: string): void => {
      if (!expression) return;
      for (const value of staticStrings(expression)) report(value, sink);
    };

    /** Options of a sink: `{ apiKey: '…' }`, also one object deeper (`{ configuration: { apiKey } }`). */
    const checkOptions = (argument: TSESTree.Node, callee: string, depth = 0): void => {
      const object = objectOf(argument);
      if (!object) return;
      for (const property of object.properties) {
        if (property.type !== 'Property') continue;
        const name = keyName(property.key, property.computed);
        if (name === undefined) continue;
        if (isKeyOption(name)) check(property.value, `${callee}({ ${name} })`);
        else if (depth + 1 < MAX_OPTIONS_DEPTH) checkOptions(property.value, callee, depth + 1);
      }
    };

    const checkCall = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const callee = dottedName(node.callee);
      if (callee === undefined) return;
      const label = node.type === 'NewExpression' ? `new ${callee}` : callee;
      if (isSink(callee)) {
        for (const argument of node.arguments) checkOptions(argument, label);
      }
      if ((positionalSinks.has(callee) || positionalSinks.has(lastSegment(callee))) && node.arguments[0]) {
        check(node.arguments[0], `${label}(…)`);
      }
    };

    /** `client.apiKey = '…'` where `client` holds `new OpenAI(…)`. */
    const isSinkInstance = (object: TSESTree.Node): boolean => {
      const node = unwrap(object);
      if (node.type !== 'Identifier') return false;
      const value = valueOfIdentifier(node);
      const created = value ? unwrap(value) : undefined;
      if (created?.type !== 'NewExpression' && created?.type !== 'CallExpression') return false;
      const callee = dottedName(created.callee);
      return callee !== undefined && isSink(callee);
    };

    const listeners: TSESLint.RuleListener = {
      NewExpression: checkCall,
      CallExpression: checkCall,
      AssignmentExpression(node): void {
        if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') return;
        const name = dottedName(node.left);
        if (name === undefined) return;
        if (isOpenAIKeyName(name)) {
          const isEnv = /^process\.env\./.test(name) && node.parent.type === 'ExpressionStatement';
          envStatement = isEnv ? (node.parent as TSESTree.ExpressionStatement) : undefined;
          check(node.right, name);
          envStatement = undefined;
        } else if (node.left.type === 'MemberExpression' && optionNames.has(lastSegment(name)) && isSinkInstance(node.left.object)) {
          check(node.right, name);
        }
      },
      VariableDeclarator(node): void {
        if (node.id.type === 'Identifier' && isOpenAIKeyName(node.id.name)) check(node.init, node.id.name);
      },
      AssignmentPattern(node): void {
        if (node.left.type === 'Identifier' && isOpenAIKeyName(node.left.name)) check(node.right, node.left.name);
      },
      Property(node): void {
        if (node.parent.type !== 'ObjectExpression') return;
        const name = keyName(node.key, node.computed);
        if (name !== undefined && isOpenAIKeyName(name)) check(node.value, name);
      },
      PropertyDefinition(node): void {
        const name = keyName(node.key, node.computed);
        if (name !== undefined && isOpenAIKeyName(name)) check(node.value, name);
      },
      TSEnumMember(node): void {
        const name = keyName(node.id, false);
        if (name !== undefined && isOpenAIKeyName(name)) check(node.initializer, name);
      },
      JSXAttribute(node): void {
        if (node.name.type !== 'JSXIdentifier' || !isOpenAIKeyName(node.name.name) || !node.value) return;
        check(
          node.value.type === 'JSXExpressionContainer'
            ? node.value.expression.type === 'JSXEmptyExpression'
              ? null
              : node.value.expression
            : node.value,
          node.name.name,
        );
      },
    };
    return listeners;
  },
});
