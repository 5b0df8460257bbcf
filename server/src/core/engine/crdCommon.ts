/**
 * What the evaluators of the engines' own kinds share: whether any count under an engine (the
 * profile's `crdKinds`), the other end of a connection, and the steps an explanation lists.
 */
import type { Cidr } from '../model/cidr';
import { parseIp } from '../model/cidr';
import type { EngineObject } from '../model/crdCommon';
import type { Direction } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import type { Span } from '../text/span';
import type { ExternalRange } from './addressSpace';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';

const policyKinds: readonly string[] = ['NetworkPolicy', 'GlobalNetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

/** Policies of an engine's own kinds that `engine` does not enforce: they count for nothing under it. */
export function ignoredByEngine(model: WorkspaceModel, engine: EngineProfile): EngineObject[] {
  return model.engineObjects.filter((o) => o.engine !== engine.crdKinds && policyKinds.includes(o.kind));
}

/** The engine-specific policies that take part under `engine` (valid ones of its own kinds). */
export function hasCountedCrds(model: WorkspaceModel, engine: EngineProfile): boolean {
  const kinds = engine.crdKinds;
  if (kinds === 'calico') return model.calicoPolicies.some((p) => p.valid);
  if (kinds === 'cilium') return model.ciliumPolicies.some((p) => p.valid);
  return false;
}

/** The other end of a connection, as the evaluators see it. */
export type Endpoint =
  { readonly kind: 'workload'; readonly workload: Workload } | { readonly kind: 'external'; readonly range: ExternalRange };

/** One thing an engine's evaluation did for a pair, in the order it did it. */
export interface EngineStep {
  /** The policy kind: a Calico or Cilium kind, or `NetworkPolicy`. */
  readonly kind: string;
  readonly policyId: string;
  readonly file: string;
  /** The rule (or the policy when the step is about the policy). */
  readonly span: Span;
  /** `ingress[0]`, `specs[1].egressDeny[0]`, … */
  readonly where: string;
  readonly action: 'Allow' | 'Deny' | 'Pass' | 'Log' | 'NotEvaluated';
  /** The ports this step decided for the pair (empty when NotEvaluated). */
  readonly ports: PortSet;
  readonly note?: string;
}

export interface EngineSide {
  readonly direction: Direction;
  /** Some policy restricts this side (otherwise everything is allowed, minus denies). */
  readonly enforced: boolean;
  readonly steps: readonly EngineStep[];
  readonly allowed: PortSet;
  /** How the side ended when no rule decided the rest (Calico: the tier's default; Cilium: default deny). */
  readonly conclusion: string;
}

/** Does an endpoint hold an address in the block? Pods by their known IPs, ranges by their first address (ranges are cut over every block). */
export function endpointInCidr(ep: Endpoint, cidr: Cidr, except: readonly Cidr[] = []): boolean {
  const inside = (family: number, v: bigint): boolean =>
    cidr.family === family && v >= cidr.lo && v <= cidr.hi && !except.some((e) => e.family === family && v >= e.lo && v <= e.hi);
  if (ep.kind === 'external') return inside(ep.range.family, ep.range.lo);
  return ep.workload.ips.some((t) => {
    const ip = parseIp(t);
    return ip !== undefined && inside(ip.family, ip.value);
  });
}
