/**
 * How the CLI shows a CompletenessView: one stderr line per item and a summary (text formats), a
 * `completeness` field (JSON), and the exit code rule: a result with something left out that could
 * change it is not a success unless the user says `--allow-incomplete`.
 */
import type { CompletenessView } from '../core/index';
import type { Locator } from './location';

/** Lines for stderr: each item located as `file:line:col`, then the summary with what to do. */
export function completenessLines(c: CompletenessView, loc: Locator, allowIncomplete: boolean): string[] {
  if (c.complete) return [];
  const lines = c.items.map((i) => {
    if (!i.location) return `netpol-lens: ${i.message}`;
    const p = loc.position(i.location);
    return `netpol-lens: ${i.location.file}:${p.line}:${p.column} ${i.message}`;
  });
  lines.push(
    `netpol-lens: ${c.summary}: ${allowIncomplete ? 'the result above leaves them out (--allow-incomplete)' : 'the result above may be wrong (exit 1; --allow-incomplete accepts it)'}`,
  );
  return lines;
}

export function incompleteExit(c: CompletenessView, allowIncomplete: boolean): number {
  return c.complete || allowIncomplete ? 0 : 1;
}
