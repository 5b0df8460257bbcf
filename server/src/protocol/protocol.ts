/**
 * Custom requests between the VS Code client and the server, declared once (as vscode-eslint's
 * customMessages.ts does). Plain JSON DTOs; the client imports these as types only.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** client → server: the workload-by-workload matrix of the workspace as the server sees it (open documents included). */
export interface MatrixParams {
  /** Only workloads of these namespaces (rows and columns); all when absent. */
  readonly namespaces?: readonly string[];
  /** Engine profile id; the `netpol.engine` setting when absent. */
  readonly engine?: string;
}

export type CellStatusDto = 'all' | 'some' | 'none';

export interface MatrixWorkloadDto {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  /** Where its manifest is (URI and 0-based line). */
  readonly uri: string;
  readonly line: number;
}

export interface MatrixResult {
  readonly engine: string;
  readonly workloads: readonly MatrixWorkloadDto[];
  /** cells[row][col]: index into `connections`; rows are sources, columns destinations. */
  readonly cells: readonly (readonly number[])[];
  /** Distinct connection sets: netpol-analyzer's text and the cell status. */
  readonly connections: readonly { readonly text: string; readonly status: CellStatusDto }[];
  /** More workloads than the server renders as a grid: `workloads` and `cells` are then empty. */
  readonly truncated?: { readonly workloads: number; readonly limit: number };
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

export interface ExplainRuleDto {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  readonly description: string;
  readonly opens: string;
  readonly location: LocationDto;
}

export interface ExplainSideDto {
  readonly subject: string | null;
  readonly isolatedBy: readonly { readonly policy: string; readonly location: LocationDto }[];
  readonly rules: readonly ExplainRuleDto[];
  readonly ignored: readonly {
    readonly policy: string;
    readonly reason: 'rejected' | 'replaced' | 'policy-types';
    readonly location: LocationDto;
  }[];
  readonly allowed: string;
}

export interface ExplainResult {
  readonly from: string;
  readonly to: string;
  readonly allowed: boolean;
  readonly connections: string;
  readonly egress: ExplainSideDto;
  readonly ingress: ExplainSideDto;
}

export const explainRequest = new RequestType<ExplainParams, ExplainResult | null, void>('netpol/explain');
