/**
 * PLACEHOLDER with the contract's signatures (CONTRACT-UI.md "Panel"), so the client compiles on its
 * own. The reachability panel is built in another branch and replaces this file at merge.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PanelState } from '../api';

export class ReachabilityPanel {
  static readonly viewType = 'netpolLens.reachability';
  private static instance: ReachabilityPanel | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.webview.html = '<!DOCTYPE html><html><body><p>The reachability panel is being built.</p></body></html>';
    panel.onDidDispose(() => {
      if (ReachabilityPanel.instance === this) ReachabilityPanel.instance = undefined;
    });
  }

  static show(_context: vscode.ExtensionContext, _client: LanguageClient): Promise<ReachabilityPanel> {
    const existing = ReachabilityPanel.instance;
    if (existing) {
      existing.panel.reveal();
      return Promise.resolve(existing);
    }
    const panel = vscode.window.createWebviewPanel(ReachabilityPanel.viewType, 'Reachability', vscode.ViewColumn.Beside, {});
    ReachabilityPanel.instance = new ReachabilityPanel(panel);
    return Promise.resolve(ReachabilityPanel.instance);
  }

  static register(_context: vscode.ExtensionContext, _client: LanguageClient): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ReachabilityPanel.viewType, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
        ReachabilityPanel.instance = new ReachabilityPanel(panel);
        return Promise.resolve();
      },
    });
  }

  static current(): ReachabilityPanel | undefined {
    return ReachabilityPanel.instance;
  }

  state(): PanelState | undefined {
    return undefined;
  }
}
