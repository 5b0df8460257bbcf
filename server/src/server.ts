#!/usr/bin/env node
/** The language server: `netpol-lens-server --stdio` (any LSP client) or over IPC (VS Code). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/register';
import { parseServerArgs, serverUsage } from './serverArgs';
import { version } from './version';

const args = parseServerArgs(process.argv.slice(2));
// Exit explicitly once written: importing vscode-languageserver/node already watches --clientProcessId with a timer.
const answer = (stream: NodeJS.WriteStream, text: string, code: number): void => {
  stream.write(text, () => process.exit(code));
};
if (args.kind === 'help') answer(process.stdout, serverUsage(version), 0);
else if (args.kind === 'version') answer(process.stdout, `${version}\n`, 0);
else if (args.kind === 'error') answer(process.stderr, `netpol-lens-server: ${args.message}\n`, 2);
else startServer(createConnection(ProposedFeatures.all));
