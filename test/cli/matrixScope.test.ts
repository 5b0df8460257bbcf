// matrix --namespace narrows the grid; a workspace too big for a grid gets counts, not an endless grid.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/workspace';

test('--namespace keeps only those namespaces as rows and columns', () => {
  const r = runCli(['matrix', 'examples/aks-shop', '--namespace', 'backend,data', '--no-color']);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => /^\s*\d+ {2}/.test(l));
  assert.deepEqual(
    rows.map((l) => l.trim().split(/\s+/)[1]),
    ['backend/api[Deployment]', 'backend/worker[CronJob]', 'data/postgres[StatefulSet]', 'data/redis[Deployment]'],
  );
  assert.match(r.stdout, /1 -> 3 {2}backend\/api\[Deployment\] => data\/postgres\[StatefulSet\] : TCP 5432/);
});

test('more than 1,000 workloads: the counts of the whole matrix and how to narrow it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-big-'));
  try {
    const pods = Array.from(
      { length: 1001 },
      (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels:\n    app: a${i % 7}\n`,
    ).join('---\n');
    const policy =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: a0\n';
    writeFileSync(join(dir, 'pods.yaml'), pods);
    writeFileSync(join(dir, 'policy.yaml'), policy);
    const r = runCli(['matrix', dir, '--no-color']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1001 workloads: too many for a grid/);
    // 143 pods labelled app=a0 deny all ingress: 1001 * 143 cells denied, the rest allowed.
    assert.match(r.stdout, new RegExp(`${1001 * 1001 - 1001 * 143} cells allowed, 0 on some ports, ${1001 * 143} denied`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the grid names the policies it does not count (the walkthrough policy the API server rejects) and exits 1', () => {
  const r = runCli(['matrix', 'examples/aks-demo', '--no-color']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^0 allowed, 0 on some ports, 9 denied/m);
  assert.match(
    r.stderr,
    /^netpol-lens: examples\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 NetworkPolicy default\/AllowWebToDBPolicy not counted: the API server rejects it \(invalid-name\)\nnetpol-lens: incomplete: 1 object not counted: the result above may be wrong/,
  );
  const allowed = runCli(['matrix', 'examples/aks-demo', '--no-color', '--allow-incomplete']);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.equal(allowed.stdout, r.stdout);
});
