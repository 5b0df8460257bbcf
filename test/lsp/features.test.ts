// The real handlers in process, on examples/aks-demo: completion, hover and diagnostics as an editor sees them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { caret } from '../support/caret';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/workspace';

const folder = join(repoRoot, 'examples', 'aks-demo');
const policyUri = pathToFileURL(join(folder, 'AllowWebToDBPolicy.yaml')).href;
let client: TestClient;
let version = 1;

const policy = (podSelector: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: AllowWebToDBPolicy
  namespace: default
spec:
  podSelector:
${podSelector}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
`;

async function openAt(marked: string): Promise<{ line: number; character: number }> {
  const { text, position } = caret(marked);
  await client.rpc.sendNotification('textDocument/didChange', {
    textDocument: { uri: policyUri, version: ++version },
    contentChanges: [{ text }],
  });
  return position;
}

async function completionsAt(marked: string): Promise<CompletionItem[]> {
  const position = await openAt(marked);
  return client.rpc.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: policyUri }, position });
}

before(async () => {
  client = startInProcess();
  await initialize(client, pathToFileURL(folder).href);
  await client.rpc.sendNotification('textDocument/didOpen', {
    textDocument: { uri: policyUri, languageId: 'yaml', version, text: policy('    matchLabels:\n      app: db') },
  });
  await client.waitForDiagnostics(policyUri);
});
after(async () => client.close());

describe('completion', () => {
  test('in matchLabels: the label keys of the namespace pods', async () => {
    const items = await completionsAt(policy('    matchLabels:\n      |'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['app'],
    );
    assert.equal(items[0]?.detail, 'label of 3 workloads');
  });

  test('after a key in matchLabels: its values in the workspace', async () => {
    const items = await completionsAt(policy('    matchLabels:\n      app: |'));
    assert.deepEqual(items.map((i) => i.label).sort(), ['app', 'db', 'web']);
  });

  test('in a namespaceSelector: namespace labels, the metadata.name label first', async () => {
    const items = await completionsAt(
      policy('    {}').replace(
        '        - podSelector:\n            matchLabels:\n              app: web',
        '        - namespaceSelector:\n            matchLabels:\n              |',
      ),
    );
    assert.ok(items.some((i) => i.label === 'kubernetes.io/metadata.name'));
  });

  test('spec fields not yet written', async () => {
    const items = await completionsAt(policy('    {}').replace('  policyTypes:\n    - Ingress\n', '  |\n'));
    assert.deepEqual(items.map((i) => i.label).sort(), ['egress', 'policyTypes']);
  });

  test('protocol values and policy types', async () => {
    const proto = await completionsAt(
      policy('    {}').replace('              app: web\n', '              app: web\n      ports:\n        - protocol: |\n'),
    );
    assert.deepEqual(
      proto.map((i) => i.label),
      ['TCP', 'UDP', 'SCTP'],
    );
    const types = await completionsAt(policy('    {}').replace('    - Ingress', '    - |'));
    assert.deepEqual(
      types.map((i) => i.label),
      ['Ingress', 'Egress'],
    );
  });

  test('named ports of the namespace pods after port:', async () => {
    const items = await completionsAt(
      policy('    {}').replace('              app: web\n', '              app: web\n      ports:\n        - port: |\n'),
    );
    assert.deepEqual(items.map((i) => i.label).sort(), ['http', 'postgres']);
  });

  test('whole-policy snippets in an empty document', async () => {
    const items = await completionsAt('|');
    assert.ok(items.length >= 8);
    assert.ok(items.every((i) => i.insertTextFormat === 2));
  });
});

test('hover on the podSelector lists db', async () => {
  const position = await openAt(policy('    matchLabels:\n      app: d|b'));
  const h = await client.rpc.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: policyUri }, position });
  assert.match(JSON.stringify(h?.contents), /default\/db\[Pod\]/);
});

test('diagnostics follow edits: a valid name clears the invalid-name error', async () => {
  const { text } = caret(policy('    matchLabels:\n      app: db|'));
  await client.rpc.sendNotification('textDocument/didChange', {
    textDocument: { uri: policyUri, version: ++version },
    contentChanges: [{ text: text.replace('AllowWebToDBPolicy', 'allow-web-to-db') }],
  });
  const d = await client.waitForDiagnostics(policyUri, (p) => !p.diagnostics.some((x) => x.code === 'invalid-name'));
  assert.deepEqual(d.diagnostics, []);
});
