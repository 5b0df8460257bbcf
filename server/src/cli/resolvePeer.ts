import { parseIp } from '../core/index';
import type { Connectivity, ExternalRange, PeerRef, Workload } from '../core/index';
import { UsageError } from './usage';

/**
 * `ns/name`, `ns/name[Kind]`, `name` (in the default namespace) or an IP address (the external range
 * that holds it) -> a node of the connectivity and its PeerRef.
 */
export function resolvePeer(conn: Connectivity, text: string, defaultNamespace: string, flag: string): { node: number; ref: PeerRef } {
  const ip = parseIp(text);
  if (ip) {
    const x = conn.externals.findIndex((r) => r.family === ip.family && r.lo <= ip.value && ip.value <= r.hi);
    if (x < 0) throw new UsageError(`${flag} ${text}: no address range holds it`);
    return { node: conn.workloads.length + x, ref: { kind: 'external', range: conn.externals[x] as ExternalRange } };
  }
  const withNs = text.includes('/') ? text : `${defaultNamespace}/${text}`;
  const exact = conn.workloads.findIndex((w) => w.id === withNs);
  const matches = exact >= 0 ? [exact] : conn.workloads.flatMap((w, i) => (`${w.namespace}/${w.name}` === withNs ? [i] : []));
  if (matches.length === 1) {
    const i = matches[0] as number;
    return { node: i, ref: { kind: 'workload', workload: conn.workloads[i] as Workload } };
  }
  if (matches.length > 1) {
    throw new UsageError(`${flag} ${text} is ambiguous: ${matches.map((i) => conn.workloads[i]?.id).join(', ')}`);
  }
  const known = conn.workloads.slice(0, 8).map((w) => w.id);
  throw new UsageError(
    `${flag} ${text}: no such workload${known.length ? ` (known: ${known.join(', ')}${conn.workloads.length > 8 ? ', …' : ''})` : ''}`,
  );
}
