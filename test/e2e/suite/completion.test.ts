// Completion in matchLabels offers the workspace's label keys, then their values.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { netpolApi, positionOf, revertAndClose, waitFor } from './support';

const policy = (labels: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: completion-probe
  namespace: default
spec:
  podSelector:
    matchLabels:
      ${labels}
  policyTypes:
    - Ingress
`;

async function itemsAt(text: string, marker: string): Promise<vscode.CompletionItem[]> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  try {
    const at = positionOf(doc, marker, marker.length);
    return await waitFor('completion items from the server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      return list.items.length > 0 ? list.items : undefined;
    });
  } finally {
    await revertAndClose(editor);
  }
}

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

describe('completion', () => {
  it('in matchLabels offers the label key app of the namespace pods', async () => {
    await netpolApi();
    const items = await itemsAt(policy(''), 'matchLabels:\n      ');
    const app = items.find((i) => labelOf(i) === 'app');
    assert.ok(app, JSON.stringify(items.map(labelOf)));
    // The server's item (not a word of the document): it says how many workloads carry the label.
    assert.match(String(app.detail), /3 workloads/);
  });

  it('after app: offers the values web, db and app', async () => {
    const labels = (await itemsAt(policy('app: '), 'app: ')).map(labelOf);
    for (const v of ['web', 'db', 'app']) assert.ok(labels.includes(v), `${v} not in ${JSON.stringify(labels)}`);
  });
});
