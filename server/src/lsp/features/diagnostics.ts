/**
 * Diagnostics for open documents: the core's `checkWorkspace`, grouped per file, published only
 * where they changed. Only Kubernetes documents get ours: YAML syntax errors of other files are
 * left to the YAML extension.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { checkWorkspace, findEngine, defaultEngine, LineIndex } from '../../core/index';
import type { Finding } from '../../core/index';
import { toDiagnostic } from '../convert';
import type { Settings } from '../settings';
import type { WorkspaceIndex } from '../workspaceIndex';

export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();
  /** Line indexes of the files diagnostics point into, kept while their text stays the same. */
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();
  /** The findings of the last computation, per file: code actions read their fixes here. */
  private lastFindings = new Map<string, Finding[]>();
  private lastState: { workspace: unknown; version: number; settings: Settings; files: ReadonlySet<string> } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
  ) {}

  /** Diagnostics of the open documents (and of `extra`): the rules look only at the objects of those files. */
  compute(settings: Settings, extra?: string): Map<string, Diagnostic[]> {
    const ws = this.index.workspace;
    const files = new Set(this.index.openUris());
    if (extra !== undefined) files.add(extra);
    const findings = checkWorkspace(ws, { engine: findEngine(settings.engine) ?? defaultEngine, rules: settings.rules, files });
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    this.lastFindings = byFile;
    this.lastState = { workspace: ws, version: ws.model.version, settings, files };
    const indexFor = (file: string): LineIndex | undefined => {
      const text = ws.getFile(file)?.parsed.text;
      if (text === undefined) {
        this.lineIndexes.delete(file);
        return undefined;
      }
      let hit = this.lineIndexes.get(file);
      if (hit?.text !== text) this.lineIndexes.set(file, (hit = { text, index: new LineIndex(text) }));
      return hit.index;
    };
    const out = new Map<string, Diagnostic[]>();
    for (const uri of this.index.openUris()) {
      const fm = ws.getFile(uri);
      const idx = indexFor(uri);
      if (!fm || !idx) continue;
      const isKubernetes =
        fm.parsed.objects.some((o) => o.kind !== undefined && o.apiVersion !== undefined) || /^kind:/m.test(fm.parsed.text);
      const mine = (byFile.get(uri) ?? []).filter((f) => f.code !== 'yaml-syntax' || isKubernetes);
      out.set(
        uri,
        mine.map((f) => toDiagnostic(f, idx, indexFor)),
      );
    }
    return out;
  }

  /** The findings of a file for the current workspace (recomputed when the workspace changed since). */
  findingsOf(uri: string, settings: Settings): readonly Finding[] {
    const ws = this.index.workspace;
    const last = this.lastState;
    if (!last || last.workspace !== ws || last.version !== ws.model.version || last.settings !== settings || !last.files.has(uri)) {
      this.compute(settings, uri);
    }
    return this.lastFindings.get(uri) ?? [];
  }

  /** Publishes what changed since the last call; clears closed documents. */
  async publish(settings: Settings): Promise<void> {
    const next = this.compute(settings);
    const sends: Promise<void>[] = [];
    for (const [uri, diagnostics] of next) {
      const key = JSON.stringify(diagnostics);
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      sends.push(this.connection.sendDiagnostics({ uri, diagnostics }));
    }
    for (const uri of [...this.published.keys()]) {
      if (next.has(uri)) continue;
      this.published.delete(uri);
      sends.push(this.connection.sendDiagnostics({ uri, diagnostics: [] }));
    }
    await Promise.all(sends);
  }
}
