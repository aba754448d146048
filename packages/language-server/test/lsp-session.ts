/**
 * Drives the BUILT server (bin/keyguard-language-server.js --stdio, what `npm run build` makes)
 * with Microsoft's client side of the protocol: vscode-jsonrpc's message connection and
 * vscode-languageserver-protocol's request types. vscode-languageclient/node itself cannot load
 * outside VS Code: `require('vscode-languageclient/node')` (9.0.1) fails with "Cannot find
 * module 'vscode'", the editor's own API, which no npm package provides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, testEnv } from '@keyguard/test-utils';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const SERVER_BIN = join(REPO_ROOT, 'packages', 'language-server', 'bin', 'keyguard-language-server.js');

export const uriOf = (file: string): string => pathToFileURL(file).href;

export interface SessionOptions {
  /** The workspace folder. */
  root: string;
  /** Declare textDocument.diagnostic (LSP 3.17 pull): the server then answers pulls and pushes nothing. */
  pull?: boolean;
  initializationOptions?: unknown;
  /** The server's entry point (default: the built bin; the .vsix test passes its bundle). */
  server?: string;
}

/** One server process and its connection; everything it wrote is kept, for "no whole key" checks. */
export class LspSession {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** Raw bytes the server wrote to stdout and stderr, as text. */
  output = '';
  /** Log and trace messages the server sent. */
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  initializeResult?: InitializeResult;

  constructor(private readonly options: SessionOptions) {
    this.child = spawn(process.execPath, [options.server ?? SERVER_BIN, '--stdio'], {
      cwd: options.root,
      env: testEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification('$/logTrace', (params: { message: string; verbose?: string }) => {
      this.logs.push(`${params.message} ${params.verbose ?? ''}`);
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      return { applied: true };
    });
    this.connection.onRequest('window/showDocument', (params: { uri: string; external?: boolean }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    this.connection.listen();
  }

  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly shownDocuments: string[] = [];

  async initialize(): Promise<InitializeResult> {
    const capabilities: ClientCapabilities = {
      workspace: {
        didChangeWatchedFiles: { dynamicRegistration: true },
        applyEdit: true,
        workspaceEdit: { documentChanges: false },
        diagnostics: { refreshSupport: true },
      },
      window: { showDocument: { support: true } },
      textDocument: {
        publishDiagnostics: { relatedInformation: false, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
          dataSupport: true,
          resolveSupport: { properties: ['edit'] },
        },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(this.options.root),
      workspaceFolders: [{ uri: uriOf(this.options.root), name: 'workspace' }],
      capabilities,
      initializationOptions: this.options.initializationOptions,
      trace: 'verbose',
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.connection.sendNotification('$/setTrace', { value: 'verbose' });
    return this.initializeResult;
  }

  async open(file: string, languageId: string, text: string, uri = uriOf(file)): Promise<string> {
    this.latest.delete(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental change: `text` replaces `range`. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async configure(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { keyguard: settings } });
  }

  async filesChanged(...files: string[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: files.map((file): FileEvent => ({ uri: uriOf(file), type: FileChangeType.Changed })),
    });
  }

  /** The next diagnostics published for `uri` that satisfy `accept` (the latest one, if it already does). */
  async diagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.latest.get(uri);
      if (latest && accept(latest)) return latest.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching diagnostics for ${uri} in ${timeoutMs} ms (latest: ${JSON.stringify(latest?.diagnostics.map((d) => d.code))})`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until `condition` holds (checked every 20 ms). */
  async until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Diagnostics published for the document's version `version` (or later). */
  async diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (params) => (params.version ?? 0) >= version);
  }

  /** Whatever was published for `uri` last (undefined: nothing yet). */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  async codeActions(uri: string, diagnostic: Diagnostic): Promise<Array<CodeAction | Command>> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    return result ?? [];
  }

  async execute(command: Command): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
  }

  /** A request the server must still answer: proof that it is alive. */
  async ping(): Promise<void> {
    await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'file:///nowhere/ping.txt' } });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
