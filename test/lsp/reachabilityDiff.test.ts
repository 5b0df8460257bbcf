// What unsaved edits change, against the files on disk (examples/aks-demo), and the status notification.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { DiffResult, MatrixResult, StatusParams } from '../../server/src/protocol/protocol';
import { decodeRow } from '../../server/src/protocol/protocol';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver-protocol';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/workspace';

const folder = join(repoRoot, 'examples', 'aks-demo');
const file = join(folder, 'AllowWebToDBPolicy.yaml');
const uri = pathToFileURL(file).href;
const onDisk = readFileSync(file, 'utf8');
let client: TestClient;
let version = 1;
const statuses: StatusParams[] = [];

async function edit(text: string): Promise<void> {
  await client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
}

function cell(m: MatrixResult, from: string, to: string): { now: string; before?: string } {
  const r = m.workloads.findIndex((w) => w.name === from);
  const c = m.workloads.findIndex((w) => w.name === to);
  const now = m.connections[decodeRow(m.rows[r] ?? [], m.workloads.length)[c] ?? -1]?.text ?? '?';
  const triples = m.changes?.cells ?? [];
  for (let i = 0; i + 2 < triples.length; i += 3) {
    if (triples[i] === r && triples[i + 1] === c) return { now, before: m.connections[triples[i + 2] ?? -1]?.text ?? '?' };
  }
  return { now };
}

before(async () => {
  client = startInProcess();
  client.rpc.onNotification('netpol/status', (p: StatusParams) => {
    statuses.push(p);
  });
  await initialize(client, pathToFileURL(folder).href);
  await client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: onDisk } });
  await client.waitForDiagnostics(uri);
});

after(async () => {
  await client.close();
});

describe('reachability of unsaved edits against the files on disk', () => {
  test('the status notification reports indexing, then ready with the model counts', async () => {
    for (let i = 0; i < 50 && !statuses.some((s) => s.state === 'ready'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(statuses[0]?.state, 'indexing');
    const ready = statuses.find((s) => s.state === 'ready');
    assert.ok(ready, JSON.stringify(statuses));
    // pods.yaml: web, db, app; the rejected AllowWebToDBPolicy does not count.
    assert.equal(ready.workloads, 3);
    assert.equal(ready.policies, 1);
    assert.equal(ready.engine, 'generic');
    assert.ok(ready.total >= 3);
  });

  test('an open document equal to its file changes nothing', async () => {
    const d = await client.rpc.sendRequest<DiffResult>('netpol/diff', {});
    assert.deepEqual([d.opened, d.closed, d.changed, d.documents], [0, 0, 0, []]);
    assert.equal(d.summary, 'No change in reachability.');
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'disk' } });
    assert.deepEqual(m.changes?.cells, []);
  });

  test('renaming the rejected policy to a valid name opens web → db, and the matrix marks that cell', async () => {
    await edit(onDisk.replace('AllowWebToDBPolicy', 'allow-web-to-db'));
    const d = await client.rpc.sendRequest<DiffResult>('netpol/diff', {});
    assert.deepEqual([d.opened, d.closed, d.changed], [1, 0, 0]);
    assert.equal(d.summary, 'This edit opens 1 connection and closes 0.');
    assert.deepEqual(d.cells, [{ from: 'default/web[Pod]', to: 'default/db[Pod]', before: 'No Connections', after: 'All Connections' }]);
    assert.deepEqual(d.documents, [uri]);

    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'disk' } });
    assert.equal(m.changes?.against, 'disk');
    assert.deepEqual(cell(m, 'web', 'db'), { now: 'All Connections', before: 'No Connections' });
    assert.deepEqual(cell(m, 'app', 'db'), { now: 'No Connections' });
    assert.equal(m.changes?.cells.length, 3);
  });

  test('narrowing the rule to a port is a change of ports, not an opening', async () => {
    await edit(
      onDisk
        .replace('AllowWebToDBPolicy', 'allow-web-to-db')
        .replace('              app: web\n', '              app: web\n      ports:\n        - port: 5432\n'),
    );
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'disk' } });
    assert.deepEqual(cell(m, 'web', 'db'), { now: 'TCP 5432', before: 'No Connections' });
    const d = await client.rpc.sendRequest<DiffResult>('netpol/diff', {});
    assert.deepEqual([d.opened, d.closed, d.changed], [1, 0, 0]);
  });

  test('a workload added in an unsaved edit is listed as added, not compared', async () => {
    await edit(
      `${onDisk}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\n  namespace: default\n  labels:\n    app: cache\nspec:\n  containers:\n    - name: c\n      image: redis\n`,
    );
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'disk' } });
    assert.deepEqual(m.changes?.added, ['default/cache[Pod]']);
    assert.deepEqual(m.changes?.removed, []);
    assert.deepEqual(m.changes?.cells, []);
  });

  test('a request cancelled before it runs is answered with RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    const pending = client.rpc.sendRequest<MatrixResult>('netpol/matrix', {}, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
    // The next one is answered.
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', {});
    assert.ok(m.workloads.length > 0);
  });

  test('comparing with the same engine finds no difference', async () => {
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'engine', engine: 'generic' } });
    assert.equal(m.changes?.against, 'generic');
    assert.deepEqual(m.changes?.cells, []);
  });
});
