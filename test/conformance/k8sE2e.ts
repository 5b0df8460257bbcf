// Conformance: Kubernetes' own network-policy test model (68 cases, every check incl. loopback),
// through the core engine and through the real CLI's `assert`. Registered by conformance.test.ts
// with the oracle's k8s-e2e folder.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { computeConnectivity, containsPort, defaultEngine } from '../../server/src/core/index';
import type { Protocol } from '../../server/src/core/index';
import { loadWorkspace, runCli } from '../support/workspace';

interface Check {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

export function k8sE2eSuites(root: string): void {
  const casesDir = join(root, 'cases');
  const cases = readdirSync(casesDir).sort();

  test('the k8s-e2e cases are all there', () => {
    assert.equal(cases.length, 68);
  });

  describe('k8s-e2e through the engine', () => {
    for (const c of cases) {
      test(c, () => {
        const dir = join(casesDir, c);
        const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { checks: Check[] };
        const ws = loadWorkspace(join(dir, 'manifests.yaml'));
        assert.deepEqual(ws.fileFindings(), [], 'the manifests are valid');
        const conn = computeConnectivity(ws.model, defaultEngine);
        const index = new Map(conn.workloads.map((w, i) => [`${w.namespace}/${w.name}`, i]));
        const wrong = expected.checks.filter((k) => {
          const s = index.get(k.from);
          const d = index.get(k.to);
          assert.ok(s !== undefined && d !== undefined, `${k.from} and ${k.to} exist`);
          return containsPort(conn.connection(s, d), k.protocol, k.port) !== k.allowed;
        });
        assert.deepEqual(
          wrong.map((k) => `${k.from} -> ${k.to} ${k.protocol}/${k.port} expected ${k.allowed}`),
          [],
        );
      });
    }
  });

  describe('k8s-e2e through `netpol-lens assert`', () => {
    for (const c of cases) {
      test(c, () => {
        const dir = join(casesDir, c);
        const r = runCli(['assert', join(dir, 'manifests.yaml'), '--expect', join(dir, 'expected.json')]);
        const checks = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { checks: unknown[] }).checks.length;
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.equal(r.stdout.trim().split('\n').pop(), `${checks} passed, 0 failed`);
      });
    }
  });
}
