// The real handlers in process, on examples/aks-demo: completion, hover and diagnostics as an editor sees them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, Hover, TextEdit } from 'vscode-languageserver-protocol';
import type { ExplainResult, MatrixResult } from '../../server/src/protocol/protocol';
import { decodeRow } from '../../server/src/protocol/protocol';
import { caret } from '../support/caret';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { repoRoot } from '../support/workspace';

function cellAt(m: MatrixResult, row: number, col: number): number {
  return decodeRow(m.rows[row] ?? [], m.workloads.length)[col] ?? -1;
}

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

describe('code actions and lenses', () => {
  test('the invalid name has a preferred rename fix that makes the error go away', async () => {
    const { text } = caret(policy('    matchLabels:\n      app: db|'));
    await client.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: policyUri, version: ++version },
      contentChanges: [{ text }],
    });
    const d = await client.waitForDiagnostics(policyUri, (p) => p.diagnostics.some((x) => x.code === 'invalid-name'));
    const diag = d.diagnostics.find((x) => x.code === 'invalid-name');
    assert.ok(diag);
    const actions = await client.rpc.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: policyUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const rename = actions.find((a) => a.title === 'Rename to "allow-web-to-db-policy"');
    assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(rename.isPreferred, true);
    const edits = rename.edit?.changes?.[policyUri] ?? [];
    assert.equal(edits.length, 1);
    const lines = text.split('\n');
    const edit = edits[0] as TextEdit;
    const line = lines[edit.range.start.line] ?? '';
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    await client.rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: policyUri, version: ++version },
      contentChanges: [{ text: lines.join('\n') }],
    });
    const after = await client.waitForDiagnostics(policyUri, (p) => !p.diagnostics.some((x) => x.code === 'invalid-name'));
    assert.ok(!after.diagnostics.some((x) => x.code === 'invalid-name'));
  });

  test('a lens over the policy says what it selects and isolates', async () => {
    await openAt(policy('    matchLabels:\n      app: db|').replace('AllowWebToDBPolicy', 'allow-web-to-db'));
    const lenses = await client.rpc.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: policyUri } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['selects 1 workload · isolates ingress'],
    );
  });
});

describe('custom requests for the reachability panel', () => {
  test('netpol/matrix: the workloads and their cells, with the rejected policy not counted', async () => {
    await openAt(policy('    matchLabels:\n      app: db|'));
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', {});
    assert.deepEqual(
      m.workloads.map((w) => w.id),
      ['default/app[Pod]', 'default/db[Pod]', 'default/web[Pod]'],
    );
    const web = m.workloads.findIndex((w) => w.name === 'web');
    const db = m.workloads.findIndex((w) => w.name === 'db');
    const cell = m.connections[cellAt(m, web, db)];
    assert.deepEqual(cell, { text: 'No Connections', status: 'none', ranges: [] });
    assert.match(m.workloads[db]?.location?.uri ?? '', /pods\.yaml$/);
    assert.equal(m.completeness.complete, false);
    const rejected = m.completeness.items.find((i) => i.reason === 'rejected');
    assert.match(rejected?.message ?? '', /AllowWebToDBPolicy not counted/);
    assert.ok(rejected?.location && typeof rejected.location.line === 'number', 'a rejected policy is located');
  });

  test('netpol/matrix follows the open document: a valid name lets web reach db', async () => {
    await openAt(policy('    matchLabels:\n      app: db|').replace('AllowWebToDBPolicy', 'allow-web-to-db'));
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { namespaces: ['default'] });
    const web = m.workloads.findIndex((w) => w.name === 'web');
    const db = m.workloads.findIndex((w) => w.name === 'db');
    const cell = m.connections[cellAt(m, web, db)];
    assert.deepEqual([cell?.text, cell?.status], ['All Connections', 'all']);
    assert.deepEqual(cell?.ranges, [
      { protocol: 'TCP', from: 1, to: 65535 },
      { protocol: 'UDP', from: 1, to: 65535 },
      { protocol: 'SCTP', from: 1, to: 65535 },
    ]);
  });

  test('netpol/matrix and netpol/explain under azure-npm-windows: cells a NotIn selector decides carry `uncertain`', async () => {
    const notIn = policy('    matchExpressions:\n      - {key: app, operator: NotIn, values: [web]}|').replace(
      'AllowWebToDBPolicy',
      'allow-web-to-db',
    );
    await openAt(notIn);
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { namespaces: ['default'], engine: 'azure-npm-windows' });
    const web = m.workloads.findIndex((w) => w.name === 'web');
    const db = m.workloads.findIndex((w) => w.name === 'db');
    const cell = m.connections[cellAt(m, web, db)];
    assert.equal(cell?.text, 'All Connections');
    assert.match(cell?.uncertain ?? '', /spec\.podSelector \(app NotIn \(web\)\): azure-npm-windows does not support negative selectors/);
    // web's own cells: nothing uncertain decides them (its ingress is isolated only by the certain deny-all policy).
    assert.equal(m.connections[cellAt(m, db, web)]?.uncertain, undefined);
    const generic = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { namespaces: ['default'] });
    assert.ok(generic.connections.every((c) => c.uncertain === undefined));
    const e = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', {
      from: 'default/web[Pod]',
      to: 'default/db[Pod]',
      engine: 'azure-npm-windows',
    });
    const rule = e?.ingress.rules.find((r) => r.policy === 'default/allow-web-to-db');
    assert.match(rule?.uncertain.map((u) => u.text).join('\n') ?? '', /NotIn/);
  });

  test('netpol/explain names the isolating policy and the rule that admits', async () => {
    await openAt(policy('    matchLabels:\n      app: db|').replace('AllowWebToDBPolicy', 'allow-web-to-db'));
    const e = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', {
      from: 'default/web[Pod]',
      to: 'default/db[Pod]',
      port: 5432,
    });
    assert.ok(e);
    assert.equal(e.allowed, true);
    assert.deepEqual(e.ingress.isolatedBy.map((p) => p.policy).sort(), ['default/allow-web-to-db', 'default/test-deny-policy']);
    assert.deepEqual(
      e.ingress.rules.map((r) => [r.policy, r.direction, r.index, r.location.line]),
      [['default/allow-web-to-db', 'ingress', 0, 12]],
    );
  });
});
