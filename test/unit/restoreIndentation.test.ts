// The lost-indentation fixer on its own: a NetworkPolicy with every line at column 0 goes in, the
// schema's structure comes out, and the result loads as a valid policy with the intended meaning.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  Workspace,
  checkWorkspace,
  defaultEngine,
  describeRule,
  formatSelector,
  readYamlValue,
  restoreIndentation,
} from '../../server/src/core/index';
import type { NetworkPolicy } from '../../server/src/core/index';
import { repoRoot } from '../support/workspace';

/** What a copy from a web page does: every line loses its leading white space. */
function flatten(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^[ \t]+/, ''))
    .join('\n');
}

function restored(text: string): string {
  const r = restoreIndentation(text);
  assert.ok(r.ok, r.ok ? '' : `restore failed at line ${r.line + 1}: ${r.reason}`);
  assert.deepEqual(r.ambiguities, []);
  return r.text;
}

/** The one policy of `text`, which must load without any finding (parse or API-server validation). */
function loadPolicy(text: string): NetworkPolicy {
  const ws = new Workspace();
  ws.setFile('p.yaml', text);
  assert.deepEqual(
    ws.fileFindings().map((f) => `${f.code} ${f.message}`),
    [],
  );
  const [p, ...rest] = ws.model.policies;
  assert.ok(p && rest.length === 0 && p.valid);
  return p;
}

/** The policy in words: selector, types, and each rule as describeRule says it. */
function meaning(p: NetworkPolicy): string[] {
  return [
    `${p.id} selects ${formatSelector(p.podSelector)}`,
    `types: ${[p.types.ingress ? 'Ingress' : '', p.types.egress ? 'Egress' : ''].filter(Boolean).join(', ')}`,
    ...[...p.ingress, ...p.egress].map((r) => describeRule(r, p.namespace)),
  ];
}

const walkthroughFlat = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
name: allow-web-to-db
namespace: default
spec:
podSelector:
matchLabels:
app: db
policyTypes:
- Ingress
ingress:
- from:
- podSelector:
matchLabels:
app: web
`;

describe('restoreIndentation', () => {
  test("the walkthrough's web -> db policy, pasted at column 0, comes back as the walkthrough wrote it", () => {
    const example = readFileSync(join(repoRoot, 'examples', 'aks-demo', 'AllowWebToDBPolicy.yaml'), 'utf8');
    const body = example
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n')
      .replace('AllowWebToDBPolicy', 'allow-web-to-db');
    const text = restored(walkthroughFlat);
    assert.equal(text, body);
    assert.deepEqual(meaning(loadPolicy(text)), [
      'default/allow-web-to-db selects app=db',
      'types: Ingress',
      'allows ingress from pods with app=web in namespace "default" on every port and protocol',
    ]);
  });

  test("the walkthrough's deny-all policy", () => {
    const canonical = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-deny-policy
  namespace: default
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;
    assert.equal(restored(flatten(canonical)), canonical);
    assert.deepEqual(meaning(loadPolicy(canonical)), ['default/test-deny-policy selects {} (everything)', 'types: Ingress']);
  });

  test('egress with DNS, a list of peers (OR), an AND peer, ipBlock with except, port ranges and comments', () => {
    const canonical = `# The API's way out.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-egress
  namespace: shop
  labels:
    team: api
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
    - Egress
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: data
          podSelector:
            matchLabels:
              app: postgres
        - podSelector:
            matchLabels:
              app: cache
        - ipBlock:
            cidr: 10.0.0.0/8
            except:
              - 10.1.0.0/16
      ports:
        - protocol: TCP
          port: 5432
        - port: 6000
          endPort: 6100
    # DNS, both protocols.
    - to:
        - namespaceSelector: {}
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
`;
    assert.equal(restored(flatten(canonical)), canonical);
    assert.deepEqual(meaning(loadPolicy(restored(flatten(canonical)))), [
      'shop/api-egress selects app=api',
      'types: Ingress, Egress',
      'allows egress to pods with app=postgres in namespaces with kubernetes.io/metadata.name=data or pods with app=cache in namespace "shop" or addresses in 10.0.0.0/8 except 10.1.0.0/16 on TCP 5432, TCP 6000-6100',
      'allows egress to pods with k8s-app=kube-dns in every namespace on UDP 53, TCP 53',
    ]);
  });

  test('matchExpressions in the pod selector and in peers, and an ingress rule with ports only', () => {
    const canonical = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: tiers
spec:
  podSelector:
    matchExpressions:
      - key: tier
        operator: In
        values:
          - api
          - worker
      - key: debug
        operator: DoesNotExist
  ingress:
    - from:
        - podSelector:
            matchExpressions:
              - { key: app, operator: NotIn, values: [batch] }
          namespaceSelector:
            matchLabels:
              team: web
    - ports:
        - port: metrics
          protocol: TCP
`;
    const text = restored(flatten(canonical));
    assert.equal(text, canonical);
    assert.deepEqual(meaning(loadPolicy(text)), [
      'default/tiers selects tier in (api, worker), !debug',
      'types: Ingress',
      'allows ingress from pods with app notin (batch) in namespaces with team=web on every port and protocol',
      'allows ingress from any peer on TCP port named "metrics"',
    ]);
  });

  test('indentation of another style (compact lists, four spaces) comes out in the docs style with the same content', () => {
    const compact = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '    name: web',
      'spec:',
      '    podSelector: {}',
      '    ingress:',
      '    - from:',
      '      - podSelector: {}',
      '',
    ].join('\n');
    const text = restored(compact);
    assert.deepEqual(readYamlValue('a', text).value, readYamlValue('b', compact).value);
    assert.match(text, /^ {2}ingress:\n {4}- from:\n {8}- podSelector: \{\}$/m);
  });

  test('allow-all rules written `- {}`, and a `- {}` that could end either of two lists', () => {
    const canonical = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: open
spec:
  podSelector: {}
  ingress:
    - {}
  egress:
    - {}
`;
    assert.equal(restored(flatten(canonical)), canonical);
    assert.deepEqual(meaning(loadPolicy(canonical)).slice(2), [
      'allows ingress from any peer on every port and protocol',
      'allows egress to any peer on every port and protocol',
    ]);
    const r = restoreIndentation('kind: NetworkPolicy\nspec:\negress:\n- ports:\n- port: 53\n- {}\n');
    assert.ok(r.ok);
    assert.deepEqual(
      r.ambiguities.map((a) => [a.chosen, a.alternative]),
      [['spec.egress[0].ports[1]', 'spec.egress[…]']],
    );
  });

  test('Windows line ends are kept', () => {
    const text = restored(walkthroughFlat.replace(/\n/g, '\r\n'));
    assert.equal(text, restored(walkthroughFlat).replace(/\n/g, '\r\n'));
  });

  test('a label that could be metadata.name is reported as an ambiguity', () => {
    const r = restoreIndentation('kind: NetworkPolicy\nmetadata:\nlabels:\napp: web\nname: web\nspec:\npodSelector: {}\n');
    assert.ok(r.ok);
    assert.deepEqual(r.ambiguities, [{ line: 4, key: 'name', chosen: 'metadata.name', alternative: 'metadata.labels.name' }]);
    assert.equal(r.text, 'kind: NetworkPolicy\nmetadata:\n  labels:\n    app: web\n  name: web\nspec:\n  podSelector: {}\n');
  });

  test('a podSelector after a peer, while spec has none yet, is an ambiguity', () => {
    const r = restoreIndentation('kind: NetworkPolicy\nspec:\ningress:\n- from:\n- namespaceSelector: {}\npodSelector: {}\n');
    assert.ok(r.ok);
    assert.deepEqual(
      r.ambiguities.map((a) => [a.chosen, a.alternative]),
      [['spec.ingress[0].from[0].podSelector', 'spec.podSelector']],
    );
  });

  test('what cannot be placed line by line stops the restoration', () => {
    const block = restoreIndentation('kind: NetworkPolicy\nmetadata:\nannotations:\nnote: |\ntext\n');
    assert.deepEqual(block, { ok: false, line: 3, reason: 'a block scalar (| or >) whose lines cannot be placed' });
    const unknown = restoreIndentation('kind: NetworkPolicy\nspec:\npodSelectr:\napp: db\n');
    assert.deepEqual(unknown, { ok: false, line: 2, reason: 'no place for "podSelectr" in a NetworkPolicy here' });
  });

  test('through the rule: the safe fix of the pasted walkthrough leaves a file without any finding', () => {
    const text = `# pasted\n---\n${walkthroughFlat}---\n${flatten('kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: b\nspec:\n  podSelector: {}\n')}`;
    const ws = new Workspace();
    ws.setFile('f.yaml', text);
    const found = checkWorkspace(ws, { engine: defaultEngine }).filter((f) => f.code === 'lost-indentation');
    assert.equal(found.length, 2);
    const edits = found.flatMap((f) => f.fixes?.filter((x) => x.safe).flatMap((x) => x.edits) ?? []);
    assert.equal(edits.length, 2);
    let fixed = text;
    for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
      fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
    ws.setFile('f.yaml', fixed);
    assert.deepEqual(ws.fileFindings(), []);
    assert.deepEqual(
      ws.model.policies.map((p) => meaning(p)),
      [
        [
          'default/allow-web-to-db selects app=db',
          'types: Ingress',
          'allows ingress from pods with app=web in namespace "default" on every port and protocol',
        ],
        ['default/b selects {} (everything)', 'types: Ingress'],
      ],
    );
    assert.equal(checkWorkspace(ws, { engine: defaultEngine }).filter((f) => f.code === 'lost-indentation').length, 0);
  });
});
