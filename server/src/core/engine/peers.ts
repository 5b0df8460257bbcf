/**
 * The NetworkPolicy semantics at their smallest: does a policy select a pod, does a peer match a
 * pod or an address range, which ports does a rule open towards a destination. The matrix engine and
 * the explanation both build on these, so the semantics live in one place.
 */
import type { Namespace } from '../model/namespace';
import type { IpBlockPeer, NetworkPolicy, PolicyPeer, PolicyRule, SelectorPeer } from '../model/networkPolicy';
import type { ContainerPort } from '../model/workload';
import { matchesSelector } from '../selectors/labelSelector';
import type { Labels } from '../selectors/labelSelector';
import { ipBlockContainsIp, ipBlockContainsRange } from './addressSpace';
import type { ExternalRange } from './addressSpace';
import { allPortSet, emptyPortSet, portRangeSet, protocolSet, unionPorts } from './portSet';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';

/** What a peer or selector needs to know about a pod. */
export interface PodView {
  readonly namespace: string;
  readonly labels: Labels;
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
}

export type NamespaceLabels = (namespace: string) => Labels;

export function namespaceLabelLookup(namespaces: ReadonlyMap<string, Namespace>): NamespaceLabels {
  const none: Labels = new Map();
  return (ns) => namespaces.get(ns)?.labels ?? none;
}

export function policySelects(policy: NetworkPolicy, pod: PodView, profile: EngineProfile): boolean {
  if (pod.hostNetwork && !profile.policiesApplyToHostNetwork) return false;
  return pod.namespace === policy.namespace && matchesSelector(policy.podSelector, pod.labels);
}

export function peerMatchesPod(
  peer: PolicyPeer,
  policyNamespace: string,
  pod: PodView,
  nsLabels: NamespaceLabels,
  profile: EngineProfile,
): boolean {
  if (peer.kind === 'ipBlock') {
    return ipBlockSeesPod(profile, pod.hostNetwork) && pod.ips.some((ip) => ipBlockContainsIp(peer, ip));
  }
  return selectorPeerNamespaceMatches(peer, policyNamespace, pod.namespace, nsLabels) && selectorPeerPodMatches(peer, pod.labels);
}

/**
 * Whether the engine lets an ipBlock match a pod's addresses at all: a hostNetwork pod has its node's
 * address (`ipBlockMatchesNodes`), any other pod its own (`ipBlockMatchesPods`).
 */
export function ipBlockSeesPod(profile: EngineProfile, hostNetwork: boolean): boolean {
  return hostNetwork ? profile.ipBlockMatchesNodes : profile.ipBlockMatchesPods;
}

/** The namespace half of a selector peer: `namespaceSelector`, or else the policy's own namespace. */
export function selectorPeerNamespaceMatches(
  peer: SelectorPeer,
  policyNamespace: string,
  podNamespace: string,
  nsLabels: NamespaceLabels,
): boolean {
  return peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels(podNamespace)) : podNamespace === policyNamespace;
}

/** The pod half of a selector peer: `podSelector`, or every pod when there is none. */
export function selectorPeerPodMatches(peer: SelectorPeer, labels: Labels): boolean {
  return !peer.podSelector || matchesSelector(peer.podSelector, labels);
}

/**
 * An ipBlock peer against a pod known by the address ranges its IPs fall in (ranges cut over every
 * ipBlock, so each is held whole or not at all): the same answer as `peerMatchesPod`, without parsing IPs.
 */
export function ipBlockMatchesPodRanges(
  peer: IpBlockPeer,
  ranges: readonly ExternalRange[],
  hostNetwork: boolean,
  profile: EngineProfile,
): boolean {
  return ipBlockSeesPod(profile, hostNetwork) && ranges.some((r) => ipBlockContainsRange(peer, r));
}

export function peerMatchesExternal(peer: PolicyPeer, range: ExternalRange): boolean {
  return peer.kind === 'ipBlock' && ipBlockContainsRange(peer, range);
}

/** The peers of a rule that match (a rule without peers matches everyone: returns `'all'`). */
export function ruleMatchesPod(
  rule: PolicyRule,
  policyNamespace: string,
  pod: PodView,
  nsLabels: NamespaceLabels,
  profile: EngineProfile,
): PolicyPeer | 'all' | undefined {
  if (!rule.peers) return 'all';
  return rule.peers.find((p) => peerMatchesPod(p, policyNamespace, pod, nsLabels, profile));
}

export function ruleMatchesExternal(rule: PolicyRule, range: ExternalRange): PolicyPeer | 'all' | undefined {
  if (!rule.peers) return 'all';
  return rule.peers.find((p) => peerMatchesExternal(p, range));
}

/**
 * The ports a rule opens towards a destination. Named ports resolve on the destination's container
 * ports by name and protocol; towards an address outside the cluster (`dstPorts` undefined) they match nothing.
 */
export function rulePorts(rule: PolicyRule, dstPorts: readonly ContainerPort[] | undefined): PortSet {
  if (!rule.ports) return allPortSet;
  let out = emptyPortSet;
  for (const p of rule.ports) {
    if (p.port === undefined) out = unionPorts(out, protocolSet(p.protocol));
    else if (typeof p.port === 'number') out = unionPorts(out, portRangeSet(p.protocol, p.port, p.endPort ?? p.port));
    else {
      for (const cp of dstPorts ?? []) {
        if (cp.name === p.port && cp.protocol === p.protocol) out = unionPorts(out, portRangeSet(p.protocol, cp.port, cp.port));
      }
    }
  }
  return out;
}

export function ruleUsesNamedPorts(rule: PolicyRule): boolean {
  return rule.ports?.some((p) => typeof p.port === 'string') ?? false;
}
