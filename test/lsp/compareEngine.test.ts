// The panel's "Compare with" an engine, through the server: `netpol/matrix` with `compare: { against:
// 'engine' }` marks the cells that differ between the engine in effect and the other one (here generic
// and cilium on ipblock-over-pods, whose expected matrices the engine fixtures hold), and `netpol/explain`
// with `engine` explains one such cell under each engine, as the panel asks it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { ExplainResult, MatrixResult, StatusParams } from '../../server/src/protocol/protocol';
import { decodeRow } from '../../server/src/protocol/protocol';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { fixturesDir } from '../support/workspace';

const name = 'ipblock-over-pods';
let client: TestClient;
let dir: string;

/** The letter grid of an engine fixture's expected text: workload id → its row (`A`, `P` or `.` a column). */
function expectedGrid(engine: string): Map<string, string[]> {
  const text = readFileSync(join(fixturesDir, 'engine', engine, `${name}.expected.txt`), 'utf8');
  const rows = new Map<string, string[]>();
  for (const m of text.matchAll(/^ {2}((?:[AP.][? ] ?)+) (\S+\[\w+\])$/gm)) {
    rows.set(m[2] as string, [...(m[1] as string).replace(/[? ]/g, '')]);
  }
  return rows;
}

const letter = { all: 'A', some: 'P', none: '.' } as const;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-lens-compare-'));
  copyFileSync(join(fixturesDir, 'engine', 'cilium', `${name}.yaml`), join(dir, `${name}.yaml`));
  client = startInProcess();
  let ready = false;
  client.rpc.onNotification('netpol/status', (p: StatusParams) => {
    if (p.state === 'ready') ready = true;
  });
  await initialize(client, pathToFileURL(dir).href);
  for (let i = 0; i < 250 && !ready; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(ready, 'the server indexed the folder');
});

after(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('comparing engines in the panel', () => {
  test('compare with cilium: the cells where cilium differs from generic, with cilium’s set as the baseline', async () => {
    const generic = expectedGrid('generic');
    const cilium = expectedGrid('cilium');
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'engine', engine: 'cilium' } });
    assert.equal(m.engine, 'generic');
    assert.equal(m.changes?.against, 'cilium');
    const ids = m.workloads.map((w) => w.id);
    assert.deepEqual([...generic.keys()], ids, 'the rows of the expected matrix');
    const expected: string[] = [];
    const got: string[] = [];
    ids.forEach((from, r) => {
      const row = decodeRow(m.rows[r] ?? [], ids.length);
      ids.forEach((to, c) => {
        const now = m.connections[row[c] ?? -1]?.status ?? 'none';
        assert.equal(letter[now], generic.get(from)?.[c], `${from} → ${to} under generic`);
        if (generic.get(from)?.[c] !== cilium.get(from)?.[c]) expected.push(`${from} → ${to}: ${cilium.get(from)?.[c]}`);
      });
    });
    const cells = m.changes?.cells ?? [];
    for (let i = 0; i + 2 < cells.length; i += 3) {
      const before = m.connections[cells[i + 2] ?? -1]?.status ?? 'none';
      got.push(`${ids[cells[i] ?? -1]} → ${ids[cells[i + 1] ?? -1]}: ${letter[before]}`);
    }
    assert.ok(expected.includes('default/client[Pod] → default/db[Pod]: .'), expected.join('\n'));
    assert.deepEqual(got.sort(), expected.sort());
    // Open under generic and closed under cilium: the server counts them as opened (from cilium to generic).
    assert.deepEqual([m.changes?.opened, m.changes?.closed, m.changes?.changed], [expected.length, 0, 0]);
    assert.deepEqual([m.changes?.added, m.changes?.removed], [[], []]);
  });

  test('the changed cell explained under each engine, as the panel asks it', async () => {
    const ask = (engine: string) =>
      client.rpc.sendRequest<ExplainResult | null>('netpol/explain', { from: 'default/client[Pod]', to: 'default/db[Pod]', engine });
    const [generic, cilium] = await Promise.all([ask('generic'), ask('cilium')]);
    assert.equal(generic?.allowed, true);
    assert.equal(cilium?.allowed, false);
    assert.equal(generic?.ingress.isolatedBy[0]?.policy, cilium?.ingress.isolatedBy[0]?.policy);
  });

  test('the same comparison under cilium is the mirror image', async () => {
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', {
      engine: 'cilium',
      compare: { against: 'engine', engine: 'generic' },
    });
    assert.equal(m.engine, 'cilium');
    assert.equal(m.changes?.against, 'generic');
    const n = (m.changes?.cells.length ?? 0) / 3;
    assert.ok(n > 0);
    assert.deepEqual([m.changes?.opened, m.changes?.closed], [0, n]);
  });
});
