/**
 * Rule: rules-ignored-by-policy-types
 * When `policyTypes` is written, only the directions it names count: egress rules under
 * `policyTypes: [Ingress]` are accepted by the API server and silently ignored by every network
 * plugin (cyclonus CheckSourceMissingPolicyTypeEgress/Ingress; Kubernetes docs on policyTypes;
 * LINT-CATALOGUE §4 #8).
 */
import type { Finding, TextEdit } from '../findings';
import type { Direction, NetworkPolicy } from '../model/networkPolicy';
import { get } from '../yaml/node';
import { dashPrefix, eol, isFlow, lineEnd, lineStart, policyNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

const typeName = (d: Direction): string => (d === 'ingress' ? 'Ingress' : 'Egress');

export const rule: Rule = {
  id: 'rules-ignored-by-policy-types',
  defaultSeverity: 'warning',
  summary: 'policyTypes leaves out a direction that has rules, so those rules are ignored.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid || !p.types.explicit) continue;
      for (const dir of ['ingress', 'egress'] as const) {
        const rules = dir === 'ingress' ? p.ingress : p.egress;
        const has = dir === 'ingress' ? p.types.ingress : p.types.egress;
        if (has || rules.length === 0) continue;
        const written = [p.types.ingress ? 'Ingress' : '', p.types.egress ? 'Egress' : ''].filter(Boolean).join(', ');
        const n = rules.length;
        const edit = addType(ctx, p, dir);
        out.push({
          code: this.id,
          severity: this.defaultSeverity,
          file: p.file,
          span: (dir === 'ingress' ? p.ingressSpan : p.egressSpan) ?? p.span,
          message:
            `NetworkPolicy ${p.id} has ${n === 1 ? '1 ' + dir + ' rule' : `${n} ${dir} rules`} but policyTypes [${written}] leaves out ${typeName(dir)}: ` +
            `the API server keeps ${n === 1 ? 'it' : 'them'} and the cluster ignores ${n === 1 ? 'it' : 'them'}, so this policy does not isolate ${dir} and ${n === 1 ? 'the rule opens' : 'the rules open'} nothing`,
          ...(p.types.span ? { related: [{ file: p.file, span: p.types.span, message: 'policyTypes' }] } : {}),
          ...(edit ? { fixes: [{ title: `Add ${typeName(dir)} to policyTypes`, edits: [edit], safe: true, preferred: true }] } : {}),
        });
      }
    }
    return out;
  },
};

/** Ingress goes first and Egress last, in the list's own style. */
function addType(ctx: RuleContext, p: NetworkPolicy, dir: Direction): TextEdit | undefined {
  const seq = get(get(policyNode(ctx, p), 'spec'), 'policyTypes');
  if (seq?.kind !== 'seq' || seq.items.length === 0) return undefined;
  const text = ctx.text(p.file);
  const name = typeName(dir);
  const first = seq.items[0];
  const last = seq.items[seq.items.length - 1];
  if (!first || !last) return undefined;
  if (isFlow(text, seq)) {
    return dir === 'ingress'
      ? { file: p.file, span: { start: first.span.start, end: first.span.start }, newText: `${name}, ` }
      : { file: p.file, span: { start: last.span.end, end: last.span.end }, newText: `, ${name}` };
  }
  const prefix = dashPrefix(text, dir === 'ingress' ? first : last);
  if (prefix === undefined) return undefined;
  if (dir === 'ingress') {
    const at = lineStart(text, first.span.start);
    return { file: p.file, span: { start: at, end: at }, newText: `${prefix}${name}${eol(text)}` };
  }
  const at = lineEnd(text, last.span.end);
  return { file: p.file, span: { start: at, end: at }, newText: `${eol(text)}${prefix}${name}` };
}
