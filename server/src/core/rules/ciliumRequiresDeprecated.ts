/**
 * Rule: cilium-requires-deprecated
 * `fromRequires`/`toRequires` are deprecated as of Cilium 1.17 and removed in 1.19 (cilium
 * Documentation/security/policy/language.rst, "Additional Label Requirements"): a policy relying on
 * them loses that restriction on upgrade. Cilium engine only.
 */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'cilium-requires-deprecated',
  defaultSeverity: 'warning',
  summary: 'fromRequires/toRequires are deprecated in Cilium 1.17 and removed in 1.19.',
  check(ctx) {
    if (ctx.engine.crdKinds !== 'cilium') return [];
    const out: Finding[] = [];
    for (const p of ctx.model.ciliumPolicies) {
      for (const s of p.specs) {
        for (const r of [...s.ingress, ...s.egress, ...s.ingressDeny, ...s.egressDeny]) {
          if (!r.requires) continue;
          const key = r.direction === 'ingress' ? 'fromRequires' : 'toRequires';
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: r.span,
            message: `${key} in ${p.kind} ${p.id} is deprecated since Cilium 1.17 and removed in 1.19: the requirement disappears on upgrade (and netpol-lens does not evaluate it); write the requirement into each rule's selectors or use a deny rule`,
          });
        }
      }
    }
    return out;
  },
};
