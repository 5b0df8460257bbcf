// Robustness: the real handlers (diagnostics, hover, completion, code actions, code lenses, matrix,
// explain) on at least 10,000 bad inputs: mutations of the project's fixtures (truncated and reordered
// documents, wrong types, CRLF, tabs, a BOM, alias bombs, Helm templates, binary bytes, unknown kinds)
// and random text. Each input must be answered without an exception (and so without a hang: the suite
// has a time limit), with few messages per document: never a flood.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Connection } from 'vscode-languageserver';
import { DiagnosticsPublisher } from '../../server/src/lsp/features/diagnostics';
import { hover } from '../../server/src/lsp/features/hover';
import { complete } from '../../server/src/lsp/features/completion';
import { codeActions } from '../../server/src/lsp/features/codeActions';
import { codeLenses } from '../../server/src/lsp/features/codeLens';
import { MatrixService } from '../../server/src/lsp/features/matrix';
import { defaultSettings } from '../../server/src/lsp/settings';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { mutation } from '../support/mutations';

test('10,000 bad inputs through the real handlers: no exception, no flood', () => {
  const settings = defaultSettings;
  const index = new WorkspaceIndex(settings);
  const connection = { sendDiagnostics: () => Promise.resolve() } as unknown as Connection;
  const diagnostics = new DiagnosticsPublisher(connection, index);
  const matrix = new MatrixService(index);
  const uri = 'file:///fuzz/policy.yaml';
  let inputs = 0;
  fc.assert(
    fc.property(mutation, fc.nat(), (text, at) => {
      inputs++;
      index.openDocument(uri, text);
      const diags = diagnostics.compute(settings).get(uri) ?? [];
      const docs = Math.max(1, text.split(/^---/m).length);
      // Each finding names one place; a broken document yields a handful, never hundreds.
      assert.ok(diags.length <= 40 * docs, `${diags.length} diagnostics for ${docs} documents`);
      const lines = text.split('\n');
      const line = at % Math.max(1, lines.length);
      const position = { line, character: at % ((lines[line] ?? '').length + 1) };
      const textDocument = { uri };
      hover(index, settings, { textDocument, position });
      complete(index, settings, text, { textDocument, position });
      codeActions(index, diagnostics, settings, {
        textDocument,
        range: { start: { line: 0, character: 0 }, end: position },
        context: { diagnostics: [] },
      });
      codeLenses(index, settings, { textDocument });
      const m = matrix.matrix(settings, {});
      if (m.workloads.length >= 2) matrix.explain(settings, { from: m.workloads[0]?.id ?? '', to: m.workloads[1]?.id ?? '', port: 80 });
    }),
    { numRuns: 10_000, seed: 20261125 },
  );
  assert.equal(inputs, 10_000);
});
