/**
 * Rule: missing-policy-types
 * Without `policyTypes` the API server writes `[Ingress]`, plus `Egress` only when the policy has
 * egress rules; so a policy meant to deny all egress (`egress: []` or no egress at all) does not
 * isolate egress (cyclonus CheckSourceMissingPolicyTypes; kguardian-dev/kguardian #1496; Kubernetes
 * docs on policyTypes defaulting; LINT-CATALOGUE §4 #9). Left alone: a policy with ingress rules and no
 * `egress` key, where the default `[Ingress]` is exactly what is written; reported where the default
 * changes what the text seems to say (egress rules also isolate ingress; `egress: []` or a bare
 * podSelector does not isolate egress).
 */
import type { Finding, TextEdit } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import { get, getPair } from '../yaml/node';
import type { YMap } from '../yaml/node';
import { column, dashPrefix, eol, isBlockMap, isFlow, lineEnd, policyNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  id: 'missing-policy-types',
  defaultSeverity: 'info',
  summary: 'policyTypes is not written: it defaults to Ingress, plus Egress only when there are egress rules.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid || p.types.explicit) continue;
      const list = p.types.egress ? '[Ingress, Egress]' : '[Ingress]';
      const root = policyNode(ctx, p);
      const spec = get(root, 'spec');
      const specKey = getPair(root, 'spec')?.keySpan;
      const egressWritten = get(spec, 'egress') !== undefined;
      // Ingress rules only: [Ingress] is what the text says.
      if (!p.types.span && !p.types.egress && !egressWritten && p.ingress.length > 0) continue;
      const what = p.types.span ? 'spec.policyTypes is empty' : 'spec.policyTypes is not written';
      const tail = p.types.egress
        ? `this policy has egress rules, so egress is isolated too; writing ${list} makes that explicit`
        : egressWritten
          ? 'spec.egress is an empty list, which does NOT deny egress here: egress stays open unless policyTypes names Egress'
          : 'egress of the selected pods stays open; to deny all egress, policyTypes must name Egress';
      const edit = spec?.kind === 'map' ? writeTypes(ctx, p, spec, p.types.egress) : undefined;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.types.span ?? specKey ?? p.span,
        message: `NetworkPolicy ${p.id}: ${what}, so it defaults to ${list} (Ingress always, Egress only with egress rules); ${tail}`,
        ...(edit ? { fixes: [{ title: `Write policyTypes: ${list}`, edits: [edit], safe: true, preferred: true }] } : {}),
      });
    }
    return out;
  },
};

/** `policyTypes` after `podSelector` (before the first key when there is none), as a block list when
 *  the spec's other lists are block lists, else as a flow list. */
function writeTypes(ctx: RuleContext, p: NetworkPolicy, spec: YMap, egress: boolean): TextEdit | undefined {
  const text = ctx.text(p.file);
  const nl = eol(text);
  const types = egress ? ['Ingress', 'Egress'] : ['Ingress'];
  const flow = `[${types.join(', ')}]`;
  const existing = getPair(spec, 'policyTypes');
  if (existing) {
    // Written but empty (`policyTypes: []` or nothing after the colon): replace the value.
    const v = existing.value;
    if (v.span.end > v.span.start) return { file: p.file, span: v.span, newText: flow };
    const colon = existing.keySpan.end;
    if (text[colon] !== ':') return undefined;
    return { file: p.file, span: { start: colon + 1, end: colon + 1 }, newText: ` ${flow}` };
  }
  if (!isBlockMap(text, spec)) return undefined;
  const first = spec.pairs[0];
  if (!first) return undefined;
  const col = column(text, first.keySpan.start);
  const indent = ' '.repeat(col);
  // A sibling block list shows how far this file indents the dash under its key.
  let dash: string | undefined;
  for (const k of ['ingress', 'egress']) {
    const v = get(spec, k);
    const item = v?.kind === 'seq' && !isFlow(text, v) ? v.items[0] : undefined;
    dash = item ? dashPrefix(text, item) : undefined;
    if (dash !== undefined) break;
  }
  const lines = dash !== undefined ? [`${indent}policyTypes:`, ...types.map((t) => `${dash}${t}`)] : [`${indent}policyTypes: ${flow}`];
  const ps = getPair(spec, 'podSelector');
  if (ps) {
    const at = lineEnd(text, Math.max(ps.value.span.end, ps.keySpan.end));
    return { file: p.file, span: { start: at, end: at }, newText: `${nl}${lines.join(nl)}` };
  }
  const at = first.keySpan.start;
  return { file: p.file, span: { start: at, end: at }, newText: `${lines.join(nl).slice(col)}${nl}${indent}` };
}
