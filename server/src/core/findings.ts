import type { Span } from './text/span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A place in a file of the workspace. `file` is whatever name the caller gave the file (path or URI). */
export interface Location {
  readonly file: string;
  readonly span: Span;
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

/** One problem at one place: the common currency of parse problems, validation and lint rules. */
export interface Finding extends Location {
  /** Stable kebab-case id (`invalid-name`, `yaml-syntax`, …); rule findings use the rule id. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
}

/** Collects findings for one file while a parser or validator walks it. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly file: string) {}

  add(code: string, severity: Severity, span: Span, message: string, related?: RelatedLocation[]): void {
    this.findings.push(
      related ? { code, severity, message, file: this.file, span, related } : { code, severity, message, file: this.file, span },
    );
  }

  error(code: string, span: Span, message: string): void {
    this.add(code, 'error', span, message);
  }

  get errorCount(): number {
    return this.findings.filter((f) => f.severity === 'error').length;
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.code.localeCompare(b.code);
}
