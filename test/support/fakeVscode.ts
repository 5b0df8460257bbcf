/**
 * A stand-in for the `vscode` module (only what the reachability panel uses), installed when this file
 * is imported: import it before the code under test. `rec` records what the code did.
 */
import Module from 'node:module';
import { join } from 'node:path';

export interface FakeUri {
  readonly path: string;
  readonly scheme: string;
  toString(): string;
}

export const uri = (path: string, scheme = 'file'): FakeUri => ({ path, scheme, toString: () => `${scheme}://${path}` });
export type Listener = (e: unknown) => void;

/** What the fake records. */
export const rec = {
  posted: [] as { type: string; [k: string]: unknown }[],
  requests: [] as { method: string; params: unknown }[],
  opened: [] as { uri: string; line: number }[],
  written: [] as { path: string; text: string }[],
  listeners: new Map<string, Listener[]>(),
  webviewListener: undefined as Listener | undefined,
  panel: undefined as { html: string; options: { enableScripts?: boolean; localResourceRoots?: FakeUri[] } } | undefined,
};

export function on(name: string): (cb: Listener) => { dispose(): void } {
  return (cb) => {
    rec.listeners.set(name, [...(rec.listeners.get(name) ?? []), cb]);
    return {
      dispose: () =>
        rec.listeners.set(
          name,
          (rec.listeners.get(name) ?? []).filter((l) => l !== cb),
        ),
    };
  };
}

export function fire(name: string, e: unknown): void {
  for (const l of rec.listeners.get(name) ?? []) l(e);
}

export const fakeVscode = {
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  Uri: {
    joinPath: (base: FakeUri, ...parts: string[]) => uri(join(base.path, ...parts), base.scheme),
    file: (p: string) => uri(p),
    parse: (s: string) => uri(s.replace(/^[a-z]+:\/\//, ''), /^([a-z]+):/.exec(s)?.[1] ?? 'file'),
  },
  Position: class {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  },
  Range: class {
    constructor(
      readonly start: { line: number },
      readonly end: unknown,
    ) {}
  },
  window: {
    activeTextEditor: undefined,
    createWebviewPanel: (_type: string, _title: string, _column: number, options: object) => {
      const webview = {
        options,
        html: '',
        cspSource: 'vscode-resource:',
        asWebviewUri: (u: FakeUri) => ({ toString: () => `https://webview${u.path}` }),
        postMessage: (m: { type: string }) => {
          rec.posted.push(m);
          return Promise.resolve(true);
        },
        onDidReceiveMessage: (cb: Listener) => {
          rec.webviewListener = cb;
          return { dispose: () => undefined };
        },
      };
      const panel = { webview, visible: true, reveal: () => undefined, onDidDispose: on('dispose') };
      rec.panel = webview;
      return panel;
    },
    showTextDocument: (u: FakeUri, o: { selection: { start: { line: number } } }) => {
      rec.opened.push({ uri: u.toString(), line: o.selection.start.line });
      return Promise.resolve();
    },
    showSaveDialog: (o: { defaultUri?: FakeUri }) => Promise.resolve(o.defaultUri),
    showInformationMessage: () => Promise.resolve(),
    registerWebviewPanelSerializer: () => ({ dispose: () => undefined }),
  },
  workspace: {
    name: 'ws',
    workspaceFolders: [{ uri: uri('/ws') }],
    onDidChangeTextDocument: on('change'),
    onDidSaveTextDocument: on('save'),
    onDidCloseTextDocument: on('close'),
    asRelativePath: (u: FakeUri) => u.path,
    fs: {
      readFile: (u: FakeUri) => Promise.resolve(new TextEncoder().encode(`/* ${u.path} */`)),
      writeFile: (u: FakeUri, bytes: Uint8Array) => {
        rec.written.push({ path: u.path, text: new TextDecoder().decode(bytes) });
        return Promise.resolve();
      },
    },
  },
};

const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
M._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode };
