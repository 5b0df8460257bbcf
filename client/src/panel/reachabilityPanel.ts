/**
 * The "Show reachability" panel's host: a webview with a nonce CSP, scripts only from dist/, state
 * kept by the webview (`setState`) and restored through a WebviewPanelSerializer. It asks the
 * language server `netpol/matrix`, compared with the files on disk or with another engine (the webview's
 * `#compare` choice, which it keeps in its state), and asks again, debounced, when a manifest changes or
 * the server reports its status; `netpol/explain` when a cell is opened (under both engines when the
 * cell differs between them).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CompareDto, ExplainParams, ExplainResult, MatrixParams, MatrixResult } from '../../../server/src/protocol/protocol';
import { standalonePage } from '../../../server/src/protocol/standalonePage';
import { changedCount, gridLetters } from '../webview/matrixModel';
import { readCompare } from '../webview/messages';
import type { ExportFormat, HostToWebview, ViewState, WebviewToHost } from '../webview/messages';

/** What the e2e tests read through the extension API (see CONTRACT-UI.md). */
export interface PanelState {
  workloads: string[];
  /** One string per row, one char per cell: A all, P some, . none. */
  grid: string[];
  changed: number;
}

const debounceMs = 300;

function isManifest(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'yaml' || doc.languageId === 'json' || /\.(ya?ml|json)$/i.test(doc.uri.path);
}

/** The engine profile ids package.json contributes as the `netpol.engine` enum. */
function engineIds(context: vscode.ExtensionContext): string[] {
  const pkg = (context as { extension?: { packageJSON?: unknown } }).extension?.packageJSON as
    { contributes?: { configuration?: { properties?: Record<string, { enum?: unknown }> } } } | undefined;
  const ids = pkg?.contributes?.configuration?.properties?.['netpol.engine']?.enum;
  return Array.isArray(ids) ? ids.filter((e): e is string => typeof e === 'string') : [];
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

/**
 * The panel's way to the server: its requests, and `netpol/status` through the controller's event
 * (a LanguageClient keeps one handler per notification: a second `onNotification` would take the
 * status bar's away).
 */
export interface PanelServer {
  readonly client: Pick<LanguageClient, 'sendRequest'>;
  readonly onStatus: vscode.Event<unknown>;
}

export class ReachabilityPanel {
  static readonly viewType = 'netpolLens.reachability';
  private static instance: ReachabilityPanel | undefined;

  private result: MatrixResult | undefined;
  private namespaces: readonly string[] | undefined;
  private compare: CompareDto = { against: 'disk' };
  private readonly engines: readonly string[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  /** URIs the webview may ask to open: the manifests of the matrix and of the explanations sent. */
  private readonly openable = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly server: PanelServer,
  ) {
    this.engines = engineIds(context);
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewToHost) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isManifest(e.document)) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => isManifest(d) && this.schedule()),
      vscode.workspace.onDidCloseTextDocument((d) => isManifest(d) && this.schedule()),
      server.onStatus(() => this.schedule()),
    );
  }

  /** Opens the panel, or reveals the one already open. */
  static show(context: vscode.ExtensionContext, server: PanelServer): Promise<ReachabilityPanel> {
    const existing = ReachabilityPanel.instance;
    if (existing) {
      existing.panel.reveal(undefined, false);
      return Promise.resolve(existing);
    }
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(ReachabilityPanel.viewType, 'Reachability', column, {
      ...webviewOptions(context.extensionUri),
      retainContextWhenHidden: false,
    });
    ReachabilityPanel.instance = new ReachabilityPanel(panel, context, server);
    return Promise.resolve(ReachabilityPanel.instance);
  }

  /** Restores the panel after a reload (its webview keeps its own view state). */
  static register(context: vscode.ExtensionContext, server: PanelServer): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ReachabilityPanel.viewType, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
        ReachabilityPanel.instance?.dispose();
        ReachabilityPanel.instance = new ReachabilityPanel(panel, context, server);
        return Promise.resolve();
      },
    });
  }

  static current(): ReachabilityPanel | undefined {
    return ReachabilityPanel.instance;
  }

  /** The last matrix sent to the webview, as letters. */
  state(): PanelState | undefined {
    const r = this.result;
    if (!r) return undefined;
    return { workloads: r.workloads.map((w) => w.id), grid: gridLetters(r), changed: changedCount(r) };
  }

  private html(): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
    const css = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
    const nonce = randomBytes(16).toString('base64');
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Reachability</title>
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private post(m: HostToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A hidden webview is gone (retainContextWhenHidden: false); it asks again with `ready`.
      if (this.panel.visible) void this.refresh();
    }, debounceMs);
  }

  private async refresh(): Promise<void> {
    const seq = ++this.seq;
    this.post({ type: 'loading' });
    const compare = this.compare;
    const params: MatrixParams = { compare, ...(this.namespaces ? { namespaces: this.namespaces } : {}) };
    try {
      const result = await this.server.client.sendRequest<MatrixResult>('netpol/matrix', params);
      if (seq !== this.seq) return;
      if (compare.against === 'engine' && compare.engine === result.engine) {
        // The engine in effect changed to the one compared with: compare with the disk instead.
        this.compare = { against: 'disk' };
        return this.refresh();
      }
      this.result = result;
      addUris([result.workloads, result.completeness], this.openable);
      this.post({
        type: 'matrix',
        result,
        compare,
        engines: this.engines,
        roots: workspaceRoots(),
        ...(this.namespaces ? { namespaces: this.namespaces } : {}),
      });
    } catch (e) {
      if (seq === this.seq) this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
      case 'refresh':
        this.namespaces = m.namespaces && m.namespaces.length > 0 ? m.namespaces : undefined;
        this.compare = readCompare(m.compare) ?? { against: 'disk' };
        return this.refresh();
      case 'compare':
        this.compare = readCompare(m.compare) ?? { against: 'disk' };
        return this.refresh();
      case 'explain':
        return this.explain(m.from, m.to);
      case 'open':
        return this.open(m.uri, m.line, m.character);
      case 'export':
        return this.export(m.format, m.content, m.view);
    }
  }

  private async explain(from: string, to: string): Promise<void> {
    const r = this.result;
    const other = this.compare.against === 'engine' && r && differs(r, from, to) ? this.compare.engine : undefined;
    if (!r || other === undefined) {
      const { result, error } = await this.explainOn({ from, to });
      this.post({ type: 'explanation', from, to, result, ...(error !== undefined ? { error } : {}) });
      return;
    }
    const [mine, theirs] = await Promise.all([this.explainOn({ from, to, engine: r.engine }), this.explainOn({ from, to, engine: other })]);
    this.post({
      type: 'explanation',
      from,
      to,
      result: mine.result,
      ...(mine.error !== undefined ? { error: mine.error } : {}),
      engine: r.engine,
      compared: { engine: other, result: theirs.result, ...(theirs.error !== undefined ? { error: theirs.error } : {}) },
    });
  }

  private async explainOn(params: ExplainParams): Promise<{ result: ExplainResult | null; error?: string }> {
    let result: ExplainResult | null;
    try {
      result = await this.server.client.sendRequest<ExplainResult | null>('netpol/explain', params);
    } catch (e) {
      return { result: null, error: e instanceof Error ? e.message : String(e) };
    }
    if (result) addUris(result, this.openable);
    return { result };
  }

  private async open(uri: string, line: number, character: number): Promise<void> {
    if (!this.openable.has(uri)) return;
    const target = /^[a-z][a-z0-9+.-]*:/i.test(uri) ? vscode.Uri.parse(uri) : vscode.Uri.file(uri);
    const pos = new vscode.Position(Math.max(0, line), Math.max(0, character));
    await vscode.window.showTextDocument(target, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
  }

  private async export(format: ExportFormat, content: string | undefined, view: ViewState): Promise<void> {
    const r = this.result;
    if (!r) return;
    const filters: Record<ExportFormat, Record<string, string[]>> = {
      csv: { CSV: ['csv'] },
      md: { Markdown: ['md'] },
      html: { HTML: ['html'] },
    };
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      filters: filters[format],
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `reachability.${format}`) } : {}),
      saveLabel: 'Export',
    });
    if (!target) return;
    let text = content ?? '';
    if (format === 'html') {
      const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
      const read = async (name: string): Promise<string> =>
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, name)));
      const source = `VS Code: ${vscode.workspace.name ?? 'workspace'}`;
      text = standalonePage({
        data: { result: r, view, source, generated: new Date().toISOString() },
        script: await read('webview.js'),
        css: await read('webview.css'),
        nonce: randomBytes(16).toString('base64'),
        title: `Reachability — ${vscode.workspace.name ?? 'workspace'}`,
      });
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Exported the reachability view to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private dispose(): void {
    if (ReachabilityPanel.instance === this) ReachabilityPanel.instance = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Whether the cell from → to (workload ids) is among the result's changed cells. */
function differs(r: MatrixResult, from: string, to: string): boolean {
  const a = r.workloads.findIndex((w) => w.id === from);
  const b = r.workloads.findIndex((w) => w.id === to);
  const cells = r.changes?.cells ?? [];
  for (let i = 0; i + 2 < cells.length; i += 3) if (cells[i] === a && cells[i + 1] === b) return true;
  return false;
}

/** Every location's URI in a result (workloads, completeness items, explanation links): the files the webview may open. */
function addUris(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) addUris(v, into);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.uri === 'string' && typeof o.line === 'number') into.add(o.uri);
    else for (const v of Object.values(o)) addUris(v, into);
  }
}

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
}
