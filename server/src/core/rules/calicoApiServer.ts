/**
 * Rule: calico-api-server
 * `projectcalico.org/v3` is served by the Calico API server, which AKS's managed Calico does not
 * install: `kubectl apply` answers "no matches for kind" (Azure/AKS #4038). One note per file, on the
 * first such object. Calico engine only.
 */
import type { Finding } from '../findings';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'calico-api-server',
  defaultSeverity: 'info',
  summary: 'projectcalico.org/v3 resources need the Calico API server, which AKS does not install with --network-policy calico.',
  check(ctx) {
    if (ctx.engine.crdKinds !== 'calico') return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const o of ctx.model.engineObjects) {
      if (!o.apiVersion.startsWith('projectcalico.org/') || seen.has(o.file)) continue;
      seen.add(o.file);
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: o.file,
        span: o.apiVersionSpan,
        message: `${o.apiVersion} is served by the Calico API server; AKS installs Calico without it, so kubectl answers "no matches for kind ${o.kind}" there (Azure/AKS #4038): install the Calico API server, or use calicoctl`,
      });
    }
    return out;
  },
};
