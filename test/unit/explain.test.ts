// Explanations: each `# explain: FROM -> TO [PROTOCOL PORT]` line of test/fixtures/explain/<case>.yaml
// (FROM/TO: ns/name, or an IP address outside the cluster) is explained: the verdict, the policies
// isolating each side, the rules admitting the connection (policy, direction, rule index, span) and the
// policies not counted; compared with <case>.expected.txt. The connectivity matrix must agree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LineIndex,
  computeConnectivity,
  containsPort,
  defaultEngine,
  describePeer,
  describeRule,
  explainConnection,
  formatConnections,
  parseIp,
} from '../../server/src/core/index';
import type { Connectivity, Explanation, PeerRef, Protocol, SideExplanation } from '../../server/src/core/index';
import { expectText, formatSpan, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import type { Fixture } from '../support/expect';
import { workspaceFromText } from '../support/workspace';

const folder = 'explain';

for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => check(fx));

test('every explain expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));

function check(fx: Fixture): void {
  expectText(fx, renderExplanations(fx));
}

interface Query {
  readonly from: string;
  readonly to: string;
  readonly protocol?: Protocol;
  readonly port?: number;
}

function parseQuery(text: string): Query {
  const m = /^(\S+)\s*->\s*(\S+)(?:\s+(TCP|UDP|SCTP)\s+(\d+))?$/.exec(text.trim());
  assert.ok(m, `"# explain: ${text}" is FROM -> TO [PROTOCOL PORT]`);
  const [, from = '', to = '', protocol, port] = m;
  return { from, to, ...(protocol !== undefined ? { protocol: protocol as Protocol, port: Number(port) } : {}) };
}

function renderExplanations(fx: Fixture): string {
  const ws = workspaceFromText({ [fx.name]: fx.text });
  const conn = computeConnectivity(ws.model, defaultEngine);
  const index = new LineIndex(fx.text);
  const queries = fx.directives.filter((d) => d.key === 'explain').map((d) => parseQuery(d.value));
  assert.ok(queries.length > 0, 'an explain fixture has at least one "# explain:" line');
  const out: string[] = [];
  for (const q of queries) {
    const src = resolve(conn, q.from);
    const dst = resolve(conn, q.to);
    const e = explainConnection(ws.model, defaultEngine, src.ref, dst.ref);
    const fromMatrix = formatConnections(conn.connection(src.node, dst.node));
    out.push(`== ${q.from} -> ${q.to}${q.port !== undefined ? ` ${q.protocol} ${q.port}` : ''}`);
    out.push(`verdict: ${verdict(e, q)}`);
    if (fromMatrix !== formatConnections(e.allowed)) out.push(`MATRIX DISAGREES: ${fromMatrix}`);
    out.push(...renderSide(e.egress, e, index), ...renderSide(e.ingress, e, index));
  }
  return out.join('\n');
}

function verdict(e: Explanation, q: Query): string {
  const all = formatConnections(e.allowed);
  if (q.port === undefined || q.protocol === undefined) return all;
  return `${containsPort(e.allowed, q.protocol, q.port) ? 'ALLOWED' : 'DENIED'} (allowed: ${all})`;
}

function renderSide(s: SideExplanation, e: Explanation, index: LineIndex): string[] {
  const at = (span: { start: number; end: number }): string => formatSpan(index, span);
  const subject = s.direction === 'egress' ? e.src : e.dst;
  const title = `${s.direction} of ${name(subject)}`;
  if (!s.subject) return [`${title}: outside the cluster`];
  const out: string[] = [];
  if (s.isolatedBy.length === 0) out.push(`${title}: not isolated`);
  else out.push(`${title}: isolated by ${s.isolatedBy.map((p) => `${p.id} (${at(p.span)})`).join(', ')}`);
  for (const c of s.contributions) {
    out.push(
      `  ${c.policy.id} ${c.rule.direction}[${c.rule.index}] (${at(c.rule.span)}) ${describeRule(c.rule, c.policy.namespace)}`,
      `    matched ${describePeer(c.peer, c.policy.namespace)}; opens ${formatConnections(c.ports)}`,
    );
  }
  if (s.isolatedBy.length > 0 && s.contributions.length === 0) out.push('  no rule matches the other side');
  for (const i of s.ignored) out.push(`  not counted: ${i.policy.id} (${at(i.policy.span)}): ${i.reason}`);
  out.push(`  allows: ${formatConnections(s.allowed)}`);
  return out;
}

function name(p: PeerRef): string {
  return p.kind === 'workload' ? p.workload.id : p.range.id;
}

/** `ns/name` (or `ns/name[Kind]`) of a workload, or an IP address: the external range holding it. */
function resolve(conn: Connectivity, text: string): { node: number; ref: PeerRef } {
  const ip = parseIp(text);
  if (ip) {
    const x = conn.externals.findIndex((r) => r.family === ip.family && r.lo <= ip.value && ip.value <= r.hi);
    const range = conn.externals[x];
    assert.ok(range, `an external range holds ${text}`);
    return { node: conn.workloads.length + x, ref: { kind: 'external', range } };
  }
  const i = conn.workloads.findIndex((w) => w.id === text || `${w.namespace}/${w.name}` === text);
  const workload = conn.workloads[i];
  assert.ok(workload, `workload ${text} exists`);
  return { node: i, ref: { kind: 'workload', workload } };
}
