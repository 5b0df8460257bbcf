/**
 * A deliberately naive NetworkPolicy evaluator for property tests: for one (source, destination)
 * workload pair it walks every valid policy and every rule, straight from the semantics written in
 * DESIGN.md ("Kubernetes NetworkPolicy semantics"), and answers with an explicit set of
 * `PROTO/port` strings over a small probe universe.
 *
 * It uses only the parsed model and `matchesSelector` from the core — none of the engine (no peer
 * matching, port sets, isolation or connectivity code) — so that it can catch the engine's mistakes.
 * The engine profiles' semantic switches are restated here as three booleans (`Semantics`), read as
 * docs/engines.md describes them; generic: ipBlock matches pod and node IPs, policies apply to
 * hostNetwork pods too.
 */
import ipaddr from 'ipaddr.js';
import { matchesSelector } from '../../server/src/core/index';
import type { Labels, NetworkPolicy, PolicyPeer, PolicyRule, Protocol, Workload, WorkspaceModel } from '../../server/src/core/index';

/** The semantic switches of an engine profile, as plain booleans. */
export interface Semantics {
  /** ipBlock matches the IPs of ordinary pods. */
  readonly ipBlockMatchesPods: boolean;
  /** ipBlock matches the IPs of hostNetwork pods (their node's address). */
  readonly ipBlockMatchesNodes: boolean;
  /** Policies select (isolate) hostNetwork pods. */
  readonly policiesApplyToHostNetwork: boolean;
}

export const genericSemantics: Semantics = { ipBlockMatchesPods: true, ipBlockMatchesNodes: true, policiesApplyToHostNetwork: true };

export const probeProtocols: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const basePorts = [1, 53, 80, 81, 443, 5432, 8080, 65535];

export interface Probe {
  readonly protocol: Protocol;
  readonly port: number;
}

export function probeKey(protocol: Protocol, port: number): string {
  return `${protocol}/${port}`;
}

/**
 * The probe universe of a workspace: a few fixed ports, every port number that appears in it
 * (container ports, rule ports and endPorts) and the neighbours of rule bounds (to catch off-by-one
 * range ends), for each of TCP, UDP and SCTP.
 */
export function probeUniverse(model: WorkspaceModel): Probe[] {
  const ports = new Set<number>(basePorts);
  const add = (n: number): void => {
    if (Number.isInteger(n) && n >= 1 && n <= 65535) ports.add(n);
  };
  for (const w of model.workloads) for (const cp of w.ports) add(cp.port);
  for (const p of model.policies) {
    for (const r of [...p.ingress, ...p.egress]) {
      for (const pp of r.ports ?? []) {
        if (typeof pp.port === 'number') {
          add(pp.port);
          add(pp.port - 1);
          add(pp.port + 1);
        }
        if (pp.endPort !== undefined) {
          add(pp.endPort);
          add(pp.endPort - 1);
          add(pp.endPort + 1);
        }
      }
    }
  }
  const sorted = [...ports].sort((a, b) => a - b);
  return probeProtocols.flatMap((protocol) => sorted.map((port) => ({ protocol, port })));
}

const nsNameLabel = 'kubernetes.io/metadata.name';

function namespaceLabelsOf(model: WorkspaceModel, ns: string): Labels {
  const labels = new Map<string, string>(model.namespaces.get(ns)?.labels ?? []);
  // Every namespace carries its name as a label, declared or not.
  labels.set(nsNameLabel, ns);
  return labels;
}

/**
 * policyTypes as the API server defaults them (SetDefaults_NetworkPolicy: when `len(policyTypes) == 0`,
 * i.e. absent, null OR an empty list). A valid policy with a non-empty list names at least one type,
 * so "written but neither type" can only be `policyTypes: []`, which is defaulted like an absent one.
 */
function hasType(p: NetworkPolicy, direction: 'ingress' | 'egress'): boolean {
  const written = p.types.explicit && (p.types.ingress || p.types.egress);
  if (written) return direction === 'ingress' ? p.types.ingress : p.types.egress;
  return direction === 'ingress' ? true : p.egress.length > 0;
}

function selectsPod(p: NetworkPolicy, pod: Workload, sem: Semantics): boolean {
  if (pod.hostNetwork && !sem.policiesApplyToHostNetwork) return false;
  return p.namespace === pod.namespace && matchesSelector(p.podSelector, pod.labels);
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (ipaddr.IPv6.isValid(t)) return ipaddr.IPv6.parse(t);
  return undefined;
}

function inCidr(addr: ipaddr.IPv4 | ipaddr.IPv6, cidrText: string): boolean {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    range = ipaddr.parseCIDR(cidrText);
  } catch {
    return false;
  }
  if (range[0].kind() !== addr.kind()) return false;
  return addr.match(range);
}

/** One end of a connection: a workload, or an address outside the cluster. */
export type Endpoint = { readonly kind: 'workload'; readonly workload: Workload } | { readonly kind: 'address'; readonly address: string };

function ipBlockHolds(peer: PolicyPeer & { kind: 'ipBlock' }, addressText: string): boolean {
  const addr = parseAddress(addressText);
  if (!addr) return false;
  return inCidr(addr, peer.cidr.text) && !peer.except.some((e) => inCidr(addr, e.text));
}

function peerMatches(peer: PolicyPeer, policyNs: string, other: Endpoint, model: WorkspaceModel, sem: Semantics): boolean {
  if (other.kind === 'address') return peer.kind === 'ipBlock' && ipBlockHolds(peer, other.address);
  const pod = other.workload;
  // ipBlock matches a pod's IPs (cidr minus every except) only where the engine lets it: a hostNetwork
  // pod's address is its node's.
  if (peer.kind === 'ipBlock') {
    const visible = pod.hostNetwork ? sem.ipBlockMatchesNodes : sem.ipBlockMatchesPods;
    return visible && pod.ips.some((ip) => ipBlockHolds(peer, ip));
  }
  const nsOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, namespaceLabelsOf(model, pod.namespace))
    : pod.namespace === policyNs;
  if (!nsOk) return false;
  return peer.podSelector === undefined || matchesSelector(peer.podSelector, pod.labels);
}

function ruleMatchesPeer(rule: PolicyRule, policyNs: string, other: Endpoint, model: WorkspaceModel, sem: Semantics): boolean {
  if (!rule.peers || rule.peers.length === 0) return true;
  return rule.peers.some((peer) => peerMatches(peer, policyNs, other, model, sem));
}

/** `dst` undefined: the destination is outside the cluster, where no named port resolves. */
function ruleAllowsPort(rule: PolicyRule, dst: Workload | undefined, protocol: Protocol, port: number): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((pp) => {
    if (pp.protocol !== protocol) return false;
    if (pp.port === undefined) return true;
    if (typeof pp.port === 'number') return port >= pp.port && port <= (pp.endPort ?? pp.port);
    const name = pp.port;
    return (dst?.ports ?? []).some((cp) => cp.name === name && cp.protocol === protocol && cp.port === port);
  });
}

function allProbes(universe: readonly Probe[]): Set<string> {
  return new Set(universe.map((pr) => probeKey(pr.protocol, pr.port)));
}

/** What one side allows: `subject`'s policies in `direction`, towards/from `other`. */
function sideAllowed(
  model: WorkspaceModel,
  direction: 'ingress' | 'egress',
  subject: Workload,
  other: Endpoint,
  universe: readonly Probe[],
  sem: Semantics,
): Set<string> {
  const relevant = model.policies.filter((p) => p.valid && hasType(p, direction) && selectsPod(p, subject, sem));
  if (relevant.length === 0) return allProbes(universe);
  const out = new Set<string>();
  // Named ports resolve on the destination pod: the subject for ingress, the peer for egress.
  const dst = direction === 'ingress' ? subject : other.kind === 'workload' ? other.workload : undefined;
  for (const p of relevant) {
    for (const rule of direction === 'ingress' ? p.ingress : p.egress) {
      if (!ruleMatchesPeer(rule, p.namespace, other, model, sem)) continue;
      for (const pr of universe) if (ruleAllowsPort(rule, dst, pr.protocol, pr.port)) out.add(probeKey(pr.protocol, pr.port));
    }
  }
  return out;
}

/**
 * Allowed `PROTO/port` probes from `src` to `dst`: src's egress AND dst's ingress; a side outside the
 * cluster does not restrict (only the in-cluster side decides); between two addresses: nothing.
 */
export function naiveEndpoints(
  model: WorkspaceModel,
  src: Endpoint,
  dst: Endpoint,
  universe: readonly Probe[],
  sem: Semantics = genericSemantics,
): Set<string> {
  if (src.kind === 'address' && dst.kind === 'address') return new Set();
  const eg = src.kind === 'workload' ? sideAllowed(model, 'egress', src.workload, dst, universe, sem) : allProbes(universe);
  const ing = dst.kind === 'workload' ? sideAllowed(model, 'ingress', dst.workload, src, universe, sem) : allProbes(universe);
  return new Set([...eg].filter((k) => ing.has(k)));
}

export function naiveConnection(
  model: WorkspaceModel,
  src: Workload,
  dst: Workload,
  universe: readonly Probe[],
  sem: Semantics = genericSemantics,
): Set<string> {
  return naiveEndpoints(model, { kind: 'workload', workload: src }, { kind: 'workload', workload: dst }, universe, sem);
}

/** The text of an address given as an integer (4: IPv4, 6: IPv6). */
export function addressText(family: 4 | 6, value: bigint): string {
  const n = family === 4 ? 4 : 16;
  const bytes: number[] = [];
  for (let i = n - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}
