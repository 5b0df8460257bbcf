// The disk baseline of the matrix comparison is built once per state of the disk: typing in an open
// document keeps it (so its matrix is not computed again), a file event drops it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { defaultSettings } from '../../server/src/lsp/settings';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';

const dir = mkdtempSync(join(tmpdir(), 'netpol-baseline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const pod = (app: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\n  labels:\n    app: ${app}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;

test('edits keep the baseline; a change on disk replaces it', async () => {
  const file = join(dir, 'pod.yaml');
  writeFileSync(file, pod('disk'));
  const uri = pathToFileURL(file).href;
  const index = new WorkspaceIndex(defaultSettings);
  index.setFolders([pathToFileURL(dir).href]);
  await index.indexAll(() => undefined);

  index.openDocument(uri, pod('disk'));
  assert.deepEqual(index.baseline().documents, []);
  assert.equal(index.baseline().workspace, index.workspace, 'nothing unsaved: the workspace itself');

  index.openDocument(uri, pod('edit-1'));
  const first = index.baseline();
  assert.deepEqual(first.documents, [uri]);
  assert.equal(first.workspace.model.workloads[0]?.labels.get('app'), 'disk');
  index.openDocument(uri, pod('edit-2'));
  const second = index.baseline();
  assert.equal(second.workspace, first.workspace, 'typing does not rebuild the baseline');

  writeFileSync(file, pod('saved'));
  index.diskChanged(uri, false);
  const third = index.baseline();
  assert.notEqual(third.workspace, first.workspace);
  assert.equal(third.workspace.model.workloads[0]?.labels.get('app'), 'saved');
});
