#!/usr/bin/env node
/** The language server: `netpol-lens-server --stdio` (any LSP client) or over IPC (VS Code). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/register';

startServer(createConnection(ProposedFeatures.all));
