/**
 * Rule: vacuous-policy
 * A policy that changes nothing: other policies of its namespace, selecting at least the same pods,
 * already isolate every direction it isolates and already allow everything its rules allow. A copy
 * of another policy under a new name is the usual case; deleting it, or editing it in the belief that
 * it matters, are both surprises waiting (IBM NCA vacuity and redundancy). Only provable cases count
 * (see ruleCover.ts); a podSelector that matches no workload is policy-selects-nothing's business.
 */
import type { Finding } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import { effectiveRules, policyHasType } from '../model/networkPolicy';
import { isEmptySelector } from '../selectors/labelSelector';
import { directions, namespacePool, vacuousPolicies } from './ruleCover';
import type { Vacuity } from './ruleCover';
import { namespaceIndex } from './namespaceIndex';
import type { Rule } from './types';

function ids(ps: readonly NetworkPolicy[]): string {
  return ps.map((q) => q.id).join(', ');
}

function explain(p: NetworkPolicy, v: Vacuity): string {
  if (v.twin) {
    const same = directions.every((d) => effectiveRules(p, d).length === effectiveRules(v.twin as NetworkPolicy, d).length);
    return `it ${same ? 'is a copy of' : 'means the same as'} NetworkPolicy ${v.twin.id} (same podSelector, policyTypes and rules)`;
  }
  const dirs = directions.filter((d) => policyHasType(p, d));
  const n = dirs.reduce((sum, d) => sum + effectiveRules(p, d).length, 0);
  const isolation = `${ids(v.isolatedBy)} already ${v.isolatedBy.length === 1 ? 'isolates' : 'isolate'} the ${dirs.join(' and ')} of every pod it selects`;
  if (n === 0) return `${isolation}, and it has no rules of its own`;
  const what = n === 1 ? 'its rule allows' : `its ${n} rules allow`;
  const sameSet = v.rulesBy.length === v.isolatedBy.length && v.rulesBy.every((q) => v.isolatedBy.includes(q));
  if (sameSet) return `${isolation} and ${v.rulesBy.length === 1 ? 'allows' : 'allow'} everything ${what}`;
  return `${isolation}, and ${ids(v.rulesBy)} already ${v.rulesBy.length === 1 ? 'allows' : 'allow'} everything ${what}`;
}

export const rule: Rule = {
  id: 'vacuous-policy',
  defaultSeverity: 'info',
  summary: 'A policy whose isolation and rules other policies for the same pods already provide: it changes nothing.',
  check(ctx) {
    const out: Finding[] = [];
    const vacuous = vacuousPolicies(namespacePool(ctx));
    const index = namespaceIndex(ctx);
    for (const [p, v] of vacuous) {
      if (!ctx.inScope(p.file)) continue;
      if (ctx.model.workloads.length > 0 && !isEmptySelector(p.podSelector) && index.selected(p).length === 0) continue;
      const by = [...new Set([...v.isolatedBy, ...v.rulesBy])];
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.nameSpan,
        message: `NetworkPolicy ${p.id} changes nothing: ${explain(p, v)}`,
        related: by.map((q) => ({ file: q.file, span: q.nameSpan, message: `NetworkPolicy ${q.id}` })),
      });
    }
    return out;
  },
};
