// The comparison through the server counts result differences only, with certainty beside them:
// `netpol/matrix` compared with another engine, `netpol/diff` (unsaved edits against the disk), and a
// parity test: on every fixture under test/fixtures/engine*/<engine>/, the built CLI's
// `matrix --compare-engine --format json` comparison equals the LSP result's, generic against the
// fixture's engine both ways (a generic fixture: against every other engine).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { DiffResult, MatrixChangesDto, MatrixResult, StatusParams } from '../../server/src/protocol/protocol';
import { assertCliBuilt, repoRoot, runCli } from '../support/cli';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { fixturesDir } from '../support/workspace';

const engines = ['generic', 'azure-npm-linux', 'azure-npm-windows', 'calico', 'cilium'];
const namedPort = readFileSync(join(fixturesDir, 'engine', 'azure-npm-windows', 'named-port.yaml'), 'utf8');
/** The same manifests with the port by number: certain on every engine, the same result. */
const numbered = namedPort.replace('ports: [{ port: pg }]', 'ports: [{ port: 5432 }]');

let client: TestClient;
let dir: string;
let uri: string;
let version = 1;

async function show(text: string): Promise<void> {
  await client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
}

/** The comparison part of the changes: what the CLI's JSON carries too. */
function comparisonOf(c: MatrixChangesDto | undefined): unknown {
  if (!c) return undefined;
  const { baseline, current, opened, closed, changed, uncertainOnly } = c;
  return { baseline, current, opened, closed, changed, uncertainOnly };
}

function named(m: MatrixResult, cells: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 < cells.length; i += 3) {
    out.push(`${m.workloads[cells[i] as number]?.id} → ${m.workloads[cells[i + 1] as number]?.id}`);
  }
  return out;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-lens-comparison-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, numbered);
  uri = pathToFileURL(file).href;
  client = startInProcess();
  let ready = false;
  client.rpc.onNotification('netpol/status', (p: StatusParams) => {
    if (p.state === 'ready') ready = true;
  });
  await initialize(client, pathToFileURL(dir).href);
  for (let i = 0; i < 250 && !ready; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(ready, 'the server indexed the folder');
  await client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: numbered } });
});

after(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the comparison through the server', () => {
  test('generic compared with azure-npm-windows on a named port: no result differs, two cells are uncertain only under azure-npm-windows', async () => {
    await show(namedPort);
    const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { compare: { against: 'engine', engine: 'azure-npm-windows' } });
    assert.equal(m.engine, 'generic');
    assert.deepEqual(m.changes?.cells, [], 'no cell is marked as changed');
    assert.deepEqual(comparisonOf(m.changes), {
      baseline: 'azure-npm-windows',
      current: 'generic',
      opened: 0,
      closed: 0,
      changed: 0,
      uncertainOnly: { baseline: 2, current: 0 },
    });
    assert.deepEqual(named(m, m.changes?.uncertainCells ?? []), [
      'default/client[Pod] → default/db[Pod]',
      'default/db[Pod] → default/db[Pod]',
    ]);
    const cells = m.changes?.uncertainCells ?? [];
    for (let i = 0; i + 2 < cells.length; i += 3) {
      assert.ok(m.connections[cells[i + 2] as number]?.uncertain, 'the baseline set, uncertain under azure-npm-windows');
    }
  });

  test('netpol/diff: an edit that only makes cells uncertain changes no result', async () => {
    await show(namedPort);
    const d = await client.rpc.sendRequest<DiffResult>('netpol/diff', { engine: 'azure-npm-windows' });
    assert.deepEqual([d.opened, d.closed, d.changed, d.cells], [0, 0, 0, []]);
    assert.deepEqual([d.baseline, d.current, d.uncertainOnly], ['azure-npm-windows', 'azure-npm-windows', { baseline: 0, current: 2 }]);
    assert.equal(d.summary, 'No change in reachability; 2 cells become uncertain on azure-npm-windows.');
    await show(numbered);
  });
});

/** Every fixture of test/fixtures/engine*\/<engine>/ with the engine pairs it is compared under. */
function parityCases(): { file: string; a: string; b: string }[] {
  const out: { file: string; a: string; b: string }[] = [];
  for (const top of readdirSync(fixturesDir).filter((d) => d.startsWith('engine'))) {
    for (const id of readdirSync(join(fixturesDir, top))) {
      for (const f of readdirSync(join(fixturesDir, top, id)).filter((n) => n.endsWith('.yaml'))) {
        const file = join(fixturesDir, top, id, f);
        const others = id === 'generic' ? engines.filter((e) => e !== 'generic') : [id];
        for (const o of others) out.push({ file, a: 'generic', b: o }, { file, a: o, b: 'generic' });
      }
    }
  }
  return out;
}

describe('parity: the CLI’s --compare-engine counts equal the LSP result’s', () => {
  const cases = parityCases();
  test('there are fixtures to compare', () => assert.ok(cases.length >= 20, `${cases.length} cases`));
  for (const { file, a, b } of cases) {
    test(`${relative(fixturesDir, file)}: ${a} → ${b}`, async () => {
      assertCliBuilt();
      const r = runCli(['matrix', '--engine', a, '--compare-engine', b, '--format', 'json', relative(repoRoot, file)]);
      const json = JSON.parse(r.stdout) as { comparison: unknown; completeness: { complete: boolean } };
      // Exit 1 exactly when the input is incomplete (e.g. Calico kinds under generic are not evaluated).
      assert.equal(r.status, json.completeness.complete ? 0 : 1, r.stderr);
      const cli = json.comparison;
      await show(readFileSync(file, 'utf8'));
      // The panel shows b compared with a: the CLI's `--engine` is the baseline.
      const m = await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { engine: b, compare: { against: 'engine', engine: a } });
      assert.deepEqual(comparisonOf(m.changes), cli);
      assert.equal((m.changes?.cells.length ?? 0) / 3, m.changes ? m.changes.opened + m.changes.closed + m.changes.changed : -1);
    });
  }
});
