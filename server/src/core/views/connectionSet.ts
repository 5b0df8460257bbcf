/**
 * View: a set of connections (ports per protocol) as every front end shows it, so none of them
 * parses netpol-analyzer's text (`TCP 80,UDP 53`) back into ports.
 */
import { cellStatusOf } from '../engine/cellStatus';
import type { CellStatus } from '../engine/cellStatus';
import { formatConnections } from '../engine/portSet';
import type { PortSet } from '../engine/portSet';
import { protocols } from '../model/networkPolicy';
import type { Protocol } from '../model/networkPolicy';

/** Ports `from`..`to` (inclusive) of one protocol. */
export interface PortRangeView {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
}

export interface ConnectionSetView {
  /** Every port of every protocol, some ports, or nothing. */
  readonly status: CellStatus;
  /** netpol-analyzer's wording: `All Connections`, `No Connections`, `TCP 80,UDP 53`. */
  readonly text: string;
  /** The same set as ranges, by protocol (TCP, UDP, SCTP) then port. */
  readonly ranges: readonly PortRangeView[];
}

export function connectionSetView(ports: PortSet): ConnectionSetView {
  return {
    status: cellStatusOf(ports),
    text: formatConnections(ports),
    ranges: protocols.flatMap((protocol) => ports[protocol].map(([from, to]) => ({ protocol, from, to }))),
  };
}
