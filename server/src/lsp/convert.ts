/** Core facts <-> LSP types (our to_proto / from_proto): offsets become ranges only here. */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import { LineIndex, mapLocations } from '../core/index';
import type { Finding, Location, Severity, Span } from '../core/index';
import type { LocationDto } from '../protocol/protocol';

const severity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

export function toOffset(index: LineIndex, position: Position): number {
  return index.offsetAt(position);
}

/** `related` locations in other files need their own line index, looked up through `indexFor`. */
export function toDiagnostic(f: Finding, index: LineIndex, indexFor: (file: string) => LineIndex | undefined): Diagnostic {
  const d: Diagnostic = {
    range: toRange(index, f.span),
    severity: severity[f.severity],
    source: 'netpol-lens',
    code: f.code,
    message: f.message,
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.flatMap((r) => {
      const idx = r.file === f.file ? index : indexFor(r.file);
      return idx ? [{ location: { uri: r.file, range: toRange(idx, r.span) }, message: r.message }] : [];
    });
  }
  return d;
}

export { LineIndex };

/**
 * A core view as it goes over the wire: every `{file, span}` location becomes a `LocationDto`
 * (`{uri, line, character}`, 0-based; files are keyed by URI in the server's workspace). The one
 * place views are converted; `test/unit/wireTypes.test.ts` holds the protocol types equal to
 * `Wire<View>` at compile time.
 */
export function toWire<T>(view: T, position: (loc: Location) => { line: number; character: number }): Wire<T> {
  return mapLocations(view, (loc) => {
    const p = position(loc);
    return { uri: loc.file, line: p.line, character: p.character };
  }) as Wire<T>;
}

/** `T` with each core `Location` replaced by the protocol's `LocationDto`. */
export type Wire<T> = T extends Location
  ? LocationDto
  : T extends readonly (infer U)[]
    ? readonly Wire<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Wire<T[K]> }
      : T;
