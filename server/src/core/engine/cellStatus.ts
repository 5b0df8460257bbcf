import { isAllPorts, isEmptyPorts } from './portSet';
import type { PortSet } from './portSet';

/** A cell of the matrix: every port of every protocol, some ports, or nothing. */
export type CellStatus = 'all' | 'some' | 'none';

export function cellStatusOf(ports: PortSet): CellStatus {
  return isAllPorts(ports) ? 'all' : isEmptyPorts(ports) ? 'none' : 'some';
}
