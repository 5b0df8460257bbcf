/** The custom requests netpol/matrix and netpol/explain: the core's connectivity as protocol DTOs. */
import {
  compareGrids,
  completenessView,
  ConnectionSets,
  expandRow,
  matrixGrid,
  matrixGridView,
  computeConnectivity,
  defaultEngine,
  explainConnection,
  explanationView,
  findEngine,
  LineIndex,
} from '../../core/index';
import type { Connectivity, EngineProfile, Location, MatrixGrid, Workspace } from '../../core/index';
import type {
  CompareDto,
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
    const { view, grid, sets } = matrixGridView(this.index.workspace, conn, engine, { namespaces, limit: matrixWorkloadLimit });
    const result: MatrixResult = toWire(view, (loc) => this.location(loc));
    if (!grid || !params.compare) return result;
    const baseline = this.baselineGrid(settings, params.compare, engine, sets, namespaces);
    return { ...result, changes: { against: baseline.against, ...compareGrids(grid, baseline.grid, sets) } };
  }

  /** The grid to compare with: the files on disk (same engine) or the same workspace under another engine. */
  private baselineGrid(
    settings: Settings,
    compare: CompareDto,
    engine: EngineProfile,
    sets: ConnectionSets,
    namespaces: ReadonlySet<string> | undefined,
  ): { against: string; grid: MatrixGrid } {
    if (compare.against === 'engine') {
      const other = this.engineOf(settings, compare.engine);
      return { against: other.id, grid: matrixGrid(this.cached(this.index.workspace, other, 'baseline'), sets, { namespaces }) };
    }
    const { workspace } = this.index.baseline();
    const conn = workspace === this.index.workspace ? this.connectivity(engine) : this.cached(workspace, engine, 'baseline');
    return { against: 'disk', grid: matrixGrid(conn, sets, { namespaces }) };
  }

  /** What the unsaved edits change, as counts, one sentence and the first cells. */
  diff(settings: Settings, params: DiffParams): DiffResult {
    const engine = this.engineOf(settings, params.engine);
    const { workspace, documents } = this.index.baseline();
    const sets = new ConnectionSets();
    const now = matrixGrid(this.connectivity(engine), sets);
    const before = workspace === this.index.workspace ? now : matrixGrid(this.cached(workspace, engine, 'baseline'), sets);
    const changes = compareGrids(now, before, sets);
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
    return {
      engine: engine.id,
      opened: changes.opened,
      closed: changes.closed,
      changed: changes.changed,
      summary: diffSummary(changes),
      cells,
      documents,
    };
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
    const uncertain = view.uncertain.length > 0 ? { cells: 1, reasons: view.uncertain.map((u) => u.text) } : undefined;
    const completeness = completenessView(ws, engine, uncertain ? { uncertain } : {});
    return toWire({ ...view, completeness }, (loc) => this.location(loc));
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `This edit opens 3 connections and closes 1.` */
export function diffSummary(c: { opened: number; closed: number; changed: number }): string {
  if (c.opened === 0 && c.closed === 0 && c.changed === 0) return 'No change in reachability.';
  const parts = [`opens ${plural(c.opened, 'connection')}`, `closes ${c.closed}`];
  const tail = c.changed > 0 ? ` and changes the ports of ${c.changed}` : '';
  return `This edit ${parts.join(' and ')}${tail}.`;
}
