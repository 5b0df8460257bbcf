// `netpol-lens connlist` through the built CLI: txt (netpol-analyzer's format), json, csv, md and dot,
// on a fixture whose partial ports make connection strings with commas.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertCliBuilt, assertUsageError, cliFixture, lines, mdCells, parseCsv, runCli } from '../support/cli';

const ports = cliFixture('ports');
const ext = '0.0.0.0-255.255.255.255[External]';

/** The expected list for test/fixtures/cli/ports, in txt order. */
const expected: readonly [string, string, string][] = [
  [ext, 'ops/monitor[Pod]', 'All Connections'],
  ['ops/monitor[Pod]', ext, 'All Connections'],
  ['shop/backend[Pod]', ext, 'All Connections'],
  ['shop/backend[Pod]', 'ops/monitor[Pod]', 'All Connections'],
  ['shop/backend[Pod]', 'shop/db[Pod]', 'TCP 5432,UDP 5432'],
  ['shop/db[Pod]', ext, 'All Connections'],
  ['shop/db[Pod]', 'ops/monitor[Pod]', 'All Connections'],
  ['shop/frontend[Pod]', ext, 'All Connections'],
  ['shop/frontend[Pod]', 'ops/monitor[Pod]', 'All Connections'],
  ['shop/frontend[Pod]', 'shop/backend[Pod]', 'TCP 8080,9090'],
];

before(assertCliBuilt);

describe('connlist --format txt (default)', () => {
  test('lines `SRC => DST : CONNECTIONS`, exactly the expected connections, exit 0', () => {
    const r = runCli(['connlist', ports]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      lines(r.stdout),
      expected.map(([s, d, c]) => `${s} => ${d} : ${c}`),
    );
    assert.ok(r.stdout.endsWith('\n'));
  });

  test('lines are sorted and unique, no self pairs, nothing between two external ranges', () => {
    for (const path of [ports, 'examples/retail-store', cliFixture('bad-input')]) {
      const out = lines(runCli(['connlist', path]).stdout);
      assert.ok(out.length > 0, path);
      assert.deepEqual(out, [...out].sort(), `${path} is sorted`);
      assert.equal(new Set(out).size, out.length);
      for (const l of out) {
        const m = /^(\S+) => (\S+) : (\S.*)$/.exec(l);
        assert.ok(m, l);
        assert.notEqual(m[1], m[2], l);
        assert.ok(!(m[1]?.endsWith('[External]') && m[2]?.endsWith('[External]')), l);
      }
    }
  });

  test('--format txt is the default', () => {
    assert.equal(runCli(['connlist', '--format', 'txt', ports]).stdout, runCli(['connlist', ports]).stdout);
  });
});

describe('connlist other formats', () => {
  test('json: {connections: [{src, dst, conn}], completeness}, same entries as txt', () => {
    const r = runCli(['connlist', '--format', 'json', ports]);
    assert.equal(r.status, 0);
    const got = JSON.parse(r.stdout) as { connections: unknown; completeness: { complete: boolean } };
    assert.deepEqual(
      got.connections,
      expected.map(([src, dst, conn]) => ({ src, dst, conn })),
    );
    assert.equal(got.completeness.complete, true);
  });

  test('csv: header src,dst,conn; connection strings with commas are quoted', () => {
    const r = runCli(['connlist', '--format', 'csv', ports]);
    assert.equal(r.status, 0);
    const raw = lines(r.stdout);
    assert.equal(raw[0], 'src,dst,conn');
    assert.ok(raw.includes('shop/frontend[Pod],shop/backend[Pod],"TCP 8080,9090"'), r.stdout);
    assert.ok(raw.includes('shop/backend[Pod],shop/db[Pod],"TCP 5432,UDP 5432"'), r.stdout);
    const rows = parseCsv(r.stdout);
    assert.deepEqual(rows[0], ['src', 'dst', 'conn']);
    assert.deepEqual(rows.slice(1), expected);
    for (const row of rows) assert.equal(row.length, 3);
  });

  test('md: a table with header and separator, one row per connection', () => {
    const r = runCli(['connlist', '--format', 'md', ports]);
    assert.equal(r.status, 0);
    const out = lines(r.stdout);
    assert.deepEqual(mdCells(out[0] as string), ['src', 'dst', 'conn']);
    assert.match(out[1] as string, /^\|(\s*:?-+:?\s*\|){3}$/);
    assert.deepEqual(out.slice(2).map(mdCells), expected);
  });

  test('dot: a digraph with one cluster per namespace, external ranges apart, an edge per connection', () => {
    const r = runCli(['connlist', '--format', 'dot', ports]);
    assert.equal(r.status, 0);
    const out = r.stdout.trimEnd();
    assert.match(out, /^digraph \{\n/);
    assert.match(out, /\n\}$/);
    assert.equal((out.match(/\{/g) ?? []).length, (out.match(/\}/g) ?? []).length, 'balanced braces');
    const clusters = [...out.matchAll(/subgraph (cluster_\w+) \{\n\t\tlabel="([^"]*)"/g)].map((m) => m[2]);
    assert.deepEqual(clusters, ['ops', 'shop']);
    // Nodes sit in their namespace's cluster.
    const shop = /subgraph cluster_\w+ \{\n\t\tlabel="shop"[\s\S]*?\n\t\}/.exec(out)?.[0] ?? '';
    for (const p of ['backend', 'db', 'frontend']) assert.ok(shop.includes(`"shop/${p}[Pod]" [label="${p}[Pod]"`), shop);
    assert.ok(!shop.includes('monitor'));
    assert.match(out, /\n\t"0\.0\.0\.0-255\.255\.255\.255\[External\]" \[label="0\.0\.0\.0-255\.255\.255\.255" shape=ellipse/);
    const edges = [...out.matchAll(/^\t"([^"]+)" -> "([^"]+)" \[label="([^"]*)"/gm)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(edges, expected);
  });

  test('an unknown format is a usage error', () => {
    assertUsageError(runCli(['connlist', '--format', 'yaml', ports]), /unknown --format "yaml" for connlist \(txt, json, csv, md, dot\)/);
  });
});

describe('connlist on the walkthrough', () => {
  test('examples/aks-demo: test-deny-policy cuts every pod-to-pod connection; the rejected policy opens nothing', () => {
    const out = lines(runCli(['connlist', 'examples/aks-demo']).stdout);
    assert.deepEqual(out, [
      `default/app[Pod] => ${ext} : All Connections`,
      `default/db[Pod] => ${ext} : All Connections`,
      `default/web[Pod] => ${ext} : All Connections`,
    ]);
  });
});

describe('connlist on the retail store', () => {
  test('examples/retail-store: the application namespaces reach exactly what the example describes', () => {
    const dns = 'kube-system/coredns[Deployment] : TCP 53,UDP 53';
    const out = lines(runCli(['connlist', 'examples/retail-store']).stdout).filter((l) => /^(shop|payments|data)\//.test(l));
    assert.deepEqual(out, [
      `data/postgres[StatefulSet] => ${dns}`,
      `data/redis[StatefulSet] => ${dns}`,
      'payments/payments[Deployment] => 203.0.113.0-203.0.113.191[External] : TCP 443',
      `payments/payments[Deployment] => ${dns}`,
      'shop/cart[Deployment] => data/redis[StatefulSet] : TCP 6379',
      `shop/cart[Deployment] => ${dns}`,
      'shop/catalog[Deployment] => data/postgres[StatefulSet] : TCP 5432',
      `shop/catalog[Deployment] => ${dns}`,
      `shop/checkout[Deployment] => ${dns}`,
      'shop/checkout[Deployment] => payments/payments[Deployment] : TCP 8443',
      'shop/checkout[Deployment] => shop/cart[Deployment] : TCP 8080',
      'shop/checkout[Deployment] => shop/catalog[Deployment] : TCP 50051',
      'shop/checkout[Deployment] => shop/orders[Deployment] : TCP 8080',
      'shop/orders[Deployment] => data/postgres[StatefulSet] : TCP 5432',
      `shop/orders[Deployment] => ${dns}`,
      `shop/web[Deployment] => ${dns}`,
      'shop/web[Deployment] => shop/cart[Deployment] : TCP 8080',
      'shop/web[Deployment] => shop/catalog[Deployment] : TCP 50051',
      'shop/web[Deployment] => shop/checkout[Deployment] : TCP 8080',
    ]);
  });
});
