// Property-based tests: the optimised connectivity engine against a naive per-pair evaluator, over
// random small workspaces generated as YAML text (so the parser is exercised too).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  Workspace,
  checkWorkspace,
  computeConnectivity,
  connectionLine,
  containsPort,
  defaultEngine,
  engineProfiles,
  explainConnection,
  findEngine,
  formatConnections,
  intersectPorts,
  listConnections,
  uncertainText,
} from '../../server/src/core/index';
import type { Connectivity, EngineProfile, PeerRef, PortSet, WorkspaceModel } from '../../server/src/core/index';
import { addressText, genericSemantics, naiveConnection, naiveEndpoints, probeKey, probeUniverse } from '../support/naiveEvaluator';
import type { Endpoint, Probe, Semantics } from '../support/naiveEvaluator';
import { effectivePolicyTypes, renderDoc, renderWorkspace, ruleArb, workspaceArb } from '../support/workspaceArbitraries';
import type { GenDoc, GenWorkspace, Manifest } from '../support/workspaceArbitraries';
import { workspaceFromText } from '../support/workspace';

const engine = defaultEngine;
/** NETPOL_PROPERTY_SCALE=20 multiplies every numRuns (a longer bug hunt); default 1. */
const scale = Math.max(1, Number(process.env.NETPOL_PROPERTY_SCALE ?? '1') || 1);
const runs = (n: number): number => Math.round(n * scale);

function load(g: GenWorkspace): { files: Record<string, string>; ws: Workspace } {
  const files = renderWorkspace(g);
  return { files, ws: workspaceFromText(files) };
}

function dump(files: Record<string, string>): string {
  return Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, text]) => `# ${name}\n${text}`)
    .join('\n');
}

/**
 * Every (src, dst, probe) where the engine and the naive evaluator disagree: workload pairs, and each
 * workload with the first and last address of every external range of the engine (in both directions).
 */
function naiveMismatches(model: WorkspaceModel, conn: Connectivity, sem: Semantics = genericSemantics): string[] {
  const universe: Probe[] = probeUniverse(model);
  const out: string[] = [];
  const compare = (label: string, expected: Set<string>, actual: PortSet): void => {
    for (const pr of universe) {
      const e = expected.has(probeKey(pr.protocol, pr.port));
      const a = containsPort(actual, pr.protocol, pr.port);
      if (e !== a) out.push(`${label} ${pr.protocol}/${pr.port}: engine ${a ? 'allows' : 'denies'}, naive ${e ? 'allows' : 'denies'}`);
    }
  };
  model.workloads.forEach((src, s) => {
    model.workloads.forEach((dst, d) =>
      compare(`${src.id} -> ${dst.id}`, naiveConnection(model, src, dst, universe, sem), conn.connection(s, d)),
    );
  });
  const W = model.workloads.length;
  conn.externals.forEach((x, xi) => {
    for (const value of new Set([x.lo, x.hi])) {
      const ext: Endpoint = { kind: 'address', address: addressText(x.family, value) };
      model.workloads.forEach((w, wi) => {
        const pod: Endpoint = { kind: 'workload', workload: w };
        compare(`${w.id} -> ${ext.address} (${x.id})`, naiveEndpoints(model, pod, ext, universe, sem), conn.connection(wi, W + xi));
        compare(`${ext.address} (${x.id}) -> ${w.id}`, naiveEndpoints(model, ext, pod, universe, sem), conn.connection(W + xi, wi));
      });
    }
  });
  return out;
}

/** Connection text per pair of workload ids. */
function matrixById(model: WorkspaceModel, conn: Connectivity): Map<string, string> {
  const out = new Map<string, string>();
  model.workloads.forEach((src, s) =>
    model.workloads.forEach((dst, d) => out.set(`${src.id} -> ${dst.id}`, formatConnections(conn.connection(s, d)))),
  );
  return out;
}

function expectedValidPolicies(g: GenWorkspace): string[] {
  return g.docs
    .filter((d) => d.kind === 'NetworkPolicy' && d.valid)
    .map((d) => d.name)
    .sort();
}

/** Property a: the generator's own sanity, then engine == naive on every pair and probe. */
function agreesWithNaive(g: GenWorkspace, profile: EngineProfile = engine): void {
  const { files, ws } = load(g);
  const model = ws.model;
  // The generator knows which policies the API server accepts.
  assert.deepEqual(
    model.policies
      .filter((p) => p.valid)
      .map((p) => p.name)
      .sort(),
    expectedValidPolicies(g),
    `valid policies\n${dump(files)}\n${JSON.stringify(ws.fileFindings().map((f) => f.message))}`,
  );
  assert.equal(model.workloads.length, g.docs.filter((d) => d.kind === 'Pod' || d.kind === 'Deployment').length);
  const conn = computeConnectivity(model, profile);
  const sem: Semantics = {
    ipBlockMatchesPods: profile.ipBlockMatchesPods,
    ipBlockMatchesNodes: profile.ipBlockMatchesNodes,
    policiesApplyToHostNetwork: profile.policiesApplyToHostNetwork,
  };
  const wrong = naiveMismatches(model, conn, sem);
  assert.deepEqual(wrong.slice(0, 20), [], `engine (${profile.id}) != naive (${wrong.length} probes)\n${dump(files)}`);
}

describe('engine properties (generic profile)', () => {
  test('a. computeConnectivity agrees with a naive per-pair evaluator on every pair (and external address) and probe port', () => {
    fc.assert(
      fc.property(workspaceArb(), (g) => agreesWithNaive(g)),
      { numRuns: runs(400) },
    );
  });

  // The API server defaults policyTypes when `len(spec.policyTypes) == 0` (SetDefaults_NetworkPolicy),
  // so `policyTypes: []` means the same as no policyTypes: Ingress, plus Egress when egress rules exist.
  // The core reads it as a policy of no type: it isolates nothing.
  test('a\u2032. … also with `policyTypes: []`', () => {
    fc.assert(
      fc.property(workspaceArb({ emptyPolicyTypes: true }), (g) => agreesWithNaive(g)),
      { numRuns: runs(200) },
    );
  });

  test('a\u2033. minimal repro: `policyTypes: []` with no rules denies all ingress', () => {
    const ws = workspaceFromText({
      'repro.yaml': [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: a}',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: b}',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n  policyTypes: []',
      ].join('\n---\n'),
    });
    const conn = computeConnectivity(ws.model, engine);
    assert.equal(formatConnections(conn.connection(0, 1)), 'No Connections');
  });

  test('b. explainConnection(...).allowed equals conn.connection for every pair (external ranges included)', () => {
    fc.assert(
      fc.property(workspaceArb({ emptyPolicyTypes: true }), (g) => {
        const { files, ws } = load(g);
        const model = ws.model;
        const conn = computeConnectivity(model, engine);
        const universe = probeUniverse(model);
        const wrong: string[] = [];
        // Nodes: every workload, then every external range of the engine.
        const refs: PeerRef[] = [
          ...model.workloads.map((workload): PeerRef => ({ kind: 'workload', workload })),
          ...conn.externals.map((range): PeerRef => ({ kind: 'external', range })),
        ];
        const name = (r: PeerRef): string => (r.kind === 'workload' ? r.workload.id : r.range.id);
        refs.forEach((src, s) =>
          refs.forEach((dst, d) => {
            if (src.kind === 'external' && dst.kind === 'external') return;
            const explained = explainConnection(model, engine, src, dst).allowed;
            const fast = conn.connection(s, d);
            for (const pr of universe) {
              if (containsPort(explained, pr.protocol, pr.port) !== containsPort(fast, pr.protocol, pr.port))
                wrong.push(`${name(src)} -> ${name(dst)} ${pr.protocol}/${pr.port}`);
            }
            if (formatConnections(explained) !== formatConnections(fast))
              wrong.push(`${name(src)} -> ${name(dst)}: explain "${formatConnections(explained)}" vs matrix "${formatConnections(fast)}"`);
          }),
        );
        assert.deepEqual(wrong.slice(0, 20), [], `explain != connectivity\n${dump(files)}`);
      }),
      { numRuns: runs(250) },
    );
  });

  test('c. the order of documents, of files, of rules and of peers never changes the result', () => {
    const arb = workspaceArb({ emptyPolicyTypes: true }).chain((g) => {
      const n = g.docs.length;
      const idx = Array.from({ length: n }, (_, i) => i);
      return fc.record({
        g: fc.constant(g),
        perm: fc.shuffledSubarray(idx, { minLength: n, maxLength: n }),
        files: fc.array(fc.nat(3), { minLength: n, maxLength: n }),
        reverseInside: fc.boolean(),
      });
    });
    fc.assert(
      fc.property(arb, ({ g, perm, files, reverseInside }) => {
        const docs: GenDoc[] = perm.map((i) => {
          const d = g.docs[i] as GenDoc;
          return reverseInside && d.kind === 'NetworkPolicy' ? { ...d, obj: reversedPolicy(d.obj) } : d;
        });
        const styles = perm.map((i) => g.styles[i] ?? 'block');
        const a = load(g);
        const b = load({ docs, files, styles });
        const ma = a.ws.model;
        const mb = b.ws.model;
        const ca = computeConnectivity(ma, engine);
        const cb = computeConnectivity(mb, engine);
        assert.deepEqual(
          matrixById(mb, cb),
          matrixById(ma, ca),
          `order changed the result\n--- original\n${dump(a.files)}\n--- reordered\n${dump(b.files)}`,
        );
        // The connection list (external ranges included) must not change either.
        assert.deepEqual(listConnections(cb).map(connectionLine).sort(), listConnections(ca).map(connectionLine).sort());
      }),
      { numRuns: runs(150) },
    );
  });

  test('d. adding a rule to a valid policy (policyTypes kept) never removes a connection', () => {
    const arb = workspaceArb().chain((g) => {
      const policies = g.docs.map((d, i) => [d, i] as const).filter(([d]) => d.kind === 'NetworkPolicy' && d.valid);
      if (policies.length === 0) return fc.constant(undefined);
      return fc.record({
        g: fc.constant(g),
        which: fc.constantFrom(...policies.map(([, i]) => i)),
        direction: fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'),
        ingressRule: ruleArb('ingress'),
        egressRule: ruleArb('egress'),
      });
    });
    fc.assert(
      fc.property(arb, (input) => {
        if (!input) return;
        const { g, which, direction, ingressRule, egressRule } = input;
        const doc = g.docs[which] as GenDoc;
        const spec = { ...(doc.obj.spec as Manifest) };
        spec.policyTypes = effectivePolicyTypes(spec);
        const list = spec[direction];
        spec[direction] = [...(Array.isArray(list) ? (list as Manifest[]) : []), direction === 'ingress' ? ingressRule : egressRule];
        const docs = g.docs.map((d, i) => (i === which ? { ...d, obj: { ...d.obj, spec } } : d));
        const before = load(g);
        const after = load({ ...g, docs });
        const m0 = before.ws.model;
        const m1 = after.ws.model;
        assert.ok(
          m1.policies.find((p) => p.name === doc.name)?.valid,
          `the policy with the added rule is still valid\n${renderDoc(docs[which]?.obj ?? {}, 'block')}`,
        );
        const c0 = computeConnectivity(m0, engine);
        const c1 = computeConnectivity(m1, engine);
        const index1 = new Map(m1.workloads.map((w, i) => [w.id, i]));
        const lost: string[] = [];
        m0.workloads.forEach((src, s) =>
          m0.workloads.forEach((dst, d) => {
            const old = c0.connection(s, d);
            const now = c1.connection(index1.get(src.id) ?? -1, index1.get(dst.id) ?? -1);
            if (formatConnections(intersectPorts(old, now)) !== formatConnections(old))
              lost.push(`${src.id} -> ${dst.id}: before "${formatConnections(old)}", after "${formatConnections(now)}"`);
          }),
        );
        assert.deepEqual(
          lost,
          [],
          `adding a ${direction} rule to ${doc.name} removed connections\n--- before\n${dump(before.files)}\n--- after\n${dump(after.files)}`,
        );
      }),
      { numRuns: runs(200) },
    );
  });

  describe('e. parsing never throws, and the model and engine still work', () => {
    const fragments = [
      'apiVersion: networking.k8s.io/v1',
      'apiVersion: v1',
      'kind: NetworkPolicy',
      'kind: Pod',
      'kind: Namespace',
      'kind: Deployment',
      'kind: List',
      'items:',
      'metadata:',
      '  name: x',
      '  namespace: alpha',
      '  labels: {app: web}',
      'spec:',
      '  podSelector: {}',
      '  podSelector:',
      '    matchLabels:',
      '      app: web',
      '    matchExpressions:',
      '    - {key: app, operator: In, values: [web]}',
      '    - {key: app, operator: Exists}',
      '  policyTypes: [Ingress, Egress]',
      '  policyTypes: Ingress',
      '  ingress:',
      '  egress:',
      '  - {}',
      '  - from:',
      '  - to:',
      '    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}',
      '    - ipBlock: {cidr: 10.0.0.0/33}',
      '    - namespaceSelector: {}',
      '    - podSelector: null',
      '    ports:',
      '    - port: http',
      '    - {port: 80, endPort: 70}',
      '    - {protocol: SCTP, port: 99999}',
      '  containers:',
      '  - name: c',
      '    ports: [{containerPort: 80, name: http}]',
      'status: {podIP: 10.0.0.1}',
      'status: {podIPs: [{ip: "::1"}, {ip: nonsense}]}',
      '---',
      '...',
      '%YAML 1.2',
      '%TAG ! tag:x,2000:',
      '&a',
      '*a',
      '<<: *a',
      '!!binary',
      '!!map',
      '? complex key',
      ': value',
      '|',
      '>-',
      '- ',
      '{',
      '}',
      '[',
      ']',
      '"',
      "'",
      '#',
      '\t',
      '  ',
      '\r',
      '\u00a0',
      '\ufeff',
      '{{ .Values.x }}',
      'null',
      '~',
      '0x1F',
      '1e309',
      '-.inf',
      'true',
    ];
    const yamlish = fc
      .array(
        fc.tuple(
          fc.constantFrom('', '  ', '    ', '- ', '\t'),
          fc.constantFrom(...fragments),
          fc.constantFrom('\n', '\n', ' ', '', '\r\n'),
        ),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.map(([indent, frag, sep]) => indent + frag + sep).join(''));
    const bytes = (encoding: 'utf8' | 'latin1') =>
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b.filter((x) => x !== 0 || encoding === 'latin1')).toString(encoding));
    const mutated = workspaceArb().chain((g) => {
      const text = Object.values(renderWorkspace(g)).join('---\n');
      return fc
        .array(
          fc.tuple(fc.nat(text.length), fc.nat(20), fc.constantFrom('', ' ', '\n', '- ', ': ', '{', ']', '"', '*x', '&x', 'null', '  ')),
          {
            minLength: 1,
            maxLength: 5,
          },
        )
        .map((edits) => edits.reduce((t, [at, del, ins]) => t.slice(0, at) + ins + t.slice(at + del), text));
    });

    function exercise(texts: readonly string[]): void {
      const ws = new Workspace();
      texts.forEach((t, i) => ws.setFile(`f${i}.yaml`, t));
      const model = ws.model;
      const conn = computeConnectivity(model, engine);
      listConnections(conn);
      for (const src of model.workloads.slice(0, 3))
        for (const dst of model.workloads.slice(0, 3))
          explainConnection(model, engine, { kind: 'workload', workload: src }, { kind: 'workload', workload: dst });
      checkWorkspace(ws, { engine });
      // Replacing a file with garbage and back must also work (incremental model).
      if (texts.length > 0) ws.setFile('f0.yaml', texts[texts.length - 1] ?? '');
      computeConnectivity(ws.model, engine);
    }

    const cases: [string, fc.Arbitrary<string>, number][] = [
      ['fc.string', fc.string({ maxLength: 200 }), 150],
      ['full unicode strings', fc.string({ unit: 'binary', maxLength: 200 }), 150],
      ['YAML-ish fragments', yamlish, 300],
      ['random bytes (utf8)', bytes('utf8'), 100],
      ['random bytes (latin1, NULs included)', bytes('latin1'), 50],
      ['mutated generated workspaces', mutated, 100],
    ];
    for (const [name, arb, numRuns] of cases) {
      test(name, () => {
        fc.assert(
          fc.property(fc.array(arb, { minLength: 1, maxLength: 3 }), (texts) => {
            exercise(texts);
          }),
          { numRuns: runs(numRuns) },
        );
      });
    }
  });
});

describe('engine properties (the other profiles)', () => {
  const cilium = findEngine('cilium') as EngineProfile;

  test('a. cilium: computeConnectivity agrees with the naive evaluator under its switches', () => {
    fc.assert(
      fc.property(workspaceArb(), (g) => agreesWithNaive(g, cilium)),
      { numRuns: runs(300) },
    );
  });

  test('a\u2032. every combination of the three semantic switches agrees with the naive evaluator', () => {
    const switches = fc.record({
      ipBlockMatchesPods: fc.boolean(),
      ipBlockMatchesNodes: fc.boolean(),
      policiesApplyToHostNetwork: fc.boolean(),
    });
    fc.assert(
      fc.property(workspaceArb(), switches, (g, sw) => agreesWithNaive(g, { ...defaultEngine, id: 'mixed', ...sw })),
      { numRuns: runs(200) },
    );
  });

  test('b. under every profile, explainConnection agrees with the matrix on the ports and on the uncertainty of every pair', () => {
    fc.assert(
      fc.property(workspaceArb({ emptyPolicyTypes: true }), fc.constantFrom(...engineProfiles), (g, profile) => {
        const { files, ws } = load(g);
        const model = ws.model;
        const conn = computeConnectivity(model, profile);
        const wrong: string[] = [];
        const refs: PeerRef[] = [
          ...model.workloads.map((workload): PeerRef => ({ kind: 'workload', workload })),
          ...conn.externals.map((range): PeerRef => ({ kind: 'external', range })),
        ];
        const name = (r: PeerRef): string => (r.kind === 'workload' ? r.workload.id : r.range.id);
        refs.forEach((src, s) =>
          refs.forEach((dst, d) => {
            if (src.kind === 'external' && dst.kind === 'external') return;
            const e = explainConnection(model, profile, src, dst);
            if (formatConnections(e.allowed) !== formatConnections(conn.connection(s, d)))
              wrong.push(
                `${name(src)} -> ${name(dst)}: explain "${formatConnections(e.allowed)}" vs matrix "${formatConnections(conn.connection(s, d))}"`,
              );
            const fromExplain = e.uncertain.length > 0 ? uncertainText(e.uncertain) : undefined;
            const fromMatrix = conn.uncertainty(s, d);
            if (fromExplain !== fromMatrix)
              wrong.push(`${name(src)} -> ${name(dst)} uncertain: explain "${fromExplain}" vs matrix "${fromMatrix}"`);
          }),
        );
        assert.deepEqual(wrong.slice(0, 20), [], `${profile.id}: explain != connectivity\n${dump(files)}`);
        if (profile.id === 'generic') assert.equal(conn.hasUncertainty, false);
        // countUncertainCells (class-level shortcuts) = the workload pairs uncertainty() marks, with their reasons.
        const W = model.workloads.length;
        let cells = 0;
        const reasons = new Set<string>();
        for (let s = 0; s < W; s++)
          for (let d = 0; d < W; d++) {
            const why = conn.uncertainty(s, d);
            if (why === undefined) continue;
            cells++;
            for (const r of why.split('; ')) reasons.add(r);
          }
        assert.deepEqual(conn.countUncertainCells(), { cells, reasons: [...reasons].sort() }, `${profile.id}\n${dump(files)}`);
      }),
      { numRuns: runs(300) },
    );
  });
});

/** The same policy with its rules, peers and ports in reverse order. */
function reversedPolicy(obj: Manifest): Manifest {
  const spec = { ...(obj.spec as Manifest) };
  for (const [dir, key] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = spec[dir];
    if (!Array.isArray(rules)) continue;
    spec[dir] = [...(rules as Manifest[])].reverse().map((r) => {
      const out: Manifest = { ...r };
      if (Array.isArray(r[key])) out[key] = [...(r[key] as unknown[])].reverse();
      if (Array.isArray(r.ports)) out.ports = [...(r.ports as unknown[])].reverse();
      return out;
    });
  }
  return { ...obj, spec };
}
