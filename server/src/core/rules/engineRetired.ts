/**
 * Rule: engine-retired
 * Microsoft ends support for Azure NPM: on Windows nodes on 30 Sep 2026 (use-network-policies.md;
 * Azure/AKS #3129, where the maintainers name NSGs or Calico as alternatives); on Linux nodes on
 * 30 Sep 2028, with a move to Cilium advised (use-network-policies.md; LINT-CATALOGUE §3.1). Reported
 * once per workspace, only under those engines: on the first file (by path) with a NetworkPolicy,
 * saying how many files with NetworkPolicies it concerns.
 */
import { sourceRef } from '../engine/uncertain';
import type { Finding } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'engine-retired',
  defaultSeverity: 'warning',
  summary: 'The configured engine reaches (or has reached) the end of vendor support (Azure NPM).',
  check(ctx) {
    const out: Finding[] = [];
    const dates = ctx.engine.retirement;
    if (dates.length === 0) return out;
    const first = new Map<string, NetworkPolicy>();
    for (const p of ctx.model.policies) if (!first.has(p.file)) first.set(p.file, p);
    const files = [...first.keys()].sort();
    const at = files[0] === undefined ? undefined : first.get(files[0]);
    if (!at) return out;
    const when = (date: string): string => `${date < ctx.today ? 'ended' : 'ends'} on ${date}`;
    const distinct = [...new Set(dates.map((d) => d.date))];
    const text =
      distinct.length === 1
        ? `support for ${ctx.engine.title} ${when(distinct[0] as string)} (${dates.map((d) => sourceRef(d.source)).join('; ')})`
        : `the sources disagree on when support for ${ctx.engine.title} ends: ${dates.map((d) => `${when(d.date)} per ${sourceRef(d.source)}`).join(', ')}`;
    const advice = ctx.engine.id === 'azure-npm-windows' ? 'plan a move to Calico (or NSGs)' : 'plan a move to Cilium';
    const scope = files.length === 1 ? 'the 1 file with NetworkPolicies' : `all ${files.length} files with NetworkPolicies`;
    out.push({
      code: this.id,
      severity: this.defaultSeverity,
      file: at.file,
      span: at.nameSpan,
      message: `engine ${ctx.engine.id}: ${text}; ${advice} (reported once for the workspace: it concerns ${scope})`,
    });
    return out;
  },
};
