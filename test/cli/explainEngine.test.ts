// `netpol-lens explain` with the engines' own kinds, called in process (the calico and cilium
// profiles are registered by another change; here they are built from the generic one): the text
// names the Cilium rule that admits or denies, in order, with file:line, and the JSON carries the steps.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runExplain } from '../../server/src/cli/commands/explain';
import { computeConnectivity } from '../../server/src/core/index';
import { registeredEngine } from '../support/engines';
import { loadWorkspace, repoRoot } from '../support/workspace';

const ws = loadWorkspace(join(repoRoot, 'examples', 'aks-cilium'));
const engine = registeredEngine('cilium');
const conn = computeConnectivity(ws.model, engine);
const args = { port: undefined, protocol: undefined, format: 'text' };

test('explain names the CiliumNetworkPolicy rules that admit frontend -> payments', () => {
  const out = runExplain(ws, conn, engine, { ...args, from: 'shop/frontend', to: 'shop/payments' });
  assert.match(out, /^shop\/frontend\[Deployment\] -> shop\/payments\[Deployment\]: ALLOWED: TCP 9000$/m);
  assert.match(out, /CiliumNetworkPolicy shop\/frontend spec\.egress\[0\] \(examples\/aks-cilium\/policies\.yaml:\d+\) allows TCP 9000/);
  assert.match(
    out,
    /CiliumNetworkPolicy shop\/payments spec\.ingress\[0\] \(examples\/aks-cilium\/policies\.yaml:\d+\) allows All Connections/,
  );
  assert.match(out, /CiliumNetworkPolicy shop\/payments spec\.ingressDeny\[0\] .* denies TCP 9090/);
});

test('explain on the denied admin port says which deny rule takes it', () => {
  const out = runExplain(ws, conn, engine, { ...args, from: 'shop/frontend', to: 'shop/payments', port: '9090' });
  assert.match(out, /: DENIED$/m);
  assert.match(out, /spec\.ingressDeny\[0\] .* denies TCP 9090/);
  assert.doesNotMatch(out, /allows TCP 9000/);
});

test('explain --format json carries the engine steps', () => {
  const json = JSON.parse(runExplain(ws, conn, engine, { ...args, format: 'json', from: 'shop/payments', to: 'kube-system/coredns' })) as {
    egress: { engine?: { steps: { action: string; note?: string }[]; enforced: boolean } };
  };
  assert.equal(json.egress.engine?.enforced, true);
  assert.ok(json.egress.engine?.steps.some((s) => s.action === 'NotEvaluated' && /toFQDNs/.test(s.note ?? '')));
  assert.ok(json.egress.engine?.steps.some((s) => s.action === 'Allow'));
});

test('a CiliumNetworkPolicy Cilium rejects (`ingress: []`, `egress: []`) is listed as not counted on both sides', () => {
  const rejected = loadWorkspace(join(repoRoot, 'test', 'fixtures', 'engine-kinds', 'cilium', 'empty-rule-default-deny.yaml'));
  const out = runExplain(rejected, computeConnectivity(rejected.model, engine), engine, { ...args, from: 'shop/db', to: 'shop/web' });
  assert.match(out, /^shop\/db\[Deployment\] -> shop\/web\[Deployment\]: ALLOWED: All Connections$/m);
  const notCounted =
    out.match(
      /not counted: CiliumNetworkPolicy shop\/deny-all would select it, but it is rejected \(.*empty-rule-default-deny\.yaml:22\)/g,
    ) ?? [];
  assert.equal(notCounted.length, 2, out);
});
