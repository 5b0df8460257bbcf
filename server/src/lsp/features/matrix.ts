/** The custom requests netpol/matrix and netpol/explain: the core's connectivity as protocol DTOs. */
import {
  buildMatrix,
  computeConnectivity,
  containsPort,
  defaultEngine,
  describeRule,
  explainConnection,
  findEngine,
  formatConnections,
  isEmptyPorts,
  LineIndex,
  uncertainText,
} from '../../core/index';
import type { Connectivity, EngineProfile, Location, SideExplanation } from '../../core/index';
import type {
  ConnectionSetDto,
  ExplainParams,
  ExplainResult,
  ExplainSideDto,
  LocationDto,
  MatrixParams,
  MatrixResult,
} from '../../protocol/protocol';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from '../workspaceIndex';

export const matrixWorkloadLimit = 5000;

/** Connectivity cached per workspace version and engine: the panel asks often, the workspace changes rarely. */
export class MatrixService {
  private cache: { ws: unknown; version: number; engine: string; conn: Connectivity } | undefined;
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();

  constructor(private readonly index: WorkspaceIndex) {}

  private engineOf(settings: Settings, id: string | undefined): EngineProfile {
    return findEngine(id ?? settings.engine) ?? defaultEngine;
  }

  connectivity(engine: EngineProfile): Connectivity {
    const ws = this.index.workspace;
    const c = this.cache;
    if (c && c.ws === ws && c.version === ws.model.version && c.engine === engine.id) return c.conn;
    const conn = computeConnectivity(ws.model, engine);
    this.cache = { ws, version: ws.model.version, engine: engine.id, conn };
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
    const selected = conn.workloads.filter((w) => !namespaces || namespaces.has(w.namespace));
    if (selected.length > matrixWorkloadLimit) {
      return {
        engine: engine.id,
        workloads: [],
        rows: [],
        connections: [],
        truncated: { workloads: selected.length, limit: matrixWorkloadLimit },
      };
    }
    const m = buildMatrix(conn, namespaces);
    const connections: ConnectionSetDto[] = [];
    const ids = new Map<string, number>();
    const rows = m.cells.map((row) => {
      const rle: number[] = [];
      for (const cell of row) {
        const key = cell.uncertain === undefined ? cell.text : `${cell.text}\u0000${cell.uncertain}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = connections.length;
          connections.push({
            text: cell.text,
            status: cell.status,
            ...(cell.uncertain !== undefined ? { uncertain: cell.uncertain } : {}),
          });
          ids.set(key, id);
        }
        if (rle.length > 0 && rle[rle.length - 2] === id) rle[rle.length - 1] = (rle[rle.length - 1] ?? 0) + 1;
        else rle.push(id, 1);
      }
      return rle;
    });
    const workloads = selected.map((w) => {
      const src = w.sources[0];
      const loc = src ? this.location(src) : { uri: '', line: 0 };
      return { id: w.id, namespace: w.namespace, name: w.name, kind: w.kind, uri: loc.uri, line: loc.line };
    });
    return { engine: engine.id, workloads, rows, connections };
  }

  explain(settings: Settings, params: ExplainParams): ExplainResult | null {
    const engine = this.engineOf(settings, params.engine);
    const conn = this.connectivity(engine);
    const src = conn.workloads.find((w) => w.id === params.from);
    const dst = conn.workloads.find((w) => w.id === params.to);
    if (!src || !dst) return null;
    const e = explainConnection(
      this.index.workspace.model,
      engine,
      { kind: 'workload', workload: src },
      { kind: 'workload', workload: dst },
    );
    const side = (s: SideExplanation): ExplainSideDto => ({
      subject: s.subject?.id ?? null,
      isolatedBy: s.isolatedBy.map((p) => ({ policy: p.id, location: this.location({ file: p.file, span: p.span }) })),
      rules: s.contributions.map((c) => ({
        policy: c.policy.id,
        direction: c.rule.direction,
        index: c.rule.index,
        description: describeRule(c.rule, c.policy.namespace),
        opens: formatConnections(c.ports),
        location: this.location({ file: c.policy.file, span: c.rule.span }),
        ...(c.uncertain.length > 0 ? { uncertain: uncertainText(c.uncertain) } : {}),
      })),
      ignored: s.ignored.map((i) => ({
        policy: i.policy.id,
        reason: i.reason,
        location: this.location({ file: i.policy.file, span: i.policy.span }),
      })),
      allowed: formatConnections(s.allowed),
    });
    const allowed = params.port !== undefined ? containsPort(e.allowed, params.protocol ?? 'TCP', params.port) : !isEmptyPorts(e.allowed);
    return {
      from: src.id,
      to: dst.id,
      allowed,
      connections: formatConnections(e.allowed),
      egress: side(e.egress),
      ingress: side(e.ingress),
    };
  }
}
