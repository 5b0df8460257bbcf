import { isAllPorts, isEmptyPorts } from './portSet';
import type { PortSet } from './portSet';

/** A cell of the matrix: every port of every protocol, some ports, or nothing. */
export type CellStatus = 'all' | 'some' | 'none';

export function cellStatusOf(ports: PortSet): CellStatus {
  return isAllPorts(ports) ? 'all' : isEmptyPorts(ports) ? 'none' : 'some';
}

/** One cell on one side of a comparison: its connection text (netpol-analyzer's), status and why it is uncertain (absent when certain). */
export interface CellResult {
  readonly text: string;
  readonly status: CellStatus;
  readonly uncertain?: string | undefined;
}

/**
 * How a cell differs from a baseline to the current side: its result (`opened`: no connection
 * before; `closed`: none now; `changed`: open on both, other ports) or, with an equal result, its
 * certainty (uncertain under the baseline only, or under the current side only).
 */
export type CellDifference = 'opened' | 'closed' | 'changed' | 'uncertain-baseline' | 'uncertain-current';

/** Whether a difference is one of result (not only of certainty). */
export function isResultDifference(d: CellDifference): d is 'opened' | 'closed' | 'changed' {
  return d === 'opened' || d === 'closed' || d === 'changed';
}

/**
 * The difference of one cell, or undefined when both sides give the same result and are both certain
 * or both uncertain (whatever the reasons: each names its own engine's unsupported constructs).
 */
export function cellDifference(baseline: CellResult, current: CellResult): CellDifference | undefined {
  if (baseline.text !== current.text) {
    if (baseline.status === 'none') return 'opened';
    return current.status === 'none' ? 'closed' : 'changed';
  }
  const ub = baseline.uncertain !== undefined;
  const uc = current.uncertain !== undefined;
  if (ub === uc) return undefined;
  return ub ? 'uncertain-baseline' : 'uncertain-current';
}
