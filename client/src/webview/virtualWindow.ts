/**
 * The arithmetic of the virtualised grid along one axis: which cells a scroll position shows, and
 * where to scroll so that a cell is in view. Cells start after a sticky header of `header` pixels.
 */

export interface Axis {
  /** Scroll offset of the container (scrollTop or scrollLeft). */
  readonly scroll: number;
  /** Size of the container's visible area, sticky header included. */
  readonly viewport: number;
  readonly header: number;
  readonly cell: number;
  readonly count: number;
}

/** Half-open range [start, end) of the cells at least partly visible, plus `overscan` on each side. */
export function visibleSpan(a: Axis, overscan = 2): { start: number; end: number } {
  if (a.count <= 0 || a.cell <= 0) return { start: 0, end: 0 };
  const scroll = Math.max(0, a.scroll);
  const first = Math.floor(scroll / a.cell);
  const last = Math.ceil((scroll + Math.max(0, a.viewport - a.header)) / a.cell);
  return { start: clamp(first - overscan, 0, a.count), end: clamp(last + overscan, 0, a.count) };
}

/** The scroll offset that shows cell `index` whole (the current one when it already is). */
export function scrollToShow(a: Axis, index: number): number {
  const top = index * a.cell;
  const room = Math.max(a.cell, a.viewport - a.header);
  if (top < a.scroll) return top;
  if (top + a.cell > a.scroll + room) return top + a.cell - room;
  return a.scroll;
}

/** How many whole cells fit in the visible area (the step of PageUp / PageDown). */
export function pageSize(a: Axis): number {
  return Math.max(1, Math.floor((a.viewport - a.header) / a.cell));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
