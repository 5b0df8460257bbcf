/**
 * The virtualised grid: a scroll container sized to the whole matrix, sticky column and row headers
 * (with namespace bands), and only the cells in view (plus a small margin) in the DOM, placed
 * absolutely and reconciled on each animation frame after a scroll. Rows are sources, columns
 * destinations. Keyboard: arrows, Home/End (Ctrl: the corners), PageUp/PageDown, Enter or Space opens
 * the explanation; the active cell keeps real focus (roving tabindex) and stays in the DOM.
 */
import { cellLabel, cellTitle } from './compareText';
import { clear, h } from './dom';
import { namespaceBands, statusSymbol } from './matrixModel';
import type { FilteredView, MatrixModel } from './matrixModel';
import { pageSize, scrollToShow, visibleSpan } from './virtualWindow';
import type { Axis } from './virtualWindow';

export const cellSize = 24;
export const colHeaderHeight = 150;
export const bandSize = 22;
export const rowHeaderWidth = 260;

/** Every cell starts as a copy of this one. */
const cellProto = ((): HTMLElement => {
  const el = document.createElement('div');
  el.setAttribute('role', 'gridcell');
  return el;
})();

export interface GridEvents {
  /** The active cell moved (workload indices). */
  select(from: number, to: number): void;
  /** Click, Enter or Space on a cell. */
  open(from: number, to: number): void;
}

interface RowEntry {
  readonly el: HTMLElement;
  readonly cells: Map<number, HTMLElement>;
}

export class GridView {
  readonly el: HTMLDivElement;
  private readonly canvas: HTMLDivElement;
  private readonly cellsLayer: HTMLDivElement;
  private readonly colHead: HTMLDivElement;
  private readonly rowHead: HTMLDivElement;
  private readonly colBands: HTMLDivElement;
  private readonly rowBands: HTMLDivElement;
  private model: MatrixModel | undefined;
  private view: FilteredView | undefined;
  private rows: Int32Array = new Int32Array(0);
  private cols: Int32Array = new Int32Array(0);
  private readonly rowEls = new Map<number, RowEntry>();
  private readonly colHeads = new Map<number, HTMLElement>();
  private readonly rowHeads = new Map<number, HTMLElement>();
  private active = { r: 0, c: 0 };
  /** Whether a shown row or column starts a namespace (a stronger line before it). */
  private rowNs: Uint8Array = new Uint8Array(0);
  private colNs: Uint8Array = new Uint8Array(0);
  /** Shown rows that start a namespace band too short for its label. */
  private readonly rowNsPrefix = new Set<number>();
  /** Grid position of each rendered cell. */
  private position = new WeakMap<Element, [number, number]>();
  private frame = 0;
  private hovered: HTMLElement[] = [];
  /** Time of the last render (ms), also in `#grid[data-render-ms]` for the figures the browser test reports. */
  lastRenderMs = 0;

  constructor(private readonly events: GridEvents) {
    this.colBands = h('div', { class: 'bands', 'aria-hidden': 'true' });
    this.rowBands = h('div', { class: 'bands', 'aria-hidden': 'true' });
    const corner = h(
      'div',
      { class: 'corner', 'aria-hidden': 'true' },
      h('span', { class: 'corner-to' }, 'to → destinations'),
      h('span', { class: 'corner-from' }, 'from ↓ sources'),
    );
    this.colHead = h('div', { class: 'col-head', role: 'row' }, corner, this.colBands);
    this.rowHead = h('div', { class: 'row-head' }, this.rowBands);
    this.cellsLayer = h('div', { class: 'cells', role: 'rowgroup' });
    this.canvas = h('div', { class: 'canvas' }, this.colHead, this.rowHead, this.cellsLayer);
    this.el = h('div', { id: 'grid', role: 'grid', 'aria-label': 'Reachability: rows are sources, columns destinations' }, this.canvas);
    this.el.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.el.addEventListener('click', (e) => {
      const at = this.positionOf(e.target);
      if (!at) return;
      this.moveTo(at[0], at[1], false);
      this.fire('open');
    });
    this.el.addEventListener('mouseover', (e) => this.hover(this.cellOf(e.target)));
    this.el.addEventListener('mouseleave', () => this.hover(undefined));
    new ResizeObserver(() => this.schedule()).observe(this.el);
  }

  /** New data or filters. The active cell stays on the same pair of workloads when both are still shown. */
  setData(model: MatrixModel, view: FilteredView, keep?: { from: number; to: number }): void {
    this.model = model;
    this.view = view;
    this.rows = view.rows;
    this.cols = view.cols;
    const starts = (order: Int32Array): Uint8Array =>
      Uint8Array.from(order, (w, i) =>
        i > 0 && model.workloads[w]?.namespace !== model.workloads[order[i - 1] as number]?.namespace ? 1 : 0,
      );
    this.rowNs = starts(this.rows);
    this.colNs = starts(this.cols);
    this.position = new WeakMap();
    this.el.setAttribute('aria-rowcount', String(this.rows.length + 1));
    this.el.setAttribute('aria-colcount', String(this.cols.length + 1));
    this.canvas.style.width = `${rowHeaderWidth + this.cols.length * cellSize}px`;
    this.canvas.style.height = `${colHeaderHeight + this.rows.length * cellSize}px`;
    this.colHead.style.width = this.canvas.style.width;
    this.rowHead.style.height = `${this.rows.length * cellSize}px`;
    this.cellsLayer.style.width = `${this.cols.length * cellSize}px`;
    this.cellsLayer.style.height = `${this.rows.length * cellSize}px`;
    for (const map of [this.colHeads, this.rowHeads]) {
      for (const el of map.values()) el.remove();
      map.clear();
    }
    for (const entry of this.rowEls.values()) entry.el.remove();
    this.rowEls.clear();
    const r = keep ? this.rows.indexOf(keep.from) : -1;
    const c = keep ? this.cols.indexOf(keep.to) : -1;
    this.active = { r: Math.max(0, r), c: Math.max(0, c) };
    this.renderBands();
    this.render();
  }

  /** The workload indices of the active cell, when the grid has cells. */
  activeCell(): { from: number; to: number } | undefined {
    const from = this.rows[this.active.r];
    const to = this.cols[this.active.c];
    return from === undefined || to === undefined ? undefined : { from, to };
  }

  scrollTo(top: number, left: number): void {
    this.el.scrollTop = top;
    this.el.scrollLeft = left;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private axis(vertical: boolean): Axis {
    return vertical
      ? { scroll: this.el.scrollTop, viewport: this.el.clientHeight, header: colHeaderHeight, cell: cellSize, count: this.rows.length }
      : { scroll: this.el.scrollLeft, viewport: this.el.clientWidth, header: rowHeaderWidth, cell: cellSize, count: this.cols.length };
  }

  /** Puts the visible cells and headers in the DOM and takes the others out. */
  render(): void {
    const m = this.model;
    if (!m) return;
    const t0 = performance.now();
    const rs = visibleSpan(this.axis(true));
    const cs = visibleSpan(this.axis(false));
    const keepRow = (r: number): boolean => (r >= rs.start && r < rs.end) || r === this.active.r;
    const keepCol = (r: number, c: number): boolean => (c >= cs.start && c < cs.end) || (r === this.active.r && c === this.active.c);
    for (const [r, entry] of this.rowEls) {
      if (!keepRow(r)) {
        entry.el.remove();
        this.rowEls.delete(r);
        continue;
      }
      for (const [c, el] of entry.cells) {
        if (!keepCol(r, c)) {
          el.remove();
          entry.cells.delete(c);
        }
      }
    }
    const wanted = [...range(rs.start, rs.end)];
    if (!wanted.includes(this.active.r) && this.active.r < this.rows.length) wanted.push(this.active.r);
    // New rows are filled while detached and inserted in one go: one style invalidation, not one per cell.
    const fresh = document.createDocumentFragment();
    for (const r of wanted) {
      let entry = this.rowEls.get(r);
      const isNew = !entry;
      if (!entry) {
        const el = h('div', { class: 'row', role: 'row', 'aria-rowindex': r + 2 });
        el.style.top = `${r * cellSize}px`;
        entry = { el, cells: new Map() };
        this.rowEls.set(r, entry);
      }
      const cols = [...range(cs.start, cs.end)];
      if (r === this.active.r && !cols.includes(this.active.c) && this.active.c < this.cols.length) cols.push(this.active.c);
      const add = isNew ? entry.el : document.createDocumentFragment();
      for (const c of cols) {
        if (!entry.cells.has(c)) {
          const el = this.makeCell(m, r, c);
          entry.cells.set(c, el);
          add.append(el);
        }
      }
      if (isNew) fresh.append(entry.el);
      else if (add.childNodes.length > 0) entry.el.append(add);
    }
    this.cellsLayer.append(fresh);
    this.renderHeads(this.colHeads, cs, false);
    this.renderHeads(this.rowHeads, rs, true);
    this.lastRenderMs = performance.now() - t0;
    this.el.dataset.renderMs = this.lastRenderMs.toFixed(2);
  }

  private makeCell(m: MatrixModel, r: number, c: number): HTMLElement {
    const from = this.rows[r] as number;
    const to = this.cols[c] as number;
    const set = m.cell(from, to);
    const status = m.status(set);
    const before = m.before(from, to);
    const passes = this.view?.passes(from, to) ?? true;
    const a = m.workloads[from];
    const b = m.workloads[to];
    const active = r === this.active.r && c === this.active.c;
    const el = cellProto.cloneNode(false) as HTMLElement;
    const uncertain = m.uncertain(set) !== undefined;
    const uncertainBefore = m.uncertainOnlyBefore(from, to);
    el.className = `cell ${status}${passes ? '' : ' off'}${uncertain && passes ? ' uncertain' : ''}${uncertainBefore && passes ? ' uncertain-other' : ''}${active ? ' active' : ''}${this.colNs[c] ? ' ns-col' : ''}${this.rowNs[r] ? ' ns-row' : ''}`;
    el.tabIndex = active ? 0 : -1;
    el.setAttribute('aria-colindex', String(c + 2));
    el.setAttribute('aria-label', cellLabel(m, from, to));
    el.setAttribute('data-from', a?.id ?? '');
    el.setAttribute('data-to', b?.id ?? '');
    el.setAttribute('data-status', status);
    if (before !== undefined) el.setAttribute('data-changed', 'true');
    if (uncertain) el.setAttribute('data-uncertain', 'true');
    if (uncertainBefore) el.setAttribute('data-uncertain-other', 'true');
    el.textContent = passes ? statusSymbol[status] : '';
    el.style.left = `${c * cellSize}px`;
    this.position.set(el, [r, c]);
    return el;
  }

  private renderHeads(map: Map<number, HTMLElement>, span: { start: number; end: number }, rowsAxis: boolean): void {
    const m = this.model as MatrixModel;
    const order = rowsAxis ? this.rows : this.cols;
    for (const [i, el] of map) {
      if (i < span.start || i >= span.end) {
        el.remove();
        map.delete(i);
      }
    }
    for (let i = span.start; i < span.end; i++) {
      if (map.has(i)) continue;
      const w = m.workloads[order[i] as number];
      if (!w) continue;
      const el = h(
        'div',
        { class: rowsAxis ? 'rh' : 'ch', title: w.id, role: rowsAxis ? 'rowheader' : 'columnheader' },
        rowsAxis && this.rowNsPrefix.has(i) && h('span', { class: 'ns' }, `${w.namespace}/`),
        h('span', { class: 'name' }, w.name),
        h('span', { class: 'kind' }, w.kind),
      );
      if (rowsAxis) el.style.top = `${i * cellSize}px`;
      else el.style.left = `${rowHeaderWidth + i * cellSize}px`;
      if (i === (rowsAxis ? this.active.r : this.active.c)) el.classList.add('current');
      map.set(i, el);
      (rowsAxis ? this.rowHead : this.colHead).append(el);
    }
  }

  /** Namespace bands over the columns and beside the rows (one element per namespace shown). */
  private renderBands(): void {
    const m = this.model as MatrixModel;
    clear(this.colBands);
    clear(this.rowBands);
    for (const b of namespaceBands(m, this.cols)) {
      const el = h('div', { class: 'band', title: `namespace ${b.namespace}` }, h('span', {}, b.namespace));
      el.style.left = `${rowHeaderWidth + b.start * cellSize}px`;
      el.style.width = `${b.count * cellSize}px`;
      this.colBands.append(el);
    }
    this.rowNsPrefix.clear();
    for (const b of namespaceBands(m, this.rows)) {
      // A band too short for its vertical label names the namespace in its first row header instead.
      const short = b.count * cellSize < b.namespace.length * 7 + 16;
      if (short) this.rowNsPrefix.add(b.start);
      const el = h(
        'div',
        { class: short ? 'band short' : 'band', title: `namespace ${b.namespace}` },
        short ? '' : h('span', {}, b.namespace),
      );
      el.style.top = `${b.start * cellSize}px`;
      el.style.height = `${b.count * cellSize}px`;
      this.rowBands.append(el);
    }
  }

  private cellOf(target: EventTarget | null): HTMLElement | undefined {
    const el = target instanceof Element ? target.closest<HTMLElement>('.cell') : null;
    return el ?? undefined;
  }

  private positionOf(target: EventTarget | null): [number, number] | undefined {
    const cell = this.cellOf(target);
    return cell ? this.position.get(cell) : undefined;
  }

  /** Highlights the row and column headers of the cell under the mouse and gives it its tooltip. */
  private hover(cell: HTMLElement | undefined): void {
    for (const el of this.hovered) el.classList.remove('hover');
    this.hovered = [];
    const at = cell && this.position.get(cell);
    const m = this.model;
    if (!cell || !at || !m) return;
    const from = this.rows[at[0]] as number;
    const to = this.cols[at[1]] as number;
    if (!cell.title) cell.title = cellTitle(m, from, to);
    for (const el of [this.rowHeads.get(at[0]), this.colHeads.get(at[1])]) {
      if (el) {
        el.classList.add('hover');
        this.hovered.push(el);
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.cellOf(e.target)) return;
    const { r, c } = this.active;
    const lastR = this.rows.length - 1;
    const lastC = this.cols.length - 1;
    const page = pageSize(this.axis(true));
    const ctrl = e.ctrlKey || e.metaKey;
    let next: [number, number] | undefined;
    switch (e.key) {
      case 'ArrowUp':
        next = [r - 1, c];
        break;
      case 'ArrowDown':
        next = [r + 1, c];
        break;
      case 'ArrowLeft':
        next = [r, c - 1];
        break;
      case 'ArrowRight':
        next = [r, c + 1];
        break;
      case 'Home':
        next = ctrl ? [0, 0] : [r, 0];
        break;
      case 'End':
        next = ctrl ? [lastR, lastC] : [r, lastC];
        break;
      case 'PageUp':
        next = [r - page, c];
        break;
      case 'PageDown':
        next = [r + page, c];
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.fire('open');
        return;
      default:
        return;
    }
    e.preventDefault();
    this.moveTo(clampIndex(next[0], lastR), clampIndex(next[1], lastC), true);
  }

  /** Makes (r, c) the active cell: scrolls it into view, renders, focuses it. */
  moveTo(r: number, c: number, scroll: boolean): void {
    if (this.rows.length === 0 || this.cols.length === 0) return;
    const old = this.rowEls.get(this.active.r)?.cells.get(this.active.c);
    if (old) {
      old.classList.remove('active');
      old.tabIndex = -1;
    }
    this.rowHeads.get(this.active.r)?.classList.remove('current');
    this.colHeads.get(this.active.c)?.classList.remove('current');
    this.active = { r, c };
    if (scroll) {
      this.el.scrollTop = scrollToShow(this.axis(true), r);
      this.el.scrollLeft = scrollToShow(this.axis(false), c);
    }
    this.render();
    const el = this.rowEls.get(r)?.cells.get(c);
    if (el) {
      el.classList.add('active');
      el.tabIndex = 0;
      el.focus({ preventScroll: true });
    }
    this.rowHeads.get(r)?.classList.add('current');
    this.colHeads.get(c)?.classList.add('current');
    this.fire('select');
  }

  private fire(kind: 'select' | 'open'): void {
    const a = this.activeCell();
    if (a) this.events[kind](a.from, a.to);
  }
}

function* range(start: number, end: number): Generator<number> {
  for (let i = start; i < end; i++) yield i;
}

function clampIndex(v: number, last: number): number {
  return Math.max(0, Math.min(last, v));
}
