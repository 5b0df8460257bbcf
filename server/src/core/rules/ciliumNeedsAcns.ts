/**
 * Rule: cilium-needs-acns
 * On AKS (Azure CNI Powered by Cilium), L3/L4 CiliumNetworkPolicies work out of the box, but FQDN
 * filtering (`toFQDNs`) and L7 rules (`rules.http|dns|kafka`) need Advanced Container Networking
 * Services (MicrosoftDocs azure-aks-docs azure-cni-powered-by-cilium.md). netpol-lens does not
 * evaluate them either. Cilium engine only.
 */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'cilium-needs-acns',
  defaultSeverity: 'warning',
  summary:
    'toFQDNs and L7 rules (http, dns, kafka) of a Cilium policy need Advanced Container Networking Services on AKS, and are not evaluated.',
  check(ctx) {
    if (ctx.engine.crdKinds !== 'cilium') return [];
    const out: Finding[] = [];
    for (const p of ctx.model.ciliumPolicies) {
      for (const s of p.specs) {
        for (const r of [...s.ingress, ...s.egress]) {
          const l7 = [...new Set((r.toPorts ?? []).flatMap((t) => t.l7))];
          const what = [...(r.fqdns ? ['toFQDNs'] : []), ...(l7.length ? [`L7 rules (${l7.join(', ')})`] : [])];
          if (!what.length) continue;
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: r.span,
            message: `${what.join(' and ')} in ${p.kind} ${p.id}: on AKS they need Advanced Container Networking Services (without it they are not enforced as written); netpol-lens does not evaluate them`,
          });
        }
      }
    }
    return out;
  },
};
