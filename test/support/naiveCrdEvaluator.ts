/**
 * A deliberately naive evaluator of Calico and Cilium policies (with the NetworkPolicies beside them)
 * for property tests: for one pair and ONE probe (protocol, port) it walks every policy and rule
 * straight from the semantics the engine files cite (Calico: ordered policies, first Allow/Deny/Pass
 * wins, NetworkPolicies at order 1000, Pass → allowing profile, applied-but-undecided → drop, host-network pods outside Calico's kinds; Cilium:
 * default deny per direction, allows add up, denies win). It uses only the parsed model and the core's
 * selector matchers (`matchesCalico`, `matchesSelector`), none of the engine, and answers yes or no.
 */
import ipaddr from 'ipaddr.js';
import { matchesCalico, matchesSelector } from '../../server/src/core/index';
import type {
  CalicoPolicy,
  CiliumPolicy,
  EngineProfile,
  Labels,
  LabelSelector,
  NetworkPolicy,
  PolicyRule,
  Protocol,
  Workload,
  WorkspaceModel,
} from '../../server/src/core/index';
import type { Probe } from './naiveEvaluator';

export type NaiveEnd = { readonly kind: 'workload'; readonly workload: Workload } | { readonly kind: 'address'; readonly address: string };

type CalicoRuleT = CalicoPolicy['ingress'][number];
type CalicoEntityT = CalicoRuleT['source'];
type CiliumSpecT = CiliumPolicy['specs'][number];
type CiliumRuleT = CiliumSpecT['ingress'][number];

function addresses(e: NaiveEnd): readonly string[] {
  return e.kind === 'address' ? [e.address] : e.workload.ips;
}

function inCidr(addr: string, cidr: string): boolean {
  try {
    const a = ipaddr.parse(addr);
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return a.kind() === net.kind() && a.match([net, bits]);
  } catch {
    return false;
  }
}

function nsLabels(model: WorkspaceModel, ns: string): Map<string, string> {
  const m = new Map<string, string>(model.namespaces.get(ns)?.labels ?? []);
  m.set('kubernetes.io/metadata.name', ns);
  return m;
}

// ------------------------------------------------------------------ NetworkPolicy (per probe)

function npSelects(p: NetworkPolicy, w: Workload, engine: EngineProfile): boolean {
  if (w.hostNetwork && !engine.policiesApplyToHostNetwork) return false;
  return p.namespace === w.namespace && matchesSelector(p.podSelector, w.labels);
}

function npRuleAdmits(
  model: WorkspaceModel,
  p: NetworkPolicy,
  rule: PolicyRule,
  other: NaiveEnd,
  dst: Workload | undefined,
  pr: Probe,
  engine: EngineProfile,
): boolean {
  const peerOk =
    !rule.peers ||
    rule.peers.some((peer) => {
      if (peer.kind === 'ipBlock') {
        if (other.kind === 'workload' && !engine.ipBlockMatchesPods) return false;
        return addresses(other).some((a) => inCidr(a, peer.cidr.text) && !peer.except.some((e) => inCidr(a, e.text)));
      }
      if (other.kind !== 'workload') return false;
      const w = other.workload;
      const nsOk = peer.namespaceSelector
        ? matchesSelector(peer.namespaceSelector, nsLabels(model, w.namespace))
        : w.namespace === p.namespace;
      return nsOk && (!peer.podSelector || matchesSelector(peer.podSelector, w.labels));
    });
  if (!peerOk) return false;
  if (!rule.ports) return true;
  return rule.ports.some((pp) => {
    if (pp.protocol !== pr.protocol) return false;
    if (pp.port === undefined) return true;
    if (typeof pp.port === 'number') return pr.port >= pp.port && pr.port <= (pp.endPort ?? pp.port);
    return (dst?.ports ?? []).some((cp) => cp.name === pp.port && cp.protocol === pr.protocol && cp.port === pr.port);
  });
}

function npHasType(p: NetworkPolicy, dir: 'ingress' | 'egress'): boolean {
  return dir === 'ingress' ? p.types.ingress : p.types.egress;
}

// ------------------------------------------------------------------ Calico

function calicoPod(w: Workload): Labels {
  return new Map([...w.labels, ['projectcalico.org/namespace', w.namespace], ['projectcalico.org/orchestrator', 'k8s']]);
}

function calicoNs(model: WorkspaceModel, ns: string): Labels {
  return new Map([...nsLabels(model, ns), ['projectcalico.org/name', ns]]);
}

function calicoApplies(model: WorkspaceModel, p: CalicoPolicy, w: Workload, dir: 'ingress' | 'egress'): boolean {
  if (!p.types[dir] || w.hostNetwork) return false;
  if (p.namespace !== undefined && p.namespace !== w.namespace) return false;
  if (p.namespaceSelector?.expr && !matchesCalico(p.namespaceSelector.expr, calicoNs(model, w.namespace))) return false;
  return !!p.selector.expr && matchesCalico(p.selector.expr, calicoPod(w));
}

function calicoEntityOk(model: WorkspaceModel, p: CalicoPolicy, e: CalicoEntityT, end: NaiveEnd, dst: boolean, pr: Probe): boolean {
  if (e.nets && !addresses(end).some((a) => e.nets?.some((c) => inCidr(a, c.text)))) return false;
  if (e.notNets && addresses(end).some((a) => e.notNets?.some((c) => inCidr(a, c.text)))) return false;
  const w = end.kind === 'workload' && !end.workload.hostNetwork ? end.workload : undefined;
  const scope = (): boolean =>
    w !== undefined &&
    (e.namespaceSelector
      ? !!e.namespaceSelector.expr && matchesCalico(e.namespaceSelector.expr, calicoNs(model, w.namespace))
      : p.namespace === undefined || p.namespace === w.namespace);
  const picks = (s: CalicoEntityT['selector']): boolean => !!w && !!s?.expr && scope() && matchesCalico(s.expr, calicoPod(w));
  if (e.selector && !picks(e.selector)) return false;
  if (e.notSelector && picks(e.notSelector)) return false;
  if (e.namespaceSelector && !e.selector && !e.notSelector && !scope()) return false;
  if (!dst) return !e.ports;
  const hit = (list: CalicoEntityT['ports']): boolean =>
    (list ?? []).some((port) =>
      port.kind === 'range'
        ? pr.port >= port.lo && pr.port <= port.hi
        : (w?.ports ?? []).some((cp) => cp.name === port.name && cp.protocol === pr.protocol && cp.port === pr.port),
    );
  if (e.ports && !hit(e.ports)) return false;
  if (e.notPorts && hit(e.notPorts)) return false;
  return true;
}

function calicoRuleMatches(model: WorkspaceModel, p: CalicoPolicy, r: CalicoRuleT, subject: Workload, other: NaiveEnd, pr: Probe): boolean {
  if (r.protocol !== undefined && r.protocol !== pr.protocol) return false;
  if (r.notProtocol !== undefined && r.notProtocol === pr.protocol) return false;
  const self: NaiveEnd = { kind: 'workload', workload: subject };
  const [src, dst] = r.direction === 'ingress' ? [other, self] : [self, other];
  return calicoEntityOk(model, p, r.source, src, false, pr) && calicoEntityOk(model, p, r.destination, dst, true, pr);
}

function calicoSide(
  model: WorkspaceModel,
  engine: EngineProfile,
  dir: 'ingress' | 'egress',
  subject: Workload,
  other: NaiveEnd,
  pr: Probe,
): boolean {
  type Entry = { tier: string; order: number; id: string; run: () => 'allow' | 'deny' | 'pass' | undefined };
  const entries: Entry[] = [];
  const dstPod = dir === 'ingress' ? subject : other.kind === 'workload' ? other.workload : undefined;
  for (const np of model.policies) {
    if (!np.valid || np.replacedBy || !npHasType(np, dir) || !npSelects(np, subject, engine)) continue;
    const rules = dir === 'ingress' ? np.ingress : np.egress;
    entries.push({
      tier: 'default',
      order: 1000,
      id: np.id,
      run: () => (rules.some((r) => npRuleAdmits(model, np, r, other, dstPod, pr, engine)) ? 'allow' : undefined),
    });
  }
  for (const p of model.calicoPolicies) {
    if (!p.valid || !calicoApplies(model, p, subject, dir)) continue;
    entries.push({
      tier: p.tier,
      order: p.order ?? Infinity,
      id: p.id,
      run: () => {
        for (const r of dir === 'ingress' ? p.ingress : p.egress) {
          if (r.action === 'Log' || !calicoRuleMatches(model, p, r, subject, other, pr)) continue;
          return r.action === 'Deny' ? 'deny' : r.action === 'Pass' ? 'pass' : 'allow';
        }
        return undefined;
      },
    });
  }
  // Tiers: the default one at 1,000,000, declared ones by their order, undeclared ones last; ties by name.
  const tierOf = (name: string): { order: number; pass: boolean } => {
    const t = model.calicoTiers.find((x) => x.name === name);
    if (t) return { order: t.order ?? Infinity, pass: t.defaultAction === 'Pass' };
    return { order: name === 'default' ? 1_000_000 : Infinity, pass: false };
  };
  const tiers = [...new Set(entries.map((e) => e.tier))].sort((a, b) => tierOf(a).order - tierOf(b).order || (a < b ? -1 : a > b ? 1 : 0));
  for (const tier of tiers) {
    const mine = entries.filter((e) => e.tier === tier).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let verdict: 'allow' | 'deny' | 'pass' | undefined;
    for (const e of mine) {
      verdict = e.run();
      if (verdict) break;
    }
    if (verdict === 'allow') return true;
    if (verdict === 'deny') return false;
    if (verdict === undefined && !tierOf(tier).pass) return false;
  }
  return true;
}

// ------------------------------------------------------------------ Cilium

function ciliumLabels(model: WorkspaceModel, w: Workload, clusterwide: boolean): Labels {
  const m = new Map(w.labels);
  m.set('io.kubernetes.pod.namespace', w.namespace);
  if (clusterwide) for (const [k, v] of nsLabels(model, w.namespace)) m.set(`io.cilium.k8s.namespace.labels.${k}`, v);
  return m;
}

function ciliumSelects(model: WorkspaceModel, p: CiliumPolicy, s: CiliumSpecT, w: Workload): boolean {
  if (w.hostNetwork || !s.endpointSelector) return false;
  if (p.namespace !== undefined && w.namespace !== p.namespace) return false;
  return matchesSelector(s.endpointSelector, ciliumLabels(model, w, p.namespace === undefined));
}

function ciliumPeer(model: WorkspaceModel, p: CiliumPolicy, r: CiliumRuleT, other: NaiveEnd): boolean {
  const ents = r.entities ?? [];
  const hasL3 = r.endpoints !== undefined || r.cidrs !== undefined || r.entities !== undefined || r.fqdns || r.unevaluatedPeers.length > 0;
  if (!hasL3) return r.toPorts !== undefined || r.icmps;
  if (ents.includes('all')) return true;
  if (other.kind === 'address') {
    if (ents.includes('world') || ents.includes(other.address.includes(':') ? 'world-ipv6' : 'world-ipv4')) return true;
    return (r.cidrs ?? []).some((c) => inCidr(other.address, c.cidr.text) && !c.except.some((e) => inCidr(other.address, e.text)));
  }
  const w = other.workload;
  if (ents.includes('cluster')) return true;
  if (w.hostNetwork) return ents.includes('host') || ents.includes('remote-node');
  return (r.endpoints ?? []).some((sel: LabelSelector) => {
    const mentionsNs = sel.requirements.some((q) => q.key === 'io.kubernetes.pod.namespace');
    if (p.namespace !== undefined && !mentionsNs && w.namespace !== p.namespace) return false;
    return matchesSelector(sel, ciliumLabels(model, w, p.namespace === undefined));
  });
}

function ciliumPorts(r: CiliumRuleT, dst: Workload | undefined, pr: Probe): boolean {
  if (!r.toPorts) return !r.icmps;
  return r.toPorts.some((t) => {
    if (!t.ports) return true;
    return t.ports.some((pt) => {
      const protoOk = pt.protocol === 'ANY' || pt.protocol === pr.protocol;
      if (!protoOk) return false;
      if (pt.port === undefined) return true;
      if (typeof pt.port === 'number') return pr.port >= pt.port && pr.port <= (pt.endPort ?? pt.port);
      return (dst?.ports ?? []).some((cp) => cp.name === pt.port && cp.protocol === pr.protocol && cp.port === pr.port);
    });
  });
}

function ciliumSide(
  model: WorkspaceModel,
  engine: EngineProfile,
  dir: 'ingress' | 'egress',
  subject: Workload,
  other: NaiveEnd,
  pr: Probe,
): boolean {
  let enforced = false;
  let allowed = false;
  let denied = false;
  const dst = dir === 'ingress' ? subject : other.kind === 'workload' ? other.workload : undefined;
  for (const np of model.policies) {
    if (!np.valid || np.replacedBy || !npHasType(np, dir) || !npSelects(np, subject, engine)) continue;
    enforced = true;
    if ((dir === 'ingress' ? np.ingress : np.egress).some((r) => npRuleAdmits(model, np, r, other, dst, pr, engine))) allowed = true;
  }
  for (const p of model.ciliumPolicies) {
    if (!p.valid) continue;
    for (const s of p.specs) {
      if (!s.sections[dir] || !ciliumSelects(model, p, s, subject)) continue;
      if (s.enableDefaultDeny[dir] !== false) enforced = true;
      const rules = dir === 'ingress' ? [...s.ingress, ...s.ingressDeny] : [...s.egress, ...s.egressDeny];
      for (const r of rules) {
        if (!ciliumPeer(model, p, r, other) || !ciliumPorts(r, dst, pr)) continue;
        if (r.deny) denied = true;
        else allowed = true;
      }
    }
  }
  return !denied && (!enforced || allowed);
}

/** Is the probe allowed from `src` to `dst` under the engine (`calico` or `cilium`)? */
export function naiveCrdAllows(model: WorkspaceModel, engine: EngineProfile, src: NaiveEnd, dst: NaiveEnd, pr: Probe): boolean {
  if (src.kind === 'address' && dst.kind === 'address') return false;
  const side = engine.id === 'calico' ? calicoSide : ciliumSide;
  const eg = src.kind === 'workload' ? side(model, engine, 'egress', src.workload, dst, pr) : true;
  const ing = dst.kind === 'workload' ? side(model, engine, 'ingress', dst.workload, src, pr) : true;
  return eg && ing;
}

export const naiveProtocols: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
