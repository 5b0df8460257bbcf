/** What one size's run (bench/runOne.ts) reports to bench/run.ts. Times in milliseconds. */
export interface BenchResult {
  readonly size: string;
  readonly files: number;
  readonly documents: number;
  readonly megabytes: number;
  readonly namespaces: number;
  readonly workloads: number;
  readonly policies: number;
  readonly invalidPolicies: number;
  readonly errorFindings: number;
  readonly classes: number;
  readonly externals: number;
  readonly generateMs: number;
  readonly parseFloorMs: number;
  readonly floorRuns: number;
  readonly modelMs: number;
  readonly computeMs: number;
  readonly cellsMs: number;
  readonly connectivityMs: number;
  readonly explainAvgMs: number;
  readonly explainPairs: number;
  readonly explainMismatches: number;
  readonly cells: Readonly<Record<'allowed' | 'partial' | 'denied', number>>;
  readonly classCells: number;
  /** Stored exceptions of the matrix (rows' cells that differ from their default). */
  readonly exceptions: number;
  /** Large size only: a cell-by-cell pass over every class pair, to check the row counts. */
  readonly bruteMs?: number;
  readonly bruteAgrees?: boolean;
  readonly rssAfterGenerateMb: number;
  readonly peakRssMb: number;
}

export const resultMarker = 'BENCH_RESULT ';
