#!/usr/bin/env node
import { redactSecretsIn } from '@keyguard/core';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../package.json') as { version: string }).version;

const USAGE = 'Usage: keyguard-language-server --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)\n';
const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.length === 0 || !args.every((arg) => TRANSPORT.test(arg))) {
  const unknown = args.find((arg) => !TRANSPORT.test(arg));
  process.stderr.write(
    `keyguard-language-server: ${unknown ? `unknown argument ${redactSecretsIn(unknown)}` : 'no transport given'}. ${USAGE}`,
  );
  process.exitCode = 2;
} else {
  // vscode-languageserver reads the transport from process.argv. On stdio, standard output is
  // the protocol: nothing else may be written to it, so console.log goes to the client's log.
  const connection = createConnection(ProposedFeatures.all);
  console.log = (...parts: unknown[]) => connection.console.log(redactSecretsIn(parts.map(String).join(' ')));
  console.error = (...parts: unknown[]) => connection.console.error(redactSecretsIn(parts.map(String).join(' ')));
  // Bad input never kills the server: what escapes a handler is logged (one redacted line) and the server goes on.
  process.on('uncaughtException', (error) => connection.console.error(`keyguard: internal error: ${redactSecretsIn(error.message)}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`keyguard: internal error: ${redactSecretsIn(reason instanceof Error ? reason.message : String(reason))}`),
  );
  startServer(connection);
}
