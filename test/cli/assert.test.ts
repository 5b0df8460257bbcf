// `netpol-lens assert` through the built CLI: expectation files in YAML and JSON, the `N passed, N failed`
// summary, exit 1 on failures, exit 2 on unusable expectation files.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertCliBuilt, assertUsageError, cliFixture, lines, repoRoot, runCli, tempDir } from '../support/cli';

const ports = cliFixture('ports');
const expect = (name: string): string => `${cliFixture('expect')}/${name}`;

before(assertCliBuilt);

describe('assert: expectations that hold', () => {
  test('YAML: every check passes, output is the summary line only, exit 0', () => {
    const r = runCli(['assert', ports, '--expect', expect('pass.yaml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '7 passed, 0 failed\n');
    assert.equal(r.stderr, '');
  });

  test('JSON (the k8s-e2e oracle layout, extra keys ignored): exit 0', () => {
    const r = runCli(['assert', ports, '--expect', expect('pass.json')]);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, '3 passed, 0 failed\n');
  });

  test('--expect=FILE before PATH works too', () => {
    const r = runCli(['assert', `--expect=${expect('pass.yaml')}`, ports]);
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout).at(-1), '7 passed, 0 failed');
  });
});

describe('assert: failing expectations', () => {
  test('YAML: each failure printed, ends with `2 passed, 2 failed`, exit 1', () => {
    const r = runCli(['assert', ports, '--expect', expect('fail.yaml')]);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    assert.equal(out.at(-1), '2 passed, 2 failed');
    assert.equal(out.length, 3, r.stdout);
    assert.match(
      out[0] as string,
      /^FAIL shop\/frontend -> shop\/db TCP\/5432: expected allowed, got denied \(netpol-lens explain .*--from shop\/frontend --to shop\/db --port 5432 --protocol TCP\)$/,
    );
    assert.match(out[1] as string, /^FAIL shop\/nobody -> shop\/db TCP\/5432: .*shop\/nobody: no such workload/);
  });

  test('JSON: a wrong verdict fails, exit 1', () => {
    const r = runCli(['assert', ports, '--expect', expect('fail.json')]);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    assert.deepEqual(out.at(-1), '1 passed, 1 failed');
    assert.match(out[0] as string, /^FAIL shop\/frontend -> shop\/backend UDP\/9090: expected allowed, got denied/);
  });

  test('the suggested explain command can be run as printed (it names the PATH)', () => {
    const r = runCli(['assert', ports, '--expect', expect('fail.json')]);
    const hint = /\(netpol-lens (explain .*)\)$/.exec(lines(r.stdout)[0] as string)?.[1];
    assert.ok(hint, r.stdout);
    const args = hint.split(' ');
    const e = runCli(args);
    assert.equal(e.status, 0, e.stderr);
    assert.match(e.stdout, /on UDP 9090: DENIED/);
  });

  test('the explain command a failure suggests agrees with the failure', () => {
    const e = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '9090', '--protocol', 'UDP']);
    assert.equal(lines(e.stdout)[0], 'shop/frontend[Pod] -> shop/backend[Pod] on UDP 9090: DENIED');
  });
});

describe('assert: unusable expectation files are usage errors (exit 2)', () => {
  const t = tempDir();
  after(t.remove);

  test('--expect missing', () => {
    assertUsageError(runCli(['assert', ports]), /assert needs --expect FILE/);
  });

  test('--expect file does not exist', () => {
    assertUsageError(runCli(['assert', ports, '--expect', expect('no-such-file.yaml')]), /cannot read --expect file .*no-such-file\.yaml/);
  });

  test('--expect file is not YAML', () => {
    assertUsageError(runCli(['assert', ports, '--expect', expect('not-yaml.yaml')]), /not-yaml\.yaml is not valid YAML or JSON/);
    const broken = join(t.dir, 'broken.json');
    writeFileSync(broken, '{"checks": [ {"from": "a/b", ');
    assertUsageError(runCli(['assert', ports, '--expect', broken]), /broken\.json is not valid YAML or JSON/);
  });

  test('--expect file has no checks list', () => {
    assertUsageError(runCli(['assert', ports, '--expect', expect('no-checks.yaml')]), /no-checks\.yaml has no "checks" list/);
    const scalar = join(t.dir, 'scalar.yaml');
    writeFileSync(scalar, 'just a string\n');
    assertUsageError(runCli(['assert', ports, '--expect', scalar]), /has no "checks" list/);
    const empty = join(t.dir, 'empty.yaml');
    writeFileSync(empty, '');
    assertUsageError(runCli(['assert', ports, '--expect', empty]), /has no "checks" list/);
  });

  test('a bad port (out of range, a name), protocol, verdict or peer: exit 2 naming the check', () => {
    assertUsageError(
      runCli(['assert', ports, '--expect', expect('bad-port.yaml')]),
      /bad-port\.yaml: checks\[1\] needs a "port" from 1 to 65535/,
    );
    assertUsageError(runCli(['assert', ports, '--expect', expect('named-port.yaml')]), /checks\[0\] needs a "port"/);
    const cases: [string, RegExp][] = [
      ['{ from: shop/frontend, to: shop/backend, port: 0, allowed: true }', /checks\[0\] needs a "port"/],
      ['{ from: shop/frontend, to: shop/backend, allowed: true }', /checks\[0\] needs a "port"/],
      ['{ from: shop/frontend, to: shop/backend, port: 80, protocol: ICMP, allowed: true }', /checks\[0\] has an unknown protocol "ICMP"/],
      ['{ from: shop/frontend, to: shop/backend, port: 80, allowed: "yes" }', /checks\[0\] needs "allowed": true or false/],
      ['{ to: shop/backend, port: 80, allowed: true }', /checks\[0\] needs "from" and "to"/],
      ['just-a-string', /checks\[0\] is not a map/],
    ];
    cases.forEach(([check, message], i) => {
      const file = join(t.dir, `bad-${i}.yaml`);
      writeFileSync(file, `checks:\n  - ${check}\n`);
      assertUsageError(runCli(['assert', ports, '--expect', file]), message);
    });
  });

  test('an empty checks list passes vacuously', () => {
    const file = join(t.dir, 'none.yaml');
    writeFileSync(file, 'checks: []\n');
    const r = runCli(['assert', ports, '--expect', file]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '0 passed, 0 failed\n');
  });

  test('the expectation file path is relative to the working directory', () => {
    const r = runCli(['assert', '.', '--expect', join(repoRoot, expect('pass.yaml'))], join(repoRoot, ports));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '7 passed, 0 failed\n');
  });
});
