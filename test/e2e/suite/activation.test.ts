// The extension starts in a real extension host and its server reaches 'ready'.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extensionId, netpolApi, openEditor } from './support';

describe('activation', () => {
  it('activates on a yaml file and its server becomes ready', async () => {
    await openEditor('AllowWebToDBPolicy.yaml');
    const api = await netpolApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(typeof api.request, 'function');
  });

  it('contributes the four commands of the contract', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'netpolLens.showReachability',
      'netpolLens.explainConnection',
      'netpolLens.selectEngine',
      'netpolLens.restartServer',
    ]) {
      assert.ok(all.has(id), `command ${id} is not registered`);
    }
  });
});
