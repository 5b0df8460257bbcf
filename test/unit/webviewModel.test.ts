// The reachability webview's pure parts: run-length decoding, connection text and port queries, the
// filters (against a brute-force reading of their definition), namespace bands, the virtual window's
// arithmetic, the CSV / Markdown exports (against the CLI's renderers), and the standalone page's JSON.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { viewToCsv, viewToMarkdown } from '../../client/src/webview/exportView';
import {
  MatrixModel,
  changedCount,
  decodeRuns,
  filterView,
  gridLetters,
  namespaceBands,
  searchTerms,
} from '../../client/src/webview/matrixModel';
import { cellLabel, cellTitle, comparedEngine, splitReasons, summaryText, uncertainLegend } from '../../client/src/webview/compareText';
import { defaultView } from '../../client/src/webview/messages';
import type { ViewState } from '../../client/src/webview/messages';
import { admitsPort, parsePortQuery } from '../../client/src/webview/portText';
import { pageSize, scrollToShow, visibleSpan } from '../../client/src/webview/virtualWindow';
import type { Axis } from '../../client/src/webview/virtualWindow';
import { matrixResultOf } from '../../server/src/cli/commands/matrixHtml';
import { renderMatrix } from '../../server/src/cli/commands/matrix';
import {
  ConnectionSets,
  compareGrids,
  completenessView,
  computeConnectivity,
  defaultEngine,
  findEngine,
  matrixGrid,
} from '../../server/src/core/index';
import type { EngineProfile } from '../../server/src/core/index';
import { decodeRow } from '../../server/src/protocol/protocol';
import type { CompletenessDto, MatrixConnectionDto, MatrixResult, PortRangeDto } from '../../server/src/protocol/protocol';
import { jsonForScript, standalonePage } from '../../server/src/protocol/standalonePage';
import { fixturesDir, loadWorkspace, workspaceFromText } from '../support/workspace';

const r = (protocol: 'TCP' | 'UDP' | 'SCTP', from: number, to = from): PortRangeDto => ({ protocol, from, to });
const texts: MatrixConnectionDto[] = [
  { text: 'No Connections', status: 'none', ranges: [] },
  { text: 'All Connections', status: 'all', ranges: [r('TCP', 1, 65535), r('UDP', 1, 65535), r('SCTP', 1, 65535)] },
  { text: 'TCP 80,443', status: 'some', ranges: [r('TCP', 80), r('TCP', 443)] },
  { text: 'TCP 53,UDP 53', status: 'some', ranges: [r('TCP', 53), r('UDP', 53)] },
  { text: 'TCP 1-100,SCTP 9000', status: 'some', ranges: [r('TCP', 1, 100), r('SCTP', 9000)] },
];
/** The same sets as every `PROTOCOL/port` they hold, written out: the brute-force reading of the port filter. */
const portsOf: readonly ((protocol: string, port: number) => boolean)[] = [
  () => false,
  () => true,
  (p, n) => p === 'TCP' && (n === 80 || n === 443),
  (p, n) => (p === 'TCP' || p === 'UDP') && n === 53,
  (p, n) => (p === 'TCP' && n >= 1 && n <= 100) || (p === 'SCTP' && n === 9000),
];

/** A MatrixResult from a dense grid of indices into `texts`, with rows run-length encoded. */
function resultOf(
  names: readonly [string, string][],
  grid: readonly (readonly number[])[],
  changes?: [number, number, number][],
): MatrixResult {
  const rows = grid.map((row) => {
    const rle: number[] = [];
    for (const v of row) {
      if (rle.length > 0 && rle[rle.length - 2] === v) rle[rle.length - 1] = (rle[rle.length - 1] as number) + 1;
      else rle.push(v, 1);
    }
    return rle;
  });
  const workloads = names.map(([namespace, name]) => ({ id: `${namespace}/${name}[Pod]`, namespace, name, kind: 'Pod' }));
  return {
    engine: 'generic',
    workloads,
    rows,
    connections: texts,
    completeness: completeFor(),
    ...(changes
      ? {
          changes: {
            against: 'disk',
            baseline: 'generic',
            current: 'generic',
            cells: changes.flat(),
            uncertainCells: [],
            opened: changes.filter(([r, c, before]) => texts[before]?.status === 'none' && texts[grid[r]?.[c] ?? 0]?.status !== 'none')
              .length,
            closed: 0,
            changed: 0,
            uncertainOnly: { baseline: 0, current: 0 },
            added: [],
            removed: [],
          },
        }
      : {}),
  };
}

/** A complete input's CompletenessDto. */
function completeFor(): CompletenessDto {
  return {
    complete: true,
    items: [],
    counts: { files: 0, objects: 0, uncertain: 0 },
    summary: 'complete: every file and object was analysed',
  };
}

describe('run-length rows', () => {
  test('decodeRuns equals the protocol decodeRow, also on short, long and broken rows', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(6), { maxLength: 12 }), fc.nat(20), (row, columns) => {
        assert.deepEqual(decodeRuns(row, columns), decodeRow(row, columns));
      }),
    );
    assert.deepEqual([...decodeRuns([2, 3, 0, 1], 4)], [2, 2, 2, 0]);
  });

  test('gridLetters and changedCount: one letter per cell, A / P / .', () => {
    const r = resultOf(
      [
        ['a', 'x'],
        ['a', 'y'],
        ['b', 'z'],
      ],
      [
        [0, 1, 2],
        [1, 1, 1],
        [3, 0, 0],
      ],
      [[0, 1, 0]],
    );
    assert.deepEqual(gridLetters(r), ['.AP', 'AAA', 'P..']);
    assert.equal(changedCount(r), 1);
    assert.equal(summaryText(r), 'Unsaved edits open 1 connection and close 0.');
    const unchanged: MatrixResult = { ...r };
    delete (unchanged as { changes?: unknown }).changes;
    assert.equal(changedCount(unchanged), 0);
    assert.equal(summaryText(unchanged), 'Rows are sources, columns destinations.');
  });
});

describe('comparing engines and uncertain cells', () => {
  const names: [string, string][] = [
    ['a', 'x'],
    ['a', 'y'],
    ['b', 'z'],
  ];
  const grid = [
    [1, 1, 0],
    [0, 1, 2],
    [1, 0, 1],
  ];
  /** The grid under generic, compared with cilium: x → y, y → z and z → y differ. */
  function onCilium(): MatrixResult {
    const r = resultOf(names, grid, [
      [0, 1, 0],
      [1, 2, 3],
      [2, 1, 1],
    ]);
    const c = r.changes as NonNullable<MatrixResult['changes']>;
    return { ...r, changes: { ...c, against: 'cilium', baseline: 'cilium', opened: 1, closed: 1, changed: 1 } };
  }

  test('the summary counts from the current engine to the compared one', () => {
    const r = onCilium();
    assert.equal(comparedEngine(r), 'cilium');
    // The server counts from cilium to generic: its `closed` (open on cilium, denied on generic) open on cilium.
    assert.equal(summaryText(r), 'On cilium instead of generic: 1 connection opens, 1 closes, 1 changes ports.');
    const c = r.changes as NonNullable<MatrixResult['changes']>;
    assert.equal(
      summaryText({ ...r, changes: { ...c, opened: 5, closed: 3, changed: 0 } }),
      'On cilium instead of generic: 3 connections open, 5 close.',
    );
    assert.equal(
      summaryText({ ...r, changes: { ...c, cells: [], opened: 0, closed: 0, changed: 0 } }),
      'On cilium instead of generic: no result differs.',
    );
    assert.equal(
      summaryText({ ...r, changes: { ...c, opened: 0, closed: 0, changed: 2 } }),
      'On cilium instead of generic: 2 connections change ports.',
    );
    assert.equal(comparedEngine(resultOf(names, grid, [[0, 1, 0]])), undefined, 'the disk is no engine');
  });

  test('a changed cell names the other engine; "only changed" keeps the differing cells', () => {
    const m = new MatrixModel(onCilium());
    assert.equal(cellLabel(m, 0, 1), 'x → y: All Connections (on cilium: No Connections)');
    assert.equal(cellLabel(m, 1, 2), 'a/y → b/z: TCP 80,443 (on cilium: TCP 53,UDP 53)');
    assert.equal(cellLabel(m, 0, 0), 'x → x: All Connections');
    assert.equal(cellTitle(m, 0, 1), 'a/x[Pod] → a/y[Pod]\nAll Connections\non cilium: No Connections');
    const v = filterView(m, { ...defaultView, onlyChanged: true });
    const shown: string[] = [];
    for (const r of v.rows) for (const c of v.cols) if (v.passes(r, c)) shown.push(`${r}${c}`);
    assert.deepEqual(shown.sort(), ['01', '12', '21']);
  });

  test('an uncertain set gives its reason on the engine in effect, and on the compared one', () => {
    const reason = 'default/db-pg spec.ingress[0].ports[0] (named port "pg"): azure-npm-windows does not support named ports';
    const base = onCilium();
    const r: MatrixResult = {
      ...base,
      engine: 'azure-npm-windows',
      connections: base.connections.map((c, i) => (i === 0 || i === 2 ? { ...c, uncertain: reason } : c)),
    };
    const m = new MatrixModel(r);
    assert.equal(m.uncertain(2), reason);
    assert.equal(m.uncertain(1), undefined);
    assert.equal(cellLabel(m, 1, 2), `a/y → b/z: TCP 80,443 (on cilium: TCP 53,UDP 53); uncertain on azure-npm-windows: ${reason}`);
    assert.equal(cellLabel(m, 0, 1), `x → y: All Connections (on cilium: No Connections; uncertain on cilium: ${reason})`);
    assert.equal(cellTitle(m, 1, 2).split('\n').at(-1), `Uncertain on azure-npm-windows: ${reason}`);
    assert.deepEqual(splitReasons(reason), [reason]);
    const other = 'backend/api spec.egress[1].to[0] (except 203.0.113.128/25): azure-npm-windows does not support ipBlock except';
    assert.deepEqual(splitReasons(`${reason}; ${other}`), [reason, other]);
    assert.deepEqual(splitReasons('a; b'), ['a; b'], 'a ; inside a reason stays');
  });
});

describe('connection text and port queries', () => {
  test('port queries: TCP/80, tcp 80, udp:53, a bare port; empty is no filter, nonsense is invalid', () => {
    assert.deepEqual(parsePortQuery('TCP/80'), { protocol: 'TCP', port: 80 });
    assert.deepEqual(parsePortQuery(' tcp 80 '), { protocol: 'TCP', port: 80 });
    assert.deepEqual(parsePortQuery('udp:53'), { protocol: 'UDP', port: 53 });
    assert.deepEqual(parsePortQuery('443'), { port: 443 });
    assert.equal(parsePortQuery(''), null);
    for (const bad of ['http', 'TCP/', 'TCP/0', '70000', 'ICMP/8', '80-90']) assert.equal(parsePortQuery(bad), undefined, bad);
  });

  test('admitsPort reads the ranges (never the text): all admits, none refuses, ranges by protocol', () => {
    const q = (s: string) => parsePortQuery(s) as NonNullable<ReturnType<typeof parsePortQuery>>;
    const set = { status: 'some' as const, text: 'not read', ranges: [r('TCP', 1, 100), r('UDP', 53)] };
    assert.ok(admitsPort(set, q('TCP/80')));
    assert.ok(admitsPort(set, q('100')));
    assert.ok(!admitsPort(set, q('TCP/101')));
    assert.ok(admitsPort(set, q('UDP/53')));
    assert.ok(!admitsPort(set, q('UDP/80')));
    assert.ok(!admitsPort(set, q('SCTP/53')));
    assert.ok(admitsPort({ status: 'all', ranges: [] }, q('SCTP/9')));
    assert.ok(!admitsPort({ status: 'none', ranges: [] }, q('80')));
  });

  test('the filter agrees with the ranges the CLI computes for every set of a real matrix', () => {
    const ws = loadWorkspace('examples/aks-shop');
    const result = matrixResultOf(computeConnectivity(ws.model, defaultEngine), ws, 'generic', completenessView(ws, defaultEngine));
    const someSets = result.connections.filter((c) => c.status === 'some');
    assert.ok(someSets.length > 0);
    for (const c of someSets) {
      const first = c.ranges[0];
      assert.ok(first, c.text);
      assert.ok(admitsPort(c, { protocol: first.protocol, port: first.from }), c.text);
      assert.ok(c.text.includes(String(first.from)), `${c.text} names ${first.from}`);
    }
  });
});

describe('filters', () => {
  const nsArb = fc.constantFrom('alpha', 'beta', 'gamma');
  const matrixArb = fc.integer({ min: 0, max: 7 }).chain((n) =>
    fc.record({
      names: fc.array(fc.tuple(nsArb, fc.constantFrom('web', 'db', 'api', 'cache', 'web-2')), { minLength: n, maxLength: n }),
      grid: fc.array(fc.array(fc.nat(texts.length - 1), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      changes: fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1)), fc.nat(texts.length - 1)), { maxLength: 5 }),
    }),
  );
  const viewArb: fc.Arbitrary<ViewState> = fc.record({
    namespace: fc.constantFrom('', 'alpha', 'beta'),
    search: fc.constantFrom('', 'web', 'db api', 'WEB,cache', 'nothing'),
    port: fc.constantFrom('', 'TCP/80', '53', 'udp/53', 'TCP/50', 'nonsense'),
    onlyDenied: fc.boolean(),
    onlyChanged: fc.boolean(),
  });

  test('match a brute-force reading of their definition', () => {
    fc.assert(
      fc.property(matrixArb, viewArb, ({ names, grid, changes }, view) => {
        const sorted = names
          .map((n, i) => ({ n, i }))
          .sort((a, b) => (a.n[0] < b.n[0] ? -1 : a.n[0] > b.n[0] ? 1 : a.i - b.i))
          .map((x) => x.n);
        const n = sorted.length;
        const seen = new Set<string>();
        const uniqueChanges = changes.filter(([r, c]) => r < n && c < n && !seen.has(`${r},${c}`) && seen.add(`${r},${c}`));
        const result = resultOf(sorted, grid, uniqueChanges);
        const m = new MatrixModel(result);
        const v = filterView(m, view);
        // Brute force.
        const terms = searchTerms(view.search);
        const picked = m.workloads.map(
          (w) =>
            (view.namespace === '' || w.namespace === view.namespace) &&
            (terms.length === 0 || terms.some((t) => w.id.toLowerCase().includes(t))),
        );
        const q = parsePortQuery(view.port);
        const changed = new Set(uniqueChanges.map(([r, c]) => `${r},${c}`));
        const passes = (r: number, c: number): boolean => {
          const set = grid[r]?.[c] ?? 0;
          return (
            (!view.onlyDenied || texts[set]?.status === 'none') &&
            (!q || (q.protocol ? !!portsOf[set]?.(q.protocol, q.port) : ['TCP', 'UDP', 'SCTP'].some((p) => portsOf[set]?.(p, q.port)))) &&
            (!view.onlyChanged || changed.has(`${r},${c}`))
          );
        };
        const cellFilter = view.onlyDenied || view.onlyChanged || !!q;
        const idx = [...Array(n).keys()];
        const rows = idx.filter((r) => picked[r] && (!cellFilter || idx.some((c) => picked[c] && passes(r, c))));
        const cols = idx.filter((c) => picked[c] && (!cellFilter || idx.some((r) => picked[r] && passes(r, c))));
        assert.deepEqual([...v.rows], rows);
        assert.deepEqual([...v.cols], cols);
        assert.equal(v.badPort, view.port === 'nonsense');
        for (const r of rows) for (const c of cols) assert.equal(v.passes(r, c), passes(r, c), `${r},${c}`);
      }),
      { numRuns: 400 },
    );
  });

  test('namespace bands follow the shown order', () => {
    const m = new MatrixModel(
      resultOf(
        [
          ['a', 'x'],
          ['a', 'y'],
          ['b', 'z'],
          ['c', 'w'],
        ],
        [
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
          [0, 0, 0, 0],
        ],
      ),
    );
    assert.deepEqual(namespaceBands(m, Int32Array.from([0, 1, 3])), [
      { namespace: 'a', start: 0, count: 2 },
      { namespace: 'c', start: 2, count: 1 },
    ]);
  });
});

describe('virtual window', () => {
  const axis = (scroll: number, viewport = 500, count = 5000): Axis => ({ scroll, viewport, header: 150, cell: 24, count });

  test('at the top, in the middle and at the end', () => {
    // 350 px of cells under a 150 px header: cells 0..14 (the 15th partly), plus 2 of overscan.
    assert.deepEqual(visibleSpan(axis(0)), { start: 0, end: 17 });
    assert.deepEqual(visibleSpan(axis(2400)), { start: 98, end: 117 });
    const end = 5000 * 24 + 150 - 500;
    assert.deepEqual(visibleSpan(axis(end)), { start: 4983, end: 5000 });
    assert.deepEqual(visibleSpan(axis(0, 500, 0)), { start: 0, end: 0 });
    assert.equal(pageSize(axis(0)), 14);
  });

  test('every cell that intersects the viewport is in the span; the span is small', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 160, max: 2000 }), fc.nat(200_000), (count, viewport, raw) => {
        const max = Math.max(0, count * 24 + 150 - viewport);
        const a = axis(Math.min(raw, max), viewport, count);
        const span = visibleSpan(a, 0);
        for (let i = 0; i < count; i++) {
          const top = i * 24 - a.scroll;
          const visible = top + 24 > 0 && top < viewport - 150;
          if (visible) assert.ok(i >= span.start && i < span.end, `${i} not in ${JSON.stringify(span)}`);
        }
        assert.ok(span.end - span.start <= Math.ceil((viewport - 150) / 24) + 1);
      }),
      { numRuns: 200 },
    );
  });

  test('scrollToShow brings a cell wholly under the header and leaves a visible one alone', () => {
    fc.assert(
      fc.property(fc.nat(4999), fc.nat(100_000), (i, scroll) => {
        const a = axis(scroll);
        const s = scrollToShow(a, i);
        assert.ok(i * 24 >= s && i * 24 + 24 <= s + (500 - 150), `${i} at ${s}`);
        const top = i * 24;
        if (top >= scroll && top + 24 <= scroll + 350) assert.equal(s, scroll);
      }),
    );
  });
});

describe('exports of the view', () => {
  test('with no filter, CSV and Markdown equal the CLI renderers, cell for cell', () => {
    for (const path of ['test/fixtures/cli/ports', 'examples/aks-shop', 'examples/retail-store']) {
      const ws = loadWorkspace(path);
      const conn = computeConnectivity(ws.model, defaultEngine);
      const m = new MatrixModel(matrixResultOf(conn, ws, 'generic', completenessView(ws, defaultEngine)));
      const v = filterView(m, defaultView);
      const opts = { color: false, engine: 'generic' };
      assert.equal(viewToCsv(m, v), `${renderMatrix(conn, 'csv', opts)}\n`, path);
      assert.equal(viewToMarkdown(m, v), `${renderMatrix(conn, 'md', opts)}\n`, path);
    }
  });

  test('filtered: only the rows and columns shown; a cell hidden by a cell filter is empty', () => {
    const m = new MatrixModel(
      resultOf(
        [
          ['a', 'x'],
          ['a', 'y|z'],
        ],
        [
          [0, 2],
          [1, 3],
        ],
      ),
    );
    const v = filterView(m, { ...defaultView, port: 'TCP/80' });
    assert.equal(viewToCsv(m, v), 'from \\ to,a/x[Pod],a/y|z[Pod]\na/x[Pod],,"TCP 80,443"\na/y|z[Pod],All Connections,\n');
    assert.equal(
      viewToMarkdown(m, v),
      '| from \\ to | a/x[Pod] | a/y\\|z[Pod] |\n|---|---|---|\n| a/x[Pod] |  | TCP 80,443 |\n| a/y\\|z[Pod] | All Connections |  |\n',
    );
  });
});

describe('standalone page', () => {
  test('the embedded JSON cannot close its script element and reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '/', 's', 'c', 'r', 'i', 'p', 't', '>', '!', '-', '&', '\u2028', 'a') }), (s) => {
        const out = jsonForScript({ s });
        assert.ok(!/[<>]/.test(out));
        assert.deepEqual(JSON.parse(out), { s });
      }),
    );
    const page = standalonePage({
      data: { result: resultOf([], []), source: '</script><script>alert(1)</script>', generated: 'now' },
      script: 'const s = "</script>";',
      css: 'a::after { content: "</style>" }',
      nonce: 'abc"def',
      title: '<b>t</b>',
    });
    assert.equal((page.match(/<\/script>/gi) ?? []).length, 2, page);
    assert.equal((page.match(/<\/style>/gi) ?? []).length, 1, page);
    assert.ok(page.includes("script-src 'nonce-abcdef'"));
    assert.ok(page.includes('<title>&#60;b&#62;t&#60;/b&#62;</title>'));
  });
});

describe('cells that differ only in certainty', () => {
  const reason = 'default/db-pg spec.ingress[0].ports[0] (named port "pg"): azure-npm-windows does not support named ports';
  const text = readFileSync(join(fixturesDir, 'engine', 'azure-npm-windows', 'named-port.yaml'), 'utf8');
  /** The result the server sends for named-port.yaml shown under `current`, compared with `against` (an engine, or the disk holding `disk`). */
  function compared(current: string, against: string, disk = text): MatrixResult {
    const engine = (id: string) => findEngine(id) as EngineProfile;
    const sets = new ConnectionSets();
    const now = matrixGrid(computeConnectivity(workspaceFromText({ 'a.yaml': text }).model, engine(current)), sets);
    const baseline = against === 'disk' ? current : against;
    const model = against === 'disk' ? workspaceFromText({ 'a.yaml': disk }).model : workspaceFromText({ 'a.yaml': text }).model;
    const before = matrixGrid(computeConnectivity(model, engine(baseline)), sets);
    const c = compareGrids(now, before, sets, { baseline, current });
    return {
      engine: current,
      workloads: now.workloads.map((w) => ({ id: w.id, namespace: w.namespace, name: w.name, kind: w.kind })),
      rows: now.rows,
      connections: sets.list,
      completeness: completeFor(),
      changes: { against, cells: c.cells, uncertainCells: c.uncertainCells, ...c.comparison, added: c.added, removed: c.removed },
    };
  }

  test('generic compared with azure-npm-windows: no result differs, the uncertainty is named by its engine', () => {
    const r = compared('generic', 'azure-npm-windows');
    assert.equal(
      summaryText(r),
      'On azure-npm-windows instead of generic: no result differs; 2 cells are uncertain only under azure-npm-windows.',
    );
    const m = new MatrixModel(r);
    assert.equal(m.changed.size, 0, 'no cell is marked as changed');
    assert.equal(filterView(m, { ...defaultView, onlyChanged: true }).rows.length, 0);
    assert.equal(m.uncertainOnlyBefore(0, 1), true);
    assert.equal(cellLabel(m, 0, 1), `client → db: TCP 5432 (the same on azure-npm-windows; uncertain on azure-npm-windows: ${reason})`);
    assert.equal(cellTitle(m, 0, 1).split('\n').at(-1), `the same on azure-npm-windows; uncertain on azure-npm-windows: ${reason}`);
    assert.deepEqual(
      uncertainLegend(m),
      [{ kind: 'other', text: 'Uncertain only on azure-npm-windows' }],
      'nothing under generic is uncertain',
    );
  });

  test('azure-npm-windows compared with generic: the ? cells are the engine’s own', () => {
    const r = compared('azure-npm-windows', 'generic');
    assert.equal(
      summaryText(r),
      'On generic instead of azure-npm-windows: no result differs; 2 cells are uncertain only under azure-npm-windows.',
    );
    const m = new MatrixModel(r);
    assert.equal(m.changed.size, 0);
    assert.equal(m.uncertainOnlyBefore(0, 1), false);
    assert.equal(
      cellLabel(m, 0, 1),
      `client → db: TCP 5432 (the same on generic, certain there); uncertain on azure-npm-windows: ${reason}`,
    );
    assert.deepEqual(uncertainLegend(m), [{ kind: 'own', text: 'Uncertain on azure-npm-windows' }]);
  });

  test('results and certainty together, and against the disk', () => {
    const r = compared('generic', 'azure-npm-windows');
    const c = r.changes as NonNullable<MatrixResult['changes']>;
    assert.equal(
      summaryText({ ...r, changes: { ...c, closed: 3, uncertainOnly: { baseline: 2, current: 1 } } }),
      'On azure-npm-windows instead of generic: 3 connections open; 2 cells are uncertain only under azure-npm-windows, 1 only under generic.',
    );
    const disk = compared('azure-npm-windows', 'disk', text.replace('ports: [{ port: pg }]', 'ports: [{ port: 5432 }]'));
    assert.equal(disk.changes?.cells.length, 0);
    assert.equal(summaryText(disk), 'Unsaved edits open 0 connections and close 0. 2 cells become uncertain on azure-npm-windows.');
    const m = new MatrixModel(disk);
    assert.equal(cellLabel(m, 0, 1), `client → db: TCP 5432 (the same on disk, certain there); uncertain on azure-npm-windows: ${reason}`);
  });
});
