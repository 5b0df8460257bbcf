// The status bar's words and state, from the netpol/status the real server (in process) sends: a
// workspace with a broken deny-all puts it in the warning state with the server's summary; a
// complete one does not.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { StatusParams } from '../../server/src/protocol/protocol';
import { statusLook } from '../../client/src/statusText';
import { initialize, startInProcess } from '../support/lspClient';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const pod = (name: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: x}]}\n`;

/** The last `ready` status the server sends for a folder of these files. */
async function readyStatus(files: Record<string, string>): Promise<StatusParams> {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-status-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const client = startInProcess();
  const seen: StatusParams[] = [];
  client.rpc.onNotification('netpol/status', (p: StatusParams) => {
    seen.push(p);
  });
  try {
    await initialize(client, pathToFileURL(dir).href);
    const deadline = Date.now() + 10_000;
    while (!seen.some((s) => s.state === 'ready') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const ready = seen.filter((s) => s.state === 'ready').at(-1);
    assert.ok(ready, 'a ready status');
    return ready;
  } finally {
    await client.close();
  }
}

describe('the status bar item', () => {
  test('a broken deny-all: warning state, the server’s summary first', async () => {
    const status = await readyStatus({
      'pods.yaml': `${pod('a')}---\n${pod('b')}`,
      'deny.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress\n',
    });
    assert.ok(status.incomplete, JSON.stringify(status));
    const look = statusLook(status);
    assert.equal(look.warning, true);
    assert.equal(look.icon, '$(warning)');
    assert.ok(look.state.startsWith('Incomplete: 1 file not fully analysed'), look.state);
    assert.match(look.state, /Ready: 2 workloads and 0 policies in 2 manifest files\.$/);
  });

  test('a complete workspace: the shield, no warning', async () => {
    const status = await readyStatus({ 'pods.yaml': `${pod('a')}---\n${pod('b')}` });
    assert.equal(status.incomplete, undefined);
    assert.deepEqual(statusLook(status), {
      icon: '$(shield)',
      state: 'Ready: 2 workloads and 0 policies in 1 manifest file.',
      warning: false,
    });
  });

  test('indexing: progress, never a warning', () => {
    const look = statusLook({ state: 'indexing', indexed: 3, total: 10, workloads: 0, policies: 0, engine: 'generic' });
    assert.deepEqual(look, { icon: '$(loading~spin)', extra: '3/10', state: 'Indexing manifests: 3 of 10 files.', warning: false });
  });
});
