// The reachability panel's host side against a stand-in `vscode` module and language client: the
// webview's HTML and CSP, the matrix request (compared with disk) and its debounced repeats, state(),
// explanations, which manifests the webview may open, exports through the save dialog, and the
// comparison with another engine (its choices from package.json, both explanations of a changed cell).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fire, on, rec, uri } from '../support/fakeVscode';
import type { Listener } from '../support/fakeVscode';
import { ReachabilityPanel } from '../../client/src/panel/reachabilityPanel';
import type { ExplainParams, ExplainResult, MatrixResult } from '../../server/src/protocol/protocol';
import { repoRoot } from '../support/workspace';

const result: MatrixResult = {
  engine: 'generic',
  workloads: ['web', 'db'].map((name, i) => ({
    id: `shop/${name}[Pod]`,
    namespace: 'shop',
    name,
    kind: 'Pod',
    location: { uri: `file:///ws/${name}.yaml`, line: i, character: 0 },
  })),
  rows: [
    [0, 1, 1, 1],
    [0, 2],
  ],
  connections: [
    { text: 'All Connections', status: 'all', ranges: [] },
    { text: 'TCP 5432', status: 'some', ranges: [{ protocol: 'TCP', from: 5432, to: 5432 }] },
  ],
  completeness: {
    complete: false,
    items: [
      {
        reason: 'yaml-syntax',
        location: { uri: 'file:///ws/broken.yaml', line: 5, character: 2 },
        message: 'document not analysed: a flow sequence is not closed',
      },
    ],
    counts: { files: 1, objects: 0, uncertain: 0 },
    summary: 'incomplete: 1 file not fully analysed',
  },
  changes: {
    against: 'disk',
    cells: [0, 1, 0],
    uncertainCells: [],
    baseline: 'generic',
    current: 'generic',
    opened: 0,
    closed: 0,
    changed: 1,
    uncertainOnly: { baseline: 0, current: 0 },
    added: [],
    removed: [],
  },
};

const set = (text: string, status: 'all' | 'some' | 'none' = 'some') => ({ text, status, ranges: [] });
const explanation: ExplainResult = {
  engine: 'generic',
  from: 'shop/web[Pod]',
  to: 'shop/db[Pod]',
  allowed: true,
  verdict: 'ALLOWED: TCP 5432',
  connections: set('TCP 5432'),
  egress: {
    direction: 'egress',
    subject: 'shop/web[Pod]',
    title: 'Egress of shop/web[Pod]',
    headline: 'restricted by policy (engine evaluation):',
    isolated: true,
    isolatedBy: [],
    rules: [],
    engine: {
      enforced: true,
      steps: [
        {
          kind: 'CiliumNetworkPolicy',
          policy: 'shop/web',
          where: 'spec.egress[0]',
          location: { uri: 'file:///ws/cnp.yaml', line: 7, character: 4 },
          action: 'Allow',
          ports: set('All Connections', 'all'),
          relevant: true,
          verb: 'allows All Connections',
          text: 'CiliumNetworkPolicy shop/web spec.egress[0] allows All Connections',
        },
      ],
      conclusion: 'default deny',
    },
    ignored: [],
    conclusion: 'then: default deny.',
    allowed: set('All Connections', 'all'),
  },
  ingress: {
    direction: 'ingress',
    subject: 'shop/db[Pod]',
    title: 'Ingress of shop/db[Pod]',
    headline: 'isolated by 1 policy:',
    isolated: true,
    isolatedBy: [{ policy: 'shop/db', location: { uri: 'file:///ws/policy.yaml', line: 4, character: 2 } }],
    rules: [],
    ignored: [],
    allowed: set('TCP 5432'),
  },
  uncertain: [],
  completeness: result.completeness,
};

/** What the fake server answers `netpol/matrix` with (a test switches the engine in effect). */
let answer: MatrixResult = result;
const client = {
  sendRequest: (method: string, params: unknown) => {
    rec.requests.push({ method, params });
    if (method !== 'netpol/explain') return Promise.resolve(answer);
    const engine = (params as ExplainParams).engine;
    return Promise.resolve(
      engine === 'cilium' ? { ...explanation, allowed: false, connections: set('No Connections', 'none') } : explanation,
    );
  },
  // A LanguageClient keeps one handler per notification: the panel must not take the status bar's.
  onNotification: (method: string) => assert.fail(`the panel registered its own ${method} handler on the client`),
};
/** The ServerController as the panel sees it: the client, and `netpol/status` as an event. */
const server = { client, onStatus: (cb: Listener) => on('notify:netpol/status')(cb) };

const packageJSON = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: { 'netpol.engine': { enum: string[] } } } };
};
const engines = packageJSON.contributes.configuration.properties['netpol.engine'].enum;
const context = { extensionUri: uri('/ext'), subscriptions: [], extension: { packageJSON } };
/** The last message the host posted to the webview, as the test expects it to be. */
const lastPosted = <T>(): T => rec.posted.at(-1) as unknown as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const doc = (path: string, languageId: string) => ({ uri: uri(path), languageId });
const send = async (m: unknown): Promise<void> => {
  rec.webviewListener?.(m);
  await sleep(20);
};

describe('ReachabilityPanel (host side)', () => {
  test('a webview with scripts from dist/ only, under a nonce CSP, that gets the matrix compared with disk', async () => {
    const panel = await ReachabilityPanel.show(context as never, server as never);
    assert.equal(ReachabilityPanel.current(), panel);
    assert.equal(await ReachabilityPanel.show(context as never, server as never), panel, 'one panel');
    const web = rec.panel as NonNullable<typeof rec.panel>;
    assert.equal(web.options.enableScripts, true);
    assert.deepEqual(
      web.options.localResourceRoots?.map((u) => u.path),
      ['/ext/dist'],
    );
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(web.html)?.[1] ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    assert.ok(nonce.length >= 16, csp);
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[^']+'; style-src vscode-resource:; img-src vscode-resource: data:/);
    assert.doesNotMatch(csp, /unsafe/);
    assert.deepEqual(
      [...web.html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]),
      [`<script nonce="${nonce}" src="https://webview/ext/dist/webview.js">`],
    );
    assert.match(web.html, /<link rel="stylesheet" href="https:\/\/webview\/ext\/dist\/webview.css">/);
    assert.equal(panel.state(), undefined);

    await send({ type: 'ready' });
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/matrix', params: { compare: { against: 'disk' } } });
    assert.deepEqual(
      rec.posted.slice(-2).map((m) => m.type),
      ['loading', 'matrix'],
    );
    assert.deepEqual(panel.state(), { workloads: ['shop/web[Pod]', 'shop/db[Pod]'], grid: ['AP', 'AA'], changed: 1 });
    const sent = lastPosted<{ engines: string[]; compare: unknown; roots: string[] }>();
    assert.deepEqual(sent.roots, ['file:///ws'], 'the workspace folders, for relative file names');
    assert.deepEqual(sent.engines, engines, "package.json's netpol.engine enum");
    assert.ok(engines.includes('cilium') && engines.includes('azure-npm-windows'), engines.join());
    assert.deepEqual(sent.compare, { against: 'disk' });
  });

  test('asks again 300 ms after the last manifest edit, on save and on netpol/status; not for other files', async () => {
    const count = (): number => rec.requests.filter((r) => r.method === 'netpol/matrix').length;
    const n = count();
    for (let i = 0; i < 3; i++) {
      fire('change', { document: doc('/ws/a.yaml', 'yaml'), contentChanges: [{}] });
      await sleep(50);
    }
    fire('change', { document: doc('/ws/a.ts', 'typescript'), contentChanges: [{}] });
    await sleep(150);
    assert.equal(count(), n, 'not before 300 ms of quiet');
    await sleep(250);
    assert.equal(count(), n + 1, 'one request for the burst');
    fire('save', doc('/ws/b.json', 'json'));
    await sleep(400);
    assert.equal(count(), n + 2);
    fire('notify:netpol/status', { state: 'ready' });
    await sleep(400);
    assert.equal(count(), n + 3);
    fire('change', { document: doc('/ws/readme.md', 'markdown'), contentChanges: [{}] });
    await sleep(400);
    assert.equal(count(), n + 3);
  });

  test('explains a cell; opens only the manifests it was told about (workloads, what was not analysed, engine steps, policies)', async () => {
    await send({ type: 'explain', from: 'shop/web[Pod]', to: 'shop/db[Pod]' });
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/explain', params: { from: 'shop/web[Pod]', to: 'shop/db[Pod]' } });
    assert.deepEqual(rec.posted.at(-1), { type: 'explanation', from: 'shop/web[Pod]', to: 'shop/db[Pod]', result: explanation });
    await send({ type: 'open', uri: 'file:///ws/policy.yaml', line: 4, character: 2 });
    await send({ type: 'open', uri: 'file:///ws/db.yaml', line: 1, character: 0 });
    await send({ type: 'open', uri: 'file:///ws/broken.yaml', line: 5, character: 2 });
    await send({ type: 'open', uri: 'file:///ws/cnp.yaml', line: 7, character: 4 });
    await send({ type: 'open', uri: 'file:///etc/passwd', line: 0, character: 0 });
    assert.deepEqual(rec.opened, [
      { uri: 'file:///ws/policy.yaml', line: 4 },
      { uri: 'file:///ws/db.yaml', line: 1 },
      { uri: 'file:///ws/broken.yaml', line: 5 },
      { uri: 'file:///ws/cnp.yaml', line: 7 },
    ]);
  });

  test('compare with another engine: asks with that engine, explains a changed cell under both, keeps asking so', async () => {
    await send({ type: 'compare', compare: { against: 'engine', engine: 'cilium' } });
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/matrix', params: { compare: { against: 'engine', engine: 'cilium' } } });
    assert.deepEqual(lastPosted<{ compare: unknown }>().compare, { against: 'engine', engine: 'cilium' });

    const n = rec.requests.length;
    await send({ type: 'explain', from: 'shop/web[Pod]', to: 'shop/db[Pod]' });
    assert.deepEqual(
      rec.requests.slice(n).map((r) => r.params),
      [
        { from: 'shop/web[Pod]', to: 'shop/db[Pod]', engine: 'generic' },
        { from: 'shop/web[Pod]', to: 'shop/db[Pod]', engine: 'cilium' },
      ],
    );
    const both = lastPosted<{ engine: string; result: ExplainResult; compared: { engine: string; result: ExplainResult } }>();
    assert.equal(both.engine, 'generic');
    assert.equal(both.result.connections.text, 'TCP 5432');
    assert.equal(both.compared.engine, 'cilium');
    assert.equal(both.compared.result.connections.text, 'No Connections');

    // A cell that does not differ: one explanation, as before.
    const m = rec.requests.length;
    await send({ type: 'explain', from: 'shop/db[Pod]', to: 'shop/web[Pod]' });
    assert.deepEqual(
      rec.requests.slice(m).map((r) => r.params),
      [{ from: 'shop/db[Pod]', to: 'shop/web[Pod]' }],
    );
    assert.equal(lastPosted<{ compared?: unknown }>().compared, undefined);

    // An edit asks again with the same comparison.
    fire('save', doc('/ws/b.yaml', 'yaml'));
    await sleep(400);
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/matrix', params: { compare: { against: 'engine', engine: 'cilium' } } });

    // A reloaded webview restores its choice with `ready`; none means the disk.
    await send({ type: 'ready', compare: { against: 'engine', engine: 'calico' } });
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/matrix', params: { compare: { against: 'engine', engine: 'calico' } } });
    await send({ type: 'ready', compare: { against: 'engine' } });
    assert.deepEqual(rec.requests.at(-1), { method: 'netpol/matrix', params: { compare: { against: 'disk' } } });
  });

  test('when the engine in effect becomes the compared one, it compares with the disk', async () => {
    answer = { ...result, engine: 'cilium' };
    const n = rec.requests.length;
    await send({ type: 'compare', compare: { against: 'engine', engine: 'cilium' } });
    assert.deepEqual(
      rec.requests.slice(n).map((r) => r.params),
      [{ compare: { against: 'engine', engine: 'cilium' } }, { compare: { against: 'disk' } }],
    );
    assert.deepEqual(lastPosted<{ compare: unknown }>().compare, { against: 'disk' });
    answer = result;
    await send({ type: 'refresh' });
  });

  test('exports: csv and md as the webview rendered them; html is the standalone page around the bundle', async () => {
    const view = { namespace: '', search: '', port: '', onlyDenied: false, onlyChanged: true };
    await send({ type: 'export', format: 'csv', content: 'from \\ to\n', view });
    assert.deepEqual(rec.written.at(-1), { path: '/ws/reachability.csv', text: 'from \\ to\n' });
    await send({ type: 'export', format: 'html', view });
    await sleep(50);
    const page = rec.written.at(-1) as { path: string; text: string };
    assert.equal(page.path, '/ws/reachability.html');
    assert.ok(page.text.includes('/* /ext/dist/webview.js */'));
    assert.ok(page.text.includes('/* /ext/dist/webview.css */'));
    const data = JSON.parse(/id="netpol-data">([^<]*)<\/script>/.exec(page.text)?.[1] ?? 'null') as { result: MatrixResult; view: object };
    assert.deepEqual(data.result, result);
    assert.deepEqual(data.view, view);
  });

  test('closing the panel stops listening', async () => {
    fire('dispose', undefined);
    assert.equal(ReachabilityPanel.current(), undefined);
    const n = rec.requests.length;
    fire('change', { document: doc('/ws/a.yaml', 'yaml'), contentChanges: [{}] });
    await sleep(400);
    assert.equal(rec.requests.length, n);
  });
});
