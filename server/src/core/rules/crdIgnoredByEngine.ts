/**
 * Rule: crd-ignored-by-engine
 * Calico's and Cilium's own policy kinds only take effect where that plugin enforces policy. Under
 * another engine they count for nothing, so the manifest says one thing and the analysis another:
 * one finding per policy, on its apiVersion, names the engine that would count it.
 */
import type { Finding } from '../findings';
import type { Rule } from './types';

const policyKinds = ['NetworkPolicy', 'GlobalNetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

export const rule: Rule = {
  id: 'crd-ignored-by-engine',
  defaultSeverity: 'warning',
  summary: "A Calico or Cilium policy kind under an engine that does not enforce it: it is not counted (choose that plugin's engine).",
  check(ctx) {
    const mine = ctx.engine.crdKinds;
    const out: Finding[] = [];
    for (const o of ctx.model.engineObjects) {
      if (o.engine === mine || !policyKinds.includes(o.kind)) continue;
      const plugin = o.engine === 'calico' ? 'Calico' : 'Cilium';
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: o.file,
        span: o.apiVersionSpan,
        message: `${o.apiVersion} ${o.kind} is a ${plugin} policy: the ${ctx.engine.id} engine ignores it, so it is not counted (use --engine ${o.engine} / netpol.engine "${o.engine}" if ${plugin} enforces policy in this cluster)`,
      });
    }
    return out;
  },
};
