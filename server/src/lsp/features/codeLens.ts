import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { codeLensesFor, defaultEngine, findEngine, LineIndex } from '../../core/index';
import type { Settings } from '../settings';
import { normalizeUri } from '../uri';
import type { WorkspaceIndex } from '../workspaceIndex';

/** Lenses on policies (what they select and isolate) and workloads (what isolates them), at the first line. */
export function codeLenses(index: WorkspaceIndex, settings: Settings, params: CodeLensParams): CodeLens[] {
  const uri = normalizeUri(params.textDocument.uri);
  const text = index.workspace.getFile(uri)?.parsed.text;
  if (text === undefined) return [];
  const lines = new LineIndex(text);
  return codeLensesFor(index.workspace, uri, findEngine(settings.engine) ?? defaultEngine).map((l) => {
    const pos = lines.positionAt(l.span.start);
    return { range: { start: pos, end: pos }, command: { title: l.title, command: '' } };
  });
}
