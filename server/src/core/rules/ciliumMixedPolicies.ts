/**
 * Rule: cilium-mixed-policies
 * Cilium's docs advise caution when a pod is selected by both a NetworkPolicy and a
 * CiliumNetworkPolicy: "may lead to unintended policy allow behavior" (cilium
 * Documentation/network/kubernetes/policy.rst). Allows of both kinds add up, so a narrow policy of one
 * kind is widened by the other. One note per Cilium policy spec, naming a NetworkPolicy. Cilium only.
 */
import { CiliumEvaluator } from '../engine/ciliumEvaluation';
import { policySelects } from '../engine/peers';
import type { Finding } from '../findings';
import { isEffective } from '../model/networkPolicy';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'cilium-mixed-policies',
  defaultSeverity: 'info',
  summary:
    'A pod selected by both a NetworkPolicy and a Cilium policy: their allows add up, which Cilium warns may allow more than intended.',
  check(ctx) {
    if (ctx.engine.crdKinds !== 'cilium' || ctx.model.ciliumPolicies.length === 0) return [];
    const ev = new CiliumEvaluator(ctx.model, ctx.engine);
    const nps = ctx.model.policies.filter(isEffective);
    const out: Finding[] = [];
    for (const p of ctx.model.ciliumPolicies) {
      if (!p.valid) continue;
      for (const s of p.specs) {
        const hit = ctx.model.workloads
          .filter((w) => ev.specSelects(p, s, w))
          .map((w) => ({ w, np: nps.find((np) => policySelects(np, w, ctx.engine)) }))
          .find((x) => x.np);
        if (!hit?.np) continue;
        out.push({
          code: this.id,
          severity: this.defaultSeverity,
          file: p.file,
          span: s.endpointSelector?.span ?? s.span,
          message: `${p.kind} ${p.id} and NetworkPolicy ${hit.np.id} both select ${hit.w.id}: their allows add up ("caution … may lead to unintended policy allow behavior", Cilium docs); keep one kind per pod where you can`,
          related: [{ file: hit.np.file, span: hit.np.span, message: `NetworkPolicy ${hit.np.id}` }],
        });
      }
    }
    return out;
  },
};
