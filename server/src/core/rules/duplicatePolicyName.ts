/**
 * Rule: duplicate-policy-name
 * Two NetworkPolicies with the same namespace and name are one object to the API server: applying
 * both, the later silently replaces the earlier, so only one of them is ever in force (cyclonus
 * CheckSourceDuplicatePolicyName). Reported on each later definition (kubectl applies files in name
 * order, documents in order), with the earlier one as related location.
 */
import type { Finding } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'duplicate-policy-name',
  defaultSeverity: 'warning',
  summary: 'Two NetworkPolicies share a namespace and name: applying both, the later one replaces the earlier.',
  check(ctx) {
    const out: Finding[] = [];
    const first = new Map<string, NetworkPolicy>();
    // Policies are sorted by id, then file, then position: the order kubectl applies them in.
    for (const p of ctx.model.policies) {
      if (!p.valid || !p.name) continue;
      const earlier = first.get(p.id);
      if (!earlier) {
        first.set(p.id, p);
        continue;
      }
      if (!ctx.inScope(p.file)) continue;
      const where = earlier.file === p.file ? 'earlier in this file' : `in ${earlier.file}`;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.nameSpan,
        message: `NetworkPolicy ${p.id} is already defined ${where}: they are one object to the API server, so applying both, this one replaces the other and only one of them takes effect; rename one or merge their rules`,
        related: [{ file: earlier.file, span: earlier.nameSpan, message: `the other NetworkPolicy ${p.id}` }],
      });
    }
    return out;
  },
};
