/**
 * The matrix as the webview holds it: a `MatrixResult` with rows decoded on demand (a 5,000-workload
 * grid has 25 M cells; only the rows on screen are expanded), the changed cells, and the filters that
 * pick the rows and columns shown. Pure: no DOM.
 */
import type { CellStatusDto, MatrixConnectionDto, MatrixResult, MatrixWorkloadDto } from '../../../server/src/protocol/protocol';
import type { ViewState } from './messages';
import { admitsPort, parsePortQuery } from './portText';

/** Expands one run-length encoded row (`[set, count, ...]`) into one set index per column. */
export function decodeRuns(row: readonly number[], columns: number): Uint32Array {
  const out = new Uint32Array(columns);
  let col = 0;
  for (let i = 0; i + 1 < row.length && col < columns; i += 2) {
    const end = Math.min(columns, col + Math.max(0, row[i + 1] ?? 0));
    out.fill(row[i] ?? 0, col, end);
    col = end;
  }
  return out;
}

export const statusLetter: Record<CellStatusDto, string> = { all: 'A', some: 'P', none: '.' };
/** The cell symbols: the legend does not rely on colour alone. */
export const statusSymbol: Record<CellStatusDto, string> = { all: '✓', some: '◐', none: '✕' };

export class MatrixModel {
  readonly size: number;
  readonly workloads: readonly MatrixWorkloadDto[];
  /** Namespaces in workload order. */
  readonly namespaces: readonly string[];
  /** Cells whose result differs from the baseline: `row * size + col` → the set index before. */
  readonly changed = new Map<number, number>();
  /** Cells with the same result as the baseline but another certainty: `row * size + col` → the set index before. */
  readonly certainty = new Map<number, number>();
  private readonly rowCache = new Map<number, Uint32Array>();
  private readonly index = new Map<string, number>();

  constructor(readonly result: MatrixResult) {
    this.workloads = result.workloads;
    this.size = result.workloads.length;
    this.namespaces = [...new Set(result.workloads.map((w) => w.namespace))];
    result.workloads.forEach((w, i) => this.index.set(w.id, i));
    const cells = result.changes?.cells ?? [];
    for (let i = 0; i + 2 < cells.length; i += 3) {
      const r = cells[i] as number;
      const c = cells[i + 1] as number;
      if (r < this.size && c < this.size) this.changed.set(r * this.size + c, cells[i + 2] as number);
    }
    const same = result.changes?.uncertainCells ?? [];
    for (let i = 0; i + 2 < same.length; i += 3) {
      const r = same[i] as number;
      const c = same[i + 1] as number;
      if (r < this.size && c < this.size) this.certainty.set(r * this.size + c, same[i + 2] as number);
    }
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /** Set indices of a row, decoded once and kept for the rows recently shown. */
  row(r: number): Uint32Array {
    let row = this.rowCache.get(r);
    if (row) {
      this.rowCache.delete(r);
      this.rowCache.set(r, row);
      return row;
    }
    row = decodeRuns(this.result.rows[r] ?? [], this.size);
    this.rowCache.set(r, row);
    if (this.rowCache.size > 400) this.rowCache.delete(this.rowCache.keys().next().value as number);
    return row;
  }

  cell(r: number, c: number): number {
    return this.row(r)[c] ?? 0;
  }

  text(set: number): string {
    return this.result.connections[set]?.text ?? 'No Connections';
  }

  status(set: number): CellStatusDto {
    return this.result.connections[set]?.status ?? 'none';
  }

  /** The set's ports as ranges (the server's; no text is parsed). */
  ports(set: number): Pick<MatrixConnectionDto, 'status' | 'ranges'> {
    return this.result.connections[set] ?? { status: 'none', ranges: [] };
  }

  /** Why cells of this set are uncertain on the engine; undefined when they are certain. */
  uncertain(set: number): string | undefined {
    return this.result.connections[set]?.uncertain || undefined;
  }

  /** The set index in the baseline (before the unsaved edits, or under the compared engine), when the cell changed. */
  before(r: number, c: number): number | undefined {
    return this.changed.get(r * this.size + c);
  }

  /** The baseline's set index when the cell has the same result there but another certainty. */
  sameBefore(r: number, c: number): number | undefined {
    return this.certainty.get(r * this.size + c);
  }

  /** Whether the cell has the same result in the baseline, uncertain there only (the quieter mark). */
  uncertainOnlyBefore(r: number, c: number): boolean {
    const before = this.sameBefore(r, c);
    return before !== undefined && this.uncertain(before) !== undefined && this.uncertain(this.cell(r, c)) === undefined;
  }
}

/** The rows and columns a view shows (indices into the workloads), and which of their cells pass the cell filters. */
export interface FilteredView {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** Whether a cell (by workload indices) passes the port / denied / changed filters. */
  passes(r: number, c: number): boolean;
  /** The port filter's text is not a port. */
  readonly badPort: boolean;
}

/** Search terms: whitespace- or comma-separated; a workload matches when its id contains any of them. */
export function searchTerms(search: string): string[] {
  return search
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((t) => t !== '');
}

/**
 * Applies the filters. Namespace and search pick workloads (as rows and as columns alike); the cell
 * filters (port, only denied, only changed) then keep the rows and columns with at least one passing
 * cell among the picked ones. Runs over the encoded rows, so a 5,000-workload grid filters fast.
 */
export function filterView(m: MatrixModel, view: ViewState): FilteredView {
  const n = m.size;
  const terms = searchTerms(view.search);
  const picked = new Uint8Array(n);
  m.workloads.forEach((w, i) => {
    const nsOk = view.namespace === '' || w.namespace === view.namespace;
    const id = w.id.toLowerCase();
    picked[i] = nsOk && (terms.length === 0 || terms.some((t) => id.includes(t))) ? 1 : 0;
  });
  const q = parsePortQuery(view.port);
  const setPasses: (boolean | undefined)[] = [];
  const setOk = (s: number): boolean => {
    let ok = setPasses[s];
    if (ok === undefined) {
      ok = (!view.onlyDenied || m.status(s) === 'none') && (!q || admitsPort(m.ports(s), q));
      setPasses[s] = ok;
    }
    return ok;
  };
  const passes = (r: number, c: number): boolean => setOk(m.cell(r, c)) && (!view.onlyChanged || m.changed.has(r * n + c));
  const cellFilter = view.onlyDenied || view.onlyChanged || !!q;
  const all = (): Int32Array => Int32Array.from(indices(picked));
  if (!cellFilter) return { rows: all(), cols: all(), passes, badPort: q === undefined };
  const rowHit = new Uint8Array(n);
  const colHit = new Uint8Array(n);
  if (view.onlyChanged) {
    for (const key of m.changed.keys()) {
      const r = Math.floor(key / n);
      const c = key % n;
      if (picked[r] && picked[c] && passes(r, c)) rowHit[r] = colHit[c] = 1;
    }
  } else {
    // Prefix sums of the picked columns: whether a run covers one is O(1).
    const before = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) before[i + 1] = (before[i] as number) + (picked[i] as number);
    const cover = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      if (!picked[r]) continue;
      const runs = m.result.rows[r] ?? [];
      let col = 0;
      for (let i = 0; i + 1 < runs.length && col < n; i += 2) {
        const end = Math.min(n, col + Math.max(0, runs[i + 1] ?? 0));
        if (setOk(runs[i] ?? 0) && (before[end] as number) > (before[col] as number)) {
          rowHit[r] = 1;
          cover[col] = (cover[col] as number) + 1;
          cover[end] = (cover[end] as number) - 1;
        }
        col = end;
      }
    }
    let open = 0;
    for (let c = 0; c < n; c++) {
      open += cover[c] as number;
      if (open > 0 && picked[c]) colHit[c] = 1;
    }
  }
  return { rows: Int32Array.from(indices(rowHit)), cols: Int32Array.from(indices(colHit)), passes, badPort: q === undefined };
}

function* indices(flags: Uint8Array): Generator<number> {
  for (let i = 0; i < flags.length; i++) if (flags[i]) yield i;
}

/** Consecutive runs of one namespace along a list of workload indices (the bands of the headers). */
export function namespaceBands(m: MatrixModel, order: Int32Array): { namespace: string; start: number; count: number }[] {
  const bands: { namespace: string; start: number; count: number }[] = [];
  order.forEach((w, i) => {
    const ns = m.workloads[w]?.namespace ?? '';
    const last = bands[bands.length - 1];
    if (last && last.namespace === ns) last.count++;
    else bands.push({ namespace: ns, start: i, count: 1 });
  });
  return bands;
}

/** One string per row, one letter per cell (A all, P some, . none): the host's `PanelState.grid`. */
export function gridLetters(result: MatrixResult): string[] {
  const n = result.workloads.length;
  return result.rows.map((row) => {
    const parts: string[] = [];
    let col = 0;
    for (let i = 0; i + 1 < row.length && col < n; i += 2) {
      const count = Math.min(n - col, Math.max(0, row[i + 1] ?? 0));
      parts.push(statusLetter[result.connections[row[i] ?? 0]?.status ?? 'none'].repeat(count));
      col += count;
    }
    return parts.join('');
  });
}

/** Number of changed cells of a result. */
export function changedCount(result: MatrixResult): number {
  return Math.floor((result.changes?.cells.length ?? 0) / 3);
}

/** `1 connection`, `1,204 connections`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
