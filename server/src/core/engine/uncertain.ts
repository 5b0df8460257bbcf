/**
 * Uncertain facts: constructs a policy uses that the engine documents only as unsupported (or
 * supported in some versions). The engine keeps the spec's result for them, and everything such a
 * policy decides is marked uncertain on that engine, with the reason and the source it rests on.
 *
 * A direction of a policy is uncertain when its podSelector or one of the rules of that direction uses
 * such a construct; a side of a connection is uncertain when an uncertain direction of a policy
 * isolates it (a cell then is, unless the other, certain side denies it anyway).
 */
import type { Direction, NetworkPolicy, PolicyPeer, PolicyRule } from '../model/networkPolicy';
import { effectiveRules } from '../model/networkPolicy';
import type { LabelSelector } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { featureNames } from './profiles/types';
import type { EngineFeature, EngineProfile } from './profiles/types';

export interface UncertainFeature {
  readonly feature: EngineFeature;
  readonly engine: string;
  readonly policy: NetworkPolicy;
  /** The rule that uses it; undefined for the policy's podSelector. */
  readonly rule?: PolicyRule;
  /** Where it is written. */
  readonly span: Span;
  /** `spec.ingress[0].ports[1]`. */
  readonly path: string;
  /** What is written there: `named port "http"`. */
  readonly detail: string;
  /** `azure-npm-windows does not support named ports`. */
  readonly reason: string;
  readonly source: string;
}

/** "default/api spec.ingress[0].ports[0] (named port "http"): azure-npm-windows does not support named ports". */
export function formatUncertain(u: UncertainFeature): string {
  return `${u.policy.id} ${u.path} (${u.detail}): ${u.reason}`;
}

/** The document a source rests on, without the quotation: its text up to the first ": " or "; ". */
export function sourceRef(source: string): string {
  return source.split(/: |; /)[0] ?? source;
}

/** Unique reasons, each once, in a stable order. */
export function uncertainText(list: readonly UncertainFeature[]): string {
  return [...new Set(list.map(formatUncertain))].sort().join('; ');
}

/** The profile documents every construct as supported: nothing is ever uncertain. */
export function profileIsCertain(profile: EngineProfile): boolean {
  let hit = certainMemo.get(profile);
  if (hit === undefined) certainMemo.set(profile, (hit = Object.values(profile.supports).every((s) => s === 'yes')));
  return hit;
}

const certainMemo = new WeakMap<EngineProfile, boolean>();

function unsupported(profile: EngineProfile, f: EngineFeature): boolean {
  return profile.supports[f] !== 'yes';
}

function reasonOf(profile: EngineProfile, f: EngineFeature): string {
  return profile.supports[f] === 'version-dependent'
    ? `${profile.id} supports ${featureNames[f]} only in some versions`
    : `${profile.id} does not support ${featureNames[f]}`;
}

type Maker = (f: EngineFeature, span: Span, path: string, detail: string, rule?: PolicyRule) => void;

function selectorFeatures(sel: LabelSelector | undefined, path: string, add: Maker, rule?: PolicyRule): void {
  for (const r of sel?.requirements ?? []) {
    if (r.operator === 'NotIn' || r.operator === 'DoesNotExist')
      add('negativeSelectors', r.span, path, `${r.key} ${r.operator}${r.values.length ? ` (${r.values.join(', ')})` : ''}`, rule);
  }
}

function peerFeatures(peer: PolicyPeer, path: string, add: Maker, rule: PolicyRule): void {
  if (peer.kind === 'selector') {
    selectorFeatures(peer.podSelector, `${path}.podSelector`, add, rule);
    selectorFeatures(peer.namespaceSelector, `${path}.namespaceSelector`, add, rule);
    return;
  }
  if (peer.except.length > 0) add('except', peer.span, path, `except ${peer.except.map((e) => e.text).join(', ')}`, rule);
  if (peer.cidr.family === 6) add('ipv6', peer.span, path, `ipBlock ${peer.cidr.text}`, rule);
}

function ruleFeatures(rule: PolicyRule, add: Maker): void {
  const base = `spec.${rule.direction}[${rule.index}]`;
  const peerKey = rule.direction === 'ingress' ? 'from' : 'to';
  rule.peers?.forEach((peer, i) => peerFeatures(peer, `${base}.${peerKey}[${i}]`, add, rule));
  rule.ports?.forEach((p, i) => {
    const path = `${base}.ports[${i}]`;
    if (typeof p.port === 'string') add('namedPorts', p.span, path, `named port "${p.port}"`, rule);
    if (p.protocol === 'SCTP') add('sctp', p.span, path, `protocol SCTP`, rule);
    if (p.endPort !== undefined) add('endPort', p.span, path, `endPort ${p.endPort}`, rule);
  });
}

function collect(policy: NetworkPolicy, profile: EngineProfile, rules: readonly PolicyRule[]): UncertainFeature[] {
  const out: UncertainFeature[] = [];
  const add: Maker = (feature, span, path, detail, rule) => {
    if (!unsupported(profile, feature)) return;
    const reason = reasonOf(profile, feature);
    out.push({
      feature,
      engine: profile.id,
      policy,
      span,
      path,
      detail,
      reason,
      source: profile.sources[feature],
      ...(rule ? { rule } : {}),
    });
  };
  selectorFeatures(policy.podSelector, 'spec.podSelector', add);
  for (const r of rules) ruleFeatures(r, add);
  return out;
}

const memo = new WeakMap<EngineProfile, WeakMap<NetworkPolicy, Record<Direction, readonly UncertainFeature[]>>>();

/** The unsupported constructs of a policy that decide `direction` (podSelector and that direction's counted rules). */
export function directionUncertainty(policy: NetworkPolicy, direction: Direction, profile: EngineProfile): readonly UncertainFeature[] {
  if (profileIsCertain(profile)) return [];
  let perPolicy = memo.get(profile);
  if (!perPolicy) memo.set(profile, (perPolicy = new WeakMap()));
  let hit = perPolicy.get(policy);
  if (!hit) {
    hit = {
      ingress: collect(policy, profile, effectiveRules(policy, 'ingress')),
      egress: collect(policy, profile, effectiveRules(policy, 'egress')),
    };
    perPolicy.set(policy, hit);
  }
  return hit[direction];
}

/** Every unsupported construct of a policy, rules of directions its policyTypes leaves out included (for diagnostics). */
export function policyUncertainty(policy: NetworkPolicy, profile: EngineProfile): readonly UncertainFeature[] {
  return profileIsCertain(profile) ? [] : collect(policy, profile, [...policy.ingress, ...policy.egress]);
}

/** A hostNetwork pod isolated by a policy on an engine that does not police hostNetwork pods as written. */
export function hostNetworkUncertainty(policy: NetworkPolicy, profile: EngineProfile): UncertainFeature | undefined {
  if (!unsupported(profile, 'hostNetworkPods')) return undefined;
  return {
    feature: 'hostNetworkPods',
    engine: profile.id,
    policy,
    span: policy.podSelector.span,
    path: 'spec.podSelector',
    detail: 'selects hostNetwork pods',
    reason: reasonOf(profile, 'hostNetworkPods'),
    source: profile.sources.hostNetworkPods,
  };
}
