// The comparison of two engines counts result differences only (opened, closed, changed ports); cells
// whose result is the same but that are uncertain under one engine only are counted beside them, named
// by engine. On azure-npm-windows/named-port.yaml the named port keeps the spec's result, so generic and
// azure-npm-windows agree on every result and differ only in certainty (client → db and db → db are
// uncertain under azure-npm-windows); on cilium/ipblock-over-pods.yaml the results do differ.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ConnectionSets,
  compareEngines,
  compareGrids,
  computeConnectivity,
  engineComparisonView,
  findEngine,
  matrixGrid,
} from '../../server/src/core/index';
import type { EngineProfile } from '../../server/src/core/index';
import { fixturesDir, workspaceFromText } from '../support/workspace';

const engine = (id: string): EngineProfile => findEngine(id) as EngineProfile;

function fixture(folder: string, name: string) {
  return workspaceFromText({ [name]: readFileSync(join(fixturesDir, 'engine', folder, `${name}.yaml`), 'utf8') });
}

/** The panel's comparison: `current` shown, `baseline` compared with. */
function gridComparison(ws: ReturnType<typeof fixture>, current: string, baseline: string) {
  const sets = new ConnectionSets();
  const now = matrixGrid(computeConnectivity(ws.model, engine(current)), sets);
  const before = matrixGrid(computeConnectivity(ws.model, engine(baseline)), sets);
  const changes = compareGrids(now, before, sets, { baseline, current });
  const name = (cells: readonly number[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i + 2 < cells.length; i += 3) {
      out.push(`${now.workloads[cells[i] as number]?.id} → ${now.workloads[cells[i + 1] as number]?.id}`);
    }
    return out;
  };
  return { changes, sets, changed: name(changes.cells), uncertain: name(changes.uncertainCells) };
}

describe('comparing engines: results, and certainty beside them', () => {
  const namedPort = fixture('azure-npm-windows', 'named-port');

  test('grids: only a difference in certainty is no opened, closed or changed cell', () => {
    const g = gridComparison(namedPort, 'generic', 'azure-npm-windows');
    assert.deepEqual(g.changed, []);
    assert.deepEqual(g.uncertain, ['default/client[Pod] → default/db[Pod]', 'default/db[Pod] → default/db[Pod]']);
    assert.deepEqual(g.changes.comparison, {
      baseline: 'azure-npm-windows',
      current: 'generic',
      opened: 0,
      closed: 0,
      changed: 0,
      uncertainOnly: { baseline: 2, current: 0 },
    });
    // The other way round: uncertain under the engine shown.
    const w = gridComparison(namedPort, 'azure-npm-windows', 'generic');
    assert.deepEqual(w.changes.comparison.uncertainOnly, { baseline: 0, current: 2 });
    assert.deepEqual(w.changed, []);
  });

  test('compareEngines (the CLI) gives the same comparison, and tags each cell it lists', () => {
    const c = compareEngines(namedPort.model, engine('generic'), engine('azure-npm-windows'), { pairs: 'matrix' });
    assert.deepEqual(engineComparisonView(c), {
      baseline: 'generic',
      current: 'azure-npm-windows',
      opened: 0,
      closed: 0,
      changed: 0,
      uncertainOnly: { baseline: 0, current: 2 },
    });
    assert.deepEqual(
      c.differences.map((d) => `${d.src} → ${d.dst}: ${d.difference}`),
      ['default/client[Pod] → default/db[Pod]: uncertain-current', 'default/db[Pod] → default/db[Pod]: uncertain-current'],
    );
  });

  test('result differences are counted from the baseline to the current engine', () => {
    const ws = fixture('cilium', 'ipblock-over-pods');
    const g = gridComparison(ws, 'generic', 'cilium');
    const c = compareEngines(ws.model, engine('cilium'), engine('generic'), { pairs: 'matrix' });
    assert.ok(g.changes.comparison.opened > 0, 'cells open under generic only');
    assert.equal(g.changed.length, g.changes.comparison.opened + g.changes.comparison.closed + g.changes.comparison.changed);
    assert.deepEqual(engineComparisonView(c), g.changes.comparison);
    assert.deepEqual([g.changes.comparison.closed, g.changes.comparison.changed], [0, 0]);
  });
});
