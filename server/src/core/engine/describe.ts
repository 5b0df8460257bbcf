/** Plain-words descriptions of peers, ports and rules: the same sentences in the CLI and in hovers. */
import type { PolicyPeer, PolicyPort, PolicyRule } from '../model/networkPolicy';
import { formatSelector, isEmptySelector } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';

function labelsPhrase(sel: LabelSelector): string {
  return formatSelector(sel);
}

export function describePeer(peer: PolicyPeer | 'all', policyNamespace: string): string {
  if (peer === 'all') return 'any peer (pods and addresses alike)';
  if (peer.kind === 'ipBlock') {
    const ex = peer.except.map((e) => e.text);
    return `addresses in ${peer.cidr.text}${ex.length ? ` except ${ex.join(', ')}` : ''}`;
  }
  const pods = !peer.podSelector || isEmptySelector(peer.podSelector) ? 'every pod' : `pods with ${labelsPhrase(peer.podSelector)}`;
  if (!peer.namespaceSelector) return `${pods} in namespace "${policyNamespace}"`;
  if (isEmptySelector(peer.namespaceSelector)) return `${pods} in every namespace`;
  return `${pods} in namespaces with ${labelsPhrase(peer.namespaceSelector)}`;
}

export function describePort(p: PolicyPort): string {
  if (p.port === undefined) return `every ${p.protocol} port`;
  if (typeof p.port === 'string') return `${p.protocol} port named "${p.port}"`;
  return p.endPort !== undefined && p.endPort !== p.port ? `${p.protocol} ${p.port}-${p.endPort}` : `${p.protocol} ${p.port}`;
}

export function describePorts(ports: readonly PolicyPort[] | undefined): string {
  if (!ports) return 'every port and protocol';
  if (ports.length === 0) return 'no port';
  return ports.map(describePort).join(', ');
}

/** "allows ingress from pods with app=web in namespace "default" on TCP 5432". */
export function describeRule(rule: PolicyRule, policyNamespace: string): string {
  const dir = rule.direction === 'ingress' ? 'ingress from' : 'egress to';
  const peers = rule.peers
    ? rule.peers.length
      ? rule.peers.map((p) => describePeer(p, policyNamespace)).join(' or ')
      : 'no peer'
    : 'any peer';
  return `allows ${dir} ${peers} on ${describePorts(rule.ports)}`;
}
