// Conformance: netpol-analyzer's malformed-input case (onlineboutique with one broken Deployment document
// appended to pods.yaml), read from ../shared/oracle at test time. netpol-analyzer skips that document only
// and analyses the rest; through the built CLI, the diff of the two folders must equal its expected output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliPath, runCli } from '../support/workspace';

/** The tests of the malformed-input case, `oracle` being `../shared/oracle/netpol-analyzer-diff`. */
export function malformedInputSuites(oracle: string): void {
  const casesDir = join(oracle, 'cases-malformed-input');
  const caseDir = join(casesDir, 'onlineboutique__to__onlineboutique_with_pods_severe_error');

  test('the broken document of pods.yaml is the only thing skipped: one helm-template finding on it', () => {
    const pods = join(caseDir, 'dir2', 'pods.yaml');
    assert.ok(existsSync(pods), `${pods} is missing (CI needs ../shared/oracle)`);
    const text = readFileSync(pods, 'utf8');
    const brokenLine = text.split('\n').findIndex((l) => l.includes('{{ printf')) + 1;
    assert.ok(brokenLine > 1, 'pods.yaml holds the Go-template action');
    const r = runCli(['check', '--format', 'json', '--exit-zero', join(caseDir, 'dir2')]);
    assert.equal(r.status, 0, r.stderr);
    const skipped = (JSON.parse(r.stdout) as { file: string; line: number; code: string }[]).filter((f) =>
      ['helm-template', 'yaml-syntax'].includes(f.code),
    );
    assert.deepEqual(
      skipped.map((f) => ({ file: f.file.split('/').pop(), code: f.code, line: f.line })),
      [{ file: 'pods.yaml', code: 'helm-template', line: brokenLine }],
    );
    // The other documents of pods.yaml count: the same workloads as the folder without the broken document.
    const workloads = (dir: string): string[] =>
      (JSON.parse(runCli(['matrix', '--format', 'json', join(caseDir, dir)]).stdout) as { workloads: string[] }).workloads;
    const before = workloads('dir1');
    assert.ok(before.length >= 12);
    assert.deepEqual(workloads('dir2'), before);
  });

  test("`netpol-lens connlist` on both folders gives netpol-analyzer's diff (the oracle compare script)", () => {
    // The skipped document makes the result incomplete (exit 1); the comparison is about the rest.
    const connlist = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} connlist --allow-incomplete {dir}`;
    const workloads = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} matrix --format json --allow-incomplete {dir}`;
    const cmd = [process.execPath, join(oracle, 'diff-from-connlists.mjs'), '--connlist', connlist, '--workloads', workloads]
      .map((a, i) => (i < 2 ? JSON.stringify(a) : `'${a.replaceAll("'", "'\\''")}'`))
      .join(' ');
    const r = spawnSync(process.execPath, [join(oracle, 'compare-diff.mjs'), '--cmd', `${cmd} {dir1} {dir2}`, casesDir], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    assert.equal(r.stdout.trim().split('\n').pop(), '1 passed, 0 failed', r.stdout + r.stderr);
    assert.equal(r.status, 0);
  });
}
