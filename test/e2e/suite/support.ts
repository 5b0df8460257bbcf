// Helpers of the extension-host suite: the extension's API, documents, waiting for the server.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';

/** The contract's API (CONTRACT-UI.md); declared here so the suite builds without the client's sources. */
export interface PanelState {
  readonly workloads: string[];
  readonly grid: string[];
  readonly changed: number;
}
export interface NetpolLensApi {
  ready(): Promise<void>;
  request<R>(method: string, params: unknown): Promise<R>;
  panelState(): PanelState | undefined;
}

export const extensionId = 'netpol-lens.netpol-lens';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite through test/e2e/run.ts or electron.ts`);
  return v;
}

/** The temporary copy of examples/aks-demo the workbench has open. */
export const workspaceDir = (): string => env('NETPOL_E2E_WORKSPACE');
export const repoDir = (): string => env('NETPOL_E2E_REPO');
export const fileUri = (name: string): vscode.Uri => vscode.Uri.file(join(workspaceDir(), name));

let api: NetpolLensApi | undefined;
/** Activates the extension (once) and waits for its server to be ready. */
export async function netpolApi(): Promise<NetpolLensApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<NetpolLensApi>(extensionId);
  if (!ext) throw new Error(`extension ${extensionId} is not installed`);
  const exports = await ext.activate();
  await withTimeout(exports.ready(), 30_000, 'api.ready()');
  api = exports;
  return api;
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns something other than undefined; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a workspace file in the first editor column (the reachability panel opens beside it and stays visible). */
export async function openEditor(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
}

/** The code of a diagnostic, whether plain or `{ value, target }`. */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function diagnosticsOf(uri: vscode.Uri, source?: (d: vscode.Diagnostic) => boolean): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(source ?? (() => true));
}

export function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return diagnosticsOf(uri, (d) => d.severity === vscode.DiagnosticSeverity.Error);
}

/** Reverts the active editor's unsaved changes and closes it. */
export async function revertAndClose(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn ?? vscode.ViewColumn.One });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, from = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle, from);
  if (offset < 0) throw new Error(`"${needle}" not in ${doc.uri.fsPath}`);
  return doc.positionAt(offset + delta);
}

/** Runs the built CLI (`dist/cli.js`) with this process's Node on the workspace folder. */
export function cli(...args: string[]): string {
  return execFileSync(process.execPath, [join(repoDir(), 'dist', 'cli.js'), ...args, workspaceDir()], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}

/** Markdown or plain text of hovers, joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
