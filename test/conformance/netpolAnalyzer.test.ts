// Conformance: np-guard netpol-analyzer's test manifests and their expected connectivity lists (21 cases),
// through the engine and through the real CLI with the oracle's own compare script.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { computeConnectivity, connectionLine, defaultEngine, listConnections } from '../../server/src/core/index';
import { connlistFacts } from '../support/connlistFacts';
import { cliPath, fixturesDir, loadWorkspace } from '../support/workspace';

const root = join(fixturesDir, 'conformance', 'netpol-analyzer');
const casesDir = join(root, 'cases');
const cases = readdirSync(casesDir).sort();

test('the netpol-analyzer fixtures are all there', () => {
  assert.equal(cases.length, 21);
});

describe('netpol-analyzer through the engine', () => {
  for (const c of cases) {
    test(c, () => {
      const want = connlistFacts(readFileSync(join(casesDir, c, 'expected.txt'), 'utf8'));
      const ws = loadWorkspace(join(casesDir, c, 'manifests'));
      const got = connlistFacts(listConnections(computeConnectivity(ws.model, defaultEngine)).map(connectionLine).join('\n'));
      const missing = [...want].filter((f) => !got.has(f));
      const extra = [...got].filter((f) => !want.has(f));
      assert.deepEqual({ missing: missing.slice(0, 10), extra: extra.slice(0, 10) }, { missing: [], extra: [] });
    });
  }
});

test('netpol-analyzer through `netpol-lens connlist` and the oracle compare script', () => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'compare.mjs'), '--cmd', `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} connlist {dir}`, casesDir],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  assert.equal(r.stdout.trim().split('\n').pop(), '21 passed, 0 failed', r.stdout);
  assert.equal(r.status, 0);
});
