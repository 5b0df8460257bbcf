/**
 * Rule: redundant-rule
 * A rule whose peers and ports another rule already allows, for the same pods in the same direction,
 * adds nothing: it is left over from an edit, or its author meant something narrower elsewhere. Only
 * provable cases count: the same peers (or a rule without peers) and ports within the other's (IBM NCA
 * redundancy; cyclonus: "rule is unnecessary b/c another rule exactly supersedes it"). Rules of a policy
 * that vacuous-policy reports as a whole are left to it.
 */
import { describeRule } from '../engine/describe';
import type { Finding } from '../findings';
import type { NetworkPolicy, PolicyRule } from '../model/networkPolicy';
import { effectiveRules, policyHasType } from '../model/networkPolicy';
import { directions, namespacePool, ruleCovers, sameSelection, standIns, vacuousPolicies } from './ruleCover';
import { namespaceIndex } from './namespaceIndex';
import type { Rule } from './types';

interface Cover {
  readonly rule: PolicyRule;
  readonly policy: NetworkPolicy;
}

/** Another rule that allows everything `r` allows; of two identical rules, the first covers the second. */
function coverOf(p: NetworkPolicy, r: PolicyRule, others: readonly NetworkPolicy[], order: readonly NetworkPolicy[]): Cover | undefined {
  const own = effectiveRules(p, r.direction).find((q) => q !== r && ruleCovers(q, r) && (q.index < r.index || !ruleCovers(r, q)));
  if (own) return { rule: own, policy: p };
  for (const o of others) {
    if (!policyHasType(o, r.direction)) continue;
    // Two policies with the same selector and the same rule: only the later one's rule is reported.
    const earlier = order.indexOf(o) < order.indexOf(p);
    const q = effectiveRules(o, r.direction).find((x) => ruleCovers(x, r) && (earlier || !sameSelection(o, p) || !ruleCovers(r, x)));
    if (q) return { rule: q, policy: o };
  }
  return undefined;
}

export const rule: Rule = {
  id: 'redundant-rule',
  defaultSeverity: 'info',
  summary: 'A rule allows nothing that another rule for the same pods and direction does not already allow.',
  check(ctx) {
    const out: Finding[] = [];
    const removed = vacuousPolicies(namespacePool(ctx));
    const index = namespaceIndex(ctx);
    for (const p of ctx.policies) {
      if (!p.valid || removed.has(p)) continue;
      const sameNs = index.policiesIn(p.namespace);
      const others = standIns(p, sameNs, removed);
      for (const d of directions) {
        for (const r of effectiveRules(p, d)) {
          const cover = coverOf(p, r, others, sameNs);
          if (!cover) continue;
          const where =
            cover.policy === p
              ? `its rule ${cover.rule.index + 1}`
              : `rule ${cover.rule.index + 1} of NetworkPolicy ${cover.policy.id}${sameSelection(cover.policy, p) ? ' (same podSelector)' : ', which selects every pod this one selects,'}`;
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: r.span,
            message: `${d} rule ${r.index + 1} of NetworkPolicy ${p.id} adds nothing: ${where} already ${describeRule(cover.rule, cover.policy.namespace)}`,
            related: [{ file: cover.policy.file, span: cover.rule.span, message: 'the rule that already allows it' }],
          });
        }
      }
    }
    return out;
  },
};
