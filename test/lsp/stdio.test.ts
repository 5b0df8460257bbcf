// The built server over stdio, as Neovim or Helix run it: diagnostics and hover on examples/aks-demo.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { initialize, startOverStdio } from '../support/lspClient';
import { repoRoot } from '../support/workspace';

const folder = join(repoRoot, 'examples', 'aks-demo');
const policyPath = join(folder, 'AllowWebToDBPolicy.yaml');
const policyUri = pathToFileURL(policyPath).href;

test('netpol-lens-server --stdio: invalid-name diagnostic and a hover listing db', async () => {
  const client = startOverStdio();
  try {
    const init = (await initialize(client, pathToFileURL(folder).href)) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(init.capabilities.hoverProvider, true);
    const text = readFileSync(policyPath, 'utf8');
    await client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: policyUri, languageId: 'yaml', version: 1, text } });
    const d = await client.waitForDiagnostics(policyUri, (p) => p.diagnostics.length > 0);
    const nameDiag = d.diagnostics.find((x) => x.code === 'invalid-name');
    assert.ok(nameDiag, JSON.stringify(d.diagnostics));
    assert.equal(nameDiag.severity, 1);
    assert.deepEqual(nameDiag.range.start, { line: 5, character: 8 });
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('app: db'));
    const h = await client.rpc.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: policyUri },
      position: { line, character: lines[line]?.indexOf('db') ?? 0 },
    });
    assert.ok(h);
    assert.match(h.contents.value, /default\/db\[Pod\]/);
    assert.match(h.contents.value, /pods\.yaml#L\d+/);
  } finally {
    await client.close();
  }
});
