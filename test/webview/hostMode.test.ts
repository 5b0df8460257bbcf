// The webview as VS Code runs it: the real bundle under a stand-in for `acquireVsCodeApi`, fed with the
// host's messages. It asks for data when it starts, marks the cells unsaved edits change and says how
// many they open and close, filters to them, asks the host to explain a cell, shows the explanation
// (manifest strings as text) and asks the host to open a manifest from its links; exports go to the host.
// It offers to compare with another engine (the host's list), says what differs and explains a changed
// cell under both engines; it marks uncertain cells with a `?` and a dashed frame and gives the reason.
// Cells that differ from the compared engine only in certainty (the server's answer on a named port,
// generic against azure-npm-windows) are not marked as changed: a dotted frame, named by engine.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { ConnectionSetDto, ExplainResult, LocationDto, MatrixResult, StatusParams } from '../../server/src/protocol/protocol';
import { splitReasons } from '../../client/src/webview/compareText';
import { jsonForScript } from '../../server/src/protocol/standalonePage';
import { assertCliBuilt, repoRoot, runCli } from '../support/cli';
import { initialize, startInProcess } from '../support/lspClient';
import { fixturesDir } from '../support/workspace';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath} (install chromium, or set CHROMIUM_PATH)`;
const shots = process.env.NETPOL_SCREENSHOTS ?? tmpdir();

let browser: Browser;
let dir: string;

/** The MatrixResult of `matrix --format html ARGS` (locations as the CLI gives them: paths, 0-based lines). */
function matrixOf(args: readonly string[]): MatrixResult {
  const r = runCli(['matrix', '--format', 'html', '--allow-incomplete', ...args]);
  const json = /id="netpol-data">([^<]*)<\/script>/.exec(r.stdout)?.[1] ?? 'null';
  return (JSON.parse(json) as { result: MatrixResult }).result;
}

/** Two pods and a deny-all whose YAML is broken: the matrix (all open) leaves the deny-all out. */
function brokenWorkspace(): string {
  const ws = join(dir, 'broken-ws');
  mkdirSync(ws, { recursive: true });
  const pod = (name: string): string =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: x}]}\n`;
  writeFileSync(join(ws, 'pods.yaml'), `${pod('a')}---\n${pod('b')}`);
  writeFileSync(
    join(ws, 'deny.yaml'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress\n',
  );
  return ws;
}

/** The aks-shop matrix as the server would send it, with one unsaved edit: frontend/web → data/redis opened. */
function shopResult(): MatrixResult {
  const r = runCli(['matrix', '--format', 'html', 'examples/aks-shop']);
  const json = /id="netpol-data">([^<]*)<\/script>/.exec(r.stdout)?.[1] ?? 'null';
  const result = (JSON.parse(json) as { result: MatrixResult }).result;
  const ids = result.workloads.map((w) => w.id);
  const web = ids.indexOf('frontend/web[Deployment]');
  const redis = ids.indexOf('data/redis[Deployment]');
  const none = result.connections.findIndex((c) => c.status === 'none');
  const tcp6379 = result.connections.findIndex((c) => c.text === 'TCP 6379');
  const rows = result.rows.map((row, i) => {
    if (i !== web) return row;
    const cells: number[] = [];
    for (let k = 0; k + 1 < row.length; k += 2) for (let n = 0; n < (row[k + 1] ?? 0); n++) cells.push(row[k] ?? 0);
    cells[redis] = tcp6379;
    return cells.flatMap((c) => [c, 1]);
  });
  return {
    ...result,
    rows,
    changes: {
      against: 'disk',
      cells: [web, redis, none],
      uncertainCells: [],
      baseline: 'generic',
      current: 'generic',
      opened: 1,
      closed: 0,
      changed: 0,
      uncertainOnly: { baseline: 0, current: 0 },
      added: [],
      removed: [],
    },
  };
}

const evil = '<img src=x onerror=alert(1)>';
const set = (text: string, status: 'all' | 'some' | 'none' = 'some'): ConnectionSetDto => ({ text, status, ranges: [] });
const loc = (file: string, line: number, character = 0): LocationDto => ({ uri: `file:///ws/${file}`, line, character });
/** The server's view of frontend/web → data/redis, manifest strings with HTML in them. */
const explanation: ExplainResult = {
  engine: 'generic',
  from: 'frontend/web[Deployment]',
  to: 'data/redis[Deployment]',
  allowed: true,
  verdict: 'ALLOWED: TCP 6379',
  connections: set('TCP 6379'),
  egress: {
    direction: 'egress',
    subject: 'frontend/web[Deployment]',
    title: 'Egress of frontend/web[Deployment]',
    headline: 'isolated by 1 policy:',
    isolated: true,
    isolatedBy: [{ policy: 'frontend/web-egress', location: loc('frontend.yaml', 3, 2) }],
    rules: [
      {
        policy: 'frontend/web-egress',
        direction: 'egress',
        index: 1,
        location: loc('frontend.yaml', 17, 4),
        description: `allows egress to pods app=${evil} in namespace data`,
        peer: `pods with app=${evil}`,
        opens: set('TCP 6379'),
        admits: true,
        uncertain: [],
      },
    ],
    ignored: [
      {
        policy: `frontend/${evil}`,
        reason: 'rejected',
        location: loc('bad.yaml', 0),
        message: `not counted: frontend/${evil} would select it, but the API server rejects that policy`,
      },
    ],
    allowed: set('TCP 53,6379,UDP 53'),
  },
  ingress: {
    direction: 'ingress',
    subject: 'data/redis[Deployment]',
    title: 'Ingress of data/redis[Deployment]',
    headline: 'not isolated (no valid NetworkPolicy of type Ingress selects it): everything allowed.',
    isolated: false,
    isolatedBy: [],
    rules: [],
    ignored: [],
    allowed: set('All Connections', 'all'),
  },
  uncertain: [],
  completeness: {
    complete: true,
    items: [],
    counts: { files: 0, objects: 0, uncertain: 0 },
    summary: 'complete: every file and object was analysed',
  },
};

/** The CLI's `explain --format json` (its 1-based file/line/column locations as the protocol's 0-based uri/line/character). */
function cliExplanation(args: readonly string[]): ExplainResult {
  const r = runCli(['explain', '--format', 'json', '--allow-incomplete', ...args]);
  assert.equal(r.status, 0, r.stderr);
  const toWire = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(toWire);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.file === 'string' && typeof o.line === 'number' && typeof o.column === 'number')
      return { uri: pathToFileURL(join(repoRoot, o.file)).href, line: o.line - 1, character: o.column - 1 };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toWire(x)]));
  };
  return toWire(JSON.parse(r.stdout)) as ExplainResult;
}

const engines = ['generic', 'azure-npm-linux', 'azure-npm-windows', 'calico', 'cilium'];

/** The aks-shop matrix under `engine` as the CLI computes it (uncertain sets included). */
function shopOn(engine: string): MatrixResult {
  const r = runCli(['matrix', '--format', 'html', '--engine', engine, 'examples/aks-shop']);
  const json = /id="netpol-data">([^<]*)<\/script>/.exec(r.stdout)?.[1] ?? 'null';
  return (JSON.parse(json) as { result: MatrixResult }).result;
}

/** What the language server answers for azure-npm-windows/named-port.yaml under `engine`, compared with `against`. */
async function serverCompare(engine: string, against: string): Promise<MatrixResult> {
  const folder = join(dir, `server-${engine}-${against}`);
  mkdirSync(folder);
  copyFileSync(join(fixturesDir, 'engine', 'azure-npm-windows', 'named-port.yaml'), join(folder, 'named-port.yaml'));
  const client = startInProcess();
  try {
    let ready = false;
    client.rpc.onNotification('netpol/status', (p: StatusParams) => {
      if (p.state === 'ready') ready = true;
    });
    await initialize(client, pathToFileURL(folder).href);
    for (let i = 0; i < 250 && !ready; i++) await new Promise((r) => setTimeout(r, 20));
    return await client.rpc.sendRequest<MatrixResult>('netpol/matrix', { engine, compare: { against: 'engine', engine: against } });
  } finally {
    await client.close();
  }
}

async function start(scheme: 'dark' | 'light'): Promise<{ p: Page; problems: string[] }> {
  const css = readFileSync(join(repoRoot, 'dist', 'webview.css'), 'utf8');
  const js = readFileSync(join(repoRoot, 'dist', 'webview.js'), 'utf8');
  // body.standalone only for the palette: VS Code supplies the --vscode-* variables itself.
  const file = join(dir, `host-${scheme}.html`);
  writeFileSync(
    file,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head><body class="standalone">
<script>
window.posted = [];
let state = ${jsonForScript({ view: { namespace: '', search: '', port: '', onlyDenied: false, onlyChanged: false } })};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => state, setState: (s) => { state = s; window.savedState = s; } });
</script>
<script>${js}</script></body></html>`,
  );
  const p = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
  const problems: string[] = [];
  p.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await p.goto(`file://${file}`);
  return { p, problems };
}

async function posted(p: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return await p.evaluate<{ type: string }[]>('window.posted');
}

async function send(p: Page, message: unknown): Promise<void> {
  await p.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  await p.waitForTimeout(50);
}

before(async () => {
  if (skip) return;
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'netpol-lens-host-'));
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('webview under VS Code', { skip }, () => {
  test('ready, changed cells, summary, explanation, links and exports go through the host', async () => {
    const { p, problems } = await start('dark');
    assert.deepEqual(await posted(p), [{ type: 'ready', compare: { against: 'disk' } }]);
    assert.equal(await p.locator('.progress').isVisible(), true, 'a progress bar until the data comes');
    const result = shopResult();
    await send(p, { type: 'matrix', result, roots: ['file:///ws'] });
    assert.equal(await p.locator('.progress').isVisible(), false);
    assert.equal(await p.locator('#summary').innerText(), 'Unsaved edits open 1 connection and close 0.');
    const changed = p.locator('[role=gridcell][data-changed=true]');
    assert.equal(await changed.count(), 1);
    assert.equal(await changed.getAttribute('data-from'), 'frontend/web[Deployment]');
    assert.equal(await changed.getAttribute('data-to'), 'data/redis[Deployment]');
    assert.match(
      (await changed.getAttribute('aria-label')) ?? '',
      /^frontend\/web → data\/redis: TCP 6379 \(changed by unsaved edits; was: No Connections\)$/,
    );
    assert.match(await p.locator('#legend').innerText(), /Changed by unsaved edits/);

    await p.check('#only-changed');
    await p.waitForTimeout(50);
    assert.equal(await p.locator('[role=gridcell]').count(), 1, 'one row and one column: the changed cell');

    await changed.click();
    const ask = (await posted(p)).at(-1);
    assert.deepEqual(ask, { type: 'explain', from: 'frontend/web[Deployment]', to: 'data/redis[Deployment]' });
    assert.match(await p.locator('#explain').innerText(), /Asking the language server/);
    await send(p, { type: 'explanation', from: explanation.from, to: explanation.to, result: explanation });
    const text = await p.locator('#explain').innerText();
    assert.match(text, /Changed by unsaved edits; on disk: No Connections/);
    assert.ok(text.includes('frontend/web[Deployment] -> data/redis[Deployment]: ALLOWED: TCP 6379'), text);
    assert.match(text, /Egress of frontend\/web\[Deployment\]\s+isolated by 1 policy:/);
    assert.ok(text.includes(`to pods app=${evil} in namespace data`), text);
    assert.ok(text.includes(`matched peer: pods with app=${evil}; opens TCP 6379`), text);
    assert.ok(text.includes(`not counted: frontend/${evil} would select it, but the API server rejects that policy (bad.yaml:1).`), text);
    assert.ok(text.includes(explanation.ingress.headline), text);
    assert.equal(await p.locator('img').count(), 0);
    await p.screenshot({ path: join(shots, 'netpol-webview-vscode-dark.png') });

    await p.locator('#explain a', { hasText: 'frontend/web-egress egress[1]' }).click();
    assert.deepEqual((await posted(p)).at(-1), { type: 'open', uri: 'file:///ws/frontend.yaml', line: 17, character: 4 });

    await p.click('#export-csv');
    const csv = (await posted(p)).at(-1) as { type: string; format: string; content: string };
    assert.equal(csv.type, 'export');
    assert.equal(csv.format, 'csv');
    assert.equal(csv.content, 'from \\ to,data/redis[Deployment]\nfrontend/web[Deployment],TCP 6379\n');
    await p.click('#export-html');
    const html = (await posted(p)).at(-1) as { type: string; format: string; view: { onlyChanged: boolean } };
    assert.equal(html.format, 'html');
    assert.equal(html.view.onlyChanged, true, 'the page keeps the view');

    // The state VS Code keeps for a reload: the filters and the selected cell.
    const saved = await p.evaluate<{ view: { onlyChanged: boolean; selected: unknown } }>('window.savedState');
    assert.equal(saved.view.onlyChanged, true);
    assert.deepEqual(saved.view.selected, { from: 'frontend/web[Deployment]', to: 'data/redis[Deployment]' });

    // A new matrix (after an edit) keeps the selection and asks for its explanation again.
    await send(p, { type: 'matrix', result });
    assert.deepEqual((await posted(p)).at(-1), { type: 'explain', from: 'frontend/web[Deployment]', to: 'data/redis[Deployment]' });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('too many workloads, an empty workspace and a server error each say so', async () => {
    const { p, problems } = await start('light');
    await send(p, {
      type: 'matrix',
      result: { engine: 'generic', workloads: [], rows: [], connections: [], truncated: { workloads: 12000, limit: 5000 } },
    });
    assert.match(await p.locator('#message').innerText(), /12,000 workloads; the grid shows at most 5,000/);
    await p.fill('#namespaces', 'shop, data');
    await p.keyboard.press('Enter');
    assert.deepEqual((await posted(p)).at(-1), { type: 'refresh', compare: { against: 'disk' }, namespaces: ['shop', 'data'] });
    await send(p, { type: 'matrix', result: { engine: 'generic', workloads: [], rows: [], connections: [] } });
    assert.match(await p.locator('#message').innerText(), /No workloads in this workspace/);
    await p.screenshot({ path: join(shots, 'netpol-webview-empty-light.png') });
    await send(p, { type: 'error', message: 'Request netpol/matrix failed.' });
    assert.match(await p.locator('#message').innerText(), /could not compute the matrix[\s\S]*Request netpol\/matrix failed/);
    assert.deepEqual(problems, []);
    await p.close();
  });

  for (const scheme of ['dark', 'light'] as const) {
    test(`compare with another engine (${scheme}): the choice goes to the host, the summary and the explanation say what differs`, async () => {
      const { p, problems } = await start(scheme);
      const base = shopResult();
      await send(p, { type: 'matrix', result: base, compare: { against: 'disk' }, engines });
      assert.equal(await p.locator('#engine').innerText(), 'Engine: generic');
      const options = await p.evaluate<string[][]>(
        `[...document.querySelectorAll('#compare option')].map((o) => [o.value, o.textContent])`,
      );
      assert.deepEqual(options, [
        ['', 'Files on disk (unsaved edits)'],
        ['azure-npm-linux', 'Engine azure-npm-linux'],
        ['azure-npm-windows', 'Engine azure-npm-windows'],
        ['calico', 'Engine calico'],
        ['cilium', 'Engine cilium'],
      ]);
      await p.selectOption('#compare', 'cilium');
      assert.deepEqual((await posted(p)).at(-1), { type: 'compare', compare: { against: 'engine', engine: 'cilium' } });
      const saved = await p.evaluate<{ compare: unknown }>('window.savedState');
      assert.deepEqual(saved.compare, { against: 'engine', engine: 'cilium' }, 'kept for a reload');

      // The server's answer: frontend/web → data/redis is open on generic, closed on cilium.
      const c = base.changes as NonNullable<MatrixResult['changes']>;
      const result: MatrixResult = { ...base, changes: { ...c, against: 'cilium', baseline: 'cilium', opened: 1, closed: 0, changed: 0 } };
      await send(p, { type: 'matrix', result, compare: { against: 'engine', engine: 'cilium' }, engines });
      assert.equal(await p.locator('#compare').inputValue(), 'cilium');
      assert.equal(await p.locator('#summary').innerText(), 'On cilium instead of generic: 1 connection closes.');
      assert.match(await p.locator('#legend').innerText(), /Differs on cilium/);
      const changed = p.locator('[role=gridcell][data-changed=true]');
      assert.equal(await changed.count(), 1);
      assert.equal(await changed.getAttribute('aria-label'), 'frontend/web → data/redis: TCP 6379 (on cilium: No Connections)');
      await p.check('#only-changed');
      await p.waitForTimeout(50);
      assert.equal(await p.locator('[role=gridcell]').count(), 1, '"only changed" keeps the differing cell');
      await p.uncheck('#only-changed');
      await p.waitForTimeout(50);

      await changed.click();
      assert.deepEqual((await posted(p)).at(-1), { type: 'explain', from: explanation.from, to: explanation.to });
      const denied: ExplainResult = {
        ...explanation,
        engine: 'cilium',
        allowed: false,
        verdict: 'DENIED',
        connections: set('No Connections', 'none'),
        egress: {
          ...explanation.egress,
          rules: [],
          conclusion: 'no rule admits data/redis[Deployment]: denied.',
          allowed: set('TCP 53,UDP 53'),
        },
      };
      await send(p, {
        type: 'explanation',
        from: explanation.from,
        to: explanation.to,
        result: explanation,
        engine: 'generic',
        compared: { engine: 'cilium', result: denied },
      });
      const text = await p.locator('#explain').innerText();
      assert.match(text, /On cilium: No Connections/);
      const blocks = p.locator('#explain .engine-block');
      assert.deepEqual(
        await p.evaluate<string[]>(`[...document.querySelectorAll('#explain .engine-block')].map((b) => b.dataset.engine)`),
        ['generic', 'cilium'],
      );
      assert.match(await blocks.nth(0).innerText(), /^ON GENERIC — ALLOWED: TCP 6379[\s\S]*admitted by frontend\/web-egress egress\[1\]/i);
      assert.match(await blocks.nth(1).innerText(), /^ON CILIUM — DENIED[\s\S]*no rule admits data\/redis\[Deployment\]: denied\./i);
      assert.ok(text.includes(`to pods app=${evil} in namespace data`), text);
      assert.equal(await p.locator('img').count(), 0);
      await p.screenshot({ path: join(shots, `netpol-webview-compare-${scheme}.png`) });

      // Back to the disk.
      await p.selectOption('#compare', '');
      assert.deepEqual((await posted(p)).at(-1), { type: 'compare', compare: { against: 'disk' } });
      assert.deepEqual(problems, []);
      await p.close();
    });
  }

  test('cells that differ only in certainty: not marked as changed, the summary and legend name the right engine', async () => {
    const { p, problems } = await start('light');
    const result = await serverCompare('generic', 'azure-npm-windows');
    await send(p, { type: 'matrix', result, compare: { against: 'engine', engine: 'azure-npm-windows' }, engines });
    assert.equal(
      await p.locator('#summary').innerText(),
      'On azure-npm-windows instead of generic: no result differs; 2 cells are uncertain only under azure-npm-windows.',
    );
    const legend = await p.locator('#legend').innerText();
    assert.match(legend, /Uncertain only on azure-npm-windows/);
    assert.doesNotMatch(legend, /Uncertain on generic/, 'nothing under generic is uncertain');
    assert.equal(await p.locator('[role=gridcell][data-changed=true]').count(), 0, 'no cell is marked as changed');
    const quiet = p.locator('[role=gridcell][data-uncertain-other=true]');
    assert.equal(await quiet.count(), 2);
    assert.equal(await p.locator('[role=gridcell][data-uncertain=true]').count(), 0, 'no ? under generic');
    const look = await p.evaluate<{ badge: string; border: string }>(`(() => {
      const el = document.querySelector('[role=gridcell][data-uncertain-other=true]');
      return { badge: getComputedStyle(el, '::before').content, border: getComputedStyle(el).borderTopStyle }; })()`);
    assert.deepEqual(look, { badge: 'none', border: 'dotted' }, 'a quieter mark: a dotted frame, no ?');
    const label =
      (await p.locator('[role=gridcell][data-from="default/client[Pod]"][data-to="default/db[Pod]"]').getAttribute('aria-label')) ?? '';
    assert.match(
      label,
      /^client → db: TCP 5432 \(the same on azure-npm-windows; uncertain on azure-npm-windows: default\/db-pg .*named port/,
    );
    await p.screenshot({ path: join(shots, 'netpol-webview-certainty-light.png') });

    // The other way round: the ? cells are azure-npm-windows' own, compared with generic.
    const mirror = await serverCompare('azure-npm-windows', 'generic');
    await send(p, { type: 'matrix', result: mirror, compare: { against: 'engine', engine: 'generic' }, engines });
    assert.equal(
      await p.locator('#summary').innerText(),
      'On generic instead of azure-npm-windows: no result differs; 2 cells are uncertain only under azure-npm-windows.',
    );
    assert.match(await p.locator('#legend').innerText(), /Uncertain on azure-npm-windows/);
    assert.doesNotMatch(await p.locator('#legend').innerText(), /Uncertain only on/);
    assert.equal(await p.locator('[role=gridcell][data-changed=true]').count(), 0);
    assert.equal(await p.locator('[role=gridcell][data-uncertain=true]').count(), 2);
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('uncertain cells: a ? and a dashed frame, the reason in the label, the legend and the explanation', async () => {
    const { p, problems } = await start('dark');
    const result = shopOn('azure-npm-windows');
    const sets = result.connections.flatMap((c, i) => (c.uncertain ? [i] : []));
    assert.ok(sets.length > 0, 'aks-shop has uncertain cells on azure-npm-windows');
    // A reason from the server is text, whatever it holds.
    const reasons = result.connections.map((c) => (c.uncertain ? `${c.uncertain} ${evil}` : undefined));
    const withEvil: MatrixResult = {
      ...result,
      connections: result.connections.map((c, i) => ({ ...c, ...(reasons[i] ? { uncertain: reasons[i] } : {}) })),
    };
    await send(p, { type: 'matrix', result: withEvil, compare: { against: 'disk' }, engines });
    assert.equal(await p.locator('#engine').innerText(), 'Engine: azure-npm-windows');
    assert.match(await p.locator('#legend').innerText(), /Uncertain on azure-npm-windows/);
    const uncertain = p.locator('[role=gridcell][data-uncertain=true]');
    assert.ok((await uncertain.count()) > 0);
    const first = uncertain.first();
    /** The `?` badge (::before) and the frame of the first cell a selector finds. */
    const look = (selector: string) =>
      p.evaluate<{ badge: string; border: string }>(`(() => { const el = document.querySelector('${selector}');
        return { badge: getComputedStyle(el, '::before').content, border: getComputedStyle(el).borderTopStyle }; })()`);
    const mark = await look('[role=gridcell][data-uncertain=true]');
    assert.equal(mark.badge, '"?"');
    assert.equal(mark.border, 'dashed');
    const label = (await first.getAttribute('aria-label')) ?? '';
    const from = (await first.getAttribute('data-from')) ?? '';
    const to = (await first.getAttribute('data-to')) ?? '';
    const set = result.connections.findIndex((c) => !!c.uncertain && label.includes(`: ${c.text}; uncertain`));
    assert.ok(set >= 0, label);
    assert.ok(label.endsWith(`; uncertain on azure-npm-windows: ${reasons[set]}`), label);
    // Certain cells carry no mark.
    assert.deepEqual(await look('[role=gridcell]:not([data-uncertain])'), { badge: 'none', border: 'none' });

    await first.click();
    const base = explanation.egress.rules[0] as NonNullable<ExplainResult['egress']['rules'][number]>;
    const uncertainRule = {
      engine: 'azure-npm-windows',
      policy: base.policy,
      path: 'spec.egress[1].ports[0]',
      feature: 'named-port',
      detail: evil,
      reason: `named port ${evil}`,
      source: 'https://example.invalid/doc',
      location: base.location,
      text: `named port ${evil}`,
    };
    const rule = { ...base, uncertain: [uncertainRule] };
    await send(p, {
      type: 'explanation',
      from,
      to,
      result: { ...explanation, from, to, egress: { ...explanation.egress, rules: [rule] } },
    });
    const text = await p.locator('#explain').innerText();
    const note = p.locator('#explain header .uncertain-note');
    assert.match(await note.innerText(), /^Uncertain on azure-npm-windows:/);
    const parts = splitReasons(reasons[set] ?? '');
    assert.ok(parts.length > 1, 'this cell has several reasons: one a line');
    assert.deepEqual(await note.locator('li').allInnerTexts(), parts);
    assert.ok(text.includes(`uncertain on azure-npm-windows: named port ${evil}`), text);
    assert.equal(await p.locator('img').count(), 0);
    await p.screenshot({ path: join(shots, 'netpol-webview-uncertain-dark.png') });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('under cilium, a pair an egressDeny denies: the pane shows the engine’s steps as the CLI does, never "not isolated"', async () => {
    const { p, problems } = await start('dark');
    const fixture = 'test/fixtures/engine-kinds/cilium/deny-and-entities.yaml';
    const result = matrixOf(['--engine', 'cilium', fixture]);
    await send(p, { type: 'matrix', result });
    const cell = p.locator('[role=gridcell][data-from="shop/web[Deployment]"][data-to="shop/db[Deployment]"]');
    await cell.click();
    const args = [fixture, '--engine', 'cilium', '--from', 'shop/web', '--to', 'shop/db', '--port', '5432'];
    const e = cliExplanation(args);
    assert.equal(e.allowed, false);
    await send(p, { type: 'explanation', from: e.from, to: e.to, result: e });
    const text = await p.locator('#explain').innerText();
    assert.doesNotMatch(text, /not isolated/i);
    assert.doesNotMatch(text, /every (connection|destination|source) is allowed/i);
    // Every line of the CLI's text, its `(file:line)` left out (the pane links the text before it instead).
    const cli = runCli(['explain', '--allow-incomplete', ...args]).stdout;
    const lines = cli
      .split('\n')
      .map((l) =>
        l
          .replace(/ \([^()]*:\d+\)/, '')
          .replace(/^\s*- /, '')
          .trim(),
      )
      .filter((l) => l !== '')
      .flatMap((l) => ([e.egress, e.ingress].some((sd) => l === `${sd.title}: ${sd.headline}`) ? l.split(/(?<=\]): /) : [l]));
    const flat = text.replace(/\s+/g, ' ');
    for (const l of lines) assert.ok(flat.includes(l.replace(/\s+/g, ' ')), `CLI line not in the pane: ${l}\n${text}`);
    const deny = p.locator('#explain .steps li[data-action=Deny]');
    assert.equal(await deny.count(), 1);
    assert.equal(await deny.innerText(), 'CiliumNetworkPolicy shop/web spec.egressDeny[0] denies TCP 5432');
    await deny.locator('a').click();
    const open = (await posted(p)).at(-1) as { type: string; uri: string; line: number };
    assert.equal(open.type, 'open');
    assert.ok(open.uri.endsWith('/deny-and-entities.yaml'), open.uri);
    assert.equal(open.line + 1, 65, 'the egressDeny entry, as the CLI names it');
    await p.screenshot({ path: join(shots, 'netpol-webview-cilium-deny-dark.png') });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('an incomplete workspace: a banner above the grid with the summary and each file, linked', async () => {
    const { p, problems } = await start('dark');
    const ws = brokenWorkspace();
    const cliResult = matrixOf([ws]);
    assert.equal(cliResult.completeness.complete, false);
    // As the server sends it: locations are file URIs.
    const result: MatrixResult = {
      ...cliResult,
      completeness: {
        ...cliResult.completeness,
        items: cliResult.completeness.items.map((i) =>
          i.location ? { ...i, location: { ...i.location, uri: pathToFileURL(i.location.uri).href } } : i,
        ),
      },
    };
    assert.equal(await p.locator('#completeness').isVisible(), false, 'no banner before the data');
    await send(p, { type: 'matrix', result, roots: [pathToFileURL(ws).href] });
    const banner = p.locator('#completeness');
    assert.equal(await banner.isVisible(), true);
    const box = await banner.boundingBox();
    const grid = await p.locator('[role=grid]').boundingBox();
    assert.ok(box && grid && box.y + box.height <= grid.y + 1, 'above the grid');
    assert.ok((await banner.innerText()).includes(result.completeness.summary));
    const items = banner.locator('li');
    assert.equal(await items.count(), result.completeness.items.length);
    const item = result.completeness.items[0];
    assert.ok(item?.location);
    assert.equal(await items.first().innerText(), `deny.yaml:${item.location.line + 1} ${item.message}`);
    await items.first().locator('a').click();
    assert.deepEqual((await posted(p)).at(-1), { type: 'open', ...item.location });
    await p.screenshot({ path: join(shots, 'netpol-webview-incomplete-dark.png') });
    // A complete result takes the banner away.
    await send(p, { type: 'matrix', result: { ...result, completeness: { complete: true, items: [], summary: 'complete' } } });
    assert.equal(await banner.isVisible(), false);
    assert.deepEqual(problems, []);
    await p.close();
  });
});
