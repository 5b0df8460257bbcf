/**
 * What the status bar item says for a `netpol/status` (no `vscode` import: unit-tested in node). A
 * workspace with files or objects left out of the analysis puts the item in a warning state, its
 * tooltip leading with the server's summary.
 */
import type { StatusParams } from '../../server/src/protocol/protocol';

export interface StatusLook {
  /** A codicon: `$(shield)`, `$(warning)`, `$(loading~spin)`. */
  readonly icon: string;
  /** After `netpol: ENGINE`: the indexing progress, or nothing. */
  readonly extra?: string;
  /** One or more sentences for the tooltip and the accessibility label. */
  readonly state: string;
  /** Something was not analysed: warning background, and a click offers to show what. */
  readonly warning: boolean;
}

export function statusLook(p: StatusParams): StatusLook {
  if (p.state === 'indexing')
    return {
      icon: '$(loading~spin)',
      extra: `${p.indexed}/${p.total}`,
      state: `Indexing manifests: ${p.indexed} of ${p.total} files.`,
      warning: false,
    };
  const files = `${p.total} manifest ${p.total === 1 ? 'file' : 'files'}`;
  const ready = `Ready: ${p.workloads} workloads and ${p.policies} policies in ${files}.`;
  if (!p.incomplete) return { icon: '$(shield)', state: ready, warning: false };
  return {
    icon: '$(warning)',
    state: `${capitalise(p.incomplete.summary)}: results may be wrong. ${ready}`,
    warning: true,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
