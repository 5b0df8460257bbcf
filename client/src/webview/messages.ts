/**
 * Messages between the reachability panel's host (client/src/panel/reachabilityPanel.ts) and its
 * webview (client/src/webview/main.ts): their types, and the readers of what a message or saved state holds.
 */
import type { CompareDto, ExplainResult, MatrixResult } from '../../../server/src/protocol/protocol';

/** What the user looks at: the filters, the scroll position and the selected cell. Kept by `vscode.setState`. */
export interface ViewState {
  readonly namespace: string;
  readonly search: string;
  readonly port: string;
  readonly onlyDenied: boolean;
  readonly onlyChanged: boolean;
  /** The selected cell, as workload ids (they survive a reload in which rows move). */
  readonly selected?: { readonly from: string; readonly to: string };
  readonly scrollTop?: number;
  readonly scrollLeft?: number;
}

export const defaultView: ViewState = { namespace: '', search: '', port: '', onlyDenied: false, onlyChanged: false };

/** host → webview */
export type HostToWebview =
  /** A fresh matrix (the whole workspace, or the namespaces the user narrowed it to). */
  | {
      readonly type: 'matrix';
      readonly result: MatrixResult;
      readonly namespaces?: readonly string[];
      /** What the host compared with (the `#compare` choice). */
      readonly compare?: CompareDto;
      /** Every engine profile id (package.json's `netpol.engine` enum): the `#compare` options. */
      readonly engines?: readonly string[];
      /** The workspace folders' URIs: locations under one are shown relative to it. */
      readonly roots?: readonly string[];
    }
  /** The server is (re)computing; the current grid stays until the next `matrix`. */
  | { readonly type: 'loading' }
  | { readonly type: 'error'; readonly message: string }
  /** The answer to an `explain` message (null: one of the workloads no longer exists). */
  | {
      readonly type: 'explanation';
      readonly from: string;
      readonly to: string;
      readonly result: ExplainResult | null;
      /** The request failed (result is then null). */
      readonly error?: string;
      /** When the panel compares engines and the cell differs: the engine of `result`, and the same connection under the other engine. */
      readonly engine?: string;
      readonly compared?: { readonly engine: string; readonly result: ExplainResult | null; readonly error?: string };
    };

export type ExportFormat = 'csv' | 'md' | 'html';

/** webview → host */
export type WebviewToHost =
  /** The script is running: send the matrix. `namespaces` restores a narrowed view of a too-large workspace. */
  | { readonly type: 'ready'; readonly namespaces?: readonly string[]; readonly compare?: CompareDto }
  | { readonly type: 'explain'; readonly from: string; readonly to: string }
  /** Open a manifest at a 0-based line and character. */
  | { readonly type: 'open'; readonly uri: string; readonly line: number; readonly character: number }
  /** Save the current view: csv and md come rendered; html is built by the host around the same bundle. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly content?: string; readonly view: ViewState }
  /** Ask the server again, for these namespaces only (all when absent). */
  | { readonly type: 'refresh'; readonly namespaces?: readonly string[]; readonly compare?: CompareDto }
  /** Compare with the files on disk or with another engine (the `#compare` select). */
  | { readonly type: 'compare'; readonly compare: CompareDto };

/** What the webview keeps across reloads (`acquireVsCodeApi().setState`). */
export interface PersistedState {
  readonly view: ViewState;
  readonly namespaces?: readonly string[];
  /** The `#compare` choice; the files on disk when absent. */
  readonly compare?: CompareDto;
}

/** A CompareDto from a message or saved state, checked field by field; undefined when it is none. */
export function readCompare(raw: unknown): CompareDto | undefined {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (o.against === 'disk') return { against: 'disk' };
  if (o.against === 'engine' && typeof o.engine === 'string' && o.engine !== '') return { against: 'engine', engine: o.engine };
  return undefined;
}
