/**
 * Rule: calico-internal-api
 * `crd.projectcalico.org/v1` is the storage Calico keeps behind its API: "Don't touch
 * crd.projectcalico.org/v1 resources" (projectcalico/calico #6412, quoted in Azure/AKS #4038). On AKS
 * users reach for it after `projectcalico.org/v3` fails with "no matches for kind"; writes to it skip
 * Calico's validation and defaulting. Calico engine only.
 */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'calico-internal-api',
  defaultSeverity: 'warning',
  summary: "A crd.projectcalico.org/v1 resource: Calico's internal storage API, not supported for direct use; write projectcalico.org/v3.",
  check(ctx) {
    if (ctx.engine.crdKinds !== 'calico') return [];
    const out: Finding[] = [];
    for (const o of ctx.model.engineObjects) {
      if (!o.apiVersion.startsWith('crd.projectcalico.org/')) continue;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: o.file,
        span: o.apiVersionSpan,
        message: `${o.kind} uses ${o.apiVersion}, Calico's internal storage API ("Don't touch crd.projectcalico.org/v1 resources", projectcalico/calico #6412): it bypasses Calico's validation; write projectcalico.org/v3 through the Calico API server instead`,
      });
    }
    return out;
  },
};
