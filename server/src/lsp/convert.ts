/** Core facts <-> LSP types (our to_proto / from_proto): offsets become ranges only here. */
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import { LineIndex } from '../core/index';
import type { Finding, Severity, Span } from '../core/index';

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
