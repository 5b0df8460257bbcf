/**
 * Policies and workloads grouped by namespace, and each policy's selected workloads computed within
 * its namespace only: rules that relate policies to each other or to workloads stay near-linear on
 * large workspaces. Kept per model and engine, so several rules of one check share it.
 */
import { policySelects } from '../engine/peers';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import type { RuleContext } from './types';

export interface NamespaceIndex {
  policiesIn(namespace: string): readonly NetworkPolicy[];
  workloadsIn(namespace: string): readonly Workload[];
  /** The workloads a policy's podSelector selects (the same answer as `ctx.selectedBy`). */
  selected(policy: NetworkPolicy): readonly Workload[];
}

const cache = new WeakMap<WorkspaceModel, Map<string, NamespaceIndex>>();

function group<T extends { readonly namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.namespace);
    if (list) list.push(x);
    else out.set(x.namespace, [x]);
  }
  return out;
}

const workloadGroups = new WeakMap<readonly Workload[], ReadonlyMap<string, readonly Workload[]>>();

/** Workloads grouped by namespace, kept while the workloads stay the same (edits of policy files). */
export function workloadsByNamespace(workloads: readonly Workload[]): ReadonlyMap<string, readonly Workload[]> {
  let hit = workloadGroups.get(workloads);
  if (!hit) workloadGroups.set(workloads, (hit = group(workloads)));
  return hit;
}

export function namespaceIndex(ctx: RuleContext): NamespaceIndex {
  let perEngine = cache.get(ctx.model);
  if (!perEngine) cache.set(ctx.model, (perEngine = new Map<string, NamespaceIndex>()));
  const hit = perEngine.get(ctx.engine.id);
  if (hit) return hit;
  const policies = group(ctx.model.policies);
  const workloads = workloadsByNamespace(ctx.model.workloads);
  const selected = new Map<NetworkPolicy, readonly Workload[]>();
  const index: NamespaceIndex = {
    policiesIn: (ns) => policies.get(ns) ?? [],
    workloadsIn: (ns) => workloads.get(ns) ?? [],
    selected(p) {
      let s = selected.get(p);
      if (!s) selected.set(p, (s = (workloads.get(p.namespace) ?? []).filter((w) => policySelects(p, w, ctx.engine))));
      return s;
    },
  };
  perEngine.set(ctx.engine.id, index);
  return index;
}
