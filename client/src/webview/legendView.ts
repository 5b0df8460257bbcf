/**
 * The legend (`#legend`: the cell symbols, the changed mark, the uncertain mark and the quieter mark of
 * cells uncertain only in the baseline, none by colour alone)
 * and the cell counts of the title row.
 */
import { changedLegend, uncertainLegend } from './compareText';
import { h } from './dom';
import { plural, statusSymbol } from './matrixModel';
import type { MatrixModel } from './matrixModel';

export function renderLegend(legend: HTMLElement, m: MatrixModel): void {
  const item = (cls: string, symbol: string, text: string, title?: string): HTMLElement =>
    h(
      'span',
      { class: 'legend-item', ...(title ? { title } : {}) },
      h('span', { class: `swatch cell ${cls}`, 'aria-hidden': 'true' }, symbol),
      text,
    );
  const r = m.result;
  legend.replaceChildren(
    item('all', statusSymbol.all, 'All connections'),
    item('some', statusSymbol.some, 'Some ports'),
    item('none', statusSymbol.none, 'Denied'),
    r.changes ? item('none changed-sample', '', changedLegend(r)) : '',
    ...uncertainLegend(m).map((u) =>
      u.kind === 'own'
        ? item(
            'none uncertain',
            '',
            u.text,
            'A policy deciding these cells uses a construct the engine does not support; hover a cell for the reason.',
          )
        : item(
            'none uncertain-other',
            '',
            u.text,
            'The same result here, but a policy deciding these cells uses a construct the other side does not support; hover a cell for the reason.',
          ),
    ),
  );
}

export function renderStats(stats: HTMLElement, m: MatrixModel): void {
  const counts = { all: 0, some: 0, none: 0 };
  let uncertain = 0;
  m.result.rows.forEach((row) => {
    for (let i = 0; i + 1 < row.length; i += 2) {
      const set = row[i] ?? 0;
      counts[m.status(set)] += row[i + 1] ?? 0;
      if (m.uncertain(set) !== undefined) uncertain += row[i + 1] ?? 0;
    }
  });
  const n = (x: number): string => x.toLocaleString('en-US');
  stats.textContent = `${plural(m.size, 'workload')} · ${statusSymbol.all} ${n(counts.all)} · ${statusSymbol.some} ${n(counts.some)} · ${statusSymbol.none} ${n(counts.none)}${uncertain > 0 ? ` · ? ${n(uncertain)}` : ''}`;
  stats.title = `${counts.all} cells allow all connections, ${counts.some} some ports, ${counts.none} none (self included)${uncertain > 0 ? `; ${uncertain} uncertain` : ''}`;
}
