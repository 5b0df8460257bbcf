// Every snippet the extension contributes inserts a policy the API server would accept (no errors).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { errorsOf, extensionId, fileUri, netpolApi, revertAndClose, waitFor } from './support';

interface Snippet {
  readonly name: string;
  readonly prefix: string;
}

/** The contributed snippets for yaml, read from the extension's package.json and snippet files. */
function contributedSnippets(): Snippet[] {
  const ext = vscode.extensions.getExtension(extensionId);
  if (!ext) return [];
  const pkg = ext.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } };
  return (pkg.contributes?.snippets ?? [])
    .filter((s) => s.language === 'yaml')
    .flatMap((s) => {
      const text = readFileSync(join(ext.extensionPath, s.path), 'utf8');
      // .code-snippets is JSON with comments; ours has none, but drop whole-line comments to be safe.
      const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, { prefix: string | string[] }>;
      return Object.entries(json).map(([name, v]) => ({ name, prefix: Array.isArray(v.prefix) ? (v.prefix[0] ?? '') : v.prefix }));
    });
}

const snippets = contributedSnippets();
/** Text the server flags, so that the errors going away proves the snippet was checked. */
const broken = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: Not_Valid\nspec:\n  podSelector: {}\n';

describe('snippets', () => {
  it('the extension contributes NetworkPolicy snippets for yaml', () => {
    assert.ok(snippets.length > 0, 'package.json contributes no yaml snippets');
  });

  for (const snippet of snippets) {
    it(`"${snippet.name}" (${snippet.prefix}) inserts a policy without errors`, async () => {
      await netpolApi();
      const name = `snippet-${snippet.prefix.replace(/[^a-z0-9-]/gi, '-')}.yaml`;
      const uri = fileUri(name);
      writeFileSync(uri.fsPath, broken);
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      try {
        await waitFor('an error on the broken policy', () => (errorsOf(uri).length > 0 ? true : undefined));
        editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: snippet.name });
        assert.match(doc.getText(), /kind: NetworkPolicy/);
        assert.doesNotMatch(doc.getText(), /Not_Valid/);
        await waitFor(`no errors after inserting "${snippet.name}"`, () => (errorsOf(uri).length === 0 ? true : undefined));
        // Still none a moment later (not just between two publications).
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(
          errorsOf(uri).map((d) => d.message),
          [],
        );
      } finally {
        await revertAndClose(editor);
        rmSync(uri.fsPath, { force: true });
      }
    });
  }
});
