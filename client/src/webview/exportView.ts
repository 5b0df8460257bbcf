/**
 * CSV and Markdown of the view on screen (the filtered rows and columns), in the CLI's layout:
 * a header of destinations, one row per source. A cell hidden by the cell filters is left empty.
 */
import type { FilteredView, MatrixModel } from './matrixModel';

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/[\r\n]+/g, ' ');
}

function cellText(m: MatrixModel, v: FilteredView, r: number, c: number): string | undefined {
  return v.passes(r, c) ? m.text(m.cell(r, c)) : undefined;
}

export function viewToCsv(m: MatrixModel, v: FilteredView): string {
  const id = (i: number): string => m.workloads[i]?.id ?? '';
  const lines = [['from \\ to', ...Array.from(v.cols, id)].map(csvField).join(',')];
  for (const r of v.rows) lines.push([id(r), ...Array.from(v.cols, (c) => cellText(m, v, r, c) ?? '')].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

export function viewToMarkdown(m: MatrixModel, v: FilteredView): string {
  const id = (i: number): string => m.workloads[i]?.id ?? '';
  const lines = [
    `| from \\ to | ${Array.from(v.cols, (c) => mdCell(id(c))).join(' | ')} |`,
    `|---|${Array.from(v.cols, () => '---').join('|')}|`,
  ];
  for (const r of v.rows) {
    const cells = Array.from(v.cols, (c) => {
      const t = cellText(m, v, r, c);
      return t === undefined ? '' : m.status(m.cell(r, c)) === 'none' ? '—' : mdCell(t);
    });
    lines.push(`| ${mdCell(id(r))} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
