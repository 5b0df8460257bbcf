/**
 * View: the comparison of two results of the same cells (the same manifests under two engines, or the
 * files on disk and the unsaved edits). It counts result differences only (opened, closed, changed
 * ports) and, beside them, the cells whose result is equal but that are uncertain under one side only,
 * each side named by its engine. Computed here once (`compareGrids` for the language server,
 * `engineComparisonView` over the CLI's `compareEngines`, each cell classified by `cellDifference`);
 * the CLI's `--compare-engine` (text and JSON), the LSP's `netpol/matrix` changes and `netpol/diff`,
 * and the panel only render it.
 */
import { cellDifference, isResultDifference } from '../engine/cellStatus';
import type { CellDifference } from '../engine/cellStatus';
import type { EngineComparison } from '../engine/compareEngines';
import { expandRow } from '../engine/matrixGrid';
import type { ConnectionSet, ConnectionSets, MatrixGrid } from '../engine/matrixGrid';

export interface ComparisonView {
  /** The engine of the side compared with (CLI: `--engine`; panel: the engine compared with, or the engine in effect on disk). */
  readonly baseline: string;
  /** The engine of the side compared (CLI: `--compare-engine`; panel: the engine in effect). */
  readonly current: string;
  /** Cells without a connection under the baseline that have one under the current side. */
  readonly opened: number;
  /** Cells with a connection under the baseline that have none under the current side. */
  readonly closed: number;
  /** Cells open on both sides whose ports differ. */
  readonly changed: number;
  /** Cells with the same result on both sides, uncertain under the baseline only / the current side only. */
  readonly uncertainOnly: { readonly baseline: number; readonly current: number };
}

/** Counts the differences of the cells it is given into a `ComparisonView`. */
export class ComparisonCounter {
  private opened = 0;
  private closed = 0;
  private changed = 0;
  private onlyBaseline = 0;
  private onlyCurrent = 0;

  constructor(
    private readonly baseline: string,
    private readonly current: string,
  ) {}

  add(d: CellDifference | undefined): void {
    if (d === 'opened') this.opened++;
    else if (d === 'closed') this.closed++;
    else if (d === 'changed') this.changed++;
    else if (d === 'uncertain-baseline') this.onlyBaseline++;
    else if (d === 'uncertain-current') this.onlyCurrent++;
  }

  view(): ComparisonView {
    return {
      baseline: this.baseline,
      current: this.current,
      opened: this.opened,
      closed: this.closed,
      changed: this.changed,
      uncertainOnly: { baseline: this.onlyBaseline, current: this.onlyCurrent },
    };
  }
}

/** Whether any result differs. */
export function resultsDiffer(v: ComparisonView): boolean {
  return v.opened + v.closed + v.changed > 0;
}

/** The view of the CLI's engine comparison: its differences are the cells `cellDifference` finds. */
export function engineComparisonView(c: EngineComparison): ComparisonView {
  const counter = new ComparisonCounter(c.engines.baseline, c.engines.current);
  for (const d of c.differences) counter.add(d.difference);
  return counter.view();
}

export interface GridChanges {
  /** Flat triples `[row, col, before]` of `current`'s cells whose result differs from the baseline's. */
  readonly cells: number[];
  /** Flat triples `[row, col, before]` of the cells with the same result whose certainty differs. */
  readonly uncertainCells: number[];
  /** The counts, the baseline's cells counted towards `current`'s. */
  readonly comparison: ComparisonView;
  /** Workload ids only in `current` (not compared) and only in the baseline. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * The cells of `current` that differ from `baseline` (both interned in `sets`), matched by workload id;
 * `engines` names the two sides in the comparison.
 */
export function compareGrids(
  current: MatrixGrid,
  baseline: MatrixGrid,
  sets: ConnectionSets,
  engines: { readonly baseline: string; readonly current: string },
): GridChanges {
  const baseIndex = new Map(baseline.workloads.map((w, i) => [w.id, i]));
  const currentIds = new Set(current.workloads.map((w) => w.id));
  const colInBase = current.workloads.map((w) => baseIndex.get(w.id) ?? -1);
  const W = current.workloads.length;
  const B = baseline.workloads.length;
  const cells: number[] = [];
  const uncertainCells: number[] = [];
  const counter = new ComparisonCounter(engines.baseline, engines.current);
  // The difference of two interned sets, memoised per pair: a grid has few distinct sets.
  const memo = new Map<number, CellDifference | null>();
  const differenceOf = (b: number, a: number): CellDifference | undefined => {
    const key = b * sets.list.length + a;
    let d = memo.get(key);
    if (d === undefined) {
      d = cellDifference(sets.list[b] as ConnectionSet, sets.list[a] as ConnectionSet) ?? null;
      memo.set(key, d);
    }
    return d ?? undefined;
  };
  const now = new Uint32Array(W);
  const before = new Uint32Array(B);
  for (let r = 0; r < W; r++) {
    const br = colInBase[r] as number;
    if (br < 0) continue;
    expandRow(current.rows[r] as number[], W, now);
    expandRow(baseline.rows[br] as number[], B, before);
    for (let c = 0; c < W; c++) {
      const bc = colInBase[c] as number;
      if (bc < 0) continue;
      const a = now[c] as number;
      const b = before[bc] as number;
      if (a === b) continue;
      const d = differenceOf(b, a);
      if (d === undefined) continue;
      counter.add(d);
      (isResultDifference(d) ? cells : uncertainCells).push(r, c, b);
    }
  }
  return {
    cells,
    uncertainCells,
    comparison: counter.view(),
    added: current.workloads.filter((w) => !baseIndex.has(w.id)).map((w) => w.id),
    removed: baseline.workloads.filter((w) => !currentIds.has(w.id)).map((w) => w.id),
  };
}
