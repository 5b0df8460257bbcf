// Label selectors: for each policy of test/fixtures/selectors/<case>.yaml, its podSelector (kubectl's
// notation) and the workloads it selects, then each selector peer and the workloads it matches;
// compared with <case>.expected.txt. Peers follow DESIGN.md: podSelector alone = the policy's namespace,
// namespaceSelector = namespaces by their labels (kubernetes.io/metadata.name always set), both = AND.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describePeer, formatSelector, matchesSelector } from '../../server/src/core/index';
import type { NetworkPolicy, PolicyPeer, PolicyRule, Workload, WorkspaceModel } from '../../server/src/core/index';
import { expectText, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import type { Fixture } from '../support/expect';
import { workspaceFromText } from '../support/workspace';

const folder = 'selectors';

for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => check(fx));

test('every selectors expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));

function check(fx: Fixture): void {
  expectText(fx, renderSelectors(fx));
}

function renderSelectors(fx: Fixture): string {
  const ws = workspaceFromText({ [fx.name]: fx.text });
  const findings = ws.fileFindings();
  assert.deepEqual(
    findings.map((f) => `${f.code} ${f.message}`),
    [],
    'selector fixtures hold valid manifests (validation has its own fixtures)',
  );
  const { model } = ws;
  const out: string[] = [];
  for (const p of model.policies) {
    const selected = model.workloads.filter((w) => w.namespace === p.namespace && matchesSelector(p.podSelector, w.labels));
    out.push(`policy ${p.id}`, `  podSelector: ${formatSelector(p.podSelector)}`, `  selects: ${names(selected)}`);
    for (const rule of [...p.ingress, ...p.egress]) out.push(...renderRule(model, p, rule));
  }
  return out.join('\n');
}

function renderRule(model: WorkspaceModel, policy: NetworkPolicy, rule: PolicyRule): string[] {
  const where = `${rule.direction}[${rule.index}]`;
  if (!rule.peers) return [`  ${where}: every peer`];
  return rule.peers.map((peer, i) => {
    const path = `${where}.${rule.direction === 'ingress' ? 'from' : 'to'}[${i}]`;
    const matched = peer.kind === 'selector' ? names(model.workloads.filter((w) => peerMatches(model, policy, peer, w))) : '(ipBlock)';
    return `  ${path} ${describePeer(peer, policy.namespace)}: ${matched}`;
  });
}

function peerMatches(model: WorkspaceModel, policy: NetworkPolicy, peer: PolicyPeer, w: Workload): boolean {
  if (peer.kind !== 'selector') return false;
  const nsLabels = model.namespaces.get(w.namespace)?.labels ?? new Map<string, string>();
  const inNamespace = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels) : w.namespace === policy.namespace;
  return inNamespace && (!peer.podSelector || matchesSelector(peer.podSelector, w.labels));
}

function names(ws: readonly Workload[]): string {
  return ws.length ? ws.map((w) => w.id).join(', ') : '(none)';
}
