/**
 * keyguard for VS Code: a thin client that starts the bundled keyguard language server
 * (dist/server.js, packages/language-server) for every file and hands it the settings.
 * Everything else (what a key is, the config, the fixes) is the server's, and so core's.
 */
import { join } from 'node:path';
import { extensions, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The ESLint extension: where it runs, the keyguard ESLint plugin already reports JS/TS keys. */
const ESLINT_EXTENSION = 'dbaeumer.vscode-eslint';

let client: LanguageClient | undefined;

/** The server's settings (packages/language-server: enable, skipJavaScript, severityThreshold). */
function serverSettings(): { enable: boolean; skipJavaScript: boolean; severityThreshold: string } {
  const config = workspace.getConfiguration('keyguard');
  const skip = config.get<'auto' | 'always' | 'never'>('skipJavaScript', 'auto');
  const eslint = extensions.getExtension(ESLINT_EXTENSION) !== undefined;
  return {
    enable: config.get<boolean>('enable', true),
    skipJavaScript: skip === 'always' || (skip === 'auto' && eslint),
    severityThreshold: config.get<string>('severityThreshold', 'note'),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    // Every document: files, unsaved buffers and notebook cells.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }],
    initializationOptions: { settings: serverSettings() },
  };
  client = new LanguageClient('keyguard', 'keyguard', serverOptions, clientOptions);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('keyguard'))
        void client?.sendNotification('workspace/didChangeConfiguration', { settings: { keyguard: serverSettings() } });
    }),
    extensions.onDidChange(() => {
      void client?.sendNotification('workspace/didChangeConfiguration', { settings: { keyguard: serverSettings() } });
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
