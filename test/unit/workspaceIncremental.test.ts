// The workspace model after edits: an edit of a policy file reuses the grouped workloads, an edit of
// anything that declares workloads or namespaces regroups them; the result always equals a fresh build.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Workspace } from '../../server/src/core/index';
import type { WorkspaceModel } from '../../server/src/core/index';

const pod = (name: string, app: string, ns = 'default'): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
const policy = (name: string, ns = 'default'): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\n`;

function summary(m: WorkspaceModel): unknown {
  return {
    workloads: m.workloads.map((w) => `${w.id} ${[...w.labels].join(',')} ${w.sources.map((s) => s.file).join(',')}`),
    namespaces: [...m.namespaces.keys()].sort(),
    policies: m.policies.map((p) => `${p.id} ${p.file}`),
  };
}

function fresh(files: Record<string, string>): WorkspaceModel {
  const ws = new Workspace();
  for (const [f, t] of Object.entries(files)) ws.setFile(f, t);
  return ws.model;
}

describe('workspace model after edits', () => {
  test('editing a policy file keeps the workloads; editing pods regroups them; both equal a fresh build', () => {
    const files: Record<string, string> = { 'pods.yaml': pod('web', 'web'), 'np.yaml': policy('a') };
    const ws = new Workspace();
    for (const [f, t] of Object.entries(files)) ws.setFile(f, t);
    const first = ws.model.workloads;

    files['np.yaml'] = policy('b', 'other');
    ws.setFile('np.yaml', files['np.yaml']);
    assert.equal(ws.model.workloads, first, 'the same workloads array after a policy edit');
    assert.deepEqual(summary(ws.model), summary(fresh(files)));
    assert.ok(ws.model.namespaces.has('other'), 'a namespace only a policy names still appears');

    files['pods.yaml'] = pod('web', 'frontend') + '---\n' + pod('db', 'db');
    ws.setFile('pods.yaml', files['pods.yaml']);
    assert.notEqual(ws.model.workloads, first);
    assert.deepEqual(summary(ws.model), summary(fresh(files)));

    files['more.yaml'] = pod('cache', 'cache', 'data');
    ws.setFile('more.yaml', files['more.yaml']);
    assert.deepEqual(summary(ws.model), summary(fresh(files)));

    delete files['more.yaml'];
    ws.removeFile('more.yaml');
    assert.deepEqual(summary(ws.model), summary(fresh(files)));

    files['ns.yaml'] = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n  labels:\n    team: x\n';
    ws.setFile('ns.yaml', files['ns.yaml']);
    assert.equal(ws.model.namespaces.get('extra')?.labels.get('team'), 'x');
    assert.deepEqual(summary(ws.model), summary(fresh(files)));
  });
});
