/** The VS Code extension: starts the language client, registers the commands, returns the API. */
import * as vscode from 'vscode';
import type { NetpolLensApi } from './api';
import { registerCommands } from './commands';
import { ServerController } from './languageClient';
import { ReachabilityPanel } from './panel/reachabilityPanel';
import { StatusBar } from './statusBar';

let server: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): NetpolLensApi {
  const output = vscode.window.createOutputChannel('NetworkPolicy Lens', { log: true });
  const statusBar = new StatusBar();
  server = new ServerController(context, output, statusBar);
  const controller = server;
  context.subscriptions.push(output, statusBar, ...registerCommands(context, controller), ReachabilityPanel.register(context, controller));
  // Not awaited: commands work (and wait for the server) while it starts. A failure is reported in
  // the output channel and the status bar; "Restart server" tries again.
  controller.start().catch(() => undefined);
  return {
    ready: () => controller.readiness.wait(),
    request: <R>(method: string, params: unknown) => controller.request<R>(method, params),
    panelState: () => ReachabilityPanel.current()?.state(),
  };
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
