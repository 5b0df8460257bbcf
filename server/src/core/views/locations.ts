/**
 * Views carry locations as `{file, span}` (offsets). Each front end shows them its own way (the
 * CLI as 1-based `file:line:column`, the language server as 0-based `{uri, line, character}`):
 * this walk replaces every location of a view, and is the only one.
 */
import type { Location } from '../findings';

export function mapLocations(value: unknown, f: (loc: Location) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLocations(v, f));
  if (value === null || typeof value !== 'object') return value;
  if (isLocation(value)) return f(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapLocations(v, f);
  return out;
}

function isLocation(v: object): v is Location {
  const o = v as { file?: unknown; span?: { start?: unknown } | null };
  return (
    typeof o.file === 'string' &&
    typeof o.span === 'object' &&
    o.span !== null &&
    typeof o.span.start === 'number' &&
    Object.keys(v).length === 2
  );
}
