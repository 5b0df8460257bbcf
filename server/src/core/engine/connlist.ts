/** The connectivity list and matrix views of a `Connectivity`, shared by the CLI and the editor. */
import type { Workload } from '../model/workload';
import type { Connectivity } from './connectivity';
import { cellStatusOf } from './cellStatus';
import type { CellStatus } from './cellStatus';
import { formatConnections } from './portSet';
import type { PortSet } from './portSet';

export interface ConnectionEntry {
  readonly src: string;
  readonly dst: string;
  readonly srcNode: number;
  readonly dstNode: number;
  readonly ports: PortSet;
  /** netpol-analyzer's text of the connections. */
  readonly text: string;
  /** Why the result is uncertain on the engine (see `Connectivity.uncertainty`); absent when certain. */
  readonly uncertain?: string;
}

/**
 * Every allowed connection between two different peers, as netpol-analyzer lists them: no peer to
 * itself, nothing between two external ranges, no empty pairs; sorted by line text.
 */
export function listConnections(conn: Connectivity): ConnectionEntry[] {
  const out: ConnectionEntry[] = [];
  const W = conn.workloads.length;
  const add = (s: number, d: number, src: string, dst: string): void => {
    const id = conn.connectionId(s, d);
    if (id === conn.ports.empty) return;
    const ports = conn.ports.get(id);
    const uncertain = conn.uncertainty(s, d);
    out.push({ src, dst, srcNode: s, dstNode: d, ports, text: formatConnections(ports), ...(uncertain ? { uncertain } : {}) });
  };
  for (let s = 0; s < W; s++) {
    const src = conn.nodeName(s);
    for (let d = 0; d < W; d++) if (s !== d) add(s, d, src, conn.nodeName(d));
    for (const r of conn.destinationRanges) add(s, W + r.fine, src, r.range.id);
  }
  for (const r of conn.sourceRanges) for (let d = 0; d < W; d++) add(W + r.fine, d, r.range.id, conn.nodeName(d));
  return out.sort((a, b) => compareText(connectionLine(a), connectionLine(b)));
}

export function connectionLine(e: ConnectionEntry): string {
  return `${e.src} => ${e.dst} : ${e.text}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface MatrixView {
  /** Workload ids, sorted (grouped by namespace). */
  readonly workloads: readonly string[];
  readonly namespaces: readonly string[];
  /** cells[row][col] = connection text; rows are sources, columns destinations. */
  readonly cells: readonly (readonly MatrixCell[])[];
  readonly counts: Readonly<Record<CellStatus, number>>;
  /** Cells whose result is uncertain on the engine. */
  readonly uncertainCount: number;
}

export interface MatrixCell {
  readonly status: CellStatus;
  readonly text: string;
  /** Why the result is uncertain on the engine; absent when certain. */
  readonly uncertain?: string;
}

/** The workload-by-workload grid (self cells included: they follow the policies too), optionally of some namespaces. */
export function buildMatrix(conn: Connectivity, namespaces?: ReadonlySet<string>): MatrixView {
  const nodes = conn.workloads.flatMap((w, i) => (!namespaces || namespaces.has(w.namespace) ? [i] : []));
  const counts: Record<CellStatus, number> = { all: 0, some: 0, none: 0 };
  const memo = new Map<number, MatrixCell>();
  const uncertainMemo = new Map<string, MatrixCell>();
  let uncertainCount = 0;
  const cells = nodes.map((s) =>
    nodes.map((d) => {
      const id = conn.connectionId(s, d);
      let cell = memo.get(id);
      if (!cell) {
        const ports = conn.ports.get(id);
        cell = { status: cellStatusOf(ports), text: formatConnections(ports) };
        memo.set(id, cell);
      }
      counts[cell.status]++;
      const uncertain = conn.uncertainty(s, d);
      if (uncertain === undefined) return cell;
      uncertainCount++;
      const key = `${id}\u0000${uncertain}`;
      let u = uncertainMemo.get(key);
      if (!u) uncertainMemo.set(key, (u = { ...cell, uncertain }));
      return u;
    }),
  );
  const workloads = nodes.map((i) => conn.workloads[i] as Workload);
  return {
    workloads: workloads.map((w) => w.id),
    namespaces: [...new Set(workloads.map((w) => w.namespace))],
    cells,
    counts,
    uncertainCount,
  };
}
