import type { Fix, TextEdit } from '../findings';

/**
 * Applies edits to one file's text, last first so offsets stay valid. An edit that overlaps one
 * already taken is skipped (returned in `skipped`), as ESLint does with conflicting fixes.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let limit = Infinity;
  let applied = 0;
  const skipped: TextEdit[] = [];
  for (const e of sorted) {
    if (e.span.end > limit || e.span.start > e.span.end || e.span.end > text.length) {
      skipped.push(e);
      continue;
    }
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
    applied++;
  }
  return { text: out, applied, skipped };
}

/** The edits of whole fixes for one file, taking a fix only if none of its edits overlaps an earlier fix. */
export function nonOverlappingFixEdits(fixes: readonly Fix[], file: string): { edits: TextEdit[]; taken: number } {
  const taken: TextEdit[] = [];
  let count = 0;
  for (const fix of fixes) {
    const mine = fix.edits.filter((e) => e.file === file);
    if (mine.length !== fix.edits.length) continue;
    const overlaps = mine.some((e) => taken.some((t) => e.span.start < t.span.end && t.span.start < e.span.end));
    if (overlaps) continue;
    taken.push(...mine);
    count++;
  }
  return { edits: taken, taken: count };
}
