// The conformance group: every oracle of ../shared/oracle (third-party data, read at test time, never
// copied into the project). Without the oracle the group prints one line and passes; under CI=true it
// fails. NETPOL_ORACLE_DIR points elsewhere (relative to the project root).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { inCi, oracleDir, oracleFound, oracleLabel } from '../support/oracle';
import { k8sE2eSuites } from './k8sE2e';
import { malformedInputSuites } from './malformedInput';
import { netpolAnalyzerSuites } from './netpolAnalyzer';

const compareScript = join(oracleDir, 'netpol-analyzer', 'compare.mjs');

if (oracleFound()) {
  describe('k8s-e2e', () => k8sE2eSuites(join(oracleDir, 'k8s-e2e')));
  describe('netpol-analyzer', () =>
    netpolAnalyzerSuites({ name: 'netpol-analyzer', casesDir: join(oracleDir, 'netpol-analyzer', 'cases'), compareScript, count: 31 }));
  describe('real-world netpol-analyzer-extra', () =>
    netpolAnalyzerSuites({
      name: 'netpol-analyzer-extra',
      casesDir: join(oracleDir, 'real-world', 'netpol-analyzer-extra', 'cases'),
      compareScript,
      count: 71,
    }));
  describe('netpol-analyzer-diff malformed input', () => malformedInputSuites(join(oracleDir, 'netpol-analyzer-diff')));
} else if (inCi()) {
  test('conformance', () => assert.fail(`${oracleLabel} not found: under CI=true the conformance group must run`));
} else {
  process.stdout.write(`conformance: skipped (${oracleLabel} not found)\n`);
}
