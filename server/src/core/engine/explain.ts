/**
 * Why a connection is allowed or denied, evaluated straight from the policies for one pair: which
 * policies isolate each side, which rules admit what, and which policies do not count (rejected by
 * the API server, or a direction their `policyTypes` leaves out).
 */
import type { CalicoPolicy } from '../model/calicoPolicy';
import type { CiliumPolicy } from '../model/ciliumPolicy';
import type { Direction, NetworkPolicy, PolicyPeer, PolicyRule } from '../model/networkPolicy';
import { effectiveRules, isEffective, policyHasType } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { matchesSelector } from '../selectors/labelSelector';
import type { ExternalRange } from './addressSpace';
import type { EngineSide } from './crdCommon';
import { engineEvaluator, rejectedEnginePolicies } from './crdEvaluation';
import type { EngineEvaluator } from './crdEvaluation';
import { namespaceLabelLookup, policySelects, ruleMatchesExternal, ruleMatchesPod, rulePorts } from './peers';
import { allPortSet, emptyPortSet, intersectPorts, isEmptyPorts, unionPorts } from './portSet';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';
import { directionUncertainty, formatUncertain, hostNetworkUncertainty, profileIsCertain } from './uncertain';
import type { UncertainFeature } from './uncertain';

export type PeerRef =
  { readonly kind: 'workload'; readonly workload: Workload } | { readonly kind: 'external'; readonly range: ExternalRange };

export interface RuleContribution {
  readonly policy: NetworkPolicy;
  readonly rule: PolicyRule;
  /** The peer entry that matched, or 'all' for a rule without `from`/`to`. */
  readonly peer: PolicyPeer | 'all';
  /** What this rule opens for this pair (may be empty when its ports do not apply, e.g. an unresolved named port). */
  readonly ports: PortSet;
  /** Constructs of this rule (or of its policy's podSelector) the engine does not support. */
  readonly uncertain: readonly UncertainFeature[];
}

/** A policy that would select the subject but does not count; the engine's own kinds only when rejected. */
export type IgnoredPolicy =
  | { readonly policy: NetworkPolicy; readonly reason: 'rejected' | 'replaced' | 'policy-types' }
  | { readonly policy: CalicoPolicy | CiliumPolicy; readonly reason: 'rejected' };

export interface SideExplanation {
  readonly direction: Direction;
  /** The workload whose policies decide this side; undefined when that side is outside the cluster. */
  readonly subject?: Workload;
  /** Policies that isolate the subject in this direction; empty means not isolated (all allowed). */
  readonly isolatedBy: readonly NetworkPolicy[];
  /** Rules of those policies whose peers match the other side. */
  readonly contributions: readonly RuleContribution[];
  /** Policies that select the subject but do not count for this direction. */
  readonly ignored: readonly IgnoredPolicy[];
  readonly allowed: PortSet;
  /**
   * Set when the engine's own policy kinds (Calico, Cilium) touch this side: the engine's evaluation
   * step by step, which then decides `allowed` (NetworkPolicies included, as that engine combines them).
   */
  readonly engine?: EngineSide;
  /** What makes this side uncertain on the engine: unsupported constructs of the isolating policies. */
  readonly uncertain: readonly UncertainFeature[];
}

export interface Explanation {
  readonly src: PeerRef;
  readonly dst: PeerRef;
  readonly egress: SideExplanation;
  readonly ingress: SideExplanation;
  readonly allowed: PortSet;
  /**
   * Why the result is uncertain on the engine (empty: certain): an uncertain side, unless the other,
   * certain side denies the connection anyway. The same rule as `Connectivity.uncertainty`.
   */
  readonly uncertain: readonly UncertainFeature[];
}

export function explainConnection(model: WorkspaceModel, profile: EngineProfile, src: PeerRef, dst: PeerRef): Explanation {
  const evaluator = engineEvaluator(model, profile);
  const rejected = rejectedEnginePolicies(model, profile);
  const egress = explainSide(model, profile, 'egress', src, dst, evaluator, rejected);
  const ingress = explainSide(model, profile, 'ingress', dst, src, evaluator, rejected);
  const bothExternal = src.kind === 'external' && dst.kind === 'external';
  const allowed = bothExternal ? emptyPortSet : intersectPorts(egress.allowed, ingress.allowed);
  const eu = egress.uncertain;
  const iu = ingress.uncertain;
  const uncertain =
    (eu.length > 0 && (iu.length > 0 || !isEmptyPorts(ingress.allowed))) || (iu.length > 0 && !isEmptyPorts(egress.allowed))
      ? [...new Map([...eu, ...iu].map((u) => [formatUncertain(u), u])).values()]
      : [];
  return { src, dst, egress, ingress, allowed, uncertain };
}

function explainSide(
  model: WorkspaceModel,
  profile: EngineProfile,
  direction: Direction,
  subject: PeerRef,
  other: PeerRef,
  evaluator: EngineEvaluator | undefined,
  rejected: ReturnType<typeof rejectedEnginePolicies>,
): SideExplanation {
  if (subject.kind === 'external') return { direction, isolatedBy: [], contributions: [], ignored: [], allowed: allPortSet, uncertain: [] };
  const w = subject.workload;
  const nsLabels = namespaceLabelLookup(model.namespaces);
  const isolatedBy: NetworkPolicy[] = [];
  const ignored: IgnoredPolicy[] = [];
  const contributions: RuleContribution[] = [];
  const uncertain: UncertainFeature[] = [];
  const certain = profileIsCertain(profile);
  // Named ports resolve on the destination: the subject for ingress, the other side for egress.
  const dstPorts = direction === 'ingress' ? w.ports : other.kind === 'workload' ? other.workload.ports : undefined;
  for (const p of model.policies) {
    if (!isEffective(p)) {
      if (policyHasType(p, direction) && p.namespace === w.namespace && matchesSelector(p.podSelector, w.labels))
        ignored.push({ policy: p, reason: p.valid ? 'replaced' : 'rejected' });
      continue;
    }
    if (!policySelects(p, w, profile)) continue;
    if (!policyHasType(p, direction)) {
      if ((direction === 'ingress' ? p.ingress : p.egress).length > 0) ignored.push({ policy: p, reason: 'policy-types' });
      continue;
    }
    isolatedBy.push(p);
    const features = certain ? [] : directionUncertainty(p, direction, profile);
    const host = w.hostNetwork && !certain ? hostNetworkUncertainty(p, profile) : undefined;
    if (features.length > 0) uncertain.push(...features);
    if (host) uncertain.push(host);
    for (const rule of effectiveRules(p, direction)) {
      const peer =
        other.kind === 'workload'
          ? ruleMatchesPod(rule, p.namespace, other.workload, nsLabels, profile)
          : ruleMatchesExternal(rule, other.range);
      if (!peer) continue;
      const mine = features.length > 0 ? features.filter((f) => f.rule === undefined || f.rule === rule) : features;
      contributions.push({ policy: p, rule, peer, ports: rulePorts(rule, dstPorts), uncertain: mine });
    }
  }
  for (const p of rejected?.(w, direction) ?? []) ignored.push({ policy: p, reason: 'rejected' });
  if (evaluator?.affects(w, direction)) {
    const engine = evaluator.side(direction, w, other);
    return { direction, subject: w, isolatedBy, contributions, ignored, allowed: engine.allowed, engine, uncertain };
  }
  const allowed = isolatedBy.length === 0 ? allPortSet : contributions.reduce((acc, c) => unionPorts(acc, c.ports), emptyPortSet);
  return { direction, subject: w, isolatedBy, contributions, ignored, allowed, uncertain };
}

export function isDenied(e: Explanation): boolean {
  return isEmptyPorts(e.allowed);
}
