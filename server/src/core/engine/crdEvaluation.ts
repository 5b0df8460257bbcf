/**
 * The engines' own policy kinds in connectivity: the per-pair evaluator used by explanations, and
 * what the matrix needs to use it (the label keys, port names and address blocks those policies
 * read, so that equivalence classes and address ranges split where they tell workloads apart).
 * Only under the engine the kinds belong to (the profile's `crdKinds`); other engines ignore them.
 */
import type { CalicoEntity, CalicoPolicy } from '../model/calicoPolicy';
import type { CiliumPolicy, CiliumRuleSpec } from '../model/ciliumPolicy';
import type { Cidr } from '../model/cidr';
import type { IpBlockPeer } from '../model/networkPolicy';
import type { Direction } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { calicoSelectorKeys } from '../selectors/calicoSelector';
import { selectorKeys } from '../selectors/labelSelector';
import { CalicoEvaluator } from './calicoEvaluation';
import { CiliumEvaluator, ciliumNamespaceKey } from './ciliumEvaluation';
import { hasCountedCrds } from './crdCommon';
import type { Endpoint, EngineSide } from './crdCommon';
import type { EngineProfile } from './profiles/types';

export interface EngineEvaluator {
  /** An engine policy of its own kind touches this pod's side (NetworkPolicy semantics do not suffice). */
  affects(w: Workload, direction: Direction): boolean;
  side(direction: Direction, subject: Workload, other: Endpoint): EngineSide;
}

/** The evaluator of the engine's own kinds, when the workspace has some that count under `engine`. */
export function engineEvaluator(model: WorkspaceModel, engine: EngineProfile): EngineEvaluator | undefined {
  if (!hasCountedCrds(model, engine)) return undefined;
  return engine.crdKinds === 'calico' ? new CalicoEvaluator(model, engine) : new CiliumEvaluator(model, engine);
}

/**
 * The engine's own policies that are rejected (`valid: false`) but would select a pod in a direction:
 * they take no part in connectivity, and explanations list them as not counted. Undefined when the
 * workspace has none of the engine's kinds rejected.
 */
export function rejectedEnginePolicies(
  model: WorkspaceModel,
  engine: EngineProfile,
): ((w: Workload, direction: Direction) => readonly (CalicoPolicy | CiliumPolicy)[]) | undefined {
  const kinds = engine.crdKinds;
  if (kinds === 'calico') {
    const rejected = model.calicoPolicies.filter((p) => !p.valid);
    if (rejected.length === 0) return undefined;
    const ev = new CalicoEvaluator(model, engine);
    return (w, direction) => rejected.filter((p) => ev.calicoApplies(p, w, direction));
  }
  if (kinds === 'cilium') {
    const rejected = model.ciliumPolicies.filter((p) => !p.valid);
    if (rejected.length === 0) return undefined;
    const ev = new CiliumEvaluator(model, engine);
    // A spec with no section at all (rejected for that) is listed on both sides.
    const concerns = (s: CiliumRuleSpec, d: Direction): boolean => s.sections[d] || (!s.sections.ingress && !s.sections.egress);
    return (w, direction) => rejected.filter((p) => p.specs.some((s) => concerns(s, direction) && ev.specSelects(p, s, w)));
  }
  return undefined;
}

/** What classes and address ranges must split on for the engine's own policies. */
export interface EngineMatrixNeeds {
  readonly labelKeys: readonly string[];
  readonly portNames: readonly string[];
  readonly ingressBlocks: readonly IpBlockPeer[];
  readonly egressBlocks: readonly IpBlockPeer[];
  /** The engine's CIDR matches also hold for pod addresses (Calico `nets`), so classes split on address ranges. */
  readonly cidrsMatchPods: boolean;
}

const block = (cidr: Cidr, except: readonly Cidr[] = []): IpBlockPeer => ({ kind: 'ipBlock', cidr, except, span: { start: 0, end: 0 } });

export function engineMatrixNeeds(model: WorkspaceModel, engine: EngineProfile): EngineMatrixNeeds | undefined {
  if (!hasCountedCrds(model, engine)) return undefined;
  const keys = new Set<string>();
  const names = new Set<string>();
  const blocks: Record<Direction, IpBlockPeer[]> = { ingress: [], egress: [] };
  if (engine.crdKinds === 'calico') {
    const entity = (e: CalicoEntity, direction: Direction): void => {
      for (const s of [e.selector, e.notSelector]) if (s?.expr) for (const k of calicoSelectorKeys(s.expr)) keys.add(k);
      for (const p of [...(e.ports ?? []), ...(e.notPorts ?? [])]) if (p.kind === 'named') names.add(p.name);
      for (const c of [...(e.nets ?? []), ...(e.notNets ?? [])]) blocks[direction].push(block(c));
    };
    for (const p of model.calicoPolicies) {
      if (!p.valid) continue;
      if (p.selector.expr) for (const k of calicoSelectorKeys(p.selector.expr)) keys.add(k);
      for (const r of [...p.ingress, ...p.egress]) {
        entity(r.source, r.direction);
        entity(r.destination, r.direction);
      }
    }
    return {
      labelKeys: [...keys],
      portNames: [...names],
      ingressBlocks: blocks.ingress,
      egressBlocks: blocks.egress,
      cidrsMatchPods: true,
    };
  }
  for (const p of model.ciliumPolicies) {
    if (!p.valid) continue;
    for (const s of p.specs) {
      if (s.endpointSelector) for (const k of selectorKeys(s.endpointSelector)) keys.add(k);
      for (const r of [...s.ingress, ...s.egress, ...s.ingressDeny, ...s.egressDeny]) {
        for (const sel of r.endpoints ?? []) for (const k of selectorKeys(sel)) keys.add(k);
        for (const c of r.cidrs ?? []) blocks[r.direction].push(block(c.cidr, c.except));
        for (const pr of r.toPorts ?? []) for (const port of pr.ports ?? []) if (typeof port.port === 'string') names.add(port.port);
      }
    }
  }
  // Namespace keys are per namespace, and classes never span namespaces.
  const podKeys = [...keys].filter((k) => k !== ciliumNamespaceKey && !k.startsWith('io.cilium.k8s.namespace.labels.'));
  return { labelKeys: podKeys, portNames: [...names], ingressBlocks: blocks.ingress, egressBlocks: blocks.egress, cidrsMatchPods: false };
}
