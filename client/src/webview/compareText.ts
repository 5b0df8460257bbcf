/**
 * The words of a comparison and of uncertainty: the summary line, a cell's label and tooltip, the
 * explanation pane's notes. A comparison is with the files on disk (what unsaved edits change) or with
 * another engine on the same manifests (`changes.against` is then that engine's id). Pure: no DOM.
 */
import type { MatrixResult } from '../../../server/src/protocol/protocol';
import { plural } from './matrixModel';
import type { MatrixModel } from './matrixModel';

/** The engine the result is compared with, or undefined when it is compared with the disk (or not at all). */
export function comparedEngine(r: MatrixResult): string | undefined {
  const against = r.changes?.against;
  return against !== undefined && against !== 'disk' ? against : undefined;
}

/** `Uncertain on azure-npm-windows: <reason>` (`uncertain on …` inside a sentence). */
export function uncertainText(engine: string, reason: string, inSentence = false): string {
  return `${inSentence ? 'u' : 'U'}ncertain on ${engine}:${reason ? ` ${reason}` : ''}`;
}

/** `ns/a spec.x (…): …; ns/b spec.y (…): …` → one reason each (a `;` inside a reason stays). */
export function splitReasons(reason: string): string[] {
  return reason.split(/; (?=\S+ spec[.\s])/);
}

/** Whether any cell of the grid (the engine in effect) is uncertain; the compared engine's sets do not count. */
export function hasUncertain(r: MatrixResult): boolean {
  return r.rows.some((row) => row.some((set, i) => i % 2 === 0 && !!r.connections[set]?.uncertain));
}

/**
 * The legend's uncertainty items: `own` for the `?` cells (uncertain on the engine in effect), `other`
 * for the quieter mark (the same result, uncertain only on the compared engine or only on disk).
 */
export function uncertainLegend(m: MatrixModel): { kind: 'own' | 'other'; text: string }[] {
  const out: { kind: 'own' | 'other'; text: string }[] = [];
  if (hasUncertain(m.result)) out.push({ kind: 'own', text: `Uncertain on ${m.result.engine}` });
  if ([...m.certainty.keys()].some((k) => m.uncertainOnlyBefore(Math.floor(k / m.size), k % m.size))) {
    const other = comparedEngine(m.result);
    out.push({ kind: 'other', text: other !== undefined ? `Uncertain only on ${other}` : 'Uncertain only on disk' });
  }
  return out;
}

/** `2 cells are uncertain only under azure-npm-windows, 1 only under generic` (the comparison's own engine names), or ''. */
function certaintyText(c: NonNullable<MatrixResult['changes']>): string {
  const sides = [
    [c.uncertainOnly.baseline, c.baseline],
    [c.uncertainOnly.current, c.current],
  ] as const;
  return sides
    .filter(([n]) => n > 0)
    .map(([n, engine], i) =>
      i === 0 ? `${plural(n, 'cell')} ${n === 1 ? 'is' : 'are'} uncertain only under ${engine}` : `${n} only under ${engine}`,
    )
    .join(', ');
}

/** Against the disk: `2 cells become uncertain on X.`, `1 cell is no longer uncertain on X.` */
function certaintyOnDisk(c: NonNullable<MatrixResult['changes']>): string[] {
  const out: string[] = [];
  const { baseline, current } = c.uncertainOnly;
  if (current > 0) out.push(`${plural(current, 'cell')} become${current === 1 ? 's' : ''} uncertain on ${c.current}.`);
  if (baseline > 0) out.push(`${plural(baseline, 'cell')} ${baseline === 1 ? 'is' : 'are'} no longer uncertain on ${c.baseline}.`);
  return out;
}

/**
 * Against the disk: `Unsaved edits open N connections and close M.`; against an engine: `On cilium
 * instead of generic: 3 connections open, 5 close, 1 changes ports.` (the counts that are not zero),
 * then the cells whose result is the same but that are uncertain under one engine only, by name.
 */
export function summaryText(r: MatrixResult): string {
  const c = r.changes;
  if (!c) return 'Rows are sources, columns destinations.';
  const other = comparedEngine(r);
  if (other !== undefined) {
    const head = `On ${c.baseline} instead of ${c.current}:`;
    // The server counts from the other engine to this one: its `closed` open on the other engine.
    const parts = [
      [c.closed, 'opens', 'open'],
      [c.opened, 'closes', 'close'],
      [c.changed, 'changes ports', 'change ports'],
    ] as const;
    const said = parts
      .filter(([n]) => n > 0)
      .map(([n, one, many], i) => (i === 0 ? `${plural(n, 'connection')} ` : `${n.toLocaleString('en-US')} `) + (n === 1 ? one : many));
    const certainty = certaintyText(c);
    return `${head} ${said.length > 0 ? said.join(', ') : 'no result differs'}${certainty ? `; ${certainty}` : ''}.`;
  }
  const parts = [`Unsaved edits open ${plural(c.opened, 'connection')} and close ${c.closed}.`];
  if (c.changed > 0) parts.push(`Ports change on ${plural(c.changed, 'cell')}.`);
  parts.push(...certaintyOnDisk(c));
  if (c.added.length > 0) parts.push(`New: ${few(c.added)}.`);
  if (c.removed.length > 0) parts.push(`Removed: ${few(c.removed)}.`);
  return parts.join(' ');
}

function few(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}

/** The legend's words for a changed cell. */
export function changedLegend(r: MatrixResult): string {
  const other = comparedEngine(r);
  return other !== undefined ? `Differs on ${other}` : 'Changed by unsaved edits';
}

/** What a changed cell was in the baseline: `on disk: X` or `on cilium: X` (with the other engine's uncertainty). */
export function baselineText(m: MatrixModel, before: number): string {
  const other = comparedEngine(m.result);
  if (other === undefined) return `on disk: ${m.text(before)}`;
  const reason = m.uncertain(before);
  return `on ${other}: ${m.text(before)}${reason ? `; ${uncertainText(other, reason, true)}` : ''}`;
}

/**
 * A cell whose result is the same in the baseline but not its certainty: `the same on cilium; uncertain
 * on cilium: <reason>` or `the same on disk, certain there`.
 */
export function sameText(m: MatrixModel, before: number): string {
  const other = comparedEngine(m.result);
  const where = other ?? 'disk';
  const reason = m.uncertain(before);
  return reason ? `the same on ${where}; ${uncertainText(other ?? m.result.engine, reason, true)}` : `the same on ${where}, certain there`;
}

/** `web → db: TCP 5432` (namespaces shown when the two differ), the baseline when the cell changed, and why it is uncertain. */
export function cellLabel(m: MatrixModel, from: number, to: number): string {
  const a = m.workloads[from];
  const b = m.workloads[to];
  const name = (w: typeof a): string => (w ? (a?.namespace === b?.namespace ? w.name : `${w.namespace}/${w.name}`) : '');
  const set = m.cell(from, to);
  const before = m.before(from, to);
  const same = m.sameBefore(from, to);
  const was =
    before === undefined
      ? same === undefined
        ? ''
        : ` (${sameText(m, same)})`
      : comparedEngine(m.result) !== undefined
        ? ` (${baselineText(m, before)})`
        : ` (changed by unsaved edits; was: ${m.text(before)})`;
  const reason = m.uncertain(set);
  return `${name(a)} → ${name(b)}: ${m.text(set)}${was}${reason ? `; ${uncertainText(m.result.engine, reason, true)}` : ''}`;
}

/** The tooltip of a cell: one fact a line. */
export function cellTitle(m: MatrixModel, from: number, to: number): string {
  const set = m.cell(from, to);
  const before = m.before(from, to);
  const reason = m.uncertain(set);
  const lines = [`${m.workloads[from]?.id ?? ''} → ${m.workloads[to]?.id ?? ''}`, m.text(set)];
  if (before !== undefined) {
    lines.push(comparedEngine(m.result) !== undefined ? baselineText(m, before) : `before the unsaved edits: ${m.text(before)}`);
  }
  if (reason) lines.push(uncertainText(m.result.engine, reason));
  const same = m.sameBefore(from, to);
  if (same !== undefined) lines.push(sameText(m, same));
  return lines.join('\n');
}
