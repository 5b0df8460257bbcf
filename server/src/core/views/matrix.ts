/**
 * View: the workload-by-workload grid the panel and `matrix --format html` show. Rows are run-length
 * encoded over the columns (one row computed per equivalence class), connection sets interned, and
 * what the grid leaves out travels with it.
 */
import type { Connectivity } from '../engine/connectivity';
import { ConnectionSets, matrixGrid } from '../engine/matrixGrid';
import type { ConnectionSet, MatrixGrid } from '../engine/matrixGrid';
import type { Location } from '../findings';
import type { CompletenessView } from './completeness';

export interface MatrixWorkloadView {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Its first manifest. */
  readonly location?: Location;
}

export interface MatrixGridView {
  readonly engine: string;
  /** Grouped by namespace, then by name: rows (sources) and columns (destinations) in this order. */
  readonly workloads: readonly MatrixWorkloadView[];
  /** rows[r] = `[set, count, set, count, ...]` over the columns, each `set` an index into `connections`. */
  readonly rows: readonly (readonly number[])[];
  readonly connections: readonly ConnectionSet[];
  /** More workloads than a grid shows: `workloads` and `rows` are then empty. */
  readonly truncated?: { readonly workloads: number; readonly limit: number };
  readonly completeness: CompletenessView;
}

export interface MatrixGridOptions {
  readonly namespaces?: ReadonlySet<string> | undefined;
  /** At most this many workloads as a grid. */
  readonly limit: number;
  /** Shared with a grid this one is compared with. */
  readonly sets?: ConnectionSets;
  /** What the grid leaves out: the caller's `completenessView` (with the grid's uncertain cells). */
  readonly completeness: CompletenessView;
}

export function matrixGridView(
  conn: Connectivity,
  engine: string,
  options: MatrixGridOptions,
): { view: MatrixGridView; grid?: MatrixGrid; sets: ConnectionSets } {
  const sets = options.sets ?? new ConnectionSets();
  const { namespaces, limit, completeness } = options;
  const shown = conn.workloads.filter((w) => !namespaces || namespaces.has(w.namespace)).length;
  if (shown > limit) {
    return {
      view: { engine, workloads: [], rows: [], connections: [], truncated: { workloads: shown, limit }, completeness },
      sets,
    };
  }
  const grid = matrixGrid(conn, sets, { namespaces });
  const workloads = grid.workloads.map((w) => {
    const src = w.sources[0];
    return { id: w.id, namespace: w.namespace, name: w.name, kind: w.kind, ...(src ? { location: src } : {}) };
  });
  return { view: { engine, workloads, rows: grid.rows, connections: sets.list, completeness }, grid, sets };
}
