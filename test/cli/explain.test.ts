// `netpol-lens explain` through the built CLI: peer syntax (ns/name, name, ns/name[Kind], IP), ports, the
// isolating policies and admitting rules with file:line, rejected policies, json, and unknown peers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertCliBuilt, assertUsageError, cliFixture, lines, runCli } from '../support/cli';

const aks = 'examples/aks-demo';
const ports = cliFixture('ports');
const policies = `${ports}/policies.yaml`;

before(assertCliBuilt);

describe('explain on examples/aks-demo', () => {
  test('names only (default namespace): denied, isolated by test-deny-policy, AllowWebToDBPolicy not counted', () => {
    const r = runCli(['explain', aks, '--from', 'web', '--to', 'db']);
    // The rejected policy is left out of the answer: said on stderr, and not a success.
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stderr,
      /^netpol-lens: examples\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 NetworkPolicy default\/AllowWebToDBPolicy not counted: the API server rejects it \(invalid-name\)$/m,
    );
    const out = lines(r.stdout);
    assert.equal(out[0], 'default/web[Pod] -> default/db[Pod]: DENIED');
    assert.ok(
      out.includes('Egress of default/web[Pod]: not isolated (no valid NetworkPolicy of type Egress selects it): everything allowed.'),
    );
    assert.ok(out.includes('Ingress of default/db[Pod]: isolated by 1 policy:'));
    assert.ok(out.includes('  - default/test-deny-policy (examples/aks-demo/test-deny-policy.yaml:2)'), r.stdout);
    assert.ok(out.includes('  no rule admits default/web[Pod]: denied.'));
    const notCounted = out.find((l) => l.includes('not counted'));
    assert.ok(notCounted, r.stdout);
    assert.match(
      notCounted,
      /^ {2}not counted: default\/AllowWebToDBPolicy would select it, but the API server rejects that policy \(examples\/aks-demo\/AllowWebToDBPolicy\.yaml:\d+\)\.$/,
    );
  });

  test('ns/name and ns/name[Kind] name the same workloads; --port/--protocol narrow the verdict', () => {
    const plain = runCli(['explain', aks, '--from', 'web', '--to', 'db']).stdout;
    const full = runCli(['explain', aks, '--from', 'default/web', '--to', 'default/db[Pod]']).stdout;
    assert.equal(full, plain);
    const r = runCli(['explain', aks, '--allow-incomplete', '--from', 'default/web[Pod]', '--to', 'db', '--port', '5432']);
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout)[0], 'default/web[Pod] -> default/db[Pod] on TCP 5432: DENIED');
    assert.ok(lines(r.stdout).includes('  no rule admits default/web[Pod] on TCP 5432: denied.'));
  });

  test('--format json: rejected policy listed under ingress.ignored', () => {
    const r = runCli(['explain', aks, '--from', 'web', '--to', 'db', '--format', 'json']);
    assert.equal(r.status, 1);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      ingress: Record<string, unknown> & { ignored: Record<string, unknown>[] };
      completeness: { complete: boolean; items: { reason: string }[] };
    };
    assert.equal(j.from, 'default/web[Pod]');
    assert.equal(j.to, 'default/db[Pod]');
    assert.equal(j.allowed, false);
    assert.equal(j.ingress.isolated, true);
    assert.deepEqual(j.ingress.isolatedBy, [
      { policy: 'default/test-deny-policy', location: { file: 'examples/aks-demo/test-deny-policy.yaml', line: 2, column: 1 } },
    ]);
    assert.deepEqual(
      j.ingress.ignored.map((i) => [i.policy, i.reason]),
      [['default/AllowWebToDBPolicy', 'rejected']],
    );
    assert.deepEqual(
      j.completeness.items.map((i) => i.reason),
      ['rejected'],
    );
  });
});

describe('explain on the ports fixture', () => {
  test('without --port: ALLOWED with the open ports; the isolating policies and the admitting ingress[0] with file:line', () => {
    const r = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend[Pod]']);
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.equal(out[0], 'shop/frontend[Pod] -> shop/backend[Pod]: ALLOWED: TCP 8080,9090');
    assert.ok(out.includes('Ingress of shop/backend[Pod]: isolated by 2 policies:'), r.stdout);
    assert.ok(out.includes(`  - shop/backend-from-frontend (${policies}:12)`), r.stdout);
    assert.ok(out.includes(`  - shop/default-deny (${policies}:2)`), r.stdout);
    const admitted = out.find((l) => l.includes('admitted by'));
    assert.ok(admitted, r.stdout);
    assert.match(admitted, new RegExp(`^ {2}admitted by shop/backend-from-frontend ingress\\[0\\] \\(${escape(policies)}:22\\): `));
    assert.match(admitted, /TCP 8080/);
    assert.match(admitted, /TCP 9090/);
  });

  test('--port with a lower-case --protocol: ALLOWED on TCP 9090', () => {
    const r = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '9090', '--protocol', 'tcp']);
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout)[0], 'shop/frontend[Pod] -> shop/backend[Pod] on TCP 9090: ALLOWED');
    assert.match(r.stdout, /admitted by shop\/backend-from-frontend ingress\[0\]/);
  });

  test('--port without --protocol is TCP; a port no rule opens is DENIED with "no rule admits"', () => {
    const r = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '8081']);
    assert.equal(r.status, 0);
    assert.equal(lines(r.stdout)[0], 'shop/frontend[Pod] -> shop/backend[Pod] on TCP 8081: DENIED');
    assert.ok(lines(r.stdout).includes('  no rule admits shop/frontend[Pod] on TCP 8081: denied.'), r.stdout);
    assert.doesNotMatch(r.stdout, /admitted by/);
  });

  test('--protocol UDP on a TCP-only rule: DENIED', () => {
    const r = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '8080', '--protocol', 'UDP']);
    assert.equal(lines(r.stdout)[0], 'shop/frontend[Pod] -> shop/backend[Pod] on UDP 8080: DENIED');
    const udp = runCli(['explain', ports, '--from', 'shop/backend', '--to', 'shop/db', '--port', '5432', '--protocol', 'UDP']);
    assert.equal(lines(udp.stdout)[0], 'shop/backend[Pod] -> shop/db[Pod] on UDP 5432: ALLOWED');
    assert.match(udp.stdout, new RegExp(`admitted by shop/db-from-backend ingress\\[0\\] \\(${escape(policies)}:40\\)`));
  });

  test('a destination outside the cluster, named by IP address', () => {
    const r = runCli(['explain', ports, '--from', 'ops/monitor', '--to', '10.1.2.3']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(lines(r.stdout)[0], 'ops/monitor[Pod] -> 0.0.0.0-255.255.255.255[External]: ALLOWED: All Connections');
    assert.ok(lines(r.stdout).includes('Ingress of 0.0.0.0-255.255.255.255[External]: outside the cluster, no policy applies.'));
  });

  test('--format json with --port: verdict, connections and the admitting rule with its location', () => {
    const r = runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '8080', '--format', 'json']);
    assert.equal(r.status, 0);
    type Loc = { file: string; line: number; column: number };
    type Set = { status: string; text: string; ranges: { protocol: string; from: number; to: number }[] };
    const j = JSON.parse(r.stdout) as {
      from: string;
      to: string;
      query: { port: number; protocol: string };
      allowed: boolean;
      connections: Set;
      egress: { isolated: boolean; allowed: Set };
      ingress: { isolated: boolean; isolatedBy: { policy: string; location: Loc }[]; rules: Record<string, unknown>[] };
    };
    assert.deepEqual(
      { from: j.from, to: j.to, query: j.query, allowed: j.allowed, connections: j.connections },
      {
        from: 'shop/frontend[Pod]',
        to: 'shop/backend[Pod]',
        query: { protocol: 'TCP', port: 8080 },
        allowed: true,
        connections: {
          status: 'some',
          text: 'TCP 8080,9090',
          ranges: [
            { protocol: 'TCP', from: 8080, to: 8080 },
            { protocol: 'TCP', from: 9090, to: 9090 },
          ],
        },
      },
    );
    assert.deepEqual(j.egress.isolated, false);
    assert.equal(j.egress.allowed.text, 'All Connections');
    assert.deepEqual(
      j.ingress.isolatedBy.map((p) => `${p.location.file}:${p.location.line}`),
      [`${policies}:12`, `${policies}:2`],
    );
    assert.equal(j.ingress.rules.length, 1);
    const rule = j.ingress.rules[0] as Record<string, unknown> & { location: Loc; opens: Set };
    assert.deepEqual(
      {
        policy: rule.policy,
        direction: rule.direction,
        index: rule.index,
        location: `${rule.location.file}:${rule.location.line}`,
        opens: rule.opens.text,
        admits: rule.admits,
      },
      {
        policy: 'shop/backend-from-frontend',
        direction: 'ingress',
        index: 0,
        location: `${policies}:22`,
        opens: 'TCP 8080,9090',
        admits: true,
      },
    );
  });

  test('--format json without --port: allowed is whether any connection is', () => {
    const yes = JSON.parse(
      runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--format', 'json']).stdout,
    ) as Record<string, unknown>;
    assert.equal(yes.allowed, true);
    assert.equal(yes.query, undefined);
    const no = JSON.parse(runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/db', '--format', 'json']).stdout) as Record<
      string,
      unknown
    >;
    assert.equal(no.allowed, false);
    assert.deepEqual(no.connections, { status: 'none', text: 'No Connections', ranges: [] });
  });
});

describe('explain: peers that cannot be resolved, bad arguments', () => {
  test('an unknown workload: exit 2, one line naming it and the known workloads', () => {
    const r = runCli(['explain', ports, '--from', 'shop/nobody', '--to', 'shop/backend']);
    assertUsageError(r, /^netpol-lens: --from shop\/nobody: no such workload \(known: ops\/monitor\[Pod\], shop\/backend\[Pod\]/);
    assertUsageError(runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'nobody']), /--to nobody: no such workload/);
    assertUsageError(runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend[Deployment]']), /no such workload/);
  });

  test('an ambiguous name (a Pod and a Deployment both called web) needs [Kind]', () => {
    const amb = cliFixture('ambiguous');
    assertUsageError(
      runCli(['explain', amb, '--from', 'shop/client', '--to', 'shop/web']),
      /--to shop\/web is ambiguous: shop\/web\[Deployment\], shop\/web\[Pod\]/,
    );
    const r = runCli(['explain', amb, '--from', 'shop/client', '--to', 'shop/web[Deployment]']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(lines(r.stdout)[0], 'shop/client[Pod] -> shop/web[Deployment]: ALLOWED: All Connections');
  });

  test('usage errors: missing --to, bad --port, unknown --protocol, --protocol without --port, bad --format', () => {
    assertUsageError(runCli(['explain', ports, '--from', 'shop/frontend']), /explain needs --from NS\/NAME and --to NS\/NAME/);
    for (const p of ['0', '65536', 'http', '-1', '80.5']) {
      assertUsageError(
        runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', `--port=${p}`]),
        /--port must be a number/,
      );
    }
    assertUsageError(
      runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', '80', '--protocol', 'ICMP']),
      /unknown --protocol "ICMP"/,
    );
    assertUsageError(
      runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--protocol', 'UDP']),
      /--protocol goes with --port/,
    );
    assertUsageError(
      runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--format', 'sarif']),
      /unknown --format "sarif" for explain/,
    );
  });

  test('--port accepts only decimal digits, as the --expect reader does', () => {
    for (const p of ['1e3', '0x50', ' 80']) {
      assertUsageError(
        runCli(['explain', ports, '--from', 'shop/frontend', '--to', 'shop/backend', '--port', p]),
        /--port must be a number/,
      );
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
