/**
 * The same workspace under two engines: the connections that differ, each with the switch that makes
 * the difference ("cilium: ipBlock does not match pod addresses"), found by flipping one switch of
 * the first engine at a time to the second's value and explaining the pair again. Cells whose result
 * is the same but uncertain on only one of the engines are listed too, with the reason (each cell
 * classified by `cellDifference`; `views/comparison.ts` counts them).
 */
import { cellDifference, cellStatusOf } from './cellStatus';
import type { CellDifference } from './cellStatus';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import type { Connectivity } from './connectivity';
import { computeConnectivity } from './connectivityBuilder';
import { explainConnection } from './explain';
import type { PeerRef } from './explain';
import { formatConnections } from './portSet';
import type { PortSet } from './portSet';
import { describeSwitch, semanticSwitches } from './profiles/types';
import type { EngineProfile } from './profiles/types';

export interface EngineDifference {
  readonly src: string;
  readonly dst: string;
  /** The connection under the first engine and under the second (netpol-analyzer's text). */
  readonly before: string;
  readonly after: string;
  readonly beforePorts: PortSet;
  readonly afterPorts: PortSet;
  /** Why the cell is uncertain on the first / second engine. */
  readonly uncertainBefore?: string;
  readonly uncertainAfter?: string;
  /** Of result (first engine → second) or of certainty only. */
  readonly difference: CellDifference;
  /** One line per switch that changes this cell, then the uncertainty on each engine where it differs. */
  readonly reasons: readonly string[];
}

export interface EngineComparison {
  /** The engine ids: the first engine is the baseline, the second the current side. */
  readonly engines: { readonly baseline: string; readonly current: string };
  readonly a: Connectivity;
  readonly b: Connectivity;
  readonly differences: readonly EngineDifference[];
}

/**
 * `pairs: 'connlist'`: the pairs netpol-analyzer lists (different peers, external ranges included);
 * `'matrix'`: every workload pair, self included, of the given namespaces.
 */
export function compareEngines(
  model: WorkspaceModel,
  a: EngineProfile,
  b: EngineProfile,
  opts: { readonly pairs: 'connlist' | 'matrix'; readonly namespaces?: ReadonlySet<string> },
): EngineComparison {
  const ca = computeConnectivity(model, a);
  const cb = a === b ? ca : computeConnectivity(model, b);
  const flips = semanticSwitches.filter((s) => a[s] !== b[s]);
  const reasonMemo = new Map<string, readonly string[]>();
  const W = model.workloads.length;
  const ref = (node: number): PeerRef =>
    node < W
      ? { kind: 'workload', workload: model.workloads[node] as Workload }
      : { kind: 'external', range: ca.externals[node - W] as Connectivity['externals'][number] };
  const out: EngineDifference[] = [];
  // Connection texts memoised per interned port set: most of the pairs only need a lookup.
  const texts = (c: Connectivity): ((id: number) => string) => {
    const memo: (string | undefined)[] = [];
    return (id) => (memo[id] ??= formatConnections(c.ports.get(id)));
  };
  const textA = texts(ca);
  const textB = texts(cb);
  const visit = (s: number, d: number, src: string, dst: string): void => {
    const before = textA(ca.connectionId(s, d));
    const after = textB(cb.connectionId(s, d));
    const ua = ca.uncertainty(s, d);
    const ub = cb.uncertainty(s, d);
    if (before === after && ua === ub) return;
    const difference = cellDifference(
      { text: before, status: cellStatusOf(ca.connection(s, d)), uncertain: ua },
      { text: after, status: cellStatusOf(cb.connection(s, d)), uncertain: ub },
    );
    if (difference === undefined) return;
    const reasons: string[] = [];
    if (before !== after) {
      const key = `${ca.classNode(s)},${ca.classNode(d)},${cb.classNode(s)},${cb.classNode(d)}`;
      let hit = reasonMemo.get(key);
      if (!hit) {
        hit = switchReasons(model, a, b, flips, ref(s), ref(d), before);
        reasonMemo.set(key, hit);
      }
      reasons.push(...hit);
    }
    if (ua !== ub) {
      if (ua !== undefined) reasons.push(`uncertain on ${a.id}: ${ua}`);
      if (ub !== undefined) reasons.push(`uncertain on ${b.id}: ${ub}`);
    }
    out.push({
      src,
      dst,
      before,
      after,
      beforePorts: ca.connection(s, d),
      afterPorts: cb.connection(s, d),
      ...(ua !== undefined ? { uncertainBefore: ua } : {}),
      ...(ub !== undefined ? { uncertainAfter: ub } : {}),
      difference,
      reasons,
    });
  };
  const shown = model.workloads.flatMap((w, i) => (!opts.namespaces || opts.namespaces.has(w.namespace) ? [i] : []));
  if (opts.pairs === 'matrix') {
    for (const s of shown) for (const d of shown) visit(s, d, ca.nodeName(s), ca.nodeName(d));
  } else {
    for (let s = 0; s < W; s++) {
      for (let d = 0; d < W; d++) if (s !== d) visit(s, d, ca.nodeName(s), ca.nodeName(d));
      for (const r of ca.destinationRanges) visit(s, W + r.fine, ca.nodeName(s), r.range.id);
    }
    for (const r of ca.sourceRanges) for (let d = 0; d < W; d++) visit(W + r.fine, d, r.range.id, ca.nodeName(d));
  }
  out.sort((x, y) => compareText(`${x.src} => ${x.dst}`, `${y.src} => ${y.dst}`));
  return { engines: { baseline: a.id, current: b.id }, a: ca, b: cb, differences: out };
}

/** The switches of `b` that, set alone on `a`, change this pair's result; all of them when none does alone. */
function switchReasons(
  model: WorkspaceModel,
  a: EngineProfile,
  b: EngineProfile,
  flips: readonly (typeof semanticSwitches)[number][],
  src: PeerRef,
  dst: PeerRef,
  before: string,
): readonly string[] {
  const phrase = (s: (typeof semanticSwitches)[number]): string => `${b.id}: ${describeSwitch(s, b[s])}`;
  const alone = flips.filter((s) => formatConnections(explainConnection(model, { ...a, [s]: b[s] }, src, dst).allowed) !== before);
  return (alone.length > 0 ? alone : flips).map(phrase);
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
