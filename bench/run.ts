/**
 * `npm run bench [-- large huge]`: runs each size in a fresh child process (bench/runOne.ts, so the
 * peak RSS is per size), then prints one table and the targets with PASS / MISS.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchSizes } from './generate';
import { resultMarker } from './result';
import type { BenchResult } from './result';

const sizes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['large', 'huge'];
for (const s of sizes) {
  if (!benchSizes[s]) {
    process.stderr.write(`unknown size ${s}; one of ${Object.keys(benchSizes).join(', ')}\n`);
    process.exit(2);
  }
}

function runSize(size: string): BenchResult {
  process.stderr.write(`running ${size} ...\n`);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'runOne.ts'), size], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(resultMarker));
  if (child.status !== 0 || !line) throw new Error(`bench/runOne.ts ${size} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(line.slice(resultMarker.length)) as BenchResult;
}

const ms = (v: number): string => (v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
const int = (v: number): string => Math.round(v).toLocaleString('en-US');
const pct = (v: number, of: number): string => `${((100 * v) / of).toFixed(2)}%`;
const ratio = (r: BenchResult): number => r.connectivityMs / r.parseFloorMs;
const total = (r: BenchResult): number => r.modelMs + r.connectivityMs;

const rows: readonly (readonly [string, (r: BenchResult) => string])[] = [
  ['files / documents / size', (r) => `${int(r.files)} / ${int(r.documents)} / ${r.megabytes} MB`],
  ['namespaces', (r) => int(r.namespaces)],
  ['workloads', (r) => int(r.workloads)],
  ['policies (invalid)', (r) => `${int(r.policies)} (${r.invalidPolicies})`],
  ['error findings', (r) => int(r.errorFindings)],
  ['classes / external ranges', (r) => `${int(r.classes)} / ${r.externals}`],
  ['yaml parse floor (best of N)', (r) => `${ms(r.parseFloorMs)} (N=${r.floorRuns})`],
  ['model build (Workspace+setFile+model)', (r) => ms(r.modelMs)],
  ['connectivity (compute + all cells)', (r) => ms(r.connectivityMs)],
  ['  computeConnectivity', (r) => ms(r.computeMs)],
  ['  every cell, counted by rows', (r) => `${ms(r.cellsMs)} (${int(r.classCells)} class cells)`],
  ['  stored exceptions', (r) => int(r.exceptions)],
  [
    '  check: cell by cell (large only)',
    (r) => (r.bruteMs === undefined ? '-' : `${ms(r.bruteMs)}, ${r.bruteAgrees ? 'same counts' : 'DIFFERENT'}`),
  ],
  [
    'cells allowed (weighted)',
    (r) => `${int(r.cells.allowed)} (${pct(r.cells.allowed, r.cells.allowed + r.cells.partial + r.cells.denied)})`,
  ],
  [
    'cells partial (weighted)',
    (r) => `${int(r.cells.partial)} (${pct(r.cells.partial, r.cells.allowed + r.cells.partial + r.cells.denied)})`,
  ],
  ['cells denied (weighted)', (r) => `${int(r.cells.denied)} (${pct(r.cells.denied, r.cells.allowed + r.cells.partial + r.cells.denied)})`],
  ['explain (avg over random pairs)', (r) => `${r.explainAvgMs.toFixed(3)} ms (${r.explainPairs} pairs)`],
  ['explain agrees with matrix', (r) => `${r.explainPairs - r.explainMismatches}/${r.explainPairs}`],
  ['connectivity / parse floor', (r) => `${ratio(r).toFixed(2)}x`],
  ['model + connectivity', (r) => ms(total(r))],
  ['RSS after generating texts', (r) => `${int(r.rssAfterGenerateMb)} MB`],
  ['peak RSS', (r) => `${int(r.peakRssMb)} MB`],
];

interface Target {
  readonly size: string;
  readonly label: string;
  readonly value: (r: BenchResult) => string;
  readonly pass: (r: BenchResult) => boolean;
}

const targets: readonly Target[] = [
  { size: 'large', label: 'connectivity <= 2x parse floor', value: (r) => `${ratio(r).toFixed(2)}x`, pass: (r) => ratio(r) <= 2 },
  // The target: full connectivity of the huge workspace in under 10 s. Reading the files is
  // bound by the yaml parse floor above and reported beside it, not hidden in this line.
  { size: 'huge', label: 'full connectivity < 10 s', value: (r) => ms(r.connectivityMs), pass: (r) => r.connectivityMs < 10000 },
  { size: 'huge', label: 'peak RSS < 1 GB', value: (r) => `${int(r.peakRssMb)} MB`, pass: (r) => r.peakRssMb < 1024 },
];

function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function main(): void {
  const results = sizes.map(runSize);
  const out = [
    '',
    `netpol-lens benchmark — engine profile: generic, node ${process.version}`,
    '',
    table(
      ['', ...results.map((r) => r.size)],
      rows.map(([label, f]) => [label, ...results.map(f)]),
    ),
    '',
  ];
  const checks = targets.flatMap((t) => {
    const r = results.find((x) => x.size === t.size);
    return r ? [[`${t.size}: ${t.label}`, t.value(r), t.pass(r) ? 'PASS' : 'MISS']] : [];
  });
  if (checks.length > 0) out.push(table(['target', 'measured', 'result'], checks), '');
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
