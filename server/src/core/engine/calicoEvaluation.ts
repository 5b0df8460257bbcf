/**
 * Calico's evaluation of one side of a connection, with Kubernetes NetworkPolicies and Calico
 * NetworkPolicy/GlobalNetworkPolicy in tiers:
 *
 * - Tiers that hold a policy applying to the endpoint are taken by `order`, lowest first, no order
 *   last (tier.mdx "How policy is evaluated"). Policies without `spec.tier`, and Kubernetes
 *   NetworkPolicies, are in the `default` tier, order 1,000,000 (projectcalico/api
 *   pkg/apis/projectcalico/v3/tier.go `DefaultTierOrder`). In a tier, what no rule decides gets the
 *   tier's `defaultAction` (Deny unless the Tier says Pass); Pass goes on to the next tier, and what
 *   every tier passes reaches the profile.
 * - Policies that apply to the endpoint in the direction are taken in `order`, lowest first
 *   (networkpolicy.mdx); a policy without `order` comes last (tier.mdx: "No value indicates highest
 *   order"); ties by id. Kubernetes NetworkPolicies count as order 1000 (projectcalico/calico
 *   libcalico-go lib/backend/k8s/conversion/conversion.go K8sNetworkPolicyToCalico: "We insert all
 *   the NetworkPolicy Policies at order 1000.0").
 * - Rules run in order; Allow and Deny are final, Log goes on (_rule.mdx). Pass skips the remaining
 *   policies of the tier (tier.mdx) and, after the last tier, the endpoint's profiles (_rule.mdx); Kubernetes namespaces get a profile
 *   `kns.<namespace>` whose rules are Allow (conversion.go NamespaceToProfile), so Pass allows.
 * - Calico policies apply to workload endpoints: host-network pods are none (only HostEndpoint policy
 *   reaches them, LINT-CATALOGUE §3.4), so Calico kinds neither select them nor match them by selector.
 * - No policy applies: the profile allows. Policies of a Deny tier apply but no rule decides: dropped
 *   ("If the Tier applies to the endpoint, but takes no action on the packet the packet is dropped",
 *   tier.mdx).
 *
 * Ports are handled as sets: each rule decides the ports it matches among those still undecided.
 */
import { defaultCalicoTier } from '../model/calicoPolicy';
import type { CalicoEntity, CalicoPolicy, CalicoPort, CalicoRule, CalicoTier } from '../model/calicoPolicy';
import type { Direction, NetworkPolicy } from '../model/networkPolicy';
import { effectiveRules, isEffective, policyHasType } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { matchesCalico } from '../selectors/calicoSelector';
import type { Labels } from '../selectors/labelSelector';
import { endpointInCidr } from './crdCommon';
import type { Endpoint, EngineSide, EngineStep } from './crdCommon';
import { namespaceLabelLookup, policySelects, ruleMatchesExternal, ruleMatchesPod, rulePorts } from './peers';
import type { NamespaceLabels } from './peers';
import {
  allPortSet,
  emptyPortSet,
  formatConnections,
  intersectPorts,
  isEmptyPorts,
  portRangeSet,
  protocolSet,
  subtractPorts,
  unionPorts,
} from './portSet';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';

/** Labels Calico adds to a pod's workload endpoint and to a namespace's profile (libcalico-go conversion). */
export function calicoPodLabels(w: Workload): Labels {
  const m = new Map(w.labels);
  m.set('projectcalico.org/namespace', w.namespace);
  m.set('projectcalico.org/orchestrator', 'k8s');
  return m;
}

export function calicoNamespaceLabels(ns: string, nsLabels: NamespaceLabels): Labels {
  const m = new Map(nsLabels(ns));
  m.set('projectcalico.org/name', ns);
  return m;
}

/** A tier that policies name but the workspace does not declare: no order (last), default action Deny (tier.mdx defaults). */
function undeclaredTier(name: string): CalicoTier {
  return { name, defaultAction: 'Deny', file: '', span: { start: 0, end: 0 }, valid: true };
}

type Applied = { readonly order: number; readonly id: string } & (
  { readonly calico: CalicoPolicy; readonly np?: undefined } | { readonly np: NetworkPolicy; readonly calico?: undefined }
);

export class CalicoEvaluator {
  private readonly nsLabels: NamespaceLabels;
  private readonly calico: readonly CalicoPolicy[];
  private readonly nps: readonly NetworkPolicy[];
  private readonly tiers: ReadonlyMap<string, CalicoTier>;

  constructor(
    model: WorkspaceModel,
    private readonly profile: EngineProfile,
  ) {
    this.nsLabels = namespaceLabelLookup(model.namespaces);
    this.calico = model.calicoPolicies.filter((p) => p.valid);
    this.nps = model.policies.filter(isEffective);
    this.tiers = new Map([['default', defaultCalicoTier], ...model.calicoTiers.map((t) => [t.name, t] as const)]);
  }

  /** A Calico policy applies to the pod in this direction. */
  calicoApplies(p: CalicoPolicy, w: Workload, direction: Direction): boolean {
    if (!(direction === 'ingress' ? p.types.ingress : p.types.egress)) return false;
    // Host-network pods are no workload endpoints: only HostEndpoint policy reaches them (LINT-CATALOGUE §3.4).
    if (w.hostNetwork) return false;
    if (p.namespace !== undefined && p.namespace !== w.namespace) return false;
    if (p.namespaceSelector?.expr && !matchesCalico(p.namespaceSelector.expr, calicoNamespaceLabels(w.namespace, this.nsLabels)))
      return false;
    return p.selector.expr !== undefined && matchesCalico(p.selector.expr, calicoPodLabels(w));
  }

  /** Some Calico policy applies to the pod in this direction (otherwise plain NetworkPolicy semantics hold). */
  affects(w: Workload, direction: Direction): boolean {
    return this.calico.some((p) => this.calicoApplies(p, w, direction));
  }

  side(direction: Direction, subject: Workload, other: Endpoint): EngineSide {
    const byTier = new Map<string, Applied[]>();
    const add = (tier: string, a: Applied): void => {
      const list = byTier.get(tier);
      if (list) list.push(a);
      else byTier.set(tier, [a]);
    };
    for (const p of this.calico)
      if (this.calicoApplies(p, subject, direction)) add(p.tier, { order: p.order ?? Infinity, id: p.id, calico: p });
    for (const np of this.nps)
      if (policyHasType(np, direction) && policySelects(np, subject, this.profile)) add('default', { order: 1000, id: np.id, np });
    if (byTier.size === 0)
      return { direction, enforced: false, steps: [], allowed: allPortSet, conclusion: 'no policy applies: the namespace profile allows' };
    const tiers = [...byTier.keys()].map((name) => this.tiers.get(name) ?? undeclaredTier(name));
    tiers.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const steps: EngineStep[] = [];
    let allowed: PortSet = emptyPortSet;
    // Ports not decided yet: all of them enter the first tier; what a tier passes enters the next.
    let undecided: PortSet = allPortSet;
    let dropped = false;
    for (const tier of tiers) {
      const applied = (byTier.get(tier.name) ?? []).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let inTier = undecided;
      let passed: PortSet = emptyPortSet;
      for (const a of applied) {
        for (const d of this.policyDecisions(a, direction, subject, other, inTier, tier.name)) {
          steps.push(d.step);
          if (d.step.action === 'Log' || d.step.action === 'NotEvaluated') continue;
          inTier = subtractPorts(inTier, d.step.ports);
          if (d.step.action === 'Allow') allowed = unionPorts(allowed, d.step.ports);
          else if (d.step.action === 'Pass') passed = unionPorts(passed, d.step.ports);
        }
        if (isEmptyPorts(inTier)) break;
      }
      if (tier.defaultAction === 'Pass') passed = unionPorts(passed, inTier);
      else if (!isEmptyPorts(inTier)) dropped = true;
      undecided = passed;
      if (isEmptyPorts(undecided)) break;
    }
    // What every tier passed reaches the namespace's profile, which allows.
    allowed = unionPorts(allowed, undecided);
    const parts = [
      dropped ? "what no rule decided in a tier is dropped (the tier's default action)" : '',
      isEmptyPorts(undecided) ? '' : `passed through every tier to the profile, which allows ${formatConnections(undecided)}`,
    ].filter(Boolean);
    const conclusion = parts.length ? parts.join('; ') : 'every port decided by a rule';
    return { direction, enforced: true, steps, allowed, conclusion };
  }

  /** The steps one policy takes on the ports still undecided in its tier (first matching rule wins). */
  private policyDecisions(
    a: Applied,
    direction: Direction,
    subject: Workload,
    other: Endpoint,
    undecided: PortSet,
    tier: string,
  ): { step: EngineStep }[] {
    const out: { step: EngineStep }[] = [];
    let remaining = undecided;
    const tierNote = tier === 'default' ? '' : `tier ${tier}, `;
    if (a.np) {
      const dstPorts = direction === 'ingress' ? subject.ports : other.kind === 'workload' ? other.workload.ports : undefined;
      for (const rule of effectiveRules(a.np, direction)) {
        const peer =
          other.kind === 'workload'
            ? ruleMatchesPod(rule, a.np.namespace, other.workload, this.nsLabels, this.profile)
            : ruleMatchesExternal(rule, other.range);
        if (!peer) continue;
        const m = intersectPorts(rulePorts(rule, dstPorts), remaining);
        if (isEmptyPorts(m)) continue;
        remaining = subtractPorts(remaining, m);
        const where = `${direction}[${rule.index}] (${tierNote}order 1000)`;
        out.push({
          step: { kind: 'NetworkPolicy', policyId: a.np.id, file: a.np.file, span: rule.span, where, action: 'Allow', ports: m },
        });
      }
      return out;
    }
    const p = a.calico;
    const order = p.order !== undefined ? `order ${p.order}` : 'no order';
    for (const rule of direction === 'ingress' ? p.ingress : p.egress) {
      const { ports, note } = this.ruleMatch(p, rule, subject, other);
      const m = intersectPorts(ports, remaining);
      const base = {
        kind: `Calico ${p.kind}`,
        policyId: p.id,
        file: p.file,
        span: rule.span,
        where: `${direction}[${rule.index}] (${tierNote}${order})`,
      };
      if (isEmptyPorts(m)) {
        if (note) out.push({ step: { ...base, action: 'NotEvaluated', ports: emptyPortSet, note } });
        continue;
      }
      if (rule.action !== 'Log') remaining = subtractPorts(remaining, m);
      const passNote = rule.action === 'Pass' ? 'skips the rest of the tier to the next tier (or the allowing profile)' : undefined;
      const n = [note, passNote].filter(Boolean).join('; ');
      out.push({ step: { ...base, action: rule.action, ports: m, ...(n ? { note: n } : {}) } });
      if (isEmptyPorts(remaining)) break;
    }
    return out;
  }

  /** The ports a rule matches for this pair, and why a part of it was not evaluated. */
  private ruleMatch(p: CalicoPolicy, rule: CalicoRule, subject: Workload, other: Endpoint): { ports: PortSet; note?: string } {
    const self: Endpoint = { kind: 'workload', workload: subject };
    const [src, dst] = rule.direction === 'ingress' ? [other, self] : [self, other];
    const notes: string[] = [];
    if (rule.http) notes.push('its `http` match is not evaluated (the connection is taken as matched)');
    if (rule.ipVersion !== undefined && !this.ipVersionMatches(rule.ipVersion, src)) return { ports: emptyPortSet };
    for (const [e, ep, name] of [
      [rule.source, src, 'source'],
      [rule.destination, dst, 'destination'],
    ] as const) {
      if (e.serviceAccounts || e.services)
        return { ports: emptyPortSet, note: `${name} matches service accounts or services, which are not evaluated` };
      if (!this.entityMatches(p, e, ep)) return { ports: emptyPortSet };
    }
    if (rule.source.ports) return { ports: emptyPortSet, note: 'source `ports` match the client port, taken as ephemeral: not matched' };
    let ports = protocolPorts(rule.protocol);
    if (rule.notProtocol !== undefined) ports = subtractPorts(ports, protocolPorts(rule.notProtocol));
    // Named ports resolve on workload endpoints; a host-network pod has none, so none of its names match.
    const dstPorts = dst.kind === 'workload' && !dst.workload.hostNetwork ? dst.workload : undefined;
    if (rule.destination.ports) ports = intersectPorts(ports, portList(rule.destination.ports, ports, dstPorts));
    if (rule.destination.notPorts) ports = subtractPorts(ports, portList(rule.destination.notPorts, ports, dstPorts));
    return notes.length ? { ports, note: notes.join('; ') } : { ports };
  }

  private ipVersionMatches(v: 4 | 6, ep: Endpoint): boolean {
    if (ep.kind === 'external') return ep.range.family === v;
    return ep.workload.ips.length === 0 || ep.workload.ips.some((ip) => ip.includes(':') === (v === 6));
  }

  /** _entityrule.mdx: every criterion written must hold; selectors match endpoints only, nets match addresses. */
  private entityMatches(p: CalicoPolicy, e: CalicoEntity, ep: Endpoint): boolean {
    if (e.nets && !e.nets.some((c) => endpointInCidr(ep, c))) return false;
    if (e.notNets && e.notNets.some((c) => endpointInCidr(ep, c))) return false;
    // Selectors match workload endpoints; a host-network pod is matched by its address only.
    const w = ep.kind === 'workload' && !ep.workload.hostNetwork ? ep.workload : undefined;
    const inScope = (): boolean => {
      if (!w) return false;
      if (e.namespaceSelector)
        return (
          e.namespaceSelector.expr !== undefined &&
          matchesCalico(e.namespaceSelector.expr, calicoNamespaceLabels(w.namespace, this.nsLabels))
        );
      return p.namespace === undefined || p.namespace === w.namespace;
    };
    const selected = (sel: CalicoEntity['selector']): boolean =>
      w !== undefined && sel?.expr !== undefined && inScope() && matchesCalico(sel.expr, calicoPodLabels(w));
    if (e.selector && !selected(e.selector)) return false;
    if (e.notSelector && selected(e.notSelector)) return false;
    if (e.namespaceSelector && !e.selector && !e.notSelector && !inScope()) return false;
    return true;
  }
}

function protocolPorts(p: CalicoRule['protocol']): PortSet {
  if (p === undefined) return allPortSet;
  return p === 'other' ? emptyPortSet : protocolSet(p);
}

/** Ports of a list for the rule's protocols; named ports resolve on the destination pod's containers. */
function portList(list: readonly CalicoPort[], protocolsOf: PortSet, dst: Workload | undefined): PortSet {
  let out = emptyPortSet;
  for (const proto of ['TCP', 'UDP', 'SCTP'] as const) {
    if (protocolsOf[proto].length === 0) continue;
    for (const port of list) {
      if (port.kind === 'range') {
        if (port.hi >= 1) out = unionPorts(out, portRangeSet(proto, Math.max(1, port.lo), port.hi));
      } else
        for (const cp of dst?.ports ?? [])
          if (cp.name === port.name && cp.protocol === proto) out = unionPorts(out, portRangeSet(proto, cp.port, cp.port));
    }
  }
  return out;
}
