/**
 * Connectivity of a whole workspace, computed over equivalence classes of workloads: workloads with
 * the same namespace, the same values of the label keys that selectors look at, the same named ports
 * that rules name, the same address ranges and hostNetwork flag are indistinguishable to every policy,
 * so they share a row and a column. The cost grows with distinct classes and with what rules match,
 * not with pods squared.
 *
 * Per class and direction we keep whether it is isolated and what its rules admit: a "base" set that
 * applies to every class (or every external range) plus sparse exceptions in compressed rows. A cell
 * is (egress of the source towards the destination) ∩ (ingress of the destination from the source).
 * Ingress exceptions are stored by source, so a whole row can be evaluated without a lookup per cell.
 *
 * Invariant: `connection(a, b)` equals what `explainConnection` computes from the raw policies.
 */
import type { Workload } from '../model/workload';
import type { ExternalRange } from './addressSpace';
import { cellStatusOf } from './cellStatus';
import type { CellStatus } from './cellStatus';
import type { PortSet, PortSetTable } from './portSet';
import type { SparseRows } from './sparseRows';

/** A range of addresses as one side of a connection shows it, with a fine range standing for it. */
export interface ExternalView {
  readonly range: ExternalRange;
  /** Index into `externals` of a fine range inside it (all of them behave alike on this side). */
  readonly fine: number;
}

/** What the builder hands over: per class and direction, isolation, base sets and exceptions. */
export interface ConnectivityData {
  readonly workloads: readonly Workload[];
  /** Fine external ranges: cut by every ipBlock. */
  readonly externals: readonly ExternalRange[];
  readonly classOf: Int32Array;
  readonly classMembers: readonly (readonly number[])[];
  readonly sourceRanges: readonly ExternalView[];
  readonly destinationRanges: readonly ExternalView[];
  readonly ports: PortSetTable;
  readonly egIso: Uint8Array;
  readonly inIso: Uint8Array;
  readonly egBaseClass: Int32Array;
  readonly egBaseExt: Int32Array;
  readonly inBaseClass: Int32Array;
  readonly inBaseExt: Int32Array;
  /** Egress exceptions: row = source class, column = destination class node. */
  readonly egress: SparseRows;
  /** Ingress exceptions, transposed: row = source class node, column = destination class. */
  readonly ingressBySource: SparseRows;
  /** Per class: index into `uncertainReasons` when its egress (ingress) isolation is uncertain on the engine, else -1. */
  readonly egUncertain: Int32Array;
  readonly inUncertain: Int32Array;
  readonly uncertainReasons: readonly string[];
}

export class Connectivity {
  /** Workloads are nodes 0..W-1; external ranges are nodes W..W+X-1. */
  readonly nodeCount: number;
  readonly workloads: readonly Workload[];
  readonly externals: readonly ExternalRange[];
  /** Class of each workload. */
  readonly classOf: Int32Array;
  /** Workload indices of each class; the first is the representative. */
  readonly classMembers: readonly (readonly number[])[];
  /**
   * External ranges as sources, cut only by ingress ipBlocks (only they tell sources apart), and as
   * destinations, cut only by egress ipBlocks: netpol-analyzer lists them this way.
   */
  readonly sourceRanges: readonly ExternalView[];
  readonly destinationRanges: readonly ExternalView[];
  readonly ports: PortSetTable;
  private readonly C: number;

  constructor(private readonly d: ConnectivityData) {
    this.workloads = d.workloads;
    this.externals = d.externals;
    this.classOf = d.classOf;
    this.classMembers = d.classMembers;
    this.sourceRanges = d.sourceRanges;
    this.destinationRanges = d.destinationRanges;
    this.ports = d.ports;
    this.C = d.classMembers.length;
    this.nodeCount = d.workloads.length + d.externals.length;
  }

  get classCount(): number {
    return this.C;
  }

  /** Stored exceptions (a measure of the work and memory the matrix takes). */
  get exceptionCount(): number {
    return this.d.egress.size + this.d.ingressBySource.size;
  }

  nodeName(node: number): string {
    const W = this.workloads.length;
    return node < W ? (this.workloads[node] as Workload).id : (this.externals[node - W] as ExternalRange).id;
  }

  isExternal(node: number): boolean {
    return node >= this.workloads.length;
  }

  /** The class node of a workload or external node. */
  classNode(node: number): number {
    const W = this.workloads.length;
    return node < W ? (this.classOf[node] as number) : this.C + (node - W);
  }

  /** Allowed connections from node `src` to node `dst`, as an interned port-set id. */
  connectionId(src: number, dst: number): number {
    return this.classCell(this.classNode(src), this.classNode(dst));
  }

  connection(src: number, dst: number): PortSet {
    return this.ports.get(this.connectionId(src, dst));
  }

  isEgressIsolated(workload: number): boolean {
    return this.d.egIso[this.classOf[workload] as number] === 1;
  }

  isIngressIsolated(workload: number): boolean {
    return this.d.inIso[this.classOf[workload] as number] === 1;
  }

  /** Some cell may be uncertain on this engine (a policy uses a construct the engine does not support). */
  get hasUncertainty(): boolean {
    return this.d.uncertainReasons.length > 0;
  }

  /**
   * Why the cell from `src` to `dst` is uncertain on this engine, or undefined: a side is uncertain
   * when a policy isolating it uses a construct the engine does not support; the cell is, unless the
   * other side is certain and denies it anyway.
   */
  uncertainty(src: number, dst: number): string | undefined {
    return this.classUncertainty(this.classNode(src), this.classNode(dst));
  }

  /** `uncertainty` between class nodes. */
  classUncertainty(s: number, d: number): string | undefined {
    const key = this.uncertainKey(s, d);
    if (key < 0) return undefined;
    const r = this.d.uncertainReasons;
    const eu = Math.floor(key / (r.length + 1)) - 1;
    const iu = (key % (r.length + 1)) - 1;
    if (eu >= 0 && iu >= 0 && eu !== iu) return [...new Set(`${r[eu] ?? ''}; ${r[iu] ?? ''}`.split('; '))].sort().join('; ');
    return r[eu >= 0 ? eu : iu];
  }

  /**
   * The reasons of an uncertain cell between class nodes as one number, `(eu + 1) * (R + 1) + (iu + 1)`
   * (eu, iu: indexes into the R `uncertainReasons`, -1 for a certain side); -1 when the cell is certain.
   */
  private uncertainKey(s: number, d: number): number {
    if (!this.hasUncertainty) return -1;
    const eu = s < this.C ? (this.d.egUncertain[s] as number) : -1;
    const iu = d < this.C ? (this.d.inUncertain[d] as number) : -1;
    if (eu < 0 && iu < 0) return -1;
    const t = this.ports;
    if (iu < 0 && this.ingressCell(s, d) === t.empty) return -1;
    if (eu < 0 && this.egressCell(s, d) === t.empty) return -1;
    return (eu + 1) * (this.d.uncertainReasons.length + 1) + (iu + 1);
  }

  /**
   * Workload-to-workload cells (self cells included) whose result is uncertain on this engine, and
   * the distinct reasons. Only classes with an uncertain side are visited.
   */
  countUncertainCells(): { cells: number; reasons: string[] } {
    if (!this.hasUncertainty) return { cells: 0, reasons: [] };
    const C = this.C;
    const t = this.ports;
    const { egUncertain, inUncertain, uncertainReasons, inIso, inBaseClass, ingressBySource, egIso, egBaseClass, egress } = this.d;
    const weight = this.classMembers.map((m) => m.length);
    // Destinations that admit something from every source whatever the exceptions (or are uncertain
    // themselves): from a source with an uncertain egress, each of them is an uncertain cell.
    const open = new Uint8Array(C);
    let openWeight = 0;
    const inDirty: number[] = [];
    const dirty = new Uint8Array(C);
    let dirtyWeight = 0;
    for (let d = 0; d < C; d++) {
      if ((inUncertain[d] as number) >= 0) {
        inDirty.push(d);
        dirty[d] = 1;
        dirtyWeight += weight[d] as number;
      }
      if ((inUncertain[d] as number) >= 0 || inIso[d] !== 1 || inBaseClass[d] !== t.empty) {
        open[d] = 1;
        openWeight += weight[d] as number;
      }
    }
    const used = new Set<number>();
    let cells = 0;
    let egressRows = 0;
    for (let s = 0; s < C; s++) {
      const ws = weight[s] as number;
      const eu = egUncertain[s] as number;
      if (eu >= 0) {
        let n = openWeight;
        ingressBySource.forEachInRow(s, (d) => {
          if (d < C && open[d] === 0 && this.ingressCell(s, d) !== t.empty) n += weight[d] as number;
        });
        if (n > 0) {
          cells += ws * n;
          used.add(eu);
          egressRows++;
        }
      } else if (egIso[s] !== 1 || egBaseClass[s] !== t.empty) {
        // Its egress admits something towards every class: each uncertain ingress is an uncertain cell.
        cells += ws * dirtyWeight;
        if (dirtyWeight > 0) egressRows++;
      } else {
        egress.forEachInRow(s, (d) => {
          if (d >= C || dirty[d] === 0 || this.egressCell(s, d) === t.empty) return;
          cells += ws * (weight[d] as number);
          used.add(inUncertain[d] as number);
        });
      }
    }
    if (egressRows > 0) for (const d of inDirty) used.add(inUncertain[d] as number);
    const reasons = new Set<string>();
    for (const i of used) for (const r of (uncertainReasons[i] ?? '').split('; ')) if (r) reasons.add(r);
    return { cells, reasons: [...reasons].sort() };
  }

  /** What the source's egress admits towards the destination (class nodes). */
  private egressCell(s: number, d: number): number {
    const { ports: t, egIso, egBaseClass, egBaseExt, egress } = this.d;
    if (s >= this.C || egIso[s] !== 1) return t.all;
    const base = d >= this.C ? (egBaseExt[s] as number) : (egBaseClass[s] as number);
    const ex = egress.get(s, d);
    return ex < 0 ? base : t.union(base, ex);
  }

  /** What the destination's ingress admits from the source (class nodes). */
  private ingressCell(s: number, d: number): number {
    const { ports: t, inIso, inBaseClass, inBaseExt, ingressBySource } = this.d;
    if (d >= this.C || inIso[d] !== 1) return t.all;
    const base = s >= this.C ? (inBaseExt[d] as number) : (inBaseClass[d] as number);
    const ex = ingressBySource.get(s, d);
    return ex < 0 ? base : t.union(base, ex);
  }

  /** Cell between class nodes (classes 0..C-1, then external ranges). */
  classCell(s: number, d: number): number {
    const t = this.ports;
    if (s >= this.C && d >= this.C) return t.empty;
    const eg = this.egressCell(s, d);
    return eg === t.empty ? eg : t.intersect(eg, this.ingressCell(s, d));
  }

  /**
   * The status of every workload-to-workload cell (self cells included), counted without visiting
   * each: a row's cells are its default (egress base ∩ the destination's ingress base) except where a
   * stored exception says otherwise, and destinations are grouped by their ingress base.
   */
  countCells(): Record<CellStatus, number> {
    const { ports: t, egIso, inIso, egBaseClass, inBaseClass, egress, ingressBySource } = this.d;
    const C = this.C;
    const weight = this.classMembers.map((m) => m.length);
    const status = (id: number): CellStatus => cellStatusOf(t.get(id));
    const statusMemo = new Map<number, CellStatus>();
    const statusOf = (id: number): CellStatus => {
      let st = statusMemo.get(id);
      if (st === undefined) {
        st = status(id);
        statusMemo.set(id, st);
      }
      return st;
    };
    const inDefault = (d: number): number => (inIso[d] === 1 ? (inBaseClass[d] as number) : t.all);
    const histogram = new Map<number, number>();
    for (let d = 0; d < C; d++) histogram.set(inDefault(d), (histogram.get(inDefault(d)) ?? 0) + (weight[d] as number));
    const counts: Record<CellStatus, number> = { all: 0, some: 0, none: 0 };
    const touched: number[] = [];
    const seen = new Uint8Array(C);
    for (let s = 0; s < C; s++) {
      const ws = weight[s] as number;
      const egDefault = egIso[s] === 1 ? (egBaseClass[s] as number) : t.all;
      for (const [inBase, w] of histogram) counts[statusOf(t.intersect(egDefault, inBase))] += ws * w;
      touched.length = 0;
      const touch = (d: number): void => {
        if (d < C && seen[d] === 0) {
          seen[d] = 1;
          touched.push(d);
        }
      };
      egress.forEachInRow(s, touch);
      ingressBySource.forEachInRow(s, touch);
      for (const d of touched) {
        seen[d] = 0;
        const w = ws * (weight[d] as number);
        counts[statusOf(t.intersect(egDefault, inDefault(d)))] -= w;
        counts[statusOf(this.classCell(s, d))] += w;
      }
    }
    return counts;
  }
}
