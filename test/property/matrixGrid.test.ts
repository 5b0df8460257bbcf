// The panel's run-length encoded grid against the cell-by-cell matrix, and the grid comparison
// against a direct comparison of two matrices, over random workspaces.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ConnectionSets,
  buildMatrix,
  compareGrids,
  computeConnectivity,
  defaultEngine,
  expandRow,
  matrixGrid,
} from '../../server/src/core/index';
import { renderWorkspace, workspaceArb } from '../support/workspaceArbitraries';
import { workspaceFromText } from '../support/workspace';

const scale = Math.max(1, Number(process.env.NETPOL_PROPERTY_SCALE ?? '1') || 1);

function connectivityOf(files: Record<string, string>): ReturnType<typeof computeConnectivity> {
  return computeConnectivity(workspaceFromText(files).model, defaultEngine);
}

describe('matrix grid', () => {
  test('decoded rows equal the cell-by-cell matrix, with and without a namespace filter', () => {
    fc.assert(
      fc.property(workspaceArb(), fc.boolean(), (g, filter) => {
        const conn = connectivityOf(renderWorkspace(g));
        const namespaces = filter ? new Set(['default', 'alpha']) : undefined;
        const sets = new ConnectionSets();
        const grid = matrixGrid(conn, sets, { namespaces });
        const m = buildMatrix(conn, namespaces);
        assert.deepEqual(
          grid.workloads.map((w) => w.id),
          m.workloads,
        );
        grid.rows.forEach((row, r) => {
          const counted = row.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
          assert.equal(counted, grid.workloads.length);
          const texts = [...expandRow(row, grid.workloads.length)].map((i) => sets.list[i]?.text);
          assert.deepEqual(
            texts,
            m.cells[r]?.map((c) => c.text),
          );
        });
      }),
      { numRuns: 150 * scale },
    );
  });

  test('compareGrids lists exactly the cells whose text differs between two workspaces, by workload id', () => {
    fc.assert(
      fc.property(workspaceArb(), workspaceArb(), (a, b) => {
        // The baseline keeps half of A's files and adds B's: some workloads in both (compared), some
        // only now (added) or only before (removed), policies different.
        const filesA = renderWorkspace(a);
        const kept = Object.entries(filesA).filter((_, i) => i % 2 === 0);
        const filesB = {
          ...Object.fromEntries(Object.entries(renderWorkspace(b)).map(([f, t]) => [`b/${f}`, t])),
          ...Object.fromEntries(kept),
        };
        const connA = connectivityOf(filesA);
        const connB = connectivityOf(filesB);
        const sets = new ConnectionSets();
        const now = matrixGrid(connA, sets);
        const before = matrixGrid(connB, sets);
        const changes = compareGrids(now, before, sets, { baseline: 'generic', current: 'generic' });
        const mA = buildMatrix(connA);
        const mB = buildMatrix(connB);
        const idxB = new Map(mB.workloads.map((id, i) => [id, i]));
        const expected: string[] = [];
        let opened = 0;
        let closed = 0;
        mA.workloads.forEach((from, r) => {
          const rb = idxB.get(from);
          if (rb === undefined) return;
          mA.workloads.forEach((to, c) => {
            const cb = idxB.get(to);
            if (cb === undefined) return;
            const x = mA.cells[r]?.[c];
            const y = mB.cells[rb]?.[cb];
            if (x?.text === y?.text) return;
            expected.push(`${from}>${to}:${y?.text}`);
            if (y?.status === 'none') opened++;
            if (x?.status === 'none') closed++;
          });
        });
        const got: string[] = [];
        for (let i = 0; i < changes.cells.length; i += 3) {
          got.push(
            `${now.workloads[changes.cells[i] as number]?.id}>${now.workloads[changes.cells[i + 1] as number]?.id}:${sets.list[changes.cells[i + 2] as number]?.text}`,
          );
        }
        assert.deepEqual(got, expected);
        const counts = changes.comparison;
        assert.equal(counts.opened, opened);
        assert.equal(counts.closed, closed);
        assert.equal(counts.opened + counts.closed + counts.changed, expected.length);
        assert.deepEqual(
          changes.added,
          mA.workloads.filter((id) => !idxB.has(id)),
        );
      }),
      { numRuns: 100 * scale },
    );
  });
});
