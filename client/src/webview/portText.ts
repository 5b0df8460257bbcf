/**
 * The port filter: its query (`TCP/80`) and whether a connection set admits it, from the set's
 * `ranges` (the server's structured ports; its text is never parsed back). Pure: no DOM.
 */
import type { ConnectionSetDto } from '../../../server/src/protocol/protocol';

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
export function admitsPort(set: Pick<ConnectionSetDto, 'status' | 'ranges'>, q: PortQuery): boolean {
  if (set.status === 'all') return true;
  if (set.status === 'none') return false;
  return set.ranges.some((r) => (q.protocol === undefined || r.protocol === q.protocol) && r.from <= q.port && q.port <= r.to);
}
