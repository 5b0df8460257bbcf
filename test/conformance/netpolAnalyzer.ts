// Conformance: np-guard netpol-analyzer's test manifests and their expected connectivity lists, through
// the engine and through the real CLI's `connlist` with the oracle's own compare script. Registered by
// conformance.test.ts for the oracle's netpol-analyzer cases and for real-world/netpol-analyzer-extra.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { computeConnectivity, connectionLine, defaultEngine, listConnections } from '../../server/src/core/index';
import { connlistFacts } from '../support/connlistFacts';
import { cliPath, loadWorkspace } from '../support/workspace';

export interface NetpolAnalyzerCases {
  /** The suite's name, e.g. `netpol-analyzer`. */
  readonly name: string;
  /** A folder of `<case>/{manifests/,expected.txt}`. */
  readonly casesDir: string;
  /** netpol-analyzer/compare.mjs of the oracle. */
  readonly compareScript: string;
  /** How many cases the oracle holds. */
  readonly count: number;
}

export function netpolAnalyzerSuites({ name, casesDir, compareScript, count }: NetpolAnalyzerCases): void {
  const cases = readdirSync(casesDir).sort();

  test(`the ${name} cases are all there`, () => {
    assert.equal(cases.length, count);
  });

  describe(`${name} through the engine`, () => {
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

  test(`${name} through \`netpol-lens connlist\` and the oracle's compare script`, () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} connlist {dir}`;
    const r = spawnSync(process.execPath, [compareScript, '--cmd', cmd, casesDir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.stdout.trim().split('\n').pop(), `${count} passed, 0 failed`, r.stdout + r.stderr);
    assert.equal(r.status, 0);
  });
}
