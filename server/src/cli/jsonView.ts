/** Locations in the CLI's JSON: 1-based `{file, line, column}` (views carry offsets). */
import { mapLocations } from '../core/index';
import type { Locator } from './location';

export function jsonWithPositions(value: unknown, loc: Locator): unknown {
  return mapLocations(value, (l) => {
    const p = loc.position(l);
    return { file: l.file, line: p.line, column: p.column };
  });
}
