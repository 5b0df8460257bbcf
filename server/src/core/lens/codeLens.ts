/**
 * Code lenses: above each NetworkPolicy, how many workloads it selects and which directions it
 * isolates; above each workload, by how many policies its ingress and egress are isolated.
 */
import { policySelects } from '../engine/peers';
import { isEffective } from '../model/networkPolicy';
import type { EngineProfile } from '../engine/profiles/types';
import type { Workspace } from '../model/workspace';
import type { Span } from '../text/span';

export interface CodeLens {
  readonly span: Span;
  readonly title: string;
}

export function codeLensesFor(ws: Workspace, file: string, engine: EngineProfile): CodeLens[] {
  const fm = ws.getFile(file);
  if (!fm) return [];
  const model = ws.model;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const out: CodeLens[] = [];
  for (const p of fm.policies) {
    if (!p.valid) {
      out.push({ span: p.span, title: 'rejected by the API server: no effect' });
      continue;
    }
    if (p.replacedBy) {
      out.push({ span: p.span, title: `replaced by a later manifest of ${p.id}: no effect` });
      continue;
    }
    const n = model.workloads.filter((w) => policySelects(p, w, engine)).length;
    const dirs = [p.types.ingress ? 'ingress' : '', p.types.egress ? 'egress' : ''].filter(Boolean).join(' + ') || 'nothing';
    out.push({ span: p.span, title: `selects ${count(n, 'workload', 'workloads')} · isolates ${dirs}` });
  }
  const valid = model.policies.filter(isEffective);
  for (const w of model.workloads) {
    for (const src of w.sources) {
      if (src.file !== file) continue;
      const selecting = valid.filter((p) => policySelects(p, w, engine));
      const ing = selecting.filter((p) => p.types.ingress).length;
      const eg = selecting.filter((p) => p.types.egress).length;
      const part = (n: number, dir: string): string =>
        n === 0 ? `${dir} open (not isolated)` : `${dir} isolated by ${count(n, 'policy', 'policies')}`;
      out.push({ span: src.span, title: `${part(ing, 'ingress')} · ${part(eg, 'egress')}` });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
