/**
 * Where "Explain connection" shows its answer: one webview panel, reused, holding the Markdown of
 * explainMarkdown.ts rendered by VS Code's own Markdown engine. The webview runs no script; its only
 * active content is the `command:` links to netpolLens.openLocation, which open a manifest at the
 * policy or rule (the Markdown preview itself does not run command links). Without the Markdown
 * extension the Markdown text opens in an editor instead.
 */
import * as vscode from 'vscode';
import { internalCommandIds } from './commandIds';

export class ExplanationView implements vscode.Disposable {
  static readonly viewType = 'netpolLens.explanation';
  private panel: vscode.WebviewPanel | undefined;

  async show(title: string, markdown: string): Promise<void> {
    let html: string;
    try {
      html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    } catch {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
      return;
    }
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        ExplanationView.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: false, enableCommandUris: [internalCommandIds.openLocation], localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside);
    }
    this.panel.title = title;
    this.panel.webview.html = page(this.panel.webview, html);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function page(webview: vscode.Webview, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; line-height: 1.5; }
  h1 { font-size: 1.4em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
  h2 { font-size: 1.15em; margin-top: 1.4em; }
  a { color: var(--vscode-textLink-foreground); }
  a:hover { color: var(--vscode-textLink-activeForeground); }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
  li { margin: 2px 0; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}
