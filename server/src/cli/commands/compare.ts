/**
 * `connlist --compare-engine B` and `matrix --compare-engine B`: only the connections that differ
 * between the engine (`--engine`, A) and B, each with the reason (the switch that makes the difference,
 * or the uncertainty on one engine); the counts are the comparison view's (`core/views/comparison.ts`),
 * as the panel's.
 */
import { engineComparisonView } from '../../core/index';
import type { ComparisonView, EngineComparison, EngineDifference } from '../../core/index';
import { csvField, mdCell } from './connlist';
import { UsageError } from '../usage';

export const compareFormats = ['txt', 'json', 'csv', 'md'] as const;

/** `completeness` (JSON only) goes beside the differences. */
export function renderComparison(
  c: EngineComparison,
  a: string,
  b: string,
  format: string,
  command: 'connlist' | 'matrix',
  completeness?: unknown,
): string {
  const diffs = c.differences;
  const view = engineComparisonView(c);
  switch (format) {
    case 'txt':
      return renderText(diffs, view, command);
    case 'json':
      return JSON.stringify(
        {
          engine: a,
          compareEngine: b,
          comparison: view,
          ...(completeness !== undefined ? { completeness } : {}),
          differences: diffs.map((d) => ({
            src: d.src,
            dst: d.dst,
            [a]: d.before,
            [b]: d.after,
            difference: d.difference,
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
 * One line per difference, `src => dst : A-text (a) | B-text (b)`, then its reasons indented, then the
 * counts of the view; one sentence when the engines agree everywhere.
 */
function renderText(diffs: readonly EngineDifference[], view: ComparisonView, command: 'connlist' | 'matrix'): string {
  const { baseline: a, current: b } = view;
  if (diffs.length === 0) return `No ${command === 'matrix' ? 'cell' : 'connection'} differs between ${a} and ${b}.`;
  const lines: string[] = [];
  for (const d of diffs) {
    const mark = (u: string | undefined): string => (u !== undefined ? ', uncertain' : '');
    lines.push(`${d.src} => ${d.dst} : ${d.before} (${a}${mark(d.uncertainBefore)}) | ${d.after} (${b}${mark(d.uncertainAfter)})`);
    for (const r of d.reasons) lines.push(`    ${r}`);
  }
  const changed = view.opened + view.closed + view.changed;
  const what =
    command === 'matrix'
      ? changed === 1
        ? 'cell (self included)'
        : 'cells (self included)'
      : changed === 1
        ? 'connection'
        : 'connections';
  lines.push('', `${changed} ${what} ${changed === 1 ? 'differs' : 'differ'} between ${a} and ${b}${uncertainTail(view)}`);
  return lines.join('\n');
}

/** `; 2 more have the same result but are uncertain only under azure-npm-windows`, or nothing. */
function uncertainTail(v: ComparisonView): string {
  const { baseline: nb, current: nc } = v.uncertainOnly;
  if (nb + nc === 0) return '';
  const only =
    nb > 0 && nc > 0
      ? `only under ${v.baseline} (${nb}) or only under ${v.current} (${nc})`
      : `only under ${nb > 0 ? v.baseline : v.current}`;
  return `; ${nb + nc} more ${nb + nc === 1 ? 'has' : 'have'} the same result but ${nb + nc === 1 ? 'is' : 'are'} uncertain ${only}`;
}
