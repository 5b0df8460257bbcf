// Completion in Calico and Cilium policy documents: field names by place (spec, rule, entity rule,
// toPorts, port) and enum values (actions, protocols, entities), `|` marking the cursor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Workspace, completeAt } from '../../server/src/core/index';
import { registeredEngine } from '../support/engines';
import { caret } from '../support/caret';

function labels(marked: string): string[] {
  const { text, offset } = caret(marked);
  return completeAt(new Workspace(), text, offset, { engine: registeredEngine('calico') }).map((i) => i.label);
}

const calicoHead = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: a, namespace: shop}\n';

test('Calico spec fields, without the ones written', () => {
  const got = labels(`${calicoHead}spec:\n  selector: all()\n  |`);
  assert.deepEqual(got, ['order', 'types', 'ingress', 'egress', 'serviceAccountSelector']);
});

test('GlobalNetworkPolicy adds namespaceSelector', () => {
  const got = labels(`${calicoHead.replace('kind: NetworkPolicy', 'kind: GlobalNetworkPolicy')}spec:\n  |`);
  assert.ok(got.includes('namespaceSelector'));
});

test('Calico rule fields and actions', () => {
  assert.ok(labels(`${calicoHead}spec:\n  ingress:\n    - |`).includes('action'));
  assert.deepEqual(labels(`${calicoHead}spec:\n  ingress:\n    - action: |`), ['Allow', 'Deny', 'Pass', 'Log']);
});

test('Calico entity rule fields', () => {
  const got = labels(`${calicoHead}spec:\n  ingress:\n    - action: Allow\n      source:\n        |`);
  assert.ok(got.includes('notSelector') && got.includes('nets') && got.includes('namespaceSelector'));
});

const ciliumHead = 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: a, namespace: shop}\n';

test('Cilium spec, rule, toPorts and port fields', () => {
  assert.ok(labels(`${ciliumHead}spec:\n  |`).includes('egressDeny'));
  assert.ok(labels(`${ciliumHead}spec:\n  egress:\n    - |`).includes('toFQDNs'));
  assert.ok(!labels(`${ciliumHead}spec:\n  ingress:\n    - |`).includes('toFQDNs'));
  assert.deepEqual(labels(`${ciliumHead}spec:\n  egress:\n    - toPorts:\n        - |`), ['ports', 'rules']);
  assert.deepEqual(labels(`${ciliumHead}spec:\n  egress:\n    - toPorts:\n        - ports:\n            - protocol: |`), [
    'TCP',
    'UDP',
    'SCTP',
    'ANY',
  ]);
});

test('Cilium entities', () => {
  assert.ok(labels(`${ciliumHead}spec:\n  egress:\n    - toEntities:\n        - |`).includes('world'));
});
