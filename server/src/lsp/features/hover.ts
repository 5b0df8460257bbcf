import type { Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { defaultEngine, findEngine, hoverAt, LineIndex } from '../../core/index';
import { toRange } from '../convert';
import type { Settings } from '../settings';
import { normalizeUri } from '../uri';
import type { WorkspaceIndex } from '../workspaceIndex';

export function hover(index: WorkspaceIndex, settings: Settings, params: HoverParams): Hover | null {
  const uri = normalizeUri(params.textDocument.uri);
  const ws = index.workspace;
  const text = ws.getFile(uri)?.parsed.text;
  if (text === undefined) return null;
  const lines = new LineIndex(text);
  const indexes = new Map<string, LineIndex>();
  const h = hoverAt(ws, uri, lines.offsetAt(params.position), {
    engine: findEngine(settings.engine) ?? defaultEngine,
    link: (loc) => {
      let idx = indexes.get(loc.file);
      const t = ws.getFile(loc.file)?.parsed.text;
      if (!idx && t !== undefined) {
        idx = new LineIndex(t);
        indexes.set(loc.file, idx);
      }
      return idx ? `${loc.file}#L${idx.positionAt(loc.span.start).line + 1}` : loc.file;
    },
  });
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: toRange(lines, h.span) };
}
