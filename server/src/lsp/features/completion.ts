import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import { completeAt, defaultEngine, findEngine, LineIndex } from '../../core/index';
import type { CompletionKind } from '../../core/index';
import { toRange } from '../convert';
import type { Settings } from '../settings';
import { normalizeUri } from '../uri';
import type { WorkspaceIndex } from '../workspaceIndex';

const kinds: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  'label-key': CompletionItemKind.Keyword,
  'label-value': CompletionItemKind.Value,
  port: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
};

export function complete(index: WorkspaceIndex, settings: Settings, text: string | undefined, params: CompletionParams): CompletionItem[] {
  const uri = normalizeUri(params.textDocument.uri);
  const source = text ?? index.workspace.getFile(uri)?.parsed.text;
  if (source === undefined) return [];
  const lines = new LineIndex(source);
  const items = completeAt(index.workspace, source, lines.offsetAt(params.position), {
    engine: findEngine(settings.engine) ?? defaultEngine,
  });
  return items.map((i) => {
    const item: CompletionItem = {
      label: i.label,
      kind: kinds[i.kind],
      textEdit: { range: toRange(lines, i.replace), newText: i.insertText },
      insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (i.detail) item.detail = i.detail;
    if (i.documentation) item.documentation = { kind: MarkupKind.Markdown, value: i.documentation };
    if (i.sortText) item.sortText = i.sortText;
    return item;
  });
}
