/** A half-open range of UTF-16 offsets into one file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const emptySpan: Span = { start: 0, end: 0 };

export function span(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
