import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, CodeActionParams, TextEdit } from 'vscode-languageserver';
import { LineIndex } from '../../core/index';
import type { Finding } from '../../core/index';
import { toDiagnostic, toRange } from '../convert';
import type { Settings } from '../settings';
import { normalizeUri } from '../uri';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { DiagnosticsPublisher } from './diagnostics';

/** Quick fixes: the fixes the core attached to the findings under the requested range. */
export function codeActions(
  index: WorkspaceIndex,
  diagnostics: DiagnosticsPublisher,
  settings: Settings,
  params: CodeActionParams,
): CodeAction[] {
  const uri = normalizeUri(params.textDocument.uri);
  const text = index.workspace.getFile(uri)?.parsed.text;
  if (text === undefined) return [];
  const lines = new LineIndex(text);
  const start = lines.offsetAt(params.range.start);
  const end = lines.offsetAt(params.range.end);
  const indexes = new Map<string, LineIndex>([[uri, lines]]);
  const indexFor = (file: string): LineIndex | undefined => {
    let idx = indexes.get(file);
    const t = index.workspace.getFile(file)?.parsed.text;
    if (!idx && t !== undefined) {
      idx = new LineIndex(t);
      indexes.set(file, idx);
    }
    return idx;
  };
  const touches = (f: Finding): boolean => f.span.start <= end && start <= f.span.end;
  const out: CodeAction[] = [];
  for (const f of diagnostics.findingsOf(uri, settings)) {
    if (!f.fixes?.length || !touches(f)) continue;
    for (const fix of f.fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fix.edits) {
        const idx = indexFor(e.file);
        if (!idx) continue;
        (changes[e.file] ??= []).push({ range: toRange(idx, e.span), newText: e.newText });
      }
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(f, lines, indexFor)],
        edit: { changes },
      };
      if (fix.preferred) action.isPreferred = true;
      out.push(action);
    }
  }
  return out;
}
