// Hovers at offsets of examples/aks-demo: what a selector, a peer, a rule and a policy name say.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultEngine, findEngine, hoverAt } from '../../server/src/core/index';
import { loadWorkspace, repoRoot, workspaceFromText } from '../support/workspace';

const file = 'examples/aks-demo/AllowWebToDBPolicy.yaml';
const text = readFileSync(join(repoRoot, file), 'utf8');
const ws = loadWorkspace(join(repoRoot, 'examples', 'aks-demo'));

/** Hover Markdown with the backslash escapes of manifest text undone (`app\\=web` → `app=web`), to match sentences. */
function unescaped(markdown: string | undefined): string | undefined {
  return markdown?.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function hoverOn(needle: string, delta = 1): string | undefined {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return unescaped(hoverAt(ws, file, offset + delta, { engine: defaultEngine, link: (l) => `file:///${l.file}` })?.contents);
}

test('spec.podSelector lists the workloads it selects, with links', () => {
  const h = hoverOn('app: db');
  assert.match(h ?? '', /selects \*\*1 workload\*\*/);
  assert.match(h ?? '', /\[`default\/db\[Pod\]`\]\(<file:\/\/\/examples\/aks-demo\/pods\.yaml>\)/);
  assert.match(h ?? '', /API server rejects this policy/);
});

test('a peer lists the workloads it matches', () => {
  const h = hoverOn('app: web');
  assert.match(h ?? '', /pods with app=web in namespace "default": \*\*1 workload\*\*/);
  assert.match(h ?? '', /default\/web\[Pod\]/);
  assert.doesNotMatch(h ?? '', /default\/db/);
});

test('the policy name says what it isolates', () => {
  assert.match(hoverOn('AllowWebToDBPolicy\n') ?? '', /isolates ingress of 1 workload/);
});

test('a rule is described in one sentence', () => {
  const h = hoverOn('from:', 0);
  assert.match(h ?? '', /\*\*ingress\[0\]\*\* allows ingress from pods with app=web in namespace "default" on every port and protocol/);
});

test('no hover outside a NetworkPolicy', () => {
  assert.equal(hoverAt(ws, 'examples/aks-demo/pods.yaml', 10, { engine: defaultEngine }), undefined);
});

test('engine profiles: a named port on azure-npm-windows is uncertain (policy, rule and port hovers name the engine and the source)', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: db, labels: {app: db}}',
    'spec: {containers: [{name: db, ports: [{containerPort: 5432, name: pg}]}]}',
    'status: {podIP: 10.244.1.6}',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: db, namespace: default}',
    'spec:',
    '  podSelector: {matchLabels: {app: db}}',
    '  ingress:',
    '  - from:',
    '    - ipBlock: {cidr: 10.0.0.0/8}',
    '    ports:',
    '    - port: pg',
  ].join('\n');
  const w = workspaceFromText({ 'np.yaml': yaml });
  const at = (needle: string, engine: string): string => {
    const e = findEngine(engine);
    assert.ok(e);
    return unescaped(hoverAt(w, 'np.yaml', yaml.indexOf(needle) + 1, { engine: e })?.contents) ?? '';
  };
  const line =
    /⚠ Uncertain on `azure-npm-windows`: default\/db spec\.ingress\[0\]\.ports\[0\] \(named port "pg"\): azure-npm-windows does not support named ports \(MicrosoftDocs\/azure-aks-docs/;
  assert.match(at('name: db, namespace', 'azure-npm-windows'), line);
  assert.match(at('from:', 'azure-npm-windows'), line);
  assert.match(at('port: pg', 'azure-npm-windows'), line);
  assert.doesNotMatch(at('from:', 'generic'), /Uncertain/);
  assert.doesNotMatch(at('from:', 'cilium'), /Uncertain/);
  // The ipBlock holding the pod's address: matched under generic, never under cilium.
  assert.match(at('ipBlock', 'generic'), /engine `generic` lets ipBlock match them\):\n\n- `default\/db\[Pod\]`/);
  assert.match(
    at('ipBlock', 'cilium'),
    /engine `cilium` never matches with ipBlock .*so they are \*\*not\*\* admitted:\n\n- `default\/db\[Pod\]`/,
  );
});

test('a peer selecting by name a namespace the workspace does not have says it is outside the workspace', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: web, labels: {app: web}}',
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: web}',
    'spec:',
    '  podSelector: {matchLabels: {app: web}}',
    '  policyTypes: [Egress]',
    '  egress:',
    '    - to:',
    '        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}',
    '    - to:',
    '        - namespaceSelector: {matchLabels: {team: ops}}',
  ].join('\n');
  const w = workspaceFromText({ 'p.yaml': yaml });
  const at = (needle: string): string =>
    unescaped(hoverAt(w, 'p.yaml', yaml.indexOf(needle) + 1, { engine: defaultEngine })?.contents) ?? '';
  assert.match(
    at('kube-system'),
    /matches \*\*no workload\*\* in the workspace\. Namespace `kube-system` is \*\*outside the workspace\*\*/,
  );
  assert.doesNotMatch(at('team: ops'), /outside the workspace/);
  assert.match(at('team: ops'), /matches \*\*no workload\*\*/);
});
