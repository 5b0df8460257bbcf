// Model extraction: one file's text -> objects, namespaces, workloads and policies with spans.
// Each test/fixtures/model/<case>.(yaml|json) is rendered as text and compared with <case>.expected.txt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/index';
import type { ContainerPort, WorkspaceOptions } from '../../server/src/core/index';
import {
  expectText,
  formatFinding,
  formatLabels,
  formatSpan,
  jsonDirective,
  listFixtures,
  orphanExpectations,
  testOptions,
} from '../support/expect';
import type { Fixture } from '../support/expect';
import { workspaceFromText } from '../support/workspace';

const folder = 'model';

for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => check(fx));

test('every model expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));

test('the workspace lists the unevaluated objects of every file, sorted by file then offset', () => {
  const anp = (name: string): string =>
    `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata:\n  name: ${name}\n`;
  const mnp = 'apiVersion: k8s.cni.cncf.io/v1beta1\nkind: MultiNetworkPolicy\nmetadata:\n  name: m\n';
  const ws = workspaceFromText({ 'b.yaml': `${anp('b1')}---\n${mnp}`, 'a.yaml': anp('a1'), 'c.yaml': 'kind: ConfigMap\n' });
  assert.deepEqual(
    ws.model.unevaluated.map((u) => `${u.file} ${u.span.start} ${u.kind} ${u.name ?? ''}`),
    ['a.yaml 0 AdminNetworkPolicy a1', 'b.yaml 0 AdminNetworkPolicy b1', `b.yaml ${anp('b1').length + 4} MultiNetworkPolicy m`],
  );
});

function check(fx: Fixture): void {
  expectText(fx, renderModel(fx));
}

function renderModel(fx: Fixture): string {
  const options = jsonDirective<WorkspaceOptions>(fx, 'options') ?? {};
  const ws = workspaceFromText({ [fx.name]: fx.text }, options);
  const file = ws.getFile(fx.name);
  assert.ok(file, 'the workspace holds the fixture');
  const index = new LineIndex(fx.text);
  const at = (s: { start: number; end: number }): string => formatSpan(index, s);
  const out: string[] = [];
  out.push('findings:', ...list(file.findings.map((f) => formatFinding(index, f))));
  if (file.parsed.skipped) out.push(`skipped: ${file.parsed.skipped}`);
  if (file.parsed.skippedDocuments.length > 0)
    out.push('skipped documents:', ...list(file.parsed.skippedDocuments.map((d) => `#${d.index} ${at(d.span)} ${d.reason}`)));
  out.push(
    'objects:',
    ...list(file.parsed.objects.map((o) => `${at(o.span)} ${o.apiVersion ?? '(no apiVersion)'} ${o.kind ?? '(no kind)'}`)),
  );
  if (file.unevaluated.length > 0)
    out.push(
      'unevaluated:',
      ...list(
        file.unevaluated.map(
          (u) => `${at(u.span)} ${u.apiVersion ?? '(no apiVersion)'} ${u.kind} ${u.namespace ?? '-'}/${u.name ?? '-'}: ${u.reason}`,
        ),
      ),
    );
  const { model } = ws;
  out.push('namespaces:');
  if (model.namespaces.size === 0) out.push('  (none)');
  for (const ns of [...model.namespaces.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    out.push(`  ${ns.name}: ${formatLabels(ns.labels)}${ns.source ? ` (declared ${at(ns.source.span)})` : ' (not declared)'}`);
  }
  out.push('workloads:');
  if (model.workloads.length === 0) out.push('  (none)');
  for (const w of model.workloads) {
    out.push(`  ${w.id} from ${w.sources.map((s) => at(s.span)).join(', ')}`);
    out.push(`    labels: ${formatLabels(w.labels)}`);
    if (w.ports.length) out.push(`    ports: ${w.ports.map(formatPort).join(', ')}`);
    if (w.ips.length) out.push(`    ips: ${w.ips.join(', ')}`);
    if (w.hostNetwork) out.push('    hostNetwork: true');
  }
  out.push('policies:');
  if (model.policies.length === 0) out.push('  (none)');
  for (const p of model.policies) {
    const types = [p.types.ingress ? 'Ingress' : '', p.types.egress ? 'Egress' : ''].filter(Boolean).join(', ') || '(none)';
    out.push(
      `  ${p.id} ${at(p.span)} ${p.valid ? 'valid' : 'rejected'}; types: ${types}${p.types.explicit ? '' : ' (defaulted)'}; ` +
        `rules: ${p.ingress.length} ingress, ${p.egress.length} egress`,
    );
  }
  return out.join('\n');
}

function list(lines: readonly string[]): string[] {
  return lines.length ? lines.map((l) => `  ${l}`) : ['  (none)'];
}

function formatPort(p: ContainerPort): string {
  return `${p.port}/${p.protocol}${p.name !== undefined ? ` "${p.name}"` : ''}`;
}
