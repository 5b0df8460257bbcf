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

/** Replace `span` of `file` by `newText`. */
export interface TextEdit extends Location {
  readonly newText: string;
}

/** A quick fix: edits that mend a finding. `safe` ones are applied by `netpol-lens check --fix`. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Keeps the author's intent for certain (a rename, a missing field); applied without asking. */
  readonly safe: boolean;
  /** The fix an editor offers first. */
  readonly preferred?: boolean;
}

/** One problem at one place: the common currency of parse problems, validation and lint rules. */
export interface Finding extends Location {
  /** Stable kebab-case id (`invalid-name`, `yaml-syntax`, …); rule findings use the rule id. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

/** Collects findings for one file while a parser or validator walks it. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly file: string) {}

  add(code: string, severity: Severity, span: Span, message: string, extra: { related?: RelatedLocation[]; fixes?: Fix[] } = {}): void {
    this.findings.push({ code, severity, message, file: this.file, span, ...extra });
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
