/**
 * Rule: unresolved-named-port
 * A named port (`port: http`) resolves on the destination's container ports, by name and protocol:
 * the selected pods for ingress, the peer pods for egress. Where no container declares it, the rule
 * opens nothing, and towards an ipBlock it never resolves (netpol-analyzer WarnUnmatchedNamedPort and
 * "cannot convert named port for an IP destination"; LINT-CATALOGUE §4 #11). Reported only when none of
 * the destination pods declares it: where some do, the port is in use and resolves on them (pods
 * that lack it, such as sidecars or a second app under a broad selector, are the usual case).
 */
import type { Finding, RelatedLocation } from '../findings';
import type { NetworkPolicy, PolicyPort, PolicyRule } from '../model/networkPolicy';
import { effectiveRules } from '../model/networkPolicy';
import type { Workload } from '../model/workload';
import type { Rule, RuleContext } from './types';

const maxNamed = 5;

function names(ws: readonly Workload[]): string {
  const shown = ws.slice(0, maxNamed).map((w) => w.id);
  return ws.length > maxNamed ? `${shown.join(', ')} and ${ws.length - maxNamed} more` : shown.join(', ');
}

const declares = (w: Workload, port: PolicyPort): boolean => w.ports.some((cp) => cp.name === port.port && cp.protocol === port.protocol);

export const rule: Rule = {
  id: 'unresolved-named-port',
  defaultSeverity: 'warning',
  summary: 'A named port that no destination container declares (with that protocol) opens nothing there.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      for (const r of [...effectiveRules(p, 'ingress'), ...effectiveRules(p, 'egress')]) {
        for (const port of r.ports ?? []) {
          if (typeof port.port !== 'string') continue;
          const f = check(ctx, this.id, p, r, port);
          if (f) out.push({ ...f, severity: this.defaultSeverity });
        }
      }
    }
    return out;
  },
};

function check(ctx: RuleContext, code: string, p: NetworkPolicy, r: PolicyRule, port: PolicyPort): Omit<Finding, 'severity'> | undefined {
  const label = `${port.protocol} port "${String(port.port)}"`;
  const head = `NetworkPolicy ${p.id}: ${r.direction} rule ${r.index + 1} names ${label}`;
  const base = { code, file: p.file, span: port.span };
  let dsts: readonly Workload[];
  let ipNote = '';
  if (r.direction === 'ingress') {
    dsts = ctx.selectedBy(p);
  } else if (!r.peers) {
    // Towards any peer, the port resolves on whichever pods declare it: only "nobody does" is a mistake.
    dsts = ctx.model.workloads;
    if (dsts.length === 0 || dsts.some((w) => declares(w, port))) return undefined;
    return { ...base, message: `${head}, which no container of the workspace declares: the rule opens nothing`, ...related(dsts) };
  } else {
    const ipPeers = r.peers.filter((x) => x.kind === 'ipBlock');
    const selPeers = r.peers.filter((x) => x.kind === 'selector');
    const set = new Set<Workload>();
    for (const sp of selPeers) for (const w of ctx.peerMatches(p, sp)) set.add(w);
    dsts = ctx.model.workloads.filter((w) => set.has(w));
    if (ipPeers.length > 0) {
      const cidrs = ipPeers.map((x) => (x.kind === 'ipBlock' ? x.cidr.text : '')).join(', ');
      if (selPeers.length === 0)
        return {
          ...base,
          message: `${head} towards ipBlock ${cidrs} only: a named port cannot be resolved for an IP destination, so the rule opens nothing`,
        };
      ipNote = `; towards ipBlock ${cidrs} it never resolves (a named port cannot be resolved for an IP destination)`;
    }
  }
  if (dsts.length === 0) return undefined;
  const lacking = dsts.filter((w) => !declares(w, port));
  if (lacking.length < dsts.length) {
    return ipNote ? { ...base, message: `${head}${ipNote.replace(/^; /, ': ')}` } : undefined;
  }
  const otherProto = lacking.filter((w) => w.ports.some((cp) => cp.name === port.port));
  const protoHint = otherProto.length
    ? ` (${names(otherProto)} ${otherProto.length === 1 ? 'declares' : 'declare'} "${String(port.port)}" with another protocol)`
    : '';
  const whose = r.direction === 'ingress' ? 'selected' : 'destination';
  const lead =
    dsts.length === 1
      ? `the ${whose} workload ${names(lacking)} does not declare it, so the rule opens nothing`
      : `none of the ${dsts.length} ${whose} workloads declares it (${names(lacking)}), so the rule opens nothing`;
  return { ...base, message: `${head}: ${lead}${protoHint}${ipNote}`, ...related(lacking) };
}

function related(ws: readonly Workload[]): { related?: RelatedLocation[] } {
  const rel = ws.slice(0, maxNamed).flatMap((w) => {
    const src = w.sources[0];
    return src ? [{ file: src.file, span: src.span, message: `${w.id}: no such container port` }] : [];
  });
  return rel.length ? { related: rel } : {};
}
