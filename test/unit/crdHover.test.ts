// Hovers on the engines' own kinds: a Calico selector string and a Cilium endpointSelector or peer
// list the workloads they match (examples/aks-cilium, and a Calico workspace written here); under an
// engine that ignores the kind, the hover says so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultEngine, hoverAt } from '../../server/src/core/index';
import { registeredEngine } from '../support/engines';
import type { EngineProfile, Workspace } from '../../server/src/core/index';
import { loadWorkspace, repoRoot, workspaceFromText } from '../support/workspace';

function hoverOn(ws: Workspace, file: string, text: string, needle: string, engine: EngineProfile, delta = 1): string {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return hoverAt(ws, file, offset + delta, { engine })?.contents ?? '(no hover)';
}

const ciliumFile = 'examples/aks-cilium/policies.yaml';
const ciliumText = readFileSync(join(repoRoot, ciliumFile), 'utf8');
const ciliumWs = loadWorkspace(join(repoRoot, 'examples', 'aks-cilium'));

test('a Cilium endpointSelector lists the pods it selects in the policy namespace', () => {
  const h = hoverOn(ciliumWs, ciliumFile, ciliumText, 'matchLabels: {app: frontend}', registeredEngine('cilium'));
  assert.match(h, /\*\*endpointSelector\*\* `app=frontend` in namespace `shop` selects \*\*1 workload\*\*/);
  assert.match(h, /shop\/frontend\[Deployment\]/);
  assert.doesNotMatch(h, /not counted/);
});

test('a Cilium toEndpoints item with the namespace label reaches into kube-system', () => {
  const h = hoverOn(ciliumWs, ciliumFile, ciliumText, 'k8s:io.kubernetes.pod.namespace', registeredEngine('cilium'));
  assert.match(h, /\*\*toEndpoints\*\* .* matches \*\*1 workload\*\*/);
  assert.match(h, /kube-system\/coredns\[Deployment\]/);
});

test('a Cilium fromEndpoints item without namespace label stays in the policy namespace', () => {
  const h = hoverOn(ciliumWs, ciliumFile, ciliumText, 'matchLabels: {tier: web}', registeredEngine('cilium'));
  assert.match(h, /\(namespace `shop`: no `k8s:io.kubernetes.pod.namespace` label given\) matches \*\*1 workload\*\*/);
});

test('under the generic engine the hover says the Cilium policy is not counted', () => {
  const h = hoverOn(ciliumWs, ciliumFile, ciliumText, 'matchLabels: {app: frontend}', defaultEngine);
  assert.match(h, /The generic engine ignores CiliumNetworkPolicy objects/);
});

const calicoText = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: lab, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  selector: app == 'db'
  ingress:
    - action: Allow
      source: {selector: "has(tier) || app == 'web'"}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: web-everywhere}
spec:
  selector: app starts with 'we'
  ingress:
    - action: Allow
      source: {selector: "bad =="}
`;
const calicoWs = workspaceFromText({ 'calico.yaml': calicoText });

test('a Calico selector lists the pods it applies to (namespace-scoped for NetworkPolicy)', () => {
  const h = hoverOn(calicoWs, 'calico.yaml', calicoText, "app == 'db'", registeredEngine('calico'));
  assert.match(h, /\*\*selector\*\* `app == 'db'` applies to \*\*1 workload\*\*/);
  assert.match(h, /shop\/db\[Pod\]/);
});

test('a Calico source selector matches in the policy namespace only', () => {
  const h = hoverOn(calicoWs, 'calico.yaml', calicoText, 'has(tier)', registeredEngine('calico'));
  assert.match(h, /`has\(tier\) \|\| app == 'web'` matches \*\*1 workload\*\*/);
  assert.doesNotMatch(h, /lab\/other/);
});

test('a GlobalNetworkPolicy selector spans every namespace', () => {
  const h = hoverOn(calicoWs, 'calico.yaml', calicoText, "app starts with 'we'", registeredEngine('calico'));
  assert.match(h, /applies to \*\*2 workloads\*\*/);
  assert.match(h, /lab\/other\[Pod\]/);
});

test('a selector that does not parse says so', () => {
  const h = hoverOn(calicoWs, 'calico.yaml', calicoText, 'bad ==', registeredEngine('calico'));
  assert.match(h, /does not parse/);
});
