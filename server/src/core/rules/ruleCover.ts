/**
 * Provable coverage between NetworkPolicy rules and policies, for redundant-rule and vacuous-policy
 * (IBM NCA's redundancy and vacuity). Only what can be shown from the text alone counts: identical
 * peers (selectors compared as sets of requirements), a rule without peers, ports entry by entry.
 * "Not covered" therefore means "not provably covered", never "certainly needed".
 */
import type { Direction, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../model/networkPolicy';
import { effectiveRules, policyHasType } from '../model/networkPolicy';
import { isEmptySelector, selectorKey } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import type { RuleContext } from './types';

const emptyKey = '';
const selectorKeys = new WeakMap<LabelSelector, string>();
const requirementKeys = new WeakMap<LabelSelector, ReadonlySet<string>>();
const peerKeys = new WeakMap<PolicyPeer, string>();

function keyOf(sel: LabelSelector | undefined): string {
  if (!sel) return emptyKey;
  let k = selectorKeys.get(sel);
  if (k === undefined) selectorKeys.set(sel, (k = selectorKey(sel)));
  return k;
}

/** The selector's requirements, each as a canonical text. */
function requirementsOf(sel: LabelSelector): ReadonlySet<string> {
  let set = requirementKeys.get(sel);
  if (!set) requirementKeys.set(sel, (set = new Set(sel.requirements.map((r) => selectorKey({ ...sel, requirements: [r] })))));
  return set;
}

/** A canonical text for a peer: `namespaceSelector` alone and with `podSelector: {}` are the same peer. */
export function peerKey(peer: PolicyPeer): string {
  let k = peerKeys.get(peer);
  if (k !== undefined) return k;
  if (peer.kind === 'ipBlock')
    k = `ip\u0000${peer.cidr.text}\u0000${peer.except
      .map((e) => e.text)
      .sort()
      .join(',')}`;
  else if (!peer.namespaceSelector) k = `pod\u0000${keyOf(peer.podSelector)}`;
  else k = `nspod\u0000${keyOf(peer.namespaceSelector)}\u0000${keyOf(peer.podSelector)}`;
  peerKeys.set(peer, k);
  return k;
}

/** Every peer of `inner` is a peer of `outer` (or `outer` has no peers: everyone). */
export function peersCover(outer: PolicyRule, inner: PolicyRule): boolean {
  if (!outer.peers) return true;
  if (!inner.peers) return false;
  const keys = outer.peers.map(peerKey);
  return inner.peers.every((p) => keys.includes(peerKey(p)));
}

function portCovers(outer: PolicyPort, inner: PolicyPort): boolean {
  if (outer.protocol !== inner.protocol) return false;
  if (outer.port === undefined) return true;
  if (inner.port === undefined) return false;
  if (typeof outer.port === 'string' || typeof inner.port === 'string') return outer.port === inner.port;
  const lo = inner.port;
  const hi = inner.endPort ?? inner.port;
  return outer.port <= lo && hi <= (outer.endPort ?? outer.port);
}

/** Every port entry of `inner` lies within one entry of `outer` (or `outer` has no ports: all of them). */
export function portsCover(outer: PolicyRule, inner: PolicyRule): boolean {
  if (!outer.ports) return true;
  if (!inner.ports) return false;
  return inner.ports.every((p) => outer.ports?.some((o) => portCovers(o, p)) ?? false);
}

export function ruleCovers(outer: PolicyRule, inner: PolicyRule): boolean {
  return peersCover(outer, inner) && portsCover(outer, inner);
}

/** `outer` selects at least the pods `inner` selects: same namespace, and each of its requirements is one of `inner`'s. */
export function selectsSuperset(outer: NetworkPolicy, inner: NetworkPolicy): boolean {
  if (outer.namespace !== inner.namespace) return false;
  if (outer.podSelector.requirements.length === 0) return true;
  const keys = requirementsOf(inner.podSelector);
  for (const k of requirementsOf(outer.podSelector)) if (!keys.has(k)) return false;
  return true;
}

export function sameSelection(a: NetworkPolicy, b: NetworkPolicy): boolean {
  return a.namespace === b.namespace && keyOf(a.podSelector) === keyOf(b.podSelector);
}

export const directions: readonly Direction[] = ['ingress', 'egress'];

/** Each effective rule of `b` is covered by one of `a` in the same direction (and `a` isolates the directions `b` does). */
export function policyCovers(a: NetworkPolicy, b: NetworkPolicy): boolean {
  return directions.every(
    (d) =>
      !policyHasType(b, d) ||
      (policyHasType(a, d) && effectiveRules(b, d).every((r) => effectiveRules(a, d).some((q) => ruleCovers(q, r)))),
  );
}

/** Same selection, same directions, and rules that cover each other: the two policies mean the same. */
export function equivalentPolicies(a: NetworkPolicy, b: NetworkPolicy): boolean {
  return (
    sameSelection(a, b) && directions.every((d) => policyHasType(a, d) === policyHasType(b, d)) && policyCovers(a, b) && policyCovers(b, a)
  );
}

/** Why a policy changes nothing: who isolates its directions, whose rules allow what its rules allow. */
export interface Vacuity {
  readonly isolatedBy: readonly NetworkPolicy[];
  readonly rulesBy: readonly NetworkPolicy[];
  /** A policy that means the same (a copy). */
  readonly twin?: NetworkPolicy;
}

/** The valid policies of `candidates` other than `p` that select at least its pods, leaving out those in `removed`. */
export function standIns(
  p: NetworkPolicy,
  candidates: readonly NetworkPolicy[],
  removed: { has(p: NetworkPolicy): boolean },
): NetworkPolicy[] {
  return candidates.filter((q) => q !== p && q.valid && !removed.has(q) && selectsSuperset(q, p));
}

function vacuity(p: NetworkPolicy, others: readonly NetworkPolicy[]): Vacuity | undefined {
  const twin = others.find((q) => equivalentPolicies(q, p));
  if (twin) return { isolatedBy: [twin], rulesBy: [twin], twin };
  const dirs = directions.filter((d) => policyHasType(p, d));
  // A namespace-wide default deny is a baseline kept on purpose, even where other policies isolate too.
  if (dirs.length === 0 || (isEmptySelector(p.podSelector) && dirs.every((d) => effectiveRules(p, d).length === 0))) return undefined;
  const isolatedBy = new Set<NetworkPolicy>();
  const rulesBy = new Set<NetworkPolicy>();
  for (const d of dirs) {
    const isolating = others.filter((q) => policyHasType(q, d));
    if (isolating.length === 0) return undefined;
    const coverers: NetworkPolicy[] = [];
    for (const r of effectiveRules(p, d)) {
      const by = isolating.find((q) => effectiveRules(q, d).some((x) => ruleCovers(x, r)));
      if (!by) return undefined;
      coverers.push(by);
    }
    for (const q of coverers) rulesBy.add(q);
    isolatedBy.add(coverers[0] ?? isolating.find((q) => sameSelection(q, p)) ?? (isolating[0] as NetworkPolicy));
  }
  return { isolatedBy: [...isolatedBy], rulesBy: [...rulesBy] };
}

/**
 * The policies that change nothing, each with its reasons. Decided one by one from the last policy
 * to the first, each against the policies still kept, so that of two copies the later one goes and
 * deleting every policy listed here leaves the connectivity as it is.
 */
const vacuousCache = new WeakMap<readonly NetworkPolicy[], Map<NetworkPolicy, Vacuity>>();

const scopedPools = new WeakMap<RuleContext, readonly NetworkPolicy[]>();

/**
 * The policies that share a namespace with a policy in scope, in model order: what decides whether
 * the policies in scope are vacuous or their rules redundant (policies of other namespaces never do).
 */
export function namespacePool(ctx: RuleContext): readonly NetworkPolicy[] {
  if (ctx.policies === ctx.model.policies) return ctx.model.policies;
  let pool = scopedPools.get(ctx);
  if (!pool) {
    const namespaces = new Set(ctx.policies.map((p) => p.namespace));
    pool = ctx.model.policies.filter((p) => namespaces.has(p.namespace));
    scopedPools.set(ctx, pool);
  }
  return pool;
}

export function vacuousPolicies(policies: readonly NetworkPolicy[]): ReadonlyMap<NetworkPolicy, Vacuity> {
  const hit = vacuousCache.get(policies);
  if (hit) return hit;
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const p of policies) {
    const list = byNamespace.get(p.namespace);
    if (list) list.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  const out = new Map<NetworkPolicy, Vacuity>();
  for (let i = policies.length - 1; i >= 0; i--) {
    const p = policies[i] as NetworkPolicy;
    if (!p.valid) continue;
    const v = vacuity(p, standIns(p, byNamespace.get(p.namespace) ?? [], out));
    if (v) out.set(p, v);
  }
  vacuousCache.set(policies, out);
  return out;
}
