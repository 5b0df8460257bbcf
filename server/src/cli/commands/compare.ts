/**
 * `connlist --compare-engine B` and `matrix --compare-engine B`: only the connections that differ
 * between the engine (`--engine`, A) and B, each with the reason (the switch that makes the difference,
 * or the uncertainty on one engine).
 */
import type { EngineComparison, EngineDifference } from '../../core/index';
import { csvField, mdCell } from './connlist';
import { UsageError } from '../usage';

export const compareFormats = ['txt', 'json', 'csv', 'md'] as const;

export function renderComparison(c: EngineComparison, a: string, b: string, format: string, command: 'connlist' | 'matrix'): string {
  const diffs = c.differences;
  switch (format) {
    case 'txt':
      return renderText(diffs, a, b, command);
    case 'json':
      return JSON.stringify(
        {
          engine: a,
          compareEngine: b,
          differences: diffs.map((d) => ({
            src: d.src,
            dst: d.dst,
            [a]: d.before,
            [b]: d.after,
            ...(d.uncertainBefore !== undefined || d.uncertainAfter !== undefined
              ? {
                  uncertain: {
                    ...(d.uncertainBefore ? { [a]: d.uncertainBefore } : {}),
                    ...(d.uncertainAfter ? { [b]: d.uncertainAfter } : {}),
                  },
                }
              : {}),
            reasons: d.reasons,
          })),
        },
        null,
        2,
      );
    case 'csv':
      return [
        ['src', 'dst', a, b, 'reasons'].map(csvField).join(','),
        ...diffs.map((d) => [d.src, d.dst, d.before, d.after, d.reasons.join('; ')].map(csvField).join(',')),
      ].join('\n');
    case 'md':
      if (diffs.length === 0) return '';
      return [
        `| src | dst | ${mdCell(a)} | ${mdCell(b)} | reasons |`,
        '|-----|-----|-----|-----|---------|',
        ...diffs.map((d) => `| ${[d.src, d.dst, d.before, d.after, d.reasons.join('; ')].map(mdCell).join(' | ')} |`),
      ].join('\n');
    default:
      throw new UsageError(`unknown --format "${format}" for ${command} --compare-engine (${compareFormats.join(', ')})`);
  }
}

/**
 * One line per difference, `src => dst : A-text (a) | B-text (b)`, then its reasons indented. Nothing
 * at all when the engines agree everywhere (an engine compared with itself prints nothing).
 */
function renderText(diffs: readonly EngineDifference[], a: string, b: string, command: 'connlist' | 'matrix'): string {
  if (diffs.length === 0) return '';
  const lines: string[] = [];
  for (const d of diffs) {
    const mark = (u: string | undefined): string => (u !== undefined ? ', uncertain' : '');
    lines.push(`${d.src} => ${d.dst} : ${d.before} (${a}${mark(d.uncertainBefore)}) | ${d.after} (${b}${mark(d.uncertainAfter)})`);
    for (const r of d.reasons) lines.push(`    ${r}`);
  }
  const changed = diffs.filter((d) => d.before !== d.after).length;
  const what = command === 'matrix' ? 'cells (self included)' : 'connections';
  lines.push(
    '',
    `${changed} ${what} differ between ${a} and ${b}${diffs.length > changed ? `; ${diffs.length - changed} more have the same result but are uncertain on one of them` : ''}`,
  );
  return lines.join('\n');
}
