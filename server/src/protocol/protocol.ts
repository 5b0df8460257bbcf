/**
 * Custom requests between the VS Code client and the server, declared once (as vscode-eslint's
 * customMessages.ts does). Plain JSON DTOs; the client imports these as types only.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** client → server: the workload-by-workload matrix of the workspace as the server sees it (open documents included). */
export interface MatrixParams {
  /** Only workloads of these namespaces (rows and columns); all when absent. */
  readonly namespaces?: readonly string[];
  /** Engine profile id; the `netpol.engine` setting when absent. */
  readonly engine?: string;
  /**
   * Also return the cells that differ from a baseline: the files as saved on disk (what unsaved
   * edits open or close) or the same manifests under another engine.
   */
  readonly compare?: CompareDto;
}

export type CompareDto = { readonly against: 'disk' } | { readonly against: 'engine'; readonly engine: string };

export type CellStatusDto = 'all' | 'some' | 'none';

export interface MatrixWorkloadDto {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Where its first manifest is. */
  readonly location?: LocationDto;
}

/** Ports `from`..`to` of one protocol (core `PortRangeView`). */
export interface PortRangeDto {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly from: number;
  readonly to: number;
}

/** A set of connections (core `ConnectionSetView`): front ends read `ranges`, never parse `text`. */
export interface ConnectionSetDto {
  readonly status: CellStatusDto;
  /** netpol-analyzer's text: `All Connections`, `No Connections`, `TCP 80,UDP 53`. */
  readonly text: string;
  readonly ranges: readonly PortRangeDto[];
}

/** A matrix cell's set: the connections and, when the engine leaves them uncertain, why. */
export interface MatrixConnectionDto extends ConnectionSetDto {
  /** Why cells with this set are uncertain on the engine (a policy deciding them uses an unsupported construct); absent when certain. */
  readonly uncertain?: string;
}

export interface MatrixResult {
  readonly engine: string;
  /** Grouped by namespace, then by name: rows (sources) and columns (destinations) in this order. */
  readonly workloads: readonly MatrixWorkloadDto[];
  /**
   * rows[r] run-length encoded over the columns: `[set, count, set, count, ...]`, each `set` an
   * index into `connections`; the counts of a row add up to `workloads.length`. See `decodeRow`.
   */
  readonly rows: readonly (readonly number[])[];
  /** Distinct connection sets. */
  readonly connections: readonly MatrixConnectionDto[];
  /** What was not analysed: the grid leaves it out (core `CompletenessView`). */
  readonly completeness: CompletenessDto;
  /** Present when `compare` was asked for. */
  readonly changes?: MatrixChangesDto;
  /** More workloads than the server renders as a grid: `workloads` and `rows` are then empty. */
  readonly truncated?: { readonly workloads: number; readonly limit: number };
}

/**
 * The comparison of two results (`core/views/comparison.ts` `ComparisonView`, the same fields): result
 * differences only, and beside them the cells with an equal result uncertain under one side only.
 */
export interface ComparisonDto {
  /** The engine of the side compared with: the engine compared against, or the engine in effect on disk. */
  readonly baseline: string;
  /** The engine of the side shown (the engine in effect). */
  readonly current: string;
  /** Cells that had no connection under the baseline and now have some. */
  readonly opened: number;
  /** Cells that had some connection under the baseline and now have none. */
  readonly closed: number;
  /** Cells whose ports changed but that are open on both sides. */
  readonly changed: number;
  /** Cells with the same result on both sides that are uncertain under the baseline only / the current side only. */
  readonly uncertainOnly: { readonly baseline: number; readonly current: number };
}

export interface MatrixChangesDto extends ComparisonDto {
  /** `disk`, or the id of the engine compared against. */
  readonly against: string;
  /** Flat triples `[row, col, before, ...]`: cells whose result differs; `before` indexes `connections`. */
  readonly cells: readonly number[];
  /** Flat triples `[row, col, before, ...]`: cells with the same result whose certainty differs. */
  readonly uncertainCells: readonly number[];
  /** Workload ids that exist only now (their cells are not compared) or only in the baseline. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** Expands one run-length encoded row of `MatrixResult.rows` into one set index per column. */
export function decodeRow(row: readonly number[], columns: number): Uint32Array {
  const out = new Uint32Array(columns);
  let col = 0;
  for (let i = 0; i + 1 < row.length && col < columns; i += 2) {
    const end = Math.min(columns, col + (row[i + 1] ?? 0));
    out.fill(row[i] ?? 0, col, end);
    col = end;
  }
  return out;
}

export const matrixRequest = new RequestType<MatrixParams, MatrixResult, void>('netpol/matrix');

/** client → server: why a connection is allowed or denied. */
export interface ExplainParams {
  /** Workload ids as in MatrixResult (`ns/name[Kind]`). */
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly engine?: string;
}

export interface LocationDto {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/** Core `UnanalysedItem`. */
export interface UnanalysedItemDto {
  readonly reason:
    | 'yaml-syntax'
    | 'helm-template'
    | 'binary'
    | 'too-large'
    | 'unreadable'
    | 'rejected'
    | 'replaced'
    | 'kind-not-evaluated'
    | 'ignored-by-engine'
    | 'uncertain';
  readonly location?: LocationDto;
  readonly message: string;
}

/** What a result leaves out (core `CompletenessView`). */
export interface CompletenessDto {
  readonly complete: boolean;
  readonly items: readonly UnanalysedItemDto[];
  readonly counts: { readonly files: number; readonly objects: number; readonly uncertain: number };
  readonly summary: string;
}

/** Core `UncertainView`. */
export interface UncertainDto {
  readonly engine: string;
  readonly policy: string;
  readonly path: string;
  readonly feature: string;
  readonly detail: string;
  readonly reason: string;
  readonly source: string;
  readonly location: LocationDto;
  readonly text: string;
}

/** Core `RuleView`. */
export interface ExplainRuleDto {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly location: LocationDto;
  readonly description: string;
  readonly peer: string;
  readonly opens: ConnectionSetDto;
  readonly admits: boolean;
  readonly note?: string;
  readonly uncertain: readonly UncertainDto[];
}

/** Core `EngineStepView`. */
export interface EngineStepDto {
  readonly kind: string;
  readonly policy: string;
  readonly where: string;
  readonly location: LocationDto;
  readonly action: 'Allow' | 'Deny' | 'Pass' | 'Log' | 'NotEvaluated';
  readonly ports: ConnectionSetDto;
  readonly relevant: boolean;
  readonly verb: string;
  readonly note?: string;
  readonly text: string;
}

/** Core `SideView`. */
export interface ExplainSideDto {
  readonly direction: 'ingress' | 'egress';
  readonly subject: string | null;
  readonly title: string;
  readonly headline: string;
  readonly isolated: boolean;
  readonly isolatedBy: readonly { readonly policy: string; readonly location: LocationDto }[];
  readonly rules: readonly ExplainRuleDto[];
  readonly engine?: {
    readonly enforced: boolean;
    readonly steps: readonly EngineStepDto[];
    readonly conclusion: string;
  };
  readonly ignored: readonly {
    readonly policy: string;
    readonly reason: 'rejected' | 'replaced' | 'policy-types';
    readonly location: LocationDto;
    readonly replacedBy?: LocationDto;
    readonly message: string;
  }[];
  readonly conclusion?: string;
  readonly allowed: ConnectionSetDto;
}

/** Why a connection is allowed or denied (core `ExplanationView`), and what the answer leaves out. */
export interface ExplainResult {
  readonly engine: string;
  readonly from: string;
  readonly to: string;
  readonly query?: { readonly protocol: 'TCP' | 'UDP' | 'SCTP'; readonly port: number };
  readonly allowed: boolean;
  readonly verdict: string;
  readonly connections: ConnectionSetDto;
  readonly egress: ExplainSideDto;
  readonly ingress: ExplainSideDto;
  readonly note?: string;
  readonly uncertain: readonly UncertainDto[];
  readonly completeness: CompletenessDto;
}

export const explainRequest = new RequestType<ExplainParams, ExplainResult | null, void>('netpol/explain');

/** client → server: what the unsaved edits change ("this edit opens N connections and closes M"). */
export interface DiffParams {
  readonly engine?: string;
  /** At most this many cells listed (default 200); the counts are always complete. */
  readonly limit?: number;
}

export interface DiffCellDto {
  readonly from: string;
  readonly to: string;
  readonly before: string;
  readonly after: string;
}

export interface DiffResult extends ComparisonDto {
  readonly engine: string;
  /**
   * One plain sentence: `This edit opens 3 connections and closes 1.` or `No change in reachability.`,
   * then the cells that only become (or stop being) uncertain.
   */
  readonly summary: string;
  /** The first cells whose result differs. */
  readonly cells: readonly DiffCellDto[];
  /** Unsaved documents taken into account (URIs). */
  readonly documents: readonly string[];
}

export const diffRequest = new RequestType<DiffParams, DiffResult, void>('netpol/diff');

/** server → client: what the server is doing, for the status bar. Sent on each change of state. */
export interface StatusParams {
  readonly state: 'indexing' | 'ready';
  /** Files read so far and files found (indexing), or files in the workspace (ready). */
  readonly indexed: number;
  readonly total: number;
  readonly workloads: number;
  readonly policies: number;
  /** The engine profile in effect (`netpol.engine`). */
  readonly engine: string;
  /**
   * Present when files or objects of the workspace are not analysed (ready state only): how many,
   * and the summary line (`incomplete: 2 files not fully analysed, 1 object not counted`). Uncertain
   * cells are not counted here (they need the matrix); the panel shows them.
   */
  readonly incomplete?: { readonly items: number; readonly summary: string };
}

export const statusNotification = new NotificationType<StatusParams>('netpol/status');
