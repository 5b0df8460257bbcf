/**
 * netpol-analyzer's connection text (`All Connections`, `No Connections`, `TCP 80,UDP 53`,
 * `TCP 8080,9090`, `TCP 1-100`) read back into port ranges, and the port filter's query (`TCP/80`).
 * Pure: no DOM, so the unit tests and the host can use it.
 */

export interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

export type ConnectionSet =
  { readonly kind: 'all' } | { readonly kind: 'none' } | { readonly kind: 'ports'; readonly ranges: readonly PortRange[] };

/**
 * Reads a connection text. A number without a protocol word before it takes the protocol of the
 * previous item (`TCP 8080,9090`). Text that cannot be read gives an empty port list (never throws).
 */
export function parseConnectionText(text: string): ConnectionSet {
  const t = text.trim();
  if (t === 'All Connections') return { kind: 'all' };
  if (t === '' || t === 'No Connections') return { kind: 'none' };
  const ranges: PortRange[] = [];
  let protocol = '';
  for (const item of t.split(',')) {
    const m = /^(?:([A-Za-z]+)\s+)?(\d+)(?:\s*-\s*(\d+))?$/.exec(item.trim());
    if (!m) continue;
    if (m[1]) protocol = m[1].toUpperCase();
    if (!protocol) continue;
    const from = Number(m[2]);
    ranges.push({ protocol, from, to: m[3] !== undefined ? Number(m[3]) : from });
  }
  return { kind: 'ports', ranges };
}

export interface PortQuery {
  /** Upper case; absent: any protocol. */
  readonly protocol?: string;
  readonly port: number;
}

/**
 * The port filter: `TCP/80`, `tcp 80`, `udp:53`, or a bare `443` (any protocol). `null` for an empty
 * query (no filter), `undefined` for text that is not a port (the input shows it as invalid).
 */
export function parsePortQuery(text: string): PortQuery | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(?:(tcp|udp|sctp)\s*[/: ]\s*)?(\d{1,5})$/i.exec(t);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return m[1] ? { protocol: m[1].toUpperCase(), port } : { port };
}

/** Whether a connection set admits the queried port. */
export function admitsPort(set: ConnectionSet, q: PortQuery): boolean {
  if (set.kind === 'all') return true;
  if (set.kind === 'none') return false;
  return set.ranges.some((r) => (q.protocol === undefined || r.protocol === q.protocol) && r.from <= q.port && q.port <= r.to);
}
