import { existsSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  createBaseline,
  parseBaseline,
  planEnvRead,
  readSettingsFile,
  MAX_BASELINE_BYTES,
  ruleDocsUrl,
  type EnvReadAction,
  type EnvReadPlan,
  type Finding,
} from '@keyguard/core';
import type { CodeAction, CodeActionParams, Connection, Diagnostic, ExecuteCommandParams, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commentOf, commentSyntaxOf } from './comment-syntax';
import { findingsOf, type DiagnosticData, type DocumentPlace } from './diagnose';

/** The commands the code actions run on the server (workspace/executeCommand). */
export const COMMANDS = ['keyguard.addToBaseline', 'keyguard.openDocs'] as const;

/** What the server put in one of its own diagnostics (the client sends it back as it was). */
function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (diagnostic.source !== 'keyguard' || typeof data?.fingerprint !== 'string' || typeof data.ruleId !== 'string') return undefined;
  return { ruleId: data.ruleId, fingerprint: data.fingerprint, ...(data.inPath ? { inPath: true as const } : {}) };
}

/** What the quick fix does, by core's plan (env-read.ts). */
const ENV_READ_TITLE: Partial<Record<EnvReadAction, (plan: EnvReadPlan) => string>> = {
  replace: (plan) =>
    plan.removesFallback
      ? `Remove the hard-coded fallback: read ${plan.envVar} from the environment${plan.read ? ` (${plan.read})` : ''}`
      : `Read ${plan.envVar} from the environment${plan.read ? ` (${plan.read})` : ''}`,
  remove: (plan) => `Remove the line that sets ${plan.envVar}: read it from the real environment`,
  placeholder: (plan) => `Replace the key with the placeholder <${plan.envVar}>`,
  'clear-output': () => 'Clear the cell outputs that hold the key',
};

/**
 * The quick fix that puts a read of the environment where the literal is: core's planEnvRead
 * decides the edits (the same ones `keyguard fix` and the ESLint plugin's suggestion make);
 * none where core refuses or keeps the value (an env file is where the value belongs).
 */
function envReadAction(document: TextDocument, diagnostic: Diagnostic, finding: Finding, place: DocumentPlace): CodeAction | undefined {
  const text = document.getText();
  const plan = planEnvRead({ path: place.kindPath, text, start: finding.startOffset, end: finding.endOffset, envVar: finding.envVar });
  if (!plan.ok || plan.edits.length === 0) return undefined;
  const title = ENV_READ_TITLE[plan.action];
  if (!title) return undefined;
  const edits: TextEdit[] = plan.edits.map((edit) => ({
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.text,
  }));
  return {
    title: title(plan),
    kind: 'quickfix',
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [document.uri]: edits } },
  };
}

/** The fixes for the keyguard diagnostics in a code action request. */
export function codeActionsFor(document: TextDocument, params: CodeActionParams, place: DocumentPlace): CodeAction[] {
  const actions: CodeAction[] = [];
  let findings: Finding[] | undefined;
  for (const diagnostic of params.context.diagnostics) {
    const data = dataOf(diagnostic);
    if (!data) continue;
    const { ruleId } = data;
    // The finding as the server sees the text now (the client's copy of the diagnostic may be stale).
    findings ??= findingsOf(document.getText(), place);
    const start = document.offsetAt(diagnostic.range.start);
    const finding = findings.find(
      (candidate) => candidate.fingerprint === data.fingerprint && (data.inPath || candidate.startOffset === start),
    );
    if (!finding) continue;
    const envRead = data.inPath ? undefined : envReadAction(document, diagnostic, finding, place);
    if (envRead) actions.push(envRead);
    // A secret in the file's name is on no line: no comment silences it.
    const ignore = data.inPath ? undefined : ignoreEdit(document, diagnostic, place);
    if (ignore) {
      actions.push({
        title: `Ignore this ${ruleId} finding here (${ignore.words})`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri]: [ignore.edit] } },
      });
    }
    const baseline = relative(place.settings.root, place.settings.baselineFile).split('\\').join('/');
    actions.push({
      title: `Accept this finding in the baseline (${baseline})`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      command: {
        title: 'Add to the keyguard baseline',
        command: 'keyguard.addToBaseline',
        arguments: [{ uri: document.uri, fingerprint: data.fingerprint }],
      },
    });
    actions.push({
      title: `Open the docs of ${ruleId}`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      command: { title: `Open the docs of ${ruleId}`, command: 'keyguard.openDocs', arguments: [{ ruleId }] },
    });
  }
  return actions;
}

/**
 * The edit that silences the finding with a comment core honours: ` # keyguard-ignore` at the
 * end of its line, or `# keyguard-ignore-next-line` on a line of its own above it where a
 * comment cannot follow code. None where the file has no comments (JSON).
 */
function ignoreEdit(document: TextDocument, diagnostic: Diagnostic, place: DocumentPlace): { edit: TextEdit; words: string } | undefined {
  const syntax = commentSyntaxOf(place.kindPath);
  if (!syntax) return undefined;
  const line = diagnostic.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  if (syntax.lineOnly) {
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
    return {
      words: 'keyguard-ignore-next-line',
      edit: {
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        newText: `${indent}${commentOf(syntax, 'keyguard-ignore-next-line')}${eol}`,
      },
    };
  }
  return {
    words: 'keyguard-ignore',
    edit: {
      range: { start: { line, character: text.length }, end: { line, character: text.length } },
      newText: ` ${commentOf(syntax, 'keyguard-ignore')}`,
    },
  };
}

interface CommandContext {
  /** The finding with this fingerprint in an open document, as the server scans it now. */
  findingIn(uri: string, fingerprint: string): { finding: Finding; place: DocumentPlace } | undefined;
  /** Reloads the settings and judges the open documents again. */
  afterBaselineChange(): void;
}

/** Runs a code action's command. */
export async function executeCommand(connection: Connection, params: ExecuteCommandParams, context: CommandContext): Promise<void> {
  const [argument] = (params.arguments ?? []) as unknown[];
  if (params.command === 'keyguard.openDocs') {
    const { ruleId } = argument as { ruleId: string };
    await connection.window.showDocument({ uri: ruleDocsUrl(ruleId), external: true });
    return;
  }
  if (params.command === 'keyguard.addToBaseline') {
    // The entry comes from the server's own scan, never from what the client sent back.
    const { uri, fingerprint } = argument as { uri: string; fingerprint: string };
    const found = context.findingIn(uri, fingerprint);
    if (!found) return;
    addToBaseline(found.place.settings.baselineFile, found.finding);
    context.afterBaselineChange();
  }
}

/**
 * Adds one entry to the baseline file, as `keyguard baseline` would have written it (core's
 * createBaseline: one entry per fingerprint, sorted). The entry holds the redacted secret only.
 */
function addToBaseline(file: string, finding: Finding): void {
  const name = relative(process.cwd(), file);
  const existing = existsSync(file)
    ? parseBaseline(readSettingsFile(file, { name, maxBytes: MAX_BASELINE_BYTES, hint: 'Fix or remove the baseline first' }), name)
    : { version: 1 as const, findings: [] };
  writeFileSync(file, `${JSON.stringify(createBaseline([...existing.findings, finding]), null, 2)}\n`);
}
