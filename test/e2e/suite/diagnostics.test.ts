// The walkthrough's mistake: the API server would reject `AllowWebToDBPolicy`; the quick fix renames it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, diagnosticsOf, fileUri, netpolApi, openEditor, revertAndClose, waitFor } from './support';

const file = 'AllowWebToDBPolicy.yaml';
const isInvalidName = (d: vscode.Diagnostic): boolean => codeOf(d) === 'invalid-name';

describe('diagnostics and quick fix', () => {
  it('reports the invalid name on metadata.name as an error', async () => {
    await netpolApi();
    const editor = await openEditor(file);
    const [d] = await waitFor('the invalid-name diagnostic', () => {
      const ds = diagnosticsOf(fileUri(file), isInvalidName);
      return ds.length > 0 ? ds : undefined;
    });
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(d.range), 'AllowWebToDBPolicy');
    assert.match(d.message, /RFC 1123 subdomain/);
  });

  it('offers a rename quick fix that makes the error go away', async () => {
    const editor = await openEditor(file);
    const uri = editor.document.uri;
    try {
      const d = diagnosticsOf(uri, isInvalidName)[0];
      assert.ok(d, 'no invalid-name diagnostic');
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const titles = actions.map((a) => a.title);
      const fix = actions.find((a): a is vscode.CodeAction => a.title === 'Rename to "allow-web-to-db-policy"' && 'edit' in a);
      assert.ok(fix?.edit, `no rename fix among ${JSON.stringify(titles)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(editor.document.getText(), /^ {2}name: allow-web-to-db-policy$/m);
      await waitFor('the invalid-name error to go', () => (diagnosticsOf(uri, isInvalidName).length === 0 ? true : undefined));
    } finally {
      await revertAndClose(editor);
    }
  });
});
