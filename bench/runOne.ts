/**
 * One size of the benchmark, in a process of its own (so the peak RSS is this size's):
 *   node --expose-gc --import tsx bench/runOne.ts large|huge
 * Progress goes to stderr; the last stdout line is `BENCH_RESULT {json}` for bench/run.ts.
 */
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { Workspace, cellStatus, computeConnectivity, defaultEngine, explainConnection, formatConnections } from '../server/src/core/index';
import type { CellStatus } from '../server/src/core/index';
import { benchSizes, generateWorkspace } from './generate';
import { resultMarker } from './result';
import type { BenchResult } from './result';
import type { GeneratedFile } from './generate';
import { Rng } from './yamlText';

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const log = (msg: string): void => void process.stderr.write(`  [${sizeName}] ${msg}\n`);
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const sizeName = process.argv[2] ?? 'large';

/** The floor: what the `yaml` package alone needs for the same texts (the options the core passes). */
function parseFloor(files: readonly GeneratedFile[]): number {
  let docs = 0;
  for (const f of files) {
    const parsed = parseAllDocuments(f.text, { prettyErrors: false, uniqueKeys: true, merge: true });
    docs += Array.isArray(parsed) ? parsed.length : 0;
  }
  return docs;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

function main(): void {
  const size = benchSizes[sizeName];
  if (!size) throw new Error(`unknown size ${sizeName}; one of ${Object.keys(benchSizes).join(', ')}`);
  const [ws, generateMs] = time(() => generateWorkspace(size));
  const bytes = ws.files.reduce((a, f) => a + f.text.length, 0);
  log(`generated ${ws.files.length} files, ${ws.documents} documents, ${mb(bytes)} MB in ${generateMs.toFixed(0)} ms`);
  gc();
  const rssAfterGenerateMb = mb(process.memoryUsage().rss);

  // Warm the parser up on a few files, then keep the best of a few passes: the floor is a minimum.
  parseFloor(ws.files.slice(0, 20));
  const floorRuns = size.workloads > 10000 ? 2 : 3;
  let parseFloorMs = Infinity;
  for (let i = 0; i < floorRuns; i++) {
    gc();
    const [docs, ms] = time(() => parseFloor(ws.files));
    if (docs !== ws.documents) throw new Error(`floor parsed ${docs} documents, expected ${ws.documents}`);
    parseFloorMs = Math.min(parseFloorMs, ms);
  }
  log(`yaml parse floor ${parseFloorMs.toFixed(0)} ms (best of ${floorRuns})`);
  gc();

  const [workspace, modelMs] = time(() => {
    const w = new Workspace();
    // As the CLI loads a workspace: no syntax trees kept after extraction.
    for (const f of ws.files) w.setFile(f.path, f.text, { keepSyntax: false });
    void w.model;
    return w;
  });
  const model = workspace.model;
  log(`model ${modelMs.toFixed(0)} ms: ${model.workloads.length} workloads, ${model.policies.length} policies`);

  const t0 = performance.now();
  const conn = computeConnectivity(model, defaultEngine);
  const computeMs = performance.now() - t0;
  // Every workload-to-workload cell, counted by rows (defaults plus stored exceptions).
  const counts = conn.countCells();
  const C = conn.classCount;
  const connectivityMs = performance.now() - t0;
  // On the large size, check the row counts against a cell-by-cell pass over every class pair.
  let bruteMs: number | undefined;
  let bruteAgrees: boolean | undefined;
  if (C <= 5000) {
    const b0 = performance.now();
    const brute: Record<CellStatus, number> = { all: 0, some: 0, none: 0 };
    const statusById: (CellStatus | undefined)[] = [];
    for (let s = 0; s < C; s++) {
      const sw = (conn.classMembers[s] as readonly number[]).length;
      for (let d = 0; d < C; d++) {
        const id = conn.classCell(s, d);
        let st = statusById[id];
        if (st === undefined) {
          st = cellStatus(conn.ports.get(id));
          statusById[id] = st;
        }
        brute[st] += sw * (conn.classMembers[d] as readonly number[]).length;
      }
    }
    bruteMs = performance.now() - b0;
    bruteAgrees = brute.all === counts.all && brute.some === counts.some && brute.none === counts.none;
  }
  log(
    `connectivity ${connectivityMs.toFixed(0)} ms (compute ${computeMs.toFixed(0)} ms), ${C} classes, ${conn.externals.length} externals`,
  );

  const rng = new Rng(size.seed ^ 0xe7a1);
  const W = model.workloads.length;
  const pairs = Array.from({ length: 200 }, () => [rng.int(W), rng.int(W)] as const);
  let mismatches = 0;
  const [, explainMs] = time(() => {
    for (const [a, b] of pairs) {
      const e = explainConnection(
        model,
        defaultEngine,
        { kind: 'workload', workload: model.workloads[a]! },
        { kind: 'workload', workload: model.workloads[b]! },
      );
      if (formatConnections(e.allowed) !== formatConnections(conn.connection(a, b))) mismatches++;
    }
  });

  const errorFindings = workspace.fileFindings().filter((f) => f.severity === 'error').length;
  const result: BenchResult = {
    size: size.name,
    files: ws.files.length,
    documents: ws.documents,
    megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
    namespaces: model.namespaces.size,
    workloads: W,
    policies: model.policies.length,
    invalidPolicies: model.policies.filter((p) => !p.valid).length,
    errorFindings,
    classes: C,
    externals: conn.externals.length,
    generateMs,
    parseFloorMs,
    floorRuns,
    modelMs,
    computeMs,
    cellsMs: connectivityMs - computeMs,
    connectivityMs,
    explainAvgMs: explainMs / pairs.length,
    explainPairs: pairs.length,
    explainMismatches: mismatches,
    cells: { allowed: counts.all, partial: counts.some, denied: counts.none },
    classCells: C * C,
    exceptions: conn.exceptionCount,
    ...(bruteMs !== undefined ? { bruteMs } : {}),
    ...(bruteAgrees !== undefined ? { bruteAgrees } : {}),
    rssAfterGenerateMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
}

main();
