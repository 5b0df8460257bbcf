// --default-namespace: objects that name no namespace land in it, for every command.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { assertCliBuilt, assertUsageError, cliFixture, lines, runCli, tempDir } from '../support/cli';

const dir = cliFixture('default-ns');

before(assertCliBuilt);

describe('--default-namespace', () => {
  test('without it, objects without a namespace are in `default`', () => {
    const out = lines(runCli(['connlist', dir]).stdout);
    assert.ok(out.includes('default/client[Pod] => default/server[Pod] : TCP 80'), out.join('\n'));
    assert.ok(!out.some((l) => l.includes('team-a')));
  });

  test('connlist: pods and the policy land in the given namespace (the policy still isolates server)', () => {
    const r = runCli(['connlist', '--default-namespace', 'team-a', dir]);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.ok(out.includes('team-a/client[Pod] => team-a/server[Pod] : TCP 80'), r.stdout);
    assert.ok(out.includes('team-a/server[Pod] => team-a/client[Pod] : All Connections'), r.stdout);
    assert.ok(!out.some((l) => l.includes('default/')), r.stdout);
  });

  test('matrix lists the workloads in the given namespace', () => {
    const r = runCli(['matrix', '--default-namespace=team-a', '--format', 'json', dir]);
    assert.deepEqual((JSON.parse(r.stdout) as { workloads: string[] }).workloads, ['team-a/client[Pod]', 'team-a/server[Pod]']);
  });

  test('explain: a bare name resolves in the given namespace, and the policy is reported there', () => {
    const r = runCli(['explain', dir, '--default-namespace', 'team-a', '--from', 'client', '--to', 'server', '--port', '80']);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.equal(out[0], 'team-a/client[Pod] -> team-a/server[Pod] on TCP 80: ALLOWED');
    assert.ok(out.includes(`  - team-a/server-from-client (${dir}/objects.yaml:24)`), r.stdout);
    assert.match(r.stdout, /admitted by team-a\/server-from-client ingress\[0\] \(test\/fixtures\/cli\/default-ns\/objects\.yaml:33\)/);
    assertUsageError(
      runCli(['explain', dir, '--default-namespace', 'team-a', '--from', 'client', '--to', 'default/server']),
      /--to default\/server: no such workload/,
    );
  });

  test('assert: bare names in expectations resolve in the given namespace', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'expect.yaml');
      writeFileSync(
        file,
        [
          'checks:',
          '  - { from: client, to: server, port: 80, allowed: true }',
          '  - { from: client, to: server, port: 443, allowed: false }',
          '  - { from: team-a/server, to: client, port: 80, allowed: true }',
          '',
        ].join('\n'),
      );
      const r = runCli(['assert', dir, '--default-namespace', 'team-a', '--expect', file]);
      assert.equal(r.stdout, '3 passed, 0 failed\n');
      assert.equal(r.status, 0);
      const d = runCli(['assert', dir, '--expect', file]);
      assert.equal(d.status, 1, 'team-a/server does not exist without --default-namespace team-a');
      assert.equal(lines(d.stdout).at(-1), '2 passed, 1 failed');
    } finally {
      t.remove();
    }
  });

  test('a namespace named in the manifest wins over --default-namespace', () => {
    const r = runCli(['connlist', '--default-namespace', 'team-a', cliFixture('ports')]);
    assert.ok(!r.stdout.includes('team-a'));
    assert.match(r.stdout, /shop\/frontend\[Pod\] => shop\/backend\[Pod\] : TCP 8080,9090/);
  });

  test('an empty namespace is a usage error', () => {
    assertUsageError(runCli(['connlist', '--default-namespace', '', dir]), /default-namespace/);
  });

  test('a namespace name the API server would reject is a usage error', () => {
    assertUsageError(runCli(['connlist', '--default-namespace', 'Bad_NS', dir]), /default-namespace/);
  });
});
