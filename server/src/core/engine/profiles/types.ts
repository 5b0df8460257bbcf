/**
 * An engine profile: named semantic switches and support flags (data, not a subclass). The generic
 * profile follows the upstream conformance tests; the others record where a network plugin differs.
 * Every switch names the source it rests on (`sources`), so docs/engines.md can list them all.
 */

import type { CrdEngine } from '../../model/crdCommon';

/** Switches that change the computed result. */
export type SemanticSwitch = 'ipBlockMatchesPods' | 'ipBlockMatchesNodes' | 'policiesApplyToHostNetwork';

export const semanticSwitches: readonly SemanticSwitch[] = ['ipBlockMatchesPods', 'ipBlockMatchesNodes', 'policiesApplyToHostNetwork'];

/**
 * Constructs an engine may not implement. Where a profile says `no` or `version-dependent`, the
 * spec's result is kept and every cell a policy using it decides is marked uncertain on that engine.
 */
export type EngineFeature = 'namedPorts' | 'sctp' | 'except' | 'negativeSelectors' | 'endPort' | 'ipv6' | 'hostNetworkPods';

export const engineFeatures: readonly EngineFeature[] = [
  'namedPorts',
  'sctp',
  'except',
  'negativeSelectors',
  'endPort',
  'ipv6',
  'hostNetworkPods',
];

export type Support = 'yes' | 'no' | 'version-dependent';

/** The end of the vendor's support for an engine, as a source states it. */
export interface Retirement {
  /** ISO date (YYYY-MM-DD). */
  readonly date: string;
  readonly source: string;
}

export interface EngineProfile {
  /** Kebab-case id, the value of `--engine` and `netpol.engine`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** `ipBlock` also matches the addresses of ordinary pods (`status.podIP`). Upstream conformance expects it. */
  readonly ipBlockMatchesPods: boolean;
  /** `ipBlock` also matches node addresses, i.e. the addresses of `hostNetwork: true` pods. */
  readonly ipBlockMatchesNodes: boolean;
  /** NetworkPolicies apply to (isolate) pods with `hostNetwork: true`. */
  readonly policiesApplyToHostNetwork: boolean;
  /**
   * The plugin whose own policy kinds count under this profile (Calico's NetworkPolicy /
   * GlobalNetworkPolicy, Cilium's CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy); undefined when
   * none do, and then such objects are reported as ignored (`crd-ignored-by-engine`).
   */
  readonly crdKinds: CrdEngine | undefined;
  readonly supports: Readonly<Record<EngineFeature, Support>>;
  /** Dates the vendor ends support (several when sources conflict); empty when none is known. */
  readonly retirement: readonly Retirement[];
  /** The source of every switch and support flag: a URL, a document and section, or an issue. */
  readonly sources: Readonly<Record<SemanticSwitch | EngineFeature, string>>;
}

/** What an unsupported feature means, for messages: "named ports", "SCTP", … */
export const featureNames: Readonly<Record<EngineFeature, string>> = {
  namedPorts: 'named ports',
  sctp: 'SCTP',
  except: 'ipBlock except',
  negativeSelectors: 'negative selectors (NotIn / DoesNotExist)',
  endPort: 'endPort port ranges',
  ipv6: 'IPv6 addresses',
  hostNetworkPods: 'NetworkPolicy on hostNetwork pods',
};

/** A phrase for a semantic switch's value: "ipBlock does not match pod addresses". */
export function describeSwitch(s: SemanticSwitch, value: boolean): string {
  switch (s) {
    case 'ipBlockMatchesPods':
      return value ? 'ipBlock matches pod addresses' : 'ipBlock does not match pod addresses';
    case 'ipBlockMatchesNodes':
      return value ? 'ipBlock matches node (hostNetwork pod) addresses' : 'ipBlock does not match node (hostNetwork pod) addresses';
    case 'policiesApplyToHostNetwork':
      return value ? 'policies apply to hostNetwork pods' : 'policies do not apply to hostNetwork pods';
  }
}
