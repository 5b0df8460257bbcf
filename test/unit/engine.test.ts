// Engine profiles: each test/fixtures/engine/<profile>/<case>.yaml is computed under that profile: the
// matrix (with `?` on uncertain cells), the connection list with the reason of each uncertain
// connection, and what differs from generic (with the switch that makes the difference); compared with
// <case>.expected.txt. Every registered profile has a folder, and every folder a profile.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  buildMatrix,
  compareEngines,
  computeConnectivity,
  connectionLine,
  defaultEngine,
  engineFeatures,
  engineProfiles,
  findEngine,
  listConnections,
  semanticSwitches,
} from '../../server/src/core/index';
import type { EngineProfile } from '../../server/src/core/index';
import { expectText, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import { fixturesDir, workspaceFromText } from '../support/workspace';

const symbol = { all: 'A', some: 'P', none: '.' } as const;

test('every engine profile has a fixture folder, and every folder a profile', () => {
  assert.deepEqual(readdirSync(join(fixturesDir, 'engine')).sort(), engineProfiles.map((p) => p.id).sort());
});

test('the registry holds exactly the five engines of DESIGN.md, generic first and default', () => {
  assert.deepEqual(
    engineProfiles.map((p) => p.id),
    ['generic', 'azure-npm-linux', 'azure-npm-windows', 'calico', 'cilium'],
  );
  assert.equal(defaultEngine.id, 'generic');
});

test('every switch and support flag of every profile names its source', () => {
  for (const p of engineProfiles) {
    for (const key of [...semanticSwitches, ...engineFeatures]) {
      assert.ok((p.sources[key] ?? '').length > 10, `${p.id}: ${key} has no source`);
      if (key in p.supports) assert.ok(['yes', 'no', 'version-dependent'].includes(p.supports[key as keyof EngineProfile['supports']]));
    }
    for (const r of p.retirement) assert.match(r.date, /^\d{4}-\d{2}-\d{2}$/);
  }
});

test('generic documents every construct as supported and keeps the conformance semantics', () => {
  const g = defaultEngine;
  assert.ok(g.ipBlockMatchesPods && g.ipBlockMatchesNodes && g.policiesApplyToHostNetwork);
  assert.ok(Object.values(g.supports).every((s) => s === 'yes'));
});

for (const profile of engineProfiles) {
  const folder = join('engine', profile.id);
  describe(profile.id, () => {
    for (const fx of listFixtures(folder)) {
      test(fx.name, testOptions(fx), () => {
        const engine = findEngine(profile.id) as EngineProfile;
        expectText(fx, render(fx.name, fx.text, engine));
      });
    }
    test('every expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));
  });
}

function render(name: string, text: string, engine: EngineProfile): string {
  const ws = workspaceFromText({ [name]: text });
  const conn = computeConnectivity(ws.model, engine);
  const m = buildMatrix(conn);
  const out = [`engine: ${engine.id}`, '', 'matrix (rows connect to columns; ? = uncertain):'];
  m.workloads.forEach((w, r) => {
    const cells = (m.cells[r] ?? []).map((c) => symbol[c.status] + (c.uncertain ? '?' : ' ')).join('');
    out.push(`  ${cells.trimEnd().padEnd(m.workloads.length * 2)} ${w}`);
  });
  out.push('', 'connections:');
  for (const e of listConnections(conn)) {
    out.push(`  ${connectionLine(e)}`);
    if (e.uncertain) out.push(`    uncertain: ${e.uncertain}`);
  }
  if (engine.id !== defaultEngine.id) {
    out.push('', `differences from ${defaultEngine.id}:`);
    const diff = compareEngines(ws.model, defaultEngine, engine, { pairs: 'connlist' }).differences;
    if (diff.length === 0) out.push('  none');
    for (const d of diff) {
      out.push(`  ${d.src} => ${d.dst} : ${d.before} -> ${d.after}`);
      for (const r of d.reasons) out.push(`    ${r}`);
    }
  }
  return out.join('\n');
}
