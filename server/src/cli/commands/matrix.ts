import { buildMatrix } from '../../core/index';
import type { CellStatus, Connectivity, MatrixView } from '../../core/index';
import { csvField, mdCell } from './connlist';
import { UsageError } from '../usage';

/** `html` is rendered by matrixHtml.ts (the panel's page); the others here. */
export const matrixFormats = ['txt', 'json', 'csv', 'md', 'html'] as const;

const symbol: Record<CellStatus, string> = { all: 'A', some: 'P', none: '.' };
const colour: Record<CellStatus, string> = { all: '\u001b[32m', some: '\u001b[33m', none: '\u001b[2;31m' };
const reset = '\u001b[0m';

/** Above this many workloads a grid is unreadable (and its cells number in the millions): counts instead. */
export const maxGridWorkloads = 1000;

export function renderMatrix(
  conn: Connectivity,
  format: string,
  opts: { color: boolean; engine: string; namespaces?: ReadonlySet<string>; completeness?: unknown },
): string {
  if (!(matrixFormats as readonly string[]).includes(format))
    throw new UsageError(`unknown --format "${format}" for matrix (${matrixFormats.join(', ')})`);
  const shown = conn.workloads.filter((w) => !opts.namespaces || opts.namespaces.has(w.namespace)).length;
  if (shown > maxGridWorkloads) {
    const c = conn.countCells();
    return [
      `${shown} workloads: too many for a grid (at most ${maxGridWorkloads}); narrow it with --namespace NS[,NS…], or list the connections with netpol-lens connlist.`,
      `Whole workspace (engine: ${opts.engine}): ${c.all} cells allowed, ${c.some} on some ports, ${c.none} denied (of ${c.all + c.some + c.none}, self included).`,
    ].join('\n');
  }
  const m = buildMatrix(conn, opts.namespaces);
  switch (format) {
    case 'json':
      return JSON.stringify(
        {
          engine: opts.engine,
          workloads: m.workloads,
          cells: m.cells.map((row) => row.map((c) => c.text)),
          counts: m.counts,
          ...(m.uncertainCount > 0 ? { uncertain: uncertainJson(m) } : {}),
          ...(opts.completeness !== undefined ? { completeness: opts.completeness } : {}),
        },
        null,
        2,
      );
    case 'csv':
      return [
        ['from \\ to', ...m.workloads].map(csvField).join(','),
        ...m.workloads.map((w, r) =>
          [w, ...(m.cells[r] ?? []).map((c) => c.text + (c.uncertain ? ' (uncertain)' : ''))].map(csvField).join(','),
        ),
      ].join('\n');
    case 'md':
      return renderMarkdown(m);
    default:
      return renderText(m, opts);
  }
}

/** Uncertain cells as `[row, col, reason]` triples over a list of distinct reasons. */
function uncertainJson(m: MatrixView): { reasons: string[]; cells: number[][] } {
  const reasons: string[] = [];
  const ids = new Map<string, number>();
  const cells: number[][] = [];
  m.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (c.uncertain === undefined) return;
      let id = ids.get(c.uncertain);
      if (id === undefined) {
        id = reasons.length;
        reasons.push(c.uncertain);
        ids.set(c.uncertain, id);
      }
      cells.push([r, col, id]);
    }),
  );
  return { reasons, cells };
}

function renderMarkdown(m: MatrixView): string {
  const head = `| from \\ to | ${m.workloads.map(mdCell).join(' | ')} |`;
  const sep = `|---|${m.workloads.map(() => '---').join('|')}|`;
  const rows = m.workloads.map(
    (w, r) =>
      `| ${mdCell(w)} | ${(m.cells[r] ?? []).map((c) => (c.status === 'none' ? '—' : mdCell(c.text)) + (c.uncertain ? ' ?' : '')).join(' | ')} |`,
  );
  return [head, sep, ...rows].join('\n');
}

/** Each reason once, with how many cells it makes uncertain. */
function uncertainLines(m: MatrixView, engine: string): string[] {
  const byReason = new Map<string, number>();
  for (const row of m.cells) for (const c of row) if (c.uncertain) byReason.set(c.uncertain, (byReason.get(c.uncertain) ?? 0) + 1);
  const out = [
    `${m.uncertainCount} uncertain on ${engine} (a policy deciding them uses what ${engine} does not, or not always, support; the spec's result is shown):`,
  ];
  for (const [reason, n] of [...byReason].sort((x, y) => (x[0] < y[0] ? -1 : 1))) out.push(`  ${n} cell${n === 1 ? '' : 's'}: ${reason}`);
  return out;
}

/** Numbered columns, one row per workload; readable without colour (A / P / .), coloured on a terminal. */
function renderText(m: MatrixView, opts: { color: boolean; engine: string }): string {
  const n = m.workloads.length;
  if (n === 0)
    return 'No workloads found (Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, ReplicationControllers).';
  const numW = String(n).length;
  const nameW = Math.max(...m.workloads.map((w) => w.length));
  const paint = (s: CellStatus, text: string): string => (opts.color ? `${colour[s]}${text}${reset}` : text);
  const lines: string[] = [];
  lines.push(`Connectivity matrix (engine: ${opts.engine}): rows connect to columns`);
  const uncertainNote = m.uncertainCount > 0 ? `   ? (after the symbol) uncertain on ${opts.engine}` : '';
  lines.push(
    `Legend: ${paint('all', 'A')} all connections   ${paint('some', 'P')} some ports   ${paint('none', '.')} denied${uncertainNote}`,
  );
  lines.push('');
  // Column numbers written vertically so that wide numbers stay aligned.
  for (let digit = 0; digit < numW; digit++) {
    const row = m.workloads.map((_, c) => String(c + 1).padStart(numW, ' ')[digit] ?? ' ');
    lines.push(`${' '.repeat(numW + 2 + nameW + 2)}${row.join(' ')}`);
  }
  m.workloads.forEach((w, r) => {
    // An uncertain cell takes the blank after its symbol for a `?`, so the columns stay aligned.
    const cells = (m.cells[r] ?? []).map((c) => paint(c.status, symbol[c.status]) + (c.uncertain ? '?' : ' '));
    lines.push(`${String(r + 1).padStart(numW)}  ${w.padEnd(nameW)}  ${cells.join('').trimEnd()}`);
  });
  const partial: string[] = [];
  m.cells.forEach((row, r) =>
    row.forEach((c, col) => {
      if (c.status === 'some') partial.push(`  ${r + 1} -> ${col + 1}  ${m.workloads[r]} => ${m.workloads[col]} : ${c.text}`);
    }),
  );
  if (partial.length) {
    lines.push('', 'Some ports:');
    const limit = 50;
    lines.push(...partial.slice(0, limit));
    if (partial.length > limit) lines.push(`  … and ${partial.length - limit} more (netpol-lens connlist lists them all)`);
  }
  lines.push('', `${m.counts.all} allowed, ${m.counts.some} on some ports, ${m.counts.none} denied (of ${n * n} cells, self included)`);
  if (m.uncertainCount > 0) lines.push(...uncertainLines(m, opts.engine));
  return lines.join('\n');
}
