import { pathToFileURL } from 'node:url';
import { KeyguardError, redactSecretsIn, type Severity } from '@keyguard/core';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActionsFor, COMMANDS, executeCommand } from './code-actions';
import { DEFAULT_SETTINGS, diagnosticsOf, findingsOf, notScannedDiagnostic, placeOf, skipReason, type ServerSettings } from './diagnose';
import { fileOfUri } from './uris';
import { SettingsCache, type RootSettings } from './workspace';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../package.json') as { version: string }).version;

/** The settings files whose change reloads a root's settings (workspace/didChangeWatchedFiles). */
const WATCHED = ['**/keyguard.config.json', '**/.keyguardignore', '**/*baseline*.json'];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** The settings a client sent, merged over the current ones; what is not understood is left as it was. */
export function mergeSettings(current: ServerSettings, given: unknown): ServerSettings {
  if (typeof given !== 'object' || given === null) return current;
  const input = given as Record<string, unknown>;
  const next = { ...current };
  if (typeof input.enable === 'boolean') next.enable = input.enable;
  if (typeof input.skipJavaScript === 'boolean') next.skipJavaScript = input.skipJavaScript;
  if (typeof input.severityThreshold === 'string' && SEVERITIES.includes(input.severityThreshold as Severity))
    next.severityThreshold = input.severityThreshold as Severity;
  if (typeof input.debounceMs === 'number' && Number.isFinite(input.debounceMs) && input.debounceMs >= 0)
    next.debounceMs = Math.min(input.debounceMs, 10_000);
  return next;
}

/**
 * Serves keyguard's diagnostics on a connection: pushed after each change (debounced) to a
 * client that cannot pull, answered on `textDocument/diagnostic` (LSP 3.17) to one that can.
 * Nothing a client sends stops it: every handler catches, and what it logs is redacted.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  let settings = DEFAULT_SETTINGS;
  let pullMode = false;
  let canRefresh = false;
  let canWatch = false;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Settings files that carry a problem diagnostic now. */
  const problemUris = new Set<string>();

  const log = (message: string): void => {
    connection.console.error(`keyguard: ${redactSecretsIn(message)}`);
  };

  const publishProblems = (root: RootSettings): void => {
    const byUri = new Map<string, Diagnostic[]>();
    for (const problem of root.problems) {
      const uri = pathToFileURL(problem.file).href;
      const list = byUri.get(uri) ?? [];
      list.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'keyguard',
        message: problem.message,
      });
      byUri.set(uri, list);
    }
    for (const [uri, diagnostics] of byUri) {
      problemUris.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  };
  const cache = new SettingsCache(publishProblems);

  const diagnose = (document: TextDocument): Diagnostic[] => {
    try {
      const place = placeOf(document, cache, workspaceFolders);
      const skipped = skipReason(document, place, settings);
      if (skipped === 'too-large') return [notScannedDiagnostic(document, place)];
      if (skipped) return [];
      return diagnosticsOf(document, findingsOf(document.getText(), place), settings);
    } catch (error) {
      log(`cannot scan ${document.uri}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };

  const publish = (uri: string): void => {
    const document = documents.get(uri);
    // Closed while it waited: its diagnostics were cleared on close.
    if (!document) return;
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnose(document) });
  };

  const schedule = (uri: string): void => {
    if (pullMode) return;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri);
      }, settings.debounceMs),
    );
  };

  /** After a settings change: every open document judged again. */
  const rescanAll = (): void => {
    if (pullMode) {
      if (canRefresh) void connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of documents.all()) schedule(document.uri);
  };

  const reloadSettings = (): void => {
    const roots = cache.roots().map((root) => root.root);
    for (const uri of problemUris) void connection.sendDiagnostics({ uri, diagnostics: [] });
    problemUris.clear();
    cache.clear();
    for (const root of roots) cache.get(root);
    rescanAll();
  };

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.flatMap((uri) => {
      const file = fileOfUri(uri);
      return file ? [file.path] : [];
    });
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    settings = mergeSettings(settings, options?.settings ?? options);
    pullMode = params.capabilities.textDocument?.diagnostic !== undefined;
    canRefresh = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: { identifier: 'keyguard', interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [...COMMANDS] },
      },
      serverInfo: { name: 'keyguard-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
        .catch((error: unknown) => log(`cannot watch the settings files: ${String(error)}`));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const given = (params.settings as { keyguard?: unknown } | undefined)?.keyguard;
    if (given === undefined) return;
    settings = mergeSettings(settings, given);
    rescanAll();
  });

  connection.onDidChangeWatchedFiles(() => reloadSettings());

  documents.onDidChangeContent((event) => schedule(event.document.uri));
  documents.onDidClose((event) => {
    const { uri } = event.document;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    if (!pullMode) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params) => {
    const document = documents.get(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: document ? diagnose(document) : [] };
  });

  connection.onCodeAction((params) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const place = placeOf(document, cache, workspaceFolders);
      if (skipReason(document, place, settings)) return [];
      return codeActionsFor(document, params, place);
    } catch (error) {
      log(`cannot offer fixes for ${params.textDocument.uri}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });

  connection.onExecuteCommand(async (params) => {
    try {
      await executeCommand(connection, params, {
        findingIn(uri, fingerprint) {
          const document = documents.get(uri);
          if (!document) return undefined;
          const place = placeOf(document, cache, workspaceFolders);
          const finding = findingsOf(document.getText(), place).find((candidate) => candidate.fingerprint === fingerprint);
          return finding ? { finding, place } : undefined;
        },
        afterBaselineChange: reloadSettings,
      });
    } catch (error) {
      // A broken baseline file: the user asked for something that could not be done, and is told.
      if (error instanceof KeyguardError) void connection.window.showErrorMessage(`keyguard: ${redactSecretsIn(error.toLine())}`);
      log(`cannot run ${params.command}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  documents.listen(connection);
  connection.listen();
}
