import { judgeSinkValue, LineIndex, rules as coreRules, type Finding, type Rule, type SinkTables } from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { compileAllow } from '../allow-list';
import { createRule, describeTwin } from '../create-rule';
import { envReadSuggestion } from '../env-reference';
import { ignoreCommentFix } from '../ignore-comment';
import {
  ALLOW_SCHEMA,
  FINDING_MESSAGES,
  reportTextFinding,
  SUGGESTION_MESSAGES,
  keywordRulesOf,
  textFindings,
  type TextMessageIds,
} from '../text-findings';

export interface SinkRuleOptions {
  /** Regular expressions (linear-time syntax) of values to accept, matched against the whole value. */
  allow?: string[];
  /** Extra constructors or factories whose options hold the key (`makeClient`, `llm.Client`). */
  sinks?: string[];
  /** Extra option names that hold the key inside a sink's options (`secret`, `llmKey`). */
  names?: string[];
}

type MessageIds = TextMessageIds;

/** A string whose value is known without running the code: a literal or a template without `${}`. */
interface StaticString {
  node: TSESTree.Literal | TSESTree.TemplateLiteral;
  value: string;
}

/** How many identifiers deep a value is followed (`const a = '…'; const b = a; new Client({ apiKey: b })`). */
const MAX_RESOLVE_DEPTH = 4;
/** How deep option objects are searched (`new Client({ configuration: { apiKey } })`). */
const MAX_OPTIONS_DEPTH = 2;

/** Last segment of a dotted or `::` name. */
const lastSegment = (name: string): string => name.split(/\.|::/).pop() ?? name;

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

/** A dotted name for an identifier or member chain: `process.env.ACME_API_KEY`, `client.apiKey`. */
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
 * The ESLint twin of a core sink rule (`eslint.kind: 'ast'`), generated from its record. It
 * reports what core's text scan reports for the rule (as a token rule does: `keyguard scan`'s
 * places), and adds what only the syntax tree shows: it finds the static strings handed to the
 * record's `sinks` (its constructors, option names, positional calls and key names) through
 * scope analysis, constants, defaults and option objects declared elsewhere in the file, and
 * asks core's `judgeSinkValue` about each (placeholder, allow list, keyguard-ignore, overlap
 * with an earlier rule, message, env var). Nothing here decides what a secret is.
 */
export function sinkRule(rule: Rule, sinks: SinkTables, name: string) {
  /** Positional sinks that a JavaScript call can name: matched on the whole name or its last segment. */
  const positionalSinks = new Set(sinks.positionalCallees.flatMap((callee) => [callee, lastSegment(callee)]));

  return createRule<[SinkRuleOptions], MessageIds>({
    name,
    meta: {
      type: 'problem',
      docs: { description: describeTwin(rule.description), recommended: true },
      hasSuggestions: true,
      schema: [
        {
          type: 'object',
          properties: {
            allow: ALLOW_SCHEMA,
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
        ...FINDING_MESSAGES,
        ...SUGGESTION_MESSAGES,
      },
    },
    defaultOptions: [{}],
    create(context, [options]) {
      const sourceCode = context.sourceCode;
      const text = sourceCode.text;
      const allow = compileAllow(name, options.allow);
      let lineIndex: LineIndex | undefined;
      const lines = (): LineIndex => (lineIndex ??= new LineIndex(text));
      /** Spans reported from the AST: core's text finding at the same place is not reported again. */
      const reportedSpans: Array<[number, number]> = [];
      const reportText = {
        'Program:exit'(): void {
          for (const finding of textFindings(text, context.filename, rule, allow, lines)) {
            const overlaps = reportedSpans.some(([start, end]) => start < finding.endOffset && finding.startOffset < end);
            if (!overlaps) reportTextFinding(context, finding);
          }
        },
      };

      // Core's prefilter: a file without the rule's keywords holds no sink (unless the project
      // named its own), so the rule adds no AST listeners there, and builds nothing for them.
      if ((options.sinks ?? []).length === 0 && !holdsKeyword(text, rule)) return reportText;
      const extraSinks = new Set(options.sinks ?? []);
      const optionNames = new Set([...sinks.optionNames, ...(options.names ?? [])]);
      const reported = new Set<TSESTree.Node>();

      const isSink = (callee: string): boolean =>
        sinks.isSinkCallee(callee) || extraSinks.has(callee) || extraSinks.has(lastSegment(callee));
      const isKeyOption = (option: string): boolean => optionNames.has(option) || sinks.isKeyName(option);

      /** The variable's one value, when it has one: a `const`, or a `let` never written again, or a default. */
      const valueOfIdentifier = (identifier: TSESTree.Identifier): TSESTree.Node | undefined => {
        const variable = findVariable(sourceCode.getScope(identifier), identifier);
        if (!variable || variable.defs.length !== 1) return undefined;
        const [definition] = variable.defs;
        const defined = definition.name;
        // A default: `function f(apiKey = '…')`, `const { apiKey = '…' } = options`.
        if (defined.parent?.type === 'AssignmentPattern' && defined.parent.left === defined) return defined.parent.right;
        if (definition.type !== 'Variable' || definition.node.id !== defined || !definition.node.init) return undefined;
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
       * `process.env.NAME = '…'` as a statement names its own variable (the finding's); core's
       * plan removes the line, as keyguard fix does.
       */
      let envStatement: TSESTree.ExpressionStatement | undefined;

      const report = (value: StaticString, sink: string): void => {
        const { node } = value;
        if (reported.has(node)) return;
        reported.add(node);
        const start = node.range[0] + 1;
        const end = node.range[1] - 1;
        const statement = envStatement;
        const inStatement = statement !== undefined && statement.range[0] <= node.range[0] && node.range[1] <= statement.range[1];
        const finding: Finding | undefined = judgeSinkValue({
          ruleId: rule.id,
          value: value.value,
          start,
          end,
          text,
          lines: lines(),
          path: context.filename,
          allow,
          // ESLint applies its own disable comments; keyguard-ignore is the judge's to honour.
          eslintDirectives: false,
          sink,
          // `process.env.NAME = '…'` names its own variable; elsewhere the record decides (per sink).
          ...(inStatement ? { envVar: sink.slice(sink.lastIndexOf('.') + 1) } : {}),
        });
        if (!finding) return;
        reportedSpans.push([start, end]);
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        // Core's plan, as keyguard fix writes it (for `process.env.NAME = '…'`: the line goes).
        const holder = node.type === 'TemplateLiteral' ? (node.quasis[0] ?? node) : node;
        const replacement = envReadSuggestion(sourceCode, context.filename, holder, finding);
        if (replacement) suggest.push(replacement);
        const ignore = ignoreCommentFix(sourceCode, start);
        if (ignore) suggest.push({ messageId: 'ignoreLine', fix: ignore });
        context.report({
          loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
          messageId: 'finding',
          data: { message: finding.message },
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
          const option = keyName(property.key, property.computed);
          if (option === undefined) continue;
          if (isKeyOption(option)) check(property.value, `${callee}({ ${option} })`);
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

      /** `client.apiKey = '…'` where `client` holds a sink's instance (`new Client(…)`). */
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
        ...reportText,
        NewExpression: checkCall,
        CallExpression: checkCall,
        AssignmentExpression(node): void {
          if (node.operator !== '=' && node.operator !== '??=' && node.operator !== '||=') return;
          const assigned = dottedName(node.left);
          if (assigned === undefined) return;
          if (sinks.isKeyName(assigned)) {
            const isEnv = /^process\.env\./.test(assigned) && node.parent.type === 'ExpressionStatement';
            envStatement = isEnv ? (node.parent as TSESTree.ExpressionStatement) : undefined;
            check(node.right, assigned);
            envStatement = undefined;
          } else if (node.left.type === 'MemberExpression' && optionNames.has(lastSegment(assigned)) && isSinkInstance(node.left.object)) {
            check(node.right, assigned);
          }
        },
        VariableDeclarator(node): void {
          if (node.id.type === 'Identifier' && sinks.isKeyName(node.id.name)) check(node.init, node.id.name);
        },
        AssignmentPattern(node): void {
          if (node.left.type === 'Identifier' && sinks.isKeyName(node.left.name)) check(node.right, node.left.name);
        },
        Property(node): void {
          if (node.parent.type !== 'ObjectExpression') return;
          const property = keyName(node.key, node.computed);
          if (property !== undefined && sinks.isKeyName(property)) check(node.value, property);
        },
        PropertyDefinition(node): void {
          const property = keyName(node.key, node.computed);
          if (property !== undefined && sinks.isKeyName(property)) check(node.value, property);
        },
        TSEnumMember(node): void {
          const member = keyName(node.id, false);
          if (member !== undefined && sinks.isKeyName(member)) check(node.initializer, member);
        },
        JSXAttribute(node): void {
          if (node.name.type !== 'JSXIdentifier' || !sinks.isKeyName(node.name.name) || !node.value) return;
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
}

export type SinkRule = ReturnType<typeof sinkRule>;

/** Whether the text holds one of the rule's keywords: for a registry rule, the search shared by the file's keyguard rules. */
const holdsKeyword = (text: string, rule: Rule): boolean =>
  coreRules.includes(rule) ? keywordRulesOf(text).has(rule) : rule.keywords.some((keyword) => text.includes(keyword));
