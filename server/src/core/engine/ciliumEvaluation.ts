/**
 * Cilium's evaluation of one side of a connection, with Kubernetes NetworkPolicies and
 * CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy:
 *
 * - A pod is enforced (default deny) in a direction when a policy selecting it has a section for it
 *   (cilium Documentation/security/policy/intro.rst "Endpoint default policy"), unless that spec sets
 *   `enableDefaultDeny.<direction>: false`; deny sections count too (deny.rst: "Pods will enter
 *   default-deny mode as soon as a single policy selects it").
 * - Allows of every policy add up (intro.rst "Rule Basics"); deny rules win over any allow, whichever
 *   kind allows (deny.rst: "Deny policies take precedence over allow policies").
 * - CNP selectors are namespace-scoped: `endpointSelector` selects pods of the policy's namespace, and a
 *   `fromEndpoints`/`toEndpoints` selector without `io.kubernetes.pod.namespace` means the policy's own
 *   namespace (kubernetes.rst "Namespaces"); CCNP selectors are cluster-wide. Label keys may carry a
 *   `k8s:`/`any:` source prefix; namespace labels are seen as `io.cilium.k8s.namespace.labels.<key>`
 *   in CCNP only (kubernetes.rst).
 * - CIDR rules match addresses outside the cluster only ("By default, CIDR-based selectors do not match
 *   in-cluster entities", language.rst); entities: `world` = outside the cluster, `cluster` = every pod,
 *   `host`/`remote-node` = host-network pods (they carry the host identity), `all` = everything.
 * - A rule with ports but no peer applies to every peer; an empty rule `{}` admits nothing
 *   (language.rst "Ingress/Egress Default Deny").
 * - Not evaluated, and shown as such: L7 rules (their L4 part counts), `toFQDNs`, `toServices`,
 *   nodes/groups peers, `fromRequires`/`toRequires`, host policies (`nodeSelector`).
 */
import type { CiliumPeerRule, CiliumPolicy, CiliumRuleSpec } from '../model/ciliumPolicy';
import type { Direction, NetworkPolicy } from '../model/networkPolicy';
import { effectiveRules, isEffective, policyHasType } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { matchesSelector } from '../selectors/labelSelector';
import type { LabelSelector, Labels } from '../selectors/labelSelector';
import { endpointInCidr } from './crdCommon';
import type { Endpoint, EngineSide, EngineStep } from './crdCommon';
import { namespaceLabelLookup, policySelects, ruleMatchesExternal, ruleMatchesPod, rulePorts } from './peers';
import type { NamespaceLabels } from './peers';
import { allPortSet, emptyPortSet, isEmptyPorts, portRangeSet, protocolSet, subtractPorts, unionPorts } from './portSet';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';

export const ciliumNamespaceKey = 'io.kubernetes.pod.namespace';
const nsLabelPrefix = 'io.cilium.k8s.namespace.labels.';

export class CiliumEvaluator {
  private readonly nsLabels: NamespaceLabels;
  private readonly cilium: readonly CiliumPolicy[];
  private readonly nps: readonly NetworkPolicy[];

  constructor(
    model: WorkspaceModel,
    private readonly profile: EngineProfile,
  ) {
    this.nsLabels = namespaceLabelLookup(model.namespaces);
    this.cilium = model.ciliumPolicies.filter((p) => p.valid);
    this.nps = model.policies.filter(isEffective);
  }

  /** The labels Cilium matches a pod's identity with. */
  labelsOf(w: Workload, clusterwide: boolean): Labels {
    const m = new Map(w.labels);
    m.set(ciliumNamespaceKey, w.namespace);
    if (clusterwide) for (const [k, v] of this.nsLabels(w.namespace)) m.set(nsLabelPrefix + k, v);
    return m;
  }

  /** The spec selects the pod (host-network pods carry the host identity: no endpoint policy selects them). */
  specSelects(p: CiliumPolicy, s: CiliumRuleSpec, w: Workload): boolean {
    if (w.hostNetwork || !s.endpointSelector) return false;
    if (p.namespace !== undefined && p.namespace !== w.namespace) return false;
    return matchesSelector(s.endpointSelector, this.labelsOf(w, p.namespace === undefined));
  }

  /** Some Cilium policy selects the pod with rules for this direction (otherwise plain NetworkPolicy semantics hold). */
  affects(w: Workload, direction: Direction): boolean {
    return this.cilium.some((p) => p.specs.some((s) => s.sections[direction] && this.specSelects(p, s, w)));
  }

  side(direction: Direction, subject: Workload, other: Endpoint): EngineSide {
    const steps: EngineStep[] = [];
    let enforced = false;
    let allowed = emptyPortSet;
    let denied = emptyPortSet;
    const dstPorts = direction === 'ingress' ? subject : other.kind === 'workload' ? other.workload : undefined;
    for (const np of this.nps) {
      if (!policyHasType(np, direction) || !policySelects(np, subject, this.profile)) continue;
      enforced = true;
      for (const rule of effectiveRules(np, direction)) {
        const peer =
          other.kind === 'workload'
            ? ruleMatchesPod(rule, np.namespace, other.workload, this.nsLabels, this.profile)
            : ruleMatchesExternal(rule, other.range);
        if (!peer) continue;
        const ports = rulePorts(rule, dstPorts?.ports);
        if (isEmptyPorts(ports)) continue;
        allowed = unionPorts(allowed, ports);
        steps.push({
          kind: 'NetworkPolicy',
          policyId: np.id,
          file: np.file,
          span: rule.span,
          where: `${direction}[${rule.index}]`,
          action: 'Allow',
          ports,
        });
      }
    }
    for (const p of this.cilium) {
      for (const s of p.specs) {
        if (!s.sections[direction] || !this.specSelects(p, s, subject)) continue;
        const specWhere = s.index < 0 ? 'spec' : `specs[${s.index}]`;
        if (s.enableDefaultDeny[direction] !== false) enforced = true;
        const rules = direction === 'ingress' ? [...s.ingress, ...s.ingressDeny] : [...s.egress, ...s.egressDeny];
        for (const rule of rules) {
          const key = `${direction}${rule.deny ? 'Deny' : ''}`;
          const base = { kind: p.kind, policyId: p.id, file: p.file, span: rule.span, where: `${specWhere}.${key}[${rule.index}]` };
          const { ports, note } = this.ruleMatch(p, rule, other, dstPorts);
          if (isEmptyPorts(ports)) {
            if (note) steps.push({ ...base, action: 'NotEvaluated', ports: emptyPortSet, note });
            continue;
          }
          if (rule.deny) denied = unionPorts(denied, ports);
          else allowed = unionPorts(allowed, ports);
          steps.push({ ...base, action: rule.deny ? 'Deny' : 'Allow', ports, ...(note ? { note } : {}) });
        }
      }
    }
    const base = enforced ? allowed : allPortSet;
    const result = subtractPorts(base, denied);
    const conclusion = enforced
      ? `default deny: only what a rule allows${isEmptyPorts(denied) ? '' : ', minus what a deny rule denies'}`
      : `not enforced: everything allowed${isEmptyPorts(denied) ? '' : ' except what a deny rule denies'}`;
    return { direction, enforced, steps, allowed: result, conclusion };
  }

  /** The ports a rule admits (or denies) for the peer, and what of it was not evaluated. */
  private ruleMatch(p: CiliumPolicy, rule: CiliumPeerRule, other: Endpoint, dst: Workload | undefined): { ports: PortSet; note?: string } {
    const notes: string[] = [];
    if (rule.fqdns) notes.push('toFQDNs is not evaluated (names resolve at run time)');
    if (rule.unevaluatedPeers.length) notes.push(`${rule.unevaluatedPeers.join(', ')} not evaluated`);
    if (rule.requires) notes.push('fromRequires/toRequires (deprecated) not evaluated');
    const l7 = [...new Set((rule.toPorts ?? []).flatMap((t) => t.l7))];
    const hasL3 =
      rule.endpoints !== undefined ||
      rule.cidrs !== undefined ||
      rule.entities !== undefined ||
      rule.fqdns ||
      rule.unevaluatedPeers.length > 0;
    const matched = hasL3 ? this.peerMatches(p, rule, other) : rule.toPorts !== undefined || rule.icmps;
    const note = (): string | undefined => (notes.length ? notes.join('; ') : undefined);
    if (!matched) return { ports: emptyPortSet, ...(note() ? { note: note() as string } : {}) };
    if (l7.length) notes.push(`L7 rules (${l7.join(', ')}) not evaluated: their ports count as allowed`);
    const ports = rulePortSet(rule, dst);
    return { ports, ...(note() ? { note: note() as string } : {}) };
  }

  private peerMatches(p: CiliumPolicy, rule: CiliumPeerRule, other: Endpoint): boolean {
    const entities = rule.entities ?? [];
    if (entities.includes('all')) return true;
    if (other.kind === 'external') {
      const fam = other.range.family;
      if (entities.includes('world') || entities.includes(fam === 4 ? 'world-ipv4' : 'world-ipv6')) return true;
      return (rule.cidrs ?? []).some((c) => endpointInCidr(other, c.cidr, c.except));
    }
    const w = other.workload;
    if (entities.includes('cluster')) return true;
    if (w.hostNetwork) return entities.includes('host') || entities.includes('remote-node');
    return (rule.endpoints ?? []).some((sel) => this.peerSelectorMatches(p, sel, w));
  }

  private peerSelectorMatches(p: CiliumPolicy, sel: LabelSelector, w: Workload): boolean {
    const scoped = p.namespace !== undefined && !sel.requirements.some((r) => r.key === ciliumNamespaceKey);
    if (scoped && w.namespace !== p.namespace) return false;
    return matchesSelector(sel, this.labelsOf(w, p.namespace === undefined));
  }
}

/** The ports of a rule's `toPorts` (every port when absent; nothing of TCP/UDP/SCTP for an ICMP-only rule). */
function rulePortSet(rule: CiliumPeerRule, dst: Workload | undefined): PortSet {
  if (!rule.toPorts) return rule.icmps ? emptyPortSet : allPortSet;
  let out = emptyPortSet;
  for (const pr of rule.toPorts) {
    if (!pr.ports) return allPortSet;
    for (const port of pr.ports) {
      const protos = port.protocol === 'ANY' ? (['TCP', 'UDP', 'SCTP'] as const) : port.protocol === 'other' ? [] : [port.protocol];
      for (const proto of protos) {
        if (port.port === undefined) out = unionPorts(out, protocolSet(proto));
        else if (typeof port.port === 'number') out = unionPorts(out, portRangeSet(proto, port.port, port.endPort ?? port.port));
        else
          for (const cp of dst?.ports ?? [])
            if (cp.name === port.port && cp.protocol === proto) out = unionPorts(out, portRangeSet(proto, cp.port, cp.port));
      }
    }
  }
  return out;
}
