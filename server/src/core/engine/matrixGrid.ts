/**
 * The workload-by-workload grid as the editor's panel and `matrix --format html` show it: rows
 * run-length encoded over the columns, one row computed per equivalence class (workloads of a class
 * have identical rows), connection sets interned by text so that two grids (the files on disk and
 * the unsaved edits, or two engines) can be compared cell by cell.
 */
import type { Workload } from '../model/workload';
import { connectionSetView } from '../views/connectionSet';
import type { ConnectionSetView } from '../views/connectionSet';
import type { Connectivity } from './connectivity';
import type { PortSet } from './portSet';

/** A cell's connections (text, status and port ranges) and whether the engine leaves it uncertain. */
export interface ConnectionSet extends ConnectionSetView {
  /** Why the result is uncertain on the engine (`Connectivity.uncertainty`); absent when certain. */
  readonly uncertain?: string;
}

/** Connection sets by text, shared by the grids that are compared. */
export class ConnectionSets {
  readonly list: ConnectionSet[] = [];
  private readonly byText = new Map<string, number>();

  intern(ports: PortSet, uncertain?: string): number {
    const view = connectionSetView(ports);
    const key = uncertain === undefined ? view.text : `${view.text}\u0000${uncertain}`;
    let id = this.byText.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(uncertain === undefined ? view : { ...view, uncertain });
      this.byText.set(key, id);
    }
    return id;
  }
}

export interface MatrixGrid {
  readonly workloads: readonly Workload[];
  /** rows[r] = [set, count, set, count, ...] over the columns (sets index `ConnectionSets.list`). */
  readonly rows: readonly (readonly number[])[];
}

export interface GridOptions {
  /** Only workloads of these namespaces; all when absent. */
  readonly namespaces?: ReadonlySet<string> | undefined;
}

/** The grid of `conn`'s workloads (self cells included), its sets interned in `sets`. */
export function matrixGrid(conn: Connectivity, sets: ConnectionSets, options: GridOptions = {}): MatrixGrid {
  const nodes: number[] = [];
  conn.workloads.forEach((w, i) => {
    if (!options.namespaces || options.namespaces.has(w.namespace)) nodes.push(i);
  });
  const setOfPorts = new Map<string, number>();
  const setOf = (portsId: number, uncertain: string | undefined): number => {
    const key = uncertain === undefined ? `${portsId}` : `${portsId}\u0000${uncertain}`;
    let id = setOfPorts.get(key);
    if (id === undefined) {
      const ports = conn.ports.get(portsId);
      id = sets.intern(ports, uncertain);
      setOfPorts.set(key, id);
    }
    return id;
  };
  const columnClass = nodes.map((d) => conn.classNode(d));
  const rowOfClass = new Map<number, number[]>();
  const rows = nodes.map((s) => {
    const cs = conn.classNode(s);
    let rle = rowOfClass.get(cs);
    if (!rle) {
      rle = [];
      const byClass = new Map<number, number>();
      for (const cd of columnClass) {
        let set = byClass.get(cd);
        if (set === undefined) {
          set = setOf(conn.classCell(cs, cd), conn.classUncertainty(cs, cd));
          byClass.set(cd, set);
        }
        const n = rle.length;
        if (n > 0 && rle[n - 2] === set) rle[n - 1] = (rle[n - 1] as number) + 1;
        else rle.push(set, 1);
      }
      rowOfClass.set(cs, rle);
    }
    return rle;
  });
  return { workloads: nodes.map((i) => conn.workloads[i] as Workload), rows };
}

/** One run-length encoded row expanded to a set index per column. */
export function expandRow(row: readonly number[], columns: number, out = new Uint32Array(columns)): Uint32Array {
  let col = 0;
  for (let i = 0; i + 1 < row.length && col < columns; i += 2) {
    const end = Math.min(columns, col + (row[i + 1] as number));
    out.fill(row[i] as number, col, end);
    col = end;
  }
  return out;
}
