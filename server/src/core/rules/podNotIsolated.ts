/**
 * Rule: pod-not-isolated
 * A workload that no valid policy selects for a direction accepts (or opens) every connection in that
 * direction (kube-linter non-isolated-pod; NCA allCaptured). Only likely oversights are reported, to
 * avoid flooding: a direction is checked in a namespace only when most of its workloads are isolated
 * in that direction (the namespace's convention is isolation and this workload breaks it; a namespace
 * or direction mostly left open is a choice, and a workspace without NetworkPolicies gets nothing), and
 * only for workloads no rule names with a podSelector (a web front that the db policy admits was seen
 * by the author and left open on purpose). One finding per workload, at its first manifest's name.
 */
import { engineEvaluator } from '../engine/crdEvaluation';
import type { Finding, RelatedLocation } from '../findings';
import type { Direction, NetworkPolicy, SelectorPeer } from '../model/networkPolicy';
import type { Workload } from '../model/workload';
import { isEmptySelector } from '../selectors/labelSelector';
import { listSome, nameLocation, workloadLocation } from './manifestLookup';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'pod-not-isolated',
  defaultSeverity: 'info',
  summary:
    'A workload is selected by no NetworkPolicy for a direction in which most workloads of its namespace are isolated, so all traffic in that direction is allowed.',
  check(ctx) {
    const out: Finding[] = [];
    const byNamespace = new Map<string, Record<Direction, NetworkPolicy[]>>();
    for (const p of ctx.model.policies) {
      if (!p.valid) continue;
      let entry = byNamespace.get(p.namespace);
      if (!entry) {
        entry = { ingress: [], egress: [] };
        byNamespace.set(p.namespace, entry);
      }
      if (p.types.ingress) entry.ingress.push(p);
      if (p.types.egress) entry.egress.push(p);
    }
    if (byNamespace.size === 0) return out;
    const selected = new Map<NetworkPolicy, ReadonlySet<Workload>>();
    const selects = (p: NetworkPolicy, w: Workload): boolean => {
      let set = selected.get(p);
      if (!set) {
        set = new Set(ctx.selectedBy(p));
        selected.set(p, set);
      }
      return set.has(w);
    };
    // No policy can isolate a hostNetwork pod when the engine leaves them alone: nothing to fix.
    const candidates = ctx.workloads.filter(
      (w) => byNamespace.has(w.namespace) && !(w.hostNetwork && !ctx.engine.policiesApplyToHostNetwork),
    );
    if (candidates.length === 0) return out;
    // Workloads some rule names with a podSelector: the author knows them.
    const namingPeers: { policy: NetworkPolicy; peer: SelectorPeer }[] = [];
    for (const p of ctx.model.policies) {
      if (!p.valid) continue;
      for (const r of [...p.ingress, ...p.egress]) {
        for (const peer of r.peers ?? []) {
          if (peer.kind === 'selector' && peer.podSelector && !isEmptySelector(peer.podSelector)) namingPeers.push({ policy: p, peer });
        }
      }
    }
    const mentioned = (w: Workload): boolean => namingPeers.some(({ policy, peer }) => ctx.peerMatchesWorkload(policy, peer, w));
    const all = ctx.model.workloads.filter((w) => !(w.hostNetwork && !ctx.engine.policiesApplyToHostNetwork));
    // A side the engine's own kinds (CiliumNetworkPolicy, Calico) decide is policed, whatever the NetworkPolicies say.
    const engineSides = engineEvaluator(ctx.model, ctx.engine);
    const isolated = (w: Workload, d: Direction): boolean =>
      (byNamespace.get(w.namespace)?.[d].some((p) => selects(p, w)) ?? false) || (engineSides?.affects(w, d) ?? false);
    // Per namespace and direction: is isolation the rule (more than half of the workloads)?
    const convention = new Map<string, boolean>();
    for (const ns of new Set(candidates.map((w) => w.namespace))) {
      const inNs = all.filter((w) => w.namespace === ns);
      for (const d of ['ingress', 'egress'] as const)
        convention.set(`${ns}/${d}`, inNs.filter((w) => isolated(w, d)).length * 2 > inNs.length);
    }
    for (const w of candidates) {
      const here = byNamespace.get(w.namespace);
      if (!here) continue;
      const open = (['ingress', 'egress'] as const).filter((d) => convention.get(`${w.namespace}/${d}`) === true && !isolated(w, d));
      if (open.length === 0 || mentioned(w)) continue;
      const at = workloadLocation(ctx, w);
      if (!at) continue;
      const others = [...new Set(open.flatMap((d) => here[d]))];
      const effect =
        open.length === 2
          ? 'every pod and address may connect to it, and it may connect anywhere'
          : open[0] === 'ingress'
            ? 'every pod and address may connect to it'
            : 'it may connect anywhere';
      const related: RelatedLocation[] = others.slice(0, 3).map((p) => ({
        ...nameLocation(ctx, { file: p.file, span: p.span }),
        message: `NetworkPolicy ${p.id} isolates other pods of namespace "${w.namespace}"`,
      }));
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: at.file,
        span: at.span,
        message: `Workload ${w.id} is selected by no NetworkPolicy for ${open.join(' or ')}, so ${effect}, while the policies of namespace "${w.namespace}" (${listSome(others.map((p) => p.id))}) isolate most of its workloads; no rule names it, so it was likely forgotten`,
        related,
      });
    }
    return out;
  },
};
