// Kinds the engine does not evaluate: netpol-analyzer's out-of-scope cases (AdminNetworkPolicy,
// BaselineAdminNetworkPolicy, MultiNetworkPolicy, UserDefinedNetwork…), read from ../shared/oracle at test
// time, get one kind-not-evaluated warning per object through the built CLI, located on its `kind:` line.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { assertCliBuilt, runCli } from '../support/cli';
import { repoRoot } from '../support/workspace';

const outOfScope = join(repoRoot, '..', 'shared', 'oracle', 'real-world', 'netpol-analyzer-extra', 'cases-out-of-scope');
const skip = existsSync(outOfScope) || process.env.CI === 'true' ? false : 'conformance: skipped (../shared/oracle not found)';
const flagged =
  /^\s*kind:\s*"?(AdminNetworkPolicy|BaselineAdminNetworkPolicy|ClusterNetworkPolicy|MultiNetworkPolicy|UserDefinedNetwork|ClusterUserDefinedNetwork)"?\s*(#.*)?$/;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

before(assertCliBuilt);

test(
  'every AdminNetworkPolicy, BaselineAdminNetworkPolicy, MultiNetworkPolicy, (C)UDN of the oracle: one warning on its kind: line',
  { skip },
  () => {
    const groups = ['admin-network-policy', 'multi-network'].map((g) => join(outOfScope, g));
    const want: string[] = [];
    for (const file of groups.flatMap(yamlFiles)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((l, i) => {
          if (flagged.test(l)) want.push(`${file}:${i + 1}`);
        });
    }
    assert.ok(want.length > 100, `${want.length} objects found`);
    const r = runCli(['check', '--format', 'json', '--exit-zero', ...groups]);
    assert.equal(r.status, 0, r.stderr);
    const got = (JSON.parse(r.stdout) as { file: string; line: number; code: string; severity: string; message: string }[]).filter(
      (f) => f.code === 'kind-not-evaluated',
    );
    for (const f of got) {
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /^[A-Za-z]+ is not evaluated by netpol-lens: connectivity is computed without it \(/);
    }
    const norm = (file: string): string => (file.startsWith('/') ? file : join(repoRoot, file));
    assert.deepEqual(got.map((f) => `${norm(f.file)}:${f.line}`).sort(), want.sort());
  },
);
