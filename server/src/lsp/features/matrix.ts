/** The custom requests netpol/matrix and netpol/explain: the core's connectivity as protocol DTOs. */
import {
  compareGrids,
  ConnectionSets,
  expandRow,
  matrixGrid,
  matrixGridView,
  computeConnectivity,
  defaultEngine,
  explainConnection,
  explanationUncertainty,
  explanationView,
  findEngine,
  LineIndex,
} from '../../core/index';
import type { ComparisonView, Connectivity, EngineProfile, Location, MatrixGrid, Workspace } from '../../core/index';
import type {
  CompareDto,
  ComparisonDto,
  DiffCellDto,
  DiffParams,
  DiffResult,
  ExplainParams,
  ExplainResult,
  LocationDto,
  MatrixParams,
  MatrixResult,
} from '../../protocol/protocol';
import { toWire } from '../convert';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from '../workspaceIndex';

export const matrixWorkloadLimit = 5000;

/** The comparison's wire type is its view, field for field: this fails to compile when one changes alone. */
export const comparisonDtoIsView: [ComparisonDto, ComparisonView] extends [ComparisonView, ComparisonDto] ? true : false = true;

/** Connectivity cached per workspace version and engine: the panel asks often, the workspace changes rarely. */
export class MatrixService {
  private readonly cache = new Map<'current' | 'baseline', { ws: Workspace; version: number; engine: string; conn: Connectivity }>();
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();

  constructor(private readonly index: WorkspaceIndex) {}

  private engineOf(settings: Settings, id: string | undefined): EngineProfile {
    return findEngine(id ?? settings.engine) ?? defaultEngine;
  }

  connectivity(engine: EngineProfile): Connectivity {
    return this.cached(this.index.workspace, engine, 'current');
  }

  private cached(ws: Workspace, engine: EngineProfile, slot: 'current' | 'baseline'): Connectivity {
    const c = this.cache.get(slot);
    if (c && c.ws === ws && c.version === ws.model.version && c.engine === engine.id) return c.conn;
    const conn = computeConnectivity(ws.model, engine);
    this.cache.set(slot, { ws, version: ws.model.version, engine: engine.id, conn });
    return conn;
  }

  private location(loc: Location): LocationDto {
    const text = this.index.workspace.getFile(loc.file)?.parsed.text ?? '';
    let hit = this.lineIndexes.get(loc.file);
    if (!hit || hit.text !== text) {
      hit = { text, index: new LineIndex(text) };
      this.lineIndexes.set(loc.file, hit);
    }
    const p = hit.index.positionAt(loc.span.start);
    return { uri: loc.file, line: p.line, character: p.character };
  }

  matrix(settings: Settings, params: MatrixParams): MatrixResult {
    const engine = this.engineOf(settings, params.engine);
    const conn = this.connectivity(engine);
    const namespaces = params.namespaces ? new Set(params.namespaces) : undefined;
    const completeness = this.index.completeness(engine, conn.countUncertainCells());
    const { view, grid, sets } = matrixGridView(conn, engine.id, { namespaces, limit: matrixWorkloadLimit, completeness });
    const position = (loc: Location): LocationDto => this.location(loc);
    if (!grid || !params.compare) return toWire(view, position);
    // The baseline's sets join `sets` (the view's `connections`): convert after comparing.
    const baseline = this.baselineGrid(settings, params.compare, engine, sets, namespaces);
    const changes = compareGrids(grid, baseline.grid, sets, { baseline: baseline.engine, current: engine.id });
    return {
      ...toWire(view, position),
      changes: {
        against: baseline.against,
        cells: changes.cells,
        uncertainCells: changes.uncertainCells,
        ...changes.comparison,
        added: changes.added,
        removed: changes.removed,
      },
    };
  }

  /** The grid to compare with: the files on disk (same engine) or the same workspace under another engine. */
  private baselineGrid(
    settings: Settings,
    compare: CompareDto,
    engine: EngineProfile,
    sets: ConnectionSets,
    namespaces: ReadonlySet<string> | undefined,
  ): { against: string; engine: string; grid: MatrixGrid } {
    if (compare.against === 'engine') {
      const other = this.engineOf(settings, compare.engine);
      const grid = matrixGrid(this.cached(this.index.workspace, other, 'baseline'), sets, { namespaces });
      return { against: other.id, engine: other.id, grid };
    }
    const { workspace } = this.index.baseline();
    const conn = workspace === this.index.workspace ? this.connectivity(engine) : this.cached(workspace, engine, 'baseline');
    return { against: 'disk', engine: engine.id, grid: matrixGrid(conn, sets, { namespaces }) };
  }

  /** What the unsaved edits change, as counts, one sentence and the first cells. */
  diff(settings: Settings, params: DiffParams): DiffResult {
    const engine = this.engineOf(settings, params.engine);
    const { workspace, documents } = this.index.baseline();
    const sets = new ConnectionSets();
    const now = matrixGrid(this.connectivity(engine), sets);
    const before = workspace === this.index.workspace ? now : matrixGrid(this.cached(workspace, engine, 'baseline'), sets);
    const changes = compareGrids(now, before, sets, { baseline: engine.id, current: engine.id });
    const limit = Math.max(0, params.limit ?? 200);
    const cells: DiffCellDto[] = [];
    for (let i = 0; i + 2 < changes.cells.length && cells.length < limit; i += 3) {
      const [r, c, b] = [changes.cells[i] as number, changes.cells[i + 1] as number, changes.cells[i + 2] as number];
      const after = expandRow(now.rows[r] ?? [], now.workloads.length)[c] as number;
      cells.push({
        from: now.workloads[r]?.id ?? '',
        to: now.workloads[c]?.id ?? '',
        before: sets.list[b]?.text ?? '',
        after: sets.list[after]?.text ?? '',
      });
    }
    return { engine: engine.id, ...changes.comparison, summary: diffSummary(changes.comparison), cells, documents };
  }

  explain(settings: Settings, params: ExplainParams): ExplainResult | null {
    const engine = this.engineOf(settings, params.engine);
    const conn = this.connectivity(engine);
    const src = conn.workloads.find((w) => w.id === params.from);
    const dst = conn.workloads.find((w) => w.id === params.to);
    if (!src || !dst) return null;
    const ws = this.index.workspace;
    const e = explainConnection(ws.model, engine, { kind: 'workload', workload: src }, { kind: 'workload', workload: dst });
    const query = params.port !== undefined ? { protocol: params.protocol ?? 'TCP', port: params.port } : undefined;
    const view = explanationView(e, engine.id, query);
    const completeness = this.index.completeness(engine, explanationUncertainty(view));
    return toWire({ ...view, completeness }, (loc) => this.location(loc));
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `This edit opens 3 connections and closes 1.`, then `; 2 cells become uncertain on azure-npm-windows.` */
export function diffSummary(c: ComparisonView): string {
  const certainty = [
    c.uncertainOnly.current > 0
      ? `${plural(c.uncertainOnly.current, 'cell')} become${c.uncertainOnly.current === 1 ? 's' : ''} uncertain on ${c.current}`
      : '',
    c.uncertainOnly.baseline > 0
      ? `${plural(c.uncertainOnly.baseline, 'cell')} stop${c.uncertainOnly.baseline === 1 ? 's' : ''} being uncertain on ${c.baseline}`
      : '',
  ].filter((t) => t !== '');
  const tail = certainty.length > 0 ? `; ${certainty.join(', ')}.` : '.';
  if (c.opened === 0 && c.closed === 0 && c.changed === 0) return `No change in reachability${tail}`;
  const parts = [`opens ${plural(c.opened, 'connection')}`, `closes ${c.closed}`];
  const ports = c.changed > 0 ? ` and changes the ports of ${c.changed}` : '';
  return `This edit ${parts.join(' and ')}${ports}${tail}`;
}
