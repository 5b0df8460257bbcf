// A hover on a policy's podSelector lists the workloads it selects.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { hoverText, netpolApi, openEditor, positionOf, revertAndClose, waitFor } from './support';

describe('hover', () => {
  it('on spec.podSelector of AllowWebToDBPolicy lists db and not web', async () => {
    await netpolApi();
    const editor = await openEditor('AllowWebToDBPolicy.yaml');
    try {
      const at = positionOf(editor.document, 'podSelector', 3);
      const text = await waitFor('a hover on podSelector', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
        const t = hoverText(hovers);
        return /default\/db\[Pod\]/.test(t) ? t : undefined;
      });
      assert.match(text, /selects \*\*1 workload\*\*/);
      assert.doesNotMatch(text, /default\/web\[Pod\]/);
    } finally {
      await revertAndClose(editor);
    }
  });
});
