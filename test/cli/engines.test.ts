// Engine profiles through the built CLI (test/fixtures/cli/engines: an ipBlock over the pod range with
// a named port, and a hostNetwork pod): --engine changes the result where the engine's documented
// behaviour differs, marks uncertain cells where it documents a construct only as unsupported, and
// --compare-engine lists only what differs, each with the reason.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertCliBuilt, cliFixture, lines, mdCells, parseCsv, runCli } from '../support/cli';

const dir = cliFixture('engines');
const client = 'default/client[Pod]';
const db = 'default/db[Pod]';
const agent = 'default/node-agent[Pod]';

before(assertCliBuilt);

function ok(args: string[]): string {
  const r = runCli(args);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout;
}

/** A result with uncertain cells is not a success: exit 1 and the reason on stderr, the output as usual. */
function uncertain(args: string[]): string {
  const r = runCli(args);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /netpol-lens: incomplete: \d+ workload pairs? uncertain on azure-npm-windows/);
  return r.stdout;
}

describe('--engine', () => {
  test('generic: client reaches db on its named port through the ipBlock; the hostNetwork pod is isolated', () => {
    const out = lines(ok(['connlist', dir]));
    assert.ok(out.includes(`${client} => ${db} : TCP 5432`), out.join('\n'));
    assert.ok(!out.some((l) => l.endsWith(`=> ${agent} : All Connections`)));
  });

  test('cilium: the ipBlock admits no pod, and the hostNetwork pod is not isolated', () => {
    const out = lines(ok(['connlist', '--engine', 'cilium', dir]));
    assert.ok(!out.some((l) => l.startsWith(`${client} => ${db}`)), out.join('\n'));
    assert.ok(out.includes(`${client} => ${agent} : All Connections`));
    assert.ok(out.includes(`10.0.0.0-10.255.255.255[External] => ${db} : TCP 5432`), 'addresses outside the cluster still match');
  });

  test('azure-npm-windows: the spec result, with `uncertain` in connlist json for what the named-port rule decides', () => {
    const list = (
      JSON.parse(uncertain(['connlist', '--engine', 'azure-npm-windows', '--format', 'json', dir])) as {
        connections: { src: string; dst: string; conn: string; uncertain?: string }[];
      }
    ).connections;
    const cell = list.find((e) => e.src === client && e.dst === db);
    assert.equal(cell?.conn, 'TCP 5432');
    assert.match(
      cell?.uncertain ?? '',
      /^default\/db spec\.ingress\[0\]\.ports\[0\] \(named port "pg"\): azure-npm-windows does not support named ports$/,
    );
    assert.equal(list.find((e) => e.src === db && e.dst === client)?.uncertain, undefined);
    const generic = (JSON.parse(ok(['connlist', '--format', 'json', dir])) as { connections: object[] }).connections;
    assert.ok(
      generic.every((e) => !('uncertain' in e)),
      'generic has no uncertain field',
    );
  });

  test('matrix: `?` after the symbol of uncertain cells, a legend entry and the reasons; the generic grid has none', () => {
    const win = uncertain(['matrix', '--engine', 'azure-npm-windows', '--no-color', dir]);
    assert.match(win, /Legend: A all connections {3}P some ports {3}\. denied {3}\? \(after the symbol\) uncertain on azure-npm-windows/);
    assert.match(win, /^1 {2}default\/client\[Pod\] {6}\. P\?\.$/m);
    assert.match(win, /^3 uncertain on azure-npm-windows .*\n {2}3 cells: default\/db spec\.ingress\[0\]\.ports\[0\] \(named port "pg"\)/m);
    const generic = ok(['matrix', '--no-color', dir]);
    assert.doesNotMatch(generic, /\?|uncertain/);
    assert.match(generic, /^1 {2}default\/client\[Pod\] {6}\. P \.$/m);
    const json = JSON.parse(uncertain(['matrix', '--engine', 'azure-npm-windows', '--format', 'json', dir])) as {
      uncertain?: { reasons: string[]; cells: number[][] };
    };
    assert.equal(json.uncertain?.cells.length, 3);
    assert.equal(json.uncertain?.reasons.length, 1);
    assert.ok(!('uncertain' in (JSON.parse(ok(['matrix', '--format', 'json', dir])) as object)));
  });

  test('explain: a line "uncertain on azure-npm-windows: …" with its source (text), an `uncertain` list (json)', () => {
    const text = uncertain(['explain', dir, '--engine', 'azure-npm-windows', '--from', 'client', '--to', 'db']);
    assert.match(
      text,
      /^uncertain on azure-npm-windows: default\/db spec\.ingress\[0\]\.ports\[0\] \(named port "pg"\): azure-npm-windows does not support named ports$/m,
    );
    assert.match(text, /^ {2}source: MicrosoftDocs\/azure-aks-docs articles\/aks\/use-network-policies\.md/m);
    assert.doesNotMatch(ok(['explain', dir, '--from', 'client', '--to', 'db']), /uncertain/);
    const json = JSON.parse(
      uncertain(['explain', dir, '--engine', 'azure-npm-windows', '--from', 'client', '--to', 'db', '--format', 'json']),
    ) as {
      uncertain: { feature: string; policy: string; location: { file: string; line: number } }[];
      ingress: { rules: { uncertain: unknown[] }[] };
    };
    assert.deepEqual(
      json.uncertain.map((u) => [u.feature, u.policy, `${u.location.file}:${u.location.line}`]),
      [['namedPorts', 'default/db', 'test/fixtures/cli/engines/policies.yaml:11']],
    );
    assert.equal(json.ingress.rules[0]?.uncertain?.length, 1);
  });

  test('explain under cilium says the pair is denied (the ipBlock does not match client)', () => {
    assert.match(
      ok(['explain', dir, '--engine', 'cilium', '--from', 'client', '--to', 'db']),
      /^default\/client\[Pod\] -> default\/db\[Pod\]: DENIED$/m,
    );
  });
});

describe('--compare-engine', () => {
  const reasonIpBlock = 'cilium: ipBlock does not match pod addresses';
  const reasonHost = 'cilium: policies do not apply to hostNetwork pods';

  test('connlist txt: only the connections that differ, each with the switch that makes the difference', () => {
    const out = lines(ok(['connlist', '--compare-engine', 'cilium', dir]));
    assert.ok(out.includes(`${client} => ${db} : TCP 5432 (generic) | No Connections (cilium)`), out.join('\n'));
    assert.equal(out[out.indexOf(`${client} => ${db} : TCP 5432 (generic) | No Connections (cilium)`) + 1], `    ${reasonIpBlock}`);
    assert.ok(out.includes(`${client} => ${agent} : No Connections (generic) | All Connections (cilium)`));
    assert.equal(out.at(-1), '6 connections differ between generic and cilium');
    assert.ok(!out.some((l) => l.startsWith(`${db} => ${client}`)), 'unchanged connections are left out');
  });

  test('connlist json, csv and md carry the same differences and reasons', () => {
    const json = JSON.parse(ok(['connlist', '--compare-engine', 'cilium', '--format', 'json', dir])) as {
      engine: string;
      compareEngine: string;
      comparison: { baseline: string; current: string; opened: number; closed: number; changed: number };
      differences: { src: string; dst: string; generic: string; cilium: string; difference: string; reasons: string[] }[];
    };
    assert.equal(json.engine, 'generic');
    assert.equal(json.compareEngine, 'cilium');
    assert.equal(json.differences.length, 6);
    const { baseline, current, opened, closed, changed } = json.comparison;
    assert.deepEqual([baseline, current], ['generic', 'cilium']);
    assert.equal(opened + closed + changed, 6, 'the counts are the listed result differences');
    for (const kind of ['opened', 'closed', 'changed'] as const) {
      assert.equal(json.differences.filter((d) => d.difference === kind).length, json.comparison[kind], kind);
    }
    assert.deepEqual(
      json.differences.find((d) => d.src === client && d.dst === db),
      {
        src: client,
        dst: db,
        generic: 'TCP 5432',
        cilium: 'No Connections',
        difference: 'closed',
        reasons: [reasonIpBlock],
      },
    );
    const csv = parseCsv(ok(['connlist', '--compare-engine', 'cilium', '--format', 'csv', dir]));
    assert.deepEqual(csv[0], ['src', 'dst', 'generic', 'cilium', 'reasons']);
    assert.deepEqual(
      csv.slice(1).find((r) => r[0] === client && r[1] === agent),
      [client, agent, 'No Connections', 'All Connections', reasonHost],
    );
    assert.equal(csv.length, 7);
    const md = lines(ok(['connlist', '--compare-engine', 'cilium', '--format', 'md', dir]))
      .filter((l) => !l.startsWith('|---'))
      .map(mdCells);
    assert.equal(md.length, 1 + 6);
    assert.ok(
      md.some((r) => r.join('|') === [client, db, 'TCP 5432', 'No Connections', reasonIpBlock].join('|')),
      JSON.stringify(md),
    );
  });

  test('--engine A --compare-engine B: the other way round, and uncertainty that differs is a reason too', () => {
    const out = lines(ok(['connlist', '--engine', 'cilium', '--compare-engine', 'azure-npm-windows', dir]));
    const i = out.indexOf(`${client} => ${db} : No Connections (cilium) | TCP 5432 (azure-npm-windows, uncertain)`);
    assert.ok(i >= 0, out.join('\n'));
    assert.deepEqual(out.slice(i + 1, i + 3), [
      '    azure-npm-windows: ipBlock matches pod addresses',
      '    uncertain on azure-npm-windows: default/db spec.ingress[0].ports[0] (named port "pg"): azure-npm-windows does not support named ports',
    ]);
  });

  test('generic vs azure-npm-windows: same results, so only the cells uncertain on windows are listed', () => {
    const out = lines(ok(['connlist', '--compare-engine', 'azure-npm-windows', dir]));
    assert.match(
      out.at(-1) ?? '',
      /^0 connections differ between generic and azure-npm-windows; \d+ more have the same result but are uncertain only under azure-npm-windows$/,
    );
  });

  test('matrix --compare-engine: the cells (self included, e.g. db to itself through the ipBlock) that differ, with reasons; json too', () => {
    const out = lines(ok(['matrix', '--compare-engine', 'cilium', dir]));
    assert.ok(out.includes(`${agent} => ${agent} : No Connections (generic) | All Connections (cilium)`), out.join('\n'));
    assert.equal(out.at(-1), '5 cells (self included) differ between generic and cilium');
    const json = JSON.parse(ok(['matrix', '--compare-engine', 'cilium', '--format', 'json', '--namespace', 'default', dir])) as {
      differences: unknown[];
    };
    assert.equal(json.differences.length, 5);
  });

  test('engines that agree: one sentence, not an empty output', () => {
    assert.equal(ok(['connlist', '--compare-engine', 'generic', dir]).trim(), 'No connection differs between generic and generic.');
    assert.equal(
      ok(['matrix', '--engine', 'calico', '--compare-engine', 'calico', dir]).trim(),
      'No cell differs between calico and calico.',
    );
  });
});
