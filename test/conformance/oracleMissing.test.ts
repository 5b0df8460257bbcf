// Without ../shared/oracle the conformance group prints one line and passes; under CI=true it fails.
// The group runs in a child process with NETPOL_ORACLE_DIR pointing at a folder that does not exist.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from '../support/workspace';

const tmp = mkdtempSync(join(tmpdir(), 'netpol-oracle-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const missing = join(tmp, 'no-oracle-here');

function runGroup(ci: string | undefined) {
  // NODE_TEST_CONTEXT would make the child talk to this test runner instead of printing.
  const env: NodeJS.ProcessEnv = { ...process.env, NETPOL_ORACLE_DIR: missing, CI: ci, NODE_TEST_CONTEXT: undefined };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return spawnSync(process.execPath, ['--import', 'tsx', join('test', 'conformance', 'conformance.test.ts')], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
}

describe('the conformance group without its oracle', () => {
  test('prints exactly one line and passes', () => {
    const r = runGroup(undefined);
    assert.equal(r.stdout, `conformance: skipped (${missing} not found)\n`, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  test('fails under CI=true', () => {
    const r = runGroup('true');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^not ok 1 - conformance$/m);
    assert.match(r.stdout, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not found: under CI=true`));
    assert.doesNotMatch(r.stdout, /conformance: skipped/);
  });
});
