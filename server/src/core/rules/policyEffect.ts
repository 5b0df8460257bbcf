/**
 * Rule: policy-effect
 * What a deny-all policy does, in one line at its name, where the text alone is easy to misread: a
 * policy that closes both directions ("denies all ingress and egress of 3 workloads"), or that closes
 * one with `egress: []` / no `ingress` while its rules open the other (cyclonus
 * CheckTargetAll{Ingress,Egress}{Allowed,Blocked}; kubeaudit's allow-all and deny-all checks). A policy
 * that only names one direction and has no rules is left alone, and so are allow-all rules on their
 * own (allow-all-rule reports them).
 */
import type { Finding } from '../findings';
import type { Direction, NetworkPolicy } from '../model/networkPolicy';
import { effectiveRules, policyHasType } from '../model/networkPolicy';
import type { Workload } from '../model/workload';
import { formatSelector, isEmptySelector } from '../selectors/labelSelector';
import { namespaceIndex } from './namespaceIndex';
import type { NamespaceIndex } from './namespaceIndex';
import type { Rule } from './types';

type Effect = 'deny-all' | 'allow-all' | 'some';

function effectOf(p: NetworkPolicy, d: Direction): Effect {
  const rules = effectiveRules(p, d);
  if (rules.length === 0) return 'deny-all';
  return rules.some((r) => !r.peers && !r.ports) ? 'allow-all' : 'some';
}

function count(n: number): string {
  return n === 1 ? '1 workload' : `${n} workloads`;
}

/** "3 workloads", "every pod of namespace "x" (2 workloads)", "the pods with app=x (none in the workspace)". */
function targets(p: NetworkPolicy, selected: readonly Workload[]): string {
  if (isEmptySelector(p.podSelector))
    return `every pod of namespace "${p.namespace}"${selected.length ? ` (${count(selected.length)})` : ''}`;
  if (selected.length === 1) return (selected[0] as Workload).id;
  return selected.length ? count(selected.length) : `the pods with ${formatSelector(p.podSelector)} (none in the workspace)`;
}

/** Other valid policies that open some traffic of direction `d` for any of the workloads. */
function openers(index: NamespaceIndex, p: NetworkPolicy, d: Direction, selected: ReadonlySet<Workload>): NetworkPolicy[] {
  return index
    .policiesIn(p.namespace)
    .filter(
      (q) => q !== p && q.valid && policyHasType(q, d) && effectiveRules(q, d).length > 0 && index.selected(q).some((w) => selected.has(w)),
    );
}

function joinParts(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}

export const rule: Rule = {
  id: 'policy-effect',
  defaultSeverity: 'hint',
  summary: 'What a deny-all NetworkPolicy does, in one line: which direction it closes, for how many workloads.',
  check(ctx) {
    const out: Finding[] = [];
    const index = namespaceIndex(ctx);
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const dirs = (['ingress', 'egress'] as const).filter((d) => policyHasType(p, d));
      const denied = dirs.filter((d) => effectOf(p, d) === 'deny-all');
      // A policy that only names one direction and has no rules says plainly what it does.
      if (denied.length === 0 || dirs.length === 1) continue;
      const selected = index.selected(p);
      const selectedSet = new Set(selected);
      const target = targets(p, selected);
      const openersOf = new Map(denied.map((d) => [d, openers(index, p, d, selectedSet)] as const));
      const blocked = denied.filter((d) => openersOf.get(d)?.length === 0);
      const baseline = denied.filter((d) => !blocked.includes(d));
      const parts: string[] = [];
      if (blocked.length === 2) parts.push(`denies all ingress and egress of ${target}`);
      else if (blocked[0]) parts.push(`denies all ${blocked[0]} ${blocked[0] === 'ingress' ? 'to' : 'from'} ${target}`);
      const others = [...new Set(baseline.flatMap((d) => openersOf.get(d) ?? []))];
      if (baseline.length) {
        const which = baseline.join(' and ');
        const n = others.length;
        parts.push(
          `${parts.length ? `isolates ${selected.length === 1 ? 'its' : 'their'} ${which}` : `isolates the ${which} of ${target}`} without allowing any itself ` +
            `(${n === 1 ? 'another policy allows' : `${n} other policies allow`} some)`,
        );
      }
      for (const d of dirs.filter((x) => !denied.includes(x))) {
        const n = effectiveRules(p, d).length;
        const way = d === 'ingress' ? 'in' : 'out';
        parts.push(
          effectOf(p, d) === 'allow-all'
            ? `allows all ${d} ${d === 'ingress' ? 'to' : 'from'} ${selected.length === 1 ? 'it' : 'them'}`
            : `lets ${way} only what its ${n === 1 ? 'rule allows' : `${n} rules allow`}`,
        );
      }
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.nameSpan,
        message: `NetworkPolicy ${p.id} ${joinParts(parts)}`,
        ...(others.length
          ? { related: others.map((q) => ({ file: q.file, span: q.nameSpan, message: `NetworkPolicy ${q.id} allows some` })) }
          : {}),
      });
    }
    return out;
  },
};
