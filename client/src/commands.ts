/** Registers the contract's four commands, and the internal ones (the explanation's links, the status bar's click in its warning state). */
import * as vscode from 'vscode';
import { commandIds, internalCommandIds } from './commandIds';
import { explainConnection } from './explainCommand';
import { ExplanationView } from './explanationView';
import type { ServerController } from './languageClient';
import { ReachabilityPanel } from './panel/reachabilityPanel';
import { selectEngine } from './selectEngine';
import { showActions } from './statusBar';

export function registerCommands(context: vscode.ExtensionContext, server: ServerController): vscode.Disposable[] {
  const view = new ExplanationView();
  const reportFailure = (what: string, run: () => Promise<unknown>) => async (): Promise<void> => {
    try {
      await run();
    } catch (e) {
      server.output.error(`${what}: ${String(e)}`);
      void vscode.window.showErrorMessage(`NetworkPolicy Lens: ${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return [
    view,
    vscode.commands.registerCommand(
      commandIds.showReachability,
      reportFailure('Show reachability', () => ReachabilityPanel.show(context, server)),
    ),
    vscode.commands.registerCommand(
      commandIds.explainConnection,
      reportFailure('Explain connection', () => explainConnection(server, view)),
    ),
    vscode.commands.registerCommand(
      commandIds.selectEngine,
      reportFailure('Select engine', () => selectEngine(context)),
    ),
    vscode.commands.registerCommand(internalCommandIds.openLocation, (loc: { uri: string; line: number; character: number }) =>
      reportFailure('Open location', () => openLocation(loc))(),
    ),
    vscode.commands.registerCommand(internalCommandIds.statusActions, reportFailure('Status actions', showActions)),
    vscode.commands.registerCommand(
      commandIds.restartServer,
      reportFailure('Restart server', () => server.restart()),
    ),
  ];
}

/** The target of the explanation's links: opens the manifest with the cursor at the policy or rule. */
export async function openLocation(loc: { uri: string; line: number; character: number }): Promise<void> {
  const position = new vscode.Position(loc.line, loc.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), {
    selection: new vscode.Range(position, position),
    viewColumn: vscode.ViewColumn.One,
  });
}
