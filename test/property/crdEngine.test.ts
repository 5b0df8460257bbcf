// Property-based tests of the engines' own kinds: random workspaces (pods, namespaces and
// NetworkPolicies from workspaceArbitraries.ts, plus random Calico or Cilium policies) rendered as
// YAML; the matrix (computeConnectivity, with the per-pair engine evaluator) must agree with the naive
// per-probe evaluator of test/support/naiveCrdEvaluator.ts for every workload pair and every workload
// with the first and last address of every external range, and with explainConnection.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { computeConnectivity, containsPort, explainConnection, formatConnections } from '../../server/src/core/index';
import { registeredEngine } from '../support/engines';
import type { Connectivity, EngineProfile, PeerRef, WorkspaceModel } from '../../server/src/core/index';
import { crdPoliciesArb } from '../support/crdArbitraries';
import { addressText } from '../support/naiveEvaluator';
import type { Probe } from '../support/naiveEvaluator';
import { naiveCrdAllows, naiveProtocols } from '../support/naiveCrdEvaluator';
import type { NaiveEnd } from '../support/naiveCrdEvaluator';
import { renderWorkspace, workspaceArb } from '../support/workspaceArbitraries';
import { workspaceFromText } from '../support/workspace';

const scale = Math.max(1, Number(process.env.NETPOL_PROPERTY_SCALE ?? '1') || 1);

function universe(model: WorkspaceModel): Probe[] {
  const ports = new Set([1, 52, 53, 54, 79, 80, 81, 89, 90, 91, 442, 443, 444, 5432, 8080, 8081, 9090, 9091, 65535]);
  for (const w of model.workloads) for (const cp of w.ports) ports.add(cp.port);
  return naiveProtocols.flatMap((protocol) => [...ports].sort((a, b) => a - b).map((port) => ({ protocol, port })));
}

function mismatches(model: WorkspaceModel, engine: EngineProfile, conn: Connectivity): string[] {
  const probes = universe(model);
  const out: string[] = [];
  const W = model.workloads.length;
  const compare = (label: string, src: NaiveEnd, dst: NaiveEnd, s: number, d: number): void => {
    const cell = conn.connection(s, d);
    for (const pr of probes) {
      const e = naiveCrdAllows(model, engine, src, dst, pr);
      const a = containsPort(cell, pr.protocol, pr.port);
      if (e !== a) out.push(`${label} ${pr.protocol}/${pr.port}: engine ${a ? 'allows' : 'denies'}, naive ${e ? 'allows' : 'denies'}`);
    }
  };
  model.workloads.forEach((a, s) =>
    model.workloads.forEach((b, d) =>
      compare(`${a.id} -> ${b.id}`, { kind: 'workload', workload: a }, { kind: 'workload', workload: b }, s, d),
    ),
  );
  conn.externals.forEach((x, xi) => {
    for (const v of new Set([x.lo, x.hi])) {
      const addr: NaiveEnd = { kind: 'address', address: addressText(x.family, v) };
      model.workloads.forEach((w, wi) => {
        const pod: NaiveEnd = { kind: 'workload', workload: w };
        compare(`${w.id} -> ${addr.address}`, pod, addr, wi, W + xi);
        compare(`${addr.address} -> ${w.id}`, addr, pod, W + xi, wi);
      });
    }
  });
  return out;
}

function explainMismatches(model: WorkspaceModel, engine: EngineProfile, conn: Connectivity): string[] {
  const refs: PeerRef[] = [
    ...conn.workloads.map((workload): PeerRef => ({ kind: 'workload', workload })),
    ...conn.externals.map((range): PeerRef => ({ kind: 'external', range })),
  ];
  const W = conn.workloads.length;
  const out: string[] = [];
  refs.forEach((a, s) =>
    refs.forEach((b, d) => {
      if (s >= W && d >= W) return;
      const m = formatConnections(conn.connection(s, d));
      const e = formatConnections(explainConnection(model, engine, a, b).allowed);
      if (m !== e) out.push(`${conn.nodeName(s)} -> ${conn.nodeName(d)}: matrix ${m}, explain ${e}`);
    }),
  );
  return out;
}

for (const id of ['calico', 'cilium'] as const) {
  describe(`${id} kinds: engine vs naive evaluator`, () => {
    const engine = registeredEngine(id);
    test('the matrix agrees with the naive evaluator and with explain', () => {
      fc.assert(
        fc.property(workspaceArb({ invalid: false }), crdPoliciesArb(id), (g, crds) => {
          const files = renderWorkspace(g);
          files['crd.yaml'] = crds.map((c) => stringify(c)).join('---\n');
          const ws = workspaceFromText(files);
          const invalid = ws.fileFindings().filter((f) => f.file === 'crd.yaml' && f.severity === 'error');
          assert.deepEqual(
            invalid.map((f) => f.message),
            [],
            'generated engine policies are valid',
          );
          const conn = computeConnectivity(ws.model, engine);
          const bad = mismatches(ws.model, engine, conn);
          assert.deepEqual(bad.slice(0, 5), [], `${files['crd.yaml']}`);
          assert.deepEqual(explainMismatches(ws.model, engine, conn).slice(0, 5), []);
        }),
        { numRuns: 80 * scale },
      );
    });
  });
}
