/** The extension's API: what `activate` returns (CONTRACT-UI.md). Tests reach it through `extensions.getExtension(...).exports`. */

import type { PanelState } from './panel/reachabilityPanel';

export type { PanelState };

export interface NetpolLensApi {
  /**
   * Resolves when the language client is running and the server said it is ready: the first
   * `netpol/status` with state 'ready'. A server that sends no status at all is taken as ready at
   * its first diagnostics, or a short grace period after the client is running (see readiness.ts).
   */
  ready(): Promise<void>;
  /** Sends a custom request to the server (e.g. 'netpol/matrix'). */
  request<R>(method: string, params: unknown): Promise<R>;
  /** The reachability panel's last rendered state, or undefined when no panel is open. */
  panelState(): PanelState | undefined;
}
