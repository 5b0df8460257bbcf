// The engines' own policy kinds: each manifest of test/fixtures/engine-kinds/<engine>/ (engine = calico or
// cilium, a profile made locally from the generic one with that id) is rendered as its validation
// findings, netpol-analyzer's connection list, and the step-by-step engine explanation of each
// `# explain: FROM -> TO` line; compared with <case>.expected.txt. For every pair of workloads and
// every workload with every external range, the matrix must equal the explanation (the invariant of
// connectivity.ts), and under the generic engine the same manifests must count as if the engine kinds
// were not there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LineIndex,
  Workspace,
  checkWorkspace,
  computeConnectivity,
  connectionLine,
  defaultEngine,
  explainConnection,
  formatConnections,
  listConnections,
  parseIp,
} from '../../server/src/core/index';
import { registeredEngine } from '../support/engines';
import type { Connectivity, EngineProfile, PeerRef, SideExplanation, Workload, WorkspaceModel } from '../../server/src/core/index';
import { expectText, formatFinding, formatSpan, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import type { Fixture } from '../support/expect';
import { workspaceFromText } from '../support/workspace';

for (const id of ['calico', 'cilium'] as const) {
  const folder = `engine-kinds/${id}`;
  describe(folder, () => {
    for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => check(fx, registeredEngine(id)));
    test('every expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));
  });
}

test("the profile's crdKinds field decides which kinds count, not its id", () => {
  const calico = registeredEngine('calico');
  const renamed: EngineProfile = { ...calico, id: 'calico-enterprise' };
  const without: EngineProfile = { ...calico, crdKinds: undefined };
  let differs = 0;
  for (const fx of listFixtures('engine-kinds/calico')) {
    const ws = workspaceFromText({ [fx.name]: fx.text });
    const list = (e: EngineProfile): string[] => listConnections(computeConnectivity(ws.model, e)).map(connectionLine);
    assert.deepEqual(list(renamed), list(calico), fx.name);
    const ignored = (e: EngineProfile): number =>
      checkWorkspace(ws, { engine: e }).filter((f) => f.code === 'crd-ignored-by-engine').length;
    assert.equal(ignored(renamed), 0, fx.name);
    if (ws.model.calicoPolicies.some((p) => p.valid)) assert.ok(ignored(without) > 0, fx.name);
    if (list(without).join('\n') !== list(calico).join('\n')) differs++;
  }
  assert.ok(differs > 0, 'some fixture changes when the Calico kinds do not count');
});

function check(fx: Fixture, engine: EngineProfile): void {
  const ws = workspaceFromText({ [fx.name]: fx.text });
  const conn = computeConnectivity(ws.model, engine);
  assertMatrixMatchesExplain(ws.model, engine, conn);
  const index = new LineIndex(fx.text);
  const out: string[] = ['== findings', ...ws.fileFindings().map((f) => formatFinding(index, f)), '== connlist'];
  out.push(...listConnections(conn).map(connectionLine));
  for (const d of fx.directives.filter((x) => x.key === 'explain')) {
    const [from = '', to = ''] = d.value.split('->').map((s) => s.trim());
    const e = explainConnection(ws.model, engine, resolve(conn, from), resolve(conn, to));
    out.push(`== explain ${from} -> ${to}: ${formatConnections(e.allowed)}`);
    out.push(...side(e.egress, index), ...side(e.ingress, index));
  }
  expectText(fx, out.join('\n'));
}

function side(s: SideExplanation, index: LineIndex): string[] {
  const head = `${s.direction} of ${s.subject?.id ?? 'outside'}`;
  const ignored = s.ignored.map(
    (i) =>
      `  not counted: ${'engine' in i.policy ? i.policy.kind : 'NetworkPolicy'} ${i.policy.id} at ${formatSpan(index, i.policy.nameSpan)} (${i.reason})`,
  );
  if (!s.engine) return [`${head}: NetworkPolicy semantics: ${formatConnections(s.allowed)}`, ...ignored];
  const lines = [`${head}: engine ${s.engine.enforced ? 'enforced' : 'not enforced'}`];
  for (const st of s.engine.steps)
    lines.push(
      `  ${formatSpan(index, st.span)} ${st.kind} ${st.policyId} ${st.where} ${st.action} ${formatConnections(st.ports)}${st.note ? ` (${st.note})` : ''}`,
    );
  lines.push(`  then ${s.engine.conclusion}: ${formatConnections(s.allowed)}`);
  return [...lines, ...ignored];
}

function resolve(conn: Connectivity, name: string): PeerRef {
  const i = conn.workloads.findIndex((w) => w.id === name || `${w.namespace}/${w.name}` === name);
  if (i >= 0) return { kind: 'workload', workload: conn.workloads[i] as Workload };
  const ip = parseIp(name);
  const range = ip && conn.externals.find((r) => r.family === ip.family && r.lo <= ip.value && ip.value <= r.hi);
  assert.ok(range, `${name} is neither a workload nor an external address`);
  return { kind: 'external', range };
}

export function assertMatrixMatchesExplain(model: WorkspaceModel, engine: EngineProfile, conn: Connectivity): void {
  const W = conn.workloads.length;
  const refs: PeerRef[] = [
    ...conn.workloads.map((workload): PeerRef => ({ kind: 'workload', workload })),
    ...conn.externals.map((range): PeerRef => ({ kind: 'external', range })),
  ];
  for (let s = 0; s < refs.length; s++) {
    for (let d = 0; d < refs.length; d++) {
      if (s >= W && d >= W) continue;
      const e = explainConnection(model, engine, refs[s] as PeerRef, refs[d] as PeerRef);
      assert.equal(
        formatConnections(conn.connection(s, d)),
        formatConnections(e.allowed),
        `${conn.nodeName(s)} -> ${conn.nodeName(d)}: the matrix and the explanation differ`,
      );
    }
  }
}

test('under the generic engine the engine kinds do not count', () => {
  for (const id of ['calico', 'cilium'] as const) {
    for (const fx of listFixtures(`engine-kinds/${id}`)) {
      const ws = workspaceFromText({ [fx.name]: fx.text });
      const without = new Workspace();
      without.setFile(fx.name, stripEngineKinds(fx.text));
      const a = listConnections(computeConnectivity(ws.model, defaultEngine)).map(connectionLine);
      const b = listConnections(computeConnectivity(without.model, defaultEngine)).map(connectionLine);
      assert.deepEqual(a, b, fx.name);
    }
  }
});

function stripEngineKinds(text: string): string {
  return text
    .split(/^---$/m)
    .filter((doc) => !/apiVersion:\s*(projectcalico\.org|crd\.projectcalico\.org|cilium\.io)\//.test(doc))
    .join('---');
}
