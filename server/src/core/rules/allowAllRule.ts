/**
 * Rule: allow-all-rule
 * `ingress: [{}]` (a rule with no peers and no ports) allows everything in that direction to the
 * selected pods, whatever other policies say; `from: [{podSelector: {}}]` looks alike but matches
 * only the pods of the policy's own namespace. The two `{}` are easily confused (cilium blog
 * mistake 5; cilium/networkpolicy tutorials/empty-selectors.md; LINT-CATALOGUE §4 #6 and #18).
 */
import type { Finding } from '../findings';
import { policyHasType } from '../model/networkPolicy';
import { isEmptySelector } from '../selectors/labelSelector';
import type { Rule } from './types';

function count(n: number): string {
  return n === 1 ? '1 workload' : `${n} workloads`;
}

export const rule: Rule = {
  id: 'allow-all-rule',
  defaultSeverity: 'info',
  summary:
    'A rule with no peers and no ports allows everything in its direction; a peer `podSelector: {}` allows only the pods of the policy namespace.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      for (const r of [...p.ingress, ...p.egress]) {
        if (!policyHasType(p, r.direction)) continue;
        const key = r.direction === 'ingress' ? 'from' : 'to';
        const way = r.direction === 'ingress' ? 'from' : 'to';
        if (!r.peers && !r.ports) {
          const n = ctx.selectedBy(p).length;
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: r.span,
            message:
              `NetworkPolicy ${p.id}: ${r.direction} rule ${r.index + 1} has no \`${key}\` and no \`ports\`, so it allows all ${r.direction} ` +
              `${way} any pod or address on every port for the ${count(n)} it selects: no other policy can narrow that`,
          });
          continue;
        }
        for (const peer of r.peers ?? []) {
          if (peer.kind !== 'selector' || peer.namespaceSelector || !peer.podSelector || !isEmptySelector(peer.podSelector)) continue;
          const n = ctx.peerMatches(p, peer).length;
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: peer.span,
            message:
              `NetworkPolicy ${p.id}: \`podSelector: {}\` in \`${key}\` matches every pod of namespace "${p.namespace}" only (${count(n)}), ` +
              `not pods of other namespaces nor addresses outside the cluster. For every pod of every namespace write \`namespaceSelector: {}\`; ` +
              `for everything, leave \`${key}\` out`,
          });
        }
      }
    }
    return out;
  },
};
