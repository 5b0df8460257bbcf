// Settings applied live: a rule turned off or up, the default namespace, exclusions (the workspace is
// read again) and an unknown engine, each through workspace/didChangeConfiguration.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { StatusParams } from '../../server/src/protocol/protocol';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const dir = mkdtempSync(join(tmpdir(), 'netpol-settings-'));
const policyText =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n    - Ingress\n';
writeFileSync(
  join(dir, 'pods.yaml'),
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: prod\n  labels:\n    app: web\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
);
// A workload the exclusion keeps: policy-selects-nothing stays quiet in a workspace without any.
writeFileSync(join(dir, 'batch.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\n  namespace: batch\n  labels:\n    app: job\n');
writeFileSync(join(dir, 'np.yaml'), policyText);
const uri = pathToFileURL(join(dir, 'np.yaml')).href;
let client: TestClient;
let engine = '';

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => `${String(d.code)}:${d.severity ?? 0}`).sort();

async function change(settings: unknown, until: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  client.setSettings(settings);
  await client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
  return client.waitForDiagnostics(uri, until);
}

before(async () => {
  client = startInProcess({});
  client.rpc.onNotification('netpol/status', (p: StatusParams) => {
    engine = p.engine;
  });
  await initialize(client, pathToFileURL(dir).href);
  await client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: policyText } });
});

after(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('settings applied live', () => {
  test('defaults: the policy lands in "default", where no workload is', async () => {
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length === 2);
    // 2 = warning, 3 = information
    assert.deepEqual(codes(p), ['policy-selects-nothing:2', 'policy-without-namespace:3']);
  });

  test('netpol.rules: a rule off, another raised to error', async () => {
    const p = await change({ rules: { 'policy-without-namespace': 'off', 'policy-selects-nothing': 'error' } }, (x) =>
      codes(x).includes('policy-selects-nothing:1'),
    );
    assert.deepEqual(codes(p), ['policy-selects-nothing:1']);
  });

  test('netpol.defaultNamespace: the policy now selects the pod in "prod"', async () => {
    const p = await change({ rules: { 'policy-without-namespace': 'off' }, defaultNamespace: 'prod' }, (x) => x.diagnostics.length === 0);
    assert.deepEqual(codes(p), []);
  });

  test('netpol.exclude: excluding the pods file reads the workspace again without it', async () => {
    const p = await change({ rules: { 'policy-without-namespace': 'off' }, defaultNamespace: 'prod', exclude: ['pods.yaml'] }, (x) =>
      codes(x).includes('policy-selects-nothing:2'),
    );
    const message = p.diagnostics[0]?.message;
    assert.match(typeof message === 'string' ? message : (message?.value ?? ''), /no workload of the workspace is in namespace "prod"/);
    const back = await change(
      { rules: { 'policy-without-namespace': 'off' }, defaultNamespace: 'prod', exclude: [] },
      (x) => x.diagnostics.length === 0,
    );
    assert.deepEqual(codes(back), []);
  });

  test('netpol.engine: an unknown engine is reported and generic stays', async () => {
    client.setSettings({ engine: 'no-such-engine' });
    await client.rpc.sendNotification('workspace/didChangeConfiguration', { settings: null });
    for (let i = 0; i < 100 && !client.logs.some((l) => l.includes('no-such-engine')); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(
      client.logs.some((l) => l.includes('netpol.engine: unknown engine "no-such-engine"')),
      client.logs.join('\n'),
    );
    assert.equal(engine, 'generic');
  });
});
