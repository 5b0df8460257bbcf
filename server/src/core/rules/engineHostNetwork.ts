/**
 * Rule: engine-host-network
 * A policy selecting `hostNetwork: true` pods: on Cilium (AKS) policies are not applied to them
 * ("these pods use the host identity", azure-cni-powered-by-cilium.md), so they stay unprotected; on
 * Calico standard NetworkPolicy does not police host-networked pods (only HostEndpoints do;
 * LINT-CATALOGUE §3.4). Reported only under such an engine.
 */
import { sourceRef } from '../engine/uncertain';
import type { Finding } from '../findings';
import { matchesSelector } from '../selectors/labelSelector';
import { listSome } from './manifestLookup';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'engine-host-network',
  defaultSeverity: 'warning',
  summary: 'A policy selects hostNetwork pods, which the configured engine does not police as written (Cilium, Calico).',
  check(ctx) {
    const out: Finding[] = [];
    const e = ctx.engine;
    const ignores = !e.policiesApplyToHostNetwork;
    if (!ignores && e.supports.hostNetworkPods === 'yes') return out;
    const hosts = ctx.model.workloads.filter((w) => w.hostNetwork);
    if (hosts.length === 0) return out;
    for (const p of ctx.model.policies) {
      if (!p.valid) continue;
      const hit = hosts.filter((w) => w.namespace === p.namespace && matchesSelector(p.podSelector, w.labels));
      if (hit.length === 0) continue;
      const effect = ignores
        ? `${e.id} does not apply policies to hostNetwork pods (${sourceRef(e.sources.policiesApplyToHostNetwork)}): they stay unprotected`
        : `${e.id} does not police hostNetwork pods with NetworkPolicy (${sourceRef(e.sources.hostNetworkPods)}): what this policy decides for them is uncertain`;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.podSelector.span,
        message: `NetworkPolicy ${p.id} selects hostNetwork pod${hit.length === 1 ? '' : 's'} ${listSome(hit.map((w) => w.id))}; ${effect}`,
      });
    }
    return out;
  },
};
