/**
 * The reachability panel's browser code. In VS Code it talks to the host through
 * `acquireVsCodeApi()`; opened as a standalone page (`netpol-lens matrix --format html`) it reads the
 * MatrixResult embedded in the page and works without a server. Renders only what it is given: no
 * analysis here.
 */
import './webview.css';
import type { CompareDto, ExplainResult, LocationDto, MatrixResult } from '../../../server/src/protocol/protocol';
import type { StandaloneData } from '../../../server/src/protocol/standalonePage';
import { summaryText } from './compareText';
import { completenessBlock, setWorkspaceRoots } from './completenessView';
import { h } from './dom';
import { ExplainView } from './explainView';
import type { ComparedExplanation } from './explainView';
import { download, namespaceForm } from './controls';
import { viewToCsv, viewToMarkdown } from './exportView';
import { GridView } from './gridView';
import { renderLegend, renderStats } from './legendView';
import { MatrixModel, filterView, plural } from './matrixModel';
import type { FilteredView } from './matrixModel';
import { readCompare } from './messages';
import type { ExportFormat, HostToWebview, PersistedState, ViewState, WebviewToHost } from './messages';
import { readStandalone, readView } from './savedState';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

class App {
  private model: MatrixModel | undefined;
  private filtered: FilteredView | undefined;
  private view: ViewState;
  private namespaces: readonly string[] | undefined;
  /** What the host compares with (the `#compare` select); kept with the view state. */
  private compare: CompareDto;
  private restoredScroll = false;
  private explained: { from: string; to: string } | undefined;
  private readonly grid: GridView;
  private readonly explain: ExplainView;
  private readonly nsSelect = h('select', { id: 'filter-namespace', 'aria-label': 'Namespace' });
  private readonly search = h('input', {
    id: 'filter-search',
    type: 'search',
    placeholder: 'Workloads, e.g. web db',
    'aria-label': 'Show only workloads whose name contains one of these words',
    spellcheck: 'false',
  });
  private readonly port = h('input', {
    id: 'filter-port',
    type: 'text',
    placeholder: 'Port, e.g. TCP/80',
    'aria-label': 'Show only connections that include this port',
    spellcheck: 'false',
  });
  private readonly onlyDenied = h('input', { id: 'only-denied', type: 'checkbox' });
  private readonly onlyChanged = h('input', { id: 'only-changed', type: 'checkbox' });
  private readonly summary = h('div', { id: 'summary', role: 'status' });
  private readonly legend = h('div', { id: 'legend', 'aria-label': 'Legend' });
  private readonly stats = h('span', { class: 'stats' });
  private readonly shown = h('span', { class: 'shown' });
  private readonly engine = h('span', { id: 'engine', class: 'badge', title: 'The engine profile in effect (setting netpol.engine)' });
  private readonly compareSelect = h('select', { id: 'compare', title: 'What the changed cells are compared with' });
  private readonly message = h('div', { id: 'message', class: 'message', hidden: true });
  /** What the matrix leaves out (`completeness`), above the grid. */
  private readonly banner = h('div', { id: 'completeness', class: 'banner warning', role: 'status', hidden: true });
  private readonly progress = h('div', { class: 'progress', hidden: true, 'aria-hidden': 'true' });
  private readonly content: HTMLElement;
  private readonly open: ((loc: LocationDto) => void) | undefined;
  private scrollTimer = 0;
  private filterTimer = 0;

  constructor(
    private readonly api: VsCodeApi | undefined,
    private readonly standalone: StandaloneData | undefined,
  ) {
    const saved = (api?.getState() ?? undefined) as Partial<PersistedState> | undefined;
    this.view = readView(saved?.view ?? standalone?.view);
    this.namespaces = saved?.namespaces;
    this.compare = readCompare(saved?.compare) ?? { against: 'disk' };
    this.grid = new GridView({
      select: (from, to) => this.onSelect(from, to),
      open: (from, to) => this.onOpen(from, to),
    });
    const explainEl = h('aside', { id: 'explain', 'aria-live': 'polite', 'aria-label': 'Explanation' });
    this.open = api ? (loc) => api.postMessage({ type: 'open', uri: loc.uri, line: loc.line, character: loc.character }) : undefined;
    this.explain = new ExplainView(explainEl, this.open);
    this.content = h('main', { class: 'content' }, this.grid.el, explainEl);
    document.body.append(
      this.toolbar(),
      h('div', { class: 'infobar' }, this.summary, this.legend),
      this.banner,
      this.progress,
      this.message,
      this.content,
    );
    this.grid.el.addEventListener('scroll', () => this.saveScrollSoon(), { passive: true });
    this.syncInputs();
  }

  private toolbar(): HTMLElement {
    const button = (id: string, text: string, title: string): HTMLButtonElement => h('button', { id, type: 'button', title }, text);
    const exports = h(
      'div',
      { class: 'exports', role: 'group', 'aria-label': 'Export the current view' },
      button('export-csv', 'CSV', 'Export the current view as CSV'),
      button('export-md', 'Markdown', 'Export the current view as a Markdown table'),
      button('export-html', 'HTML', 'Export the current view as a standalone HTML page'),
    );
    exports.addEventListener('click', (e) => {
      const id = e.target instanceof HTMLElement ? e.target.id : '';
      if (id.startsWith('export-')) this.export(id.slice('export-'.length) as ExportFormat);
    });
    const refresh = this.api && button('refresh', '↻', 'Ask the language server again');
    refresh?.addEventListener('click', () =>
      this.post({ type: 'refresh', compare: this.compare, ...(this.namespaces ? { namespaces: this.namespaces } : {}) }),
    );
    const source = this.standalone
      ? h('span', { class: 'source', title: `Generated ${this.standalone.generated}` }, this.standalone.source)
      : undefined;
    if (this.standalone) {
      const html = exports.querySelector<HTMLButtonElement>('#export-html');
      if (html) {
        html.disabled = true;
        html.title = 'This page is the HTML export';
      }
    }
    for (const input of [this.search, this.port]) input.addEventListener('input', () => this.filterSoon());
    for (const el of [this.nsSelect, this.onlyDenied, this.onlyChanged]) el.addEventListener('change', () => this.readInputs());
    this.compareSelect.addEventListener('change', () => this.onCompare());
    const compare = this.api && h('label', { class: 'compare' }, 'Compare with', this.compareSelect);
    return h(
      'header',
      { class: 'toolbar' },
      h(
        'div',
        { class: 'title-row' },
        h('h1', {}, 'Reachability'),
        this.engine,
        compare,
        this.stats,
        source,
        h('span', { class: 'spacer' }),
        refresh,
        exports,
      ),
      h(
        'div',
        { class: 'filters' },
        this.nsSelect,
        this.search,
        this.port,
        h('label', { class: 'check' }, this.onlyDenied, 'Only denied'),
        h('label', { class: 'check' }, this.onlyChanged, 'Only changed'),
        this.shown,
      ),
    );
  }

  private post(m: WebviewToHost): void {
    this.api?.postMessage(m);
  }

  start(): void {
    if (this.standalone) this.setMatrix(this.standalone.result);
    else {
      window.addEventListener('message', (e: MessageEvent<HostToWebview>) => this.onMessage(e.data));
      this.setLoading(true);
      this.post({ type: 'ready', compare: this.compare, ...(this.namespaces ? { namespaces: this.namespaces } : {}) });
    }
  }

  private onMessage(m: HostToWebview): void {
    switch (m.type) {
      case 'matrix':
        this.namespaces = m.namespaces;
        setWorkspaceRoots(m.roots ?? []);
        this.setLoading(false);
        this.setMatrix(m.result);
        this.fillCompare(m.result, m.engines ?? [], m.compare);
        break;
      case 'loading':
        this.setLoading(true);
        break;
      case 'error':
        this.setLoading(false);
        this.showMessage('error', 'The language server could not compute the matrix', m.message);
        break;
      case 'explanation':
        this.onExplanation(m.from, m.to, m.result, m.error, m.engine && m.compared ? { engine: m.engine, other: m.compared } : undefined);
        break;
    }
  }

  private setLoading(on: boolean): void {
    this.progress.hidden = !on;
  }

  private setMatrix(result: MatrixResult): void {
    this.rememberSelection();
    const model = new MatrixModel(result);
    this.model = model;
    this.engine.textContent = `Engine: ${result.engine}`;
    this.fillNamespaces(model);
    this.onlyChanged.disabled = !result.changes;
    this.summary.textContent = summaryText(result);
    renderLegend(this.legend, model);
    renderStats(this.stats, model);
    this.renderBanner(result);
    if (result.truncated) this.showTruncated(result.truncated);
    else if (model.size === 0) {
      this.showMessage(
        'empty',
        'No workloads in this workspace',
        'The matrix shows Pods and the pods of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs and ReplicationControllers. Open a folder with their manifests (YAML or JSON) next to your NetworkPolicies.',
      );
    } else this.showMessage(undefined);
    this.applyFilters();
    if (!this.restoredScroll && model.size > 0) {
      this.restoredScroll = true;
      if (this.view.scrollTop || this.view.scrollLeft) this.grid.scrollTo(this.view.scrollTop ?? 0, this.view.scrollLeft ?? 0);
    }
    if (this.explained && this.api && !result.truncated) {
      const from = model.indexOf(this.explained.from);
      const to = model.indexOf(this.explained.to);
      if (from !== undefined && to !== undefined) this.onOpen(from, to);
    }
    performance.mark('netpol:rendered');
  }

  /** The summary of what the matrix leaves out and one line per item, each linked to its file (text in a standalone page). */
  private renderBanner(result: MatrixResult): void {
    const block = completenessBlock(result.completeness, this.open);
    this.banner.replaceChildren(...(block ? [block] : []));
    this.banner.hidden = !block;
  }

  /** Keeps the active cell's workload ids in the view, so that it survives new data and filters. */
  private rememberSelection(): void {
    const m = this.model;
    const a = this.grid.activeCell();
    const from = a && m?.workloads[a.from]?.id;
    const to = a && m?.workloads[a.to]?.id;
    if (from && to) this.view = { ...this.view, selected: { from, to } };
  }

  private fillNamespaces(m: MatrixModel): void {
    const counts = new Map<string, number>();
    for (const w of m.workloads) counts.set(w.namespace, (counts.get(w.namespace) ?? 0) + 1);
    this.nsSelect.replaceChildren(
      h('option', { value: '' }, `All namespaces (${m.namespaces.length})`),
      ...m.namespaces.map((ns) => h('option', { value: ns }, `${ns} (${counts.get(ns) ?? 0})`)),
    );
    if (this.view.namespace && !counts.has(this.view.namespace)) this.view = { ...this.view, namespace: '' };
    this.nsSelect.value = this.view.namespace;
  }

  /** The `#compare` options: the disk, then every engine but the one in effect. */
  private fillCompare(result: MatrixResult, engines: readonly string[], asked: CompareDto | undefined): void {
    if (asked) this.compare = asked;
    const others = engines.filter((e) => e !== result.engine);
    this.compareSelect.replaceChildren(
      h('option', { value: '' }, 'Files on disk (unsaved edits)'),
      ...others.map((e) => h('option', { value: e }, `Engine ${e}`)),
    );
    this.compareSelect.value = this.compare.against === 'engine' && others.includes(this.compare.engine) ? this.compare.engine : '';
    this.persist();
  }

  private onCompare(): void {
    const engine = this.compareSelect.value;
    this.compare = engine === '' ? { against: 'disk' } : { against: 'engine', engine };
    this.persist();
    this.post({ type: 'compare', compare: this.compare });
  }

  private showMessage(kind: 'error' | 'empty' | 'truncated' | undefined, title?: string, body?: string, extra?: HTMLElement): void {
    this.message.hidden = kind === undefined;
    this.content.hidden = kind !== undefined && kind !== 'error';
    if (kind === undefined) return;
    this.message.className = `message ${kind}`;
    this.message.replaceChildren(h('h2', {}, title ?? ''), h('p', {}, body ?? ''), extra ?? '');
  }

  private showTruncated(t: { workloads: number; limit: number }): void {
    const body = `The workspace has ${t.workloads.toLocaleString('en-US')} workloads; the grid shows at most ${t.limit.toLocaleString('en-US')}.`;
    if (!this.api) {
      this.showMessage('truncated', 'Too many workloads for a grid', `${body} Narrow it with --namespace NS[,NS…].`);
      return;
    }
    const form = namespaceForm((namespaces) => {
      this.namespaces = namespaces;
      this.persist();
      this.post({ type: 'refresh', compare: this.compare, ...(namespaces ? { namespaces } : {}) });
    });
    this.showMessage('truncated', 'Too many workloads for a grid', `${body} Choose the namespaces to show:`, form);
  }

  private syncInputs(): void {
    this.search.value = this.view.search;
    this.port.value = this.view.port;
    this.onlyDenied.checked = this.view.onlyDenied;
    this.onlyChanged.checked = this.view.onlyChanged;
  }

  private filterSoon(): void {
    clearTimeout(this.filterTimer);
    this.filterTimer = window.setTimeout(() => this.readInputs(), 120);
  }

  private readInputs(): void {
    this.rememberSelection();
    this.view = {
      ...this.view,
      namespace: this.nsSelect.value,
      search: this.search.value,
      port: this.port.value,
      onlyDenied: this.onlyDenied.checked,
      onlyChanged: this.onlyChanged.checked,
    };
    this.applyFilters();
  }

  private applyFilters(): void {
    const m = this.model;
    if (!m) return;
    const v = filterView(m, this.view);
    this.filtered = v;
    this.port.classList.toggle('invalid', v.badPort);
    this.port.setAttribute('aria-invalid', String(v.badPort));
    this.port.title = v.badPort ? 'Not a port: write e.g. TCP/80, udp/53 or 443' : '';
    const sel = this.view.selected;
    const from = sel ? m.indexOf(sel.from) : undefined;
    const to = sel ? m.indexOf(sel.to) : undefined;
    this.grid.setData(m, v, from !== undefined && to !== undefined ? { from, to } : undefined);
    this.shown.textContent =
      v.rows.length === m.size && v.cols.length === m.size
        ? ''
        : `Showing ${v.rows.length.toLocaleString('en-US')} × ${v.cols.length.toLocaleString('en-US')} of ${plural(m.size, 'workload')}`;
    if (m.size > 0 && (v.rows.length === 0 || v.cols.length === 0)) this.shown.textContent = 'No cell matches the filters.';
    this.persist();
  }

  private onSelect(from: number, to: number): void {
    const m = this.model;
    if (!m) return;
    this.view = { ...this.view, selected: { from: m.workloads[from]?.id ?? '', to: m.workloads[to]?.id ?? '' } };
    if (this.standalone) this.explain.showOffline(m, from, to, this.standalone.paths);
    this.persist();
  }

  private onOpen(from: number, to: number): void {
    const m = this.model;
    if (!m) return;
    if (this.standalone) {
      this.explain.showOffline(m, from, to, this.standalone.paths);
      return;
    }
    const a = m.workloads[from]?.id ?? '';
    const b = m.workloads[to]?.id ?? '';
    this.explained = { from: a, to: b };
    this.explain.loading(m, from, to);
    this.post({ type: 'explain', from: a, to: b });
  }

  private onExplanation(
    from: string,
    to: string,
    result: ExplainResult | null,
    error: string | undefined,
    compared: ComparedExplanation | undefined,
  ): void {
    const m = this.model;
    if (!m || this.explained?.from !== from || this.explained.to !== to) return;
    const a = m.indexOf(from);
    const b = m.indexOf(to);
    if (a !== undefined && b !== undefined) this.explain.show(m, a, b, result, error, compared);
  }

  private export(format: ExportFormat): void {
    const m = this.model;
    const v = this.filtered;
    if (!m || !v) return;
    const content = format === 'csv' ? viewToCsv(m, v) : format === 'md' ? viewToMarkdown(m, v) : undefined;
    if (this.api) {
      this.post({ type: 'export', format, view: this.view, ...(content !== undefined ? { content } : {}) });
      return;
    }
    if (content !== undefined) download(`reachability.${format}`, content, format === 'csv' ? 'text/csv' : 'text/markdown');
  }

  private saveScrollSoon(): void {
    clearTimeout(this.scrollTimer);
    this.scrollTimer = window.setTimeout(() => {
      this.view = { ...this.view, scrollTop: this.grid.el.scrollTop, scrollLeft: this.grid.el.scrollLeft };
      this.persist();
    }, 200);
  }

  private persist(): void {
    this.api?.setState({ view: this.view, compare: this.compare, ...(this.namespaces ? { namespaces: this.namespaces } : {}) });
  }
}

const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const standalone = api ? undefined : readStandalone();
if (!api && !standalone) {
  document.body.append(h('p', { class: 'message error' }, 'No matrix data in this page.'));
} else {
  new App(api, standalone).start();
}
