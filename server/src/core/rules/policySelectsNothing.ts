/**
 * Rule: policy-selects-nothing
 * A `spec.podSelector` that matches no workload of the workspace protects nothing: usually a typo in
 * a label, a label that lives on the Deployment instead of its pod template, or the wrong namespace
 * (kube-linter's dangling-networkpolicy). Empty selectors `{}` are left alone, and so is a workspace
 * without any workload (a folder of policies kept apart from the apps), as peer-matches-nothing does.
 */
import type { Finding } from '../findings';
import { formatSelector, isEmptySelector } from '../selectors/labelSelector';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'policy-selects-nothing',
  defaultSeverity: 'warning',
  summary: 'spec.podSelector matches no workload in the workspace, so the policy protects nothing.',
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.model.workloads.length === 0) return out;
    for (const p of ctx.policies) {
      if (!p.valid || isEmptySelector(p.podSelector) || ctx.selectedBy(p).length > 0) continue;
      const inNs = ctx.model.workloads.filter((w) => w.namespace === p.namespace).length;
      const why =
        inNs === 0
          ? `no workload of the workspace is in namespace "${p.namespace}"`
          : `none of the ${inNs} workloads of namespace "${p.namespace}" has these labels`;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.podSelector.span,
        message: `NetworkPolicy ${p.id} selects no workload (podSelector ${formatSelector(p.podSelector)}): ${why}`,
      });
    }
    return out;
  },
};
