/**
 * A sparse matrix of interned port-set ids in compressed rows (typed arrays): what the connectivity
 * keeps for the exceptions to each row's default. Built from (row, col, value) triples; duplicates of
 * a cell are merged with `merge`.
 */
export class SparseRows {
  constructor(
    private readonly start: Int32Array,
    private readonly cols: Int32Array,
    private readonly vals: Int32Array,
  ) {}

  get size(): number {
    return this.cols.length;
  }

  /** The value at (row, col), or -1. */
  get(row: number, col: number): number {
    let lo = this.start[row] ?? 0;
    let hi = (this.start[row + 1] ?? 0) - 1;
    const cols = this.cols;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cols[mid] as number;
      if (c === col) return this.vals[mid] as number;
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Calls `f(col, value)` for every stored cell of `row`, in column order. */
  forEachInRow(row: number, f: (col: number, value: number) => void): void {
    const end = this.start[row + 1] ?? 0;
    for (let i = this.start[row] ?? 0; i < end; i++) f(this.cols[i] as number, this.vals[i] as number);
  }
}

const valueBits = 2 ** 24;

export class SparseRowsBuilder {
  private rows: Int32Array = new Int32Array(1024);
  private cols: Int32Array = new Int32Array(1024);
  private vals: Int32Array = new Int32Array(1024);
  private n = 0;

  push(row: number, col: number, value: number): void {
    if (this.n === this.rows.length) this.grow();
    this.rows[this.n] = row;
    this.cols[this.n] = col;
    this.vals[this.n] = value;
    this.n++;
  }

  build(rowCount: number, merge: (a: number, b: number) => number): SparseRows {
    const n = this.n;
    const counts = new Int32Array(rowCount + 1);
    for (let i = 0; i < n; i++) {
      const r = (this.rows[i] as number) + 1;
      counts[r] = (counts[r] as number) + 1;
    }
    for (let r = 0; r < rowCount; r++) counts[r + 1] = (counts[r + 1] as number) + (counts[r] as number);
    // Each row's entries packed as col * 2^24 + value, so one numeric sort orders them by column.
    const packed = new Float64Array(n);
    const fill = counts.slice();
    for (let i = 0; i < n; i++) {
      const r = this.rows[i] as number;
      packed[fill[r] as number] = (this.cols[i] as number) * valueBits + (this.vals[i] as number);
      fill[r] = (fill[r] as number) + 1;
    }
    const start = new Int32Array(rowCount + 1);
    const cols = new Int32Array(n);
    const vals = new Int32Array(n);
    let out = 0;
    for (let r = 0; r < rowCount; r++) {
      start[r] = out;
      const from = counts[r] as number;
      const to = counts[r + 1] as number;
      if (to - from > 1) packed.subarray(from, to).sort();
      for (let i = from; i < to; i++) {
        const p = packed[i] as number;
        const col = Math.floor(p / valueBits);
        const val = p - col * valueBits;
        if (out > (start[r] as number) && cols[out - 1] === col) vals[out - 1] = merge(vals[out - 1] as number, val);
        else {
          cols[out] = col;
          vals[out] = val;
          out++;
        }
      }
    }
    start[rowCount] = out;
    this.rows = this.cols = this.vals = new Int32Array(0);
    this.n = 0;
    return new SparseRows(start, cols.slice(0, out), vals.slice(0, out));
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const g = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.rows = g(this.rows);
    this.cols = g(this.cols);
    this.vals = g(this.vals);
  }
}
