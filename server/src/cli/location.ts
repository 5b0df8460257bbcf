import { LineIndex } from '../core/index';
import type { Location, Workspace } from '../core/index';

/** 1-based line and column of locations, with one LineIndex per file. */
export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  constructor(private readonly ws: Workspace) {}

  position(loc: Location): { line: number; column: number; endLine: number; endColumn: number } {
    const idx = this.index(loc.file);
    const s = idx.positionAt(loc.span.start);
    const e = idx.positionAt(loc.span.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  /** `file:line`. */
  fileLine(loc: Location): string {
    return `${loc.file}:${this.position(loc).line}`;
  }

  private index(file: string): LineIndex {
    let idx = this.indexes.get(file);
    if (!idx) {
      idx = new LineIndex(this.ws.getFile(file)?.parsed.text ?? '');
      this.indexes.set(file, idx);
    }
    return idx;
  }
}
