// `netpol-lens matrix` through the built CLI: the text grid (legend A / P / ., colour only when asked or on a
// terminal), json, csv, md and html, and the counts line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import {
  assertCliBuilt,
  assertUsageError,
  cliFixture,
  cliPath,
  lines,
  mdCells,
  parseCsv,
  repoRoot,
  runCli,
  runCliEnv,
} from '../support/cli';
import { decodeRow } from '../../server/src/protocol/protocol';
import type { MatrixResult } from '../../server/src/protocol/protocol';

const ports = cliFixture('ports');
const esc = '\u001b';
const ansi = new RegExp(`${esc}\\[[0-9;]*m`);
const ansiAll = new RegExp(ansi.source, 'g');
const workloads = ['ops/monitor[Pod]', 'shop/backend[Pod]', 'shop/db[Pod]', 'shop/frontend[Pod]'];
/** rows = sources, columns = destinations, in the order of `workloads`. */
const grid = [
  ['A', '.', '.', '.'],
  ['A', '.', 'P', '.'],
  ['A', '.', '.', '.'],
  ['A', 'P', '.', '.'],
];
const texts = [
  ['All Connections', 'No Connections', 'No Connections', 'No Connections'],
  ['All Connections', 'No Connections', 'TCP 5432,UDP 5432', 'No Connections'],
  ['All Connections', 'No Connections', 'No Connections', 'No Connections'],
  ['All Connections', 'TCP 8080,9090', 'No Connections', 'No Connections'],
];
const countsLine = '4 allowed, 2 on some ports, 10 denied (of 16 cells, self included)';

/** The rows of the text grid: `N  name  c c c c`. */
function gridRows(text: string): { n: number; name: string; cells: string[] }[] {
  return lines(text).flatMap((l) => {
    const m = /^\s*(\d+)\s{2}(\S+)\s+((?:[AP.] )*[AP.])$/.exec(l);
    return m ? [{ n: Number(m[1]), name: m[2] as string, cells: (m[3] as string).split(' ') }] : [];
  });
}

before(assertCliBuilt);

describe('matrix --format txt (default)', () => {
  test('title, legend, numbered grid, partial-port list and counts line', () => {
    const r = runCli(['matrix', ports]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = r.stdout.split('\n');
    assert.equal(out[0], 'Connectivity matrix (engine: generic): rows connect to columns');
    assert.equal(out[1], 'Legend: A all connections   P some ports   . denied');
    assert.deepEqual(
      gridRows(r.stdout),
      workloads.map((name, i) => ({ n: i + 1, name, cells: grid[i] })),
    );
    assert.ok(out.includes('Some ports:'));
    assert.ok(out.includes('  2 -> 3  shop/backend[Pod] => shop/db[Pod] : TCP 5432,UDP 5432'), r.stdout);
    assert.ok(out.includes('  4 -> 2  shop/frontend[Pod] => shop/backend[Pod] : TCP 8080,9090'), r.stdout);
    assert.equal(lines(r.stdout).at(-1), countsLine);
  });

  test('the column numbers (written vertically from 10 on) stand over their cells', () => {
    for (const path of [ports, 'examples/retail-store']) {
      const r = runCli(['matrix', path]);
      assert.equal(r.status, 0);
      const out = r.stdout.split('\n');
      const rows = gridRows(r.stdout);
      const n = rows.length;
      assert.ok(n > 0);
      const first = out.findIndex((l) => /^\s*1\s{2}\S/.test(l));
      const header = out.slice(first - String(n).length, first);
      const row = out[first] as string;
      const cellsStart = row.length - (2 * n - 1);
      for (let c = 1; c <= n; c++) {
        const digits = header.map((h) => h[cellsStart + 2 * (c - 1)] ?? ' ').join('');
        assert.equal(digits.trim(), String(c), `${path}: column ${c}\n${header.join('\n')}\n${row}`);
      }
      for (const x of rows) assert.equal(x.cells.length, n);
    }
  });

  test('no ANSI escapes when stdout is not a terminal, or with --no-color', () => {
    for (const args of [
      ['matrix', ports],
      ['matrix', '--no-color', ports],
      ['matrix', '--color', '--no-color', ports],
    ]) {
      const r = runCliEnv(args, { NO_COLOR: undefined, FORCE_COLOR: undefined });
      assert.equal(r.status, 0);
      assert.doesNotMatch(r.stdout, ansi, args.join(' '));
    }
  });

  test('--color: ANSI colours (green A, yellow P, dim red .) in the legend and cells, same grid underneath', () => {
    const r = runCliEnv(['matrix', '--color', ports], { NO_COLOR: '1' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, ansi);
    assert.ok(r.stdout.includes(`${esc}[32mA${esc}[0m all connections`), r.stdout);
    assert.ok(r.stdout.includes(`${esc}[33mP${esc}[0m some ports`), r.stdout);
    assert.ok(r.stdout.includes(`${esc}[2;31m.${esc}[0m denied`), r.stdout);
    const plain = r.stdout.replace(ansiAll, '');
    assert.equal(plain, runCli(['matrix', ports]).stdout);
  });

  test('on a terminal: colour by default, none with NO_COLOR', { skip: !hasScript() && 'needs script(1) for a pseudo-terminal' }, () => {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} matrix ${ports}`;
    const tty = (env: Record<string, string | undefined>): string => {
      const full: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) full[k] = v;
      return spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: repoRoot, env: full, encoding: 'utf8' }).stdout;
    };
    assert.match(tty({ NO_COLOR: undefined }), ansi);
    assert.doesNotMatch(tty({ NO_COLOR: '1' }), ansi);
  });
});

describe('matrix other formats', () => {
  test('json: engine, workloads, cells (connection text), counts', () => {
    const r = runCli(['matrix', '--format', 'json', ports]);
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stdout, ansi);
    assert.deepEqual(JSON.parse(r.stdout), {
      engine: 'generic',
      workloads,
      cells: texts,
      counts: { all: 4, some: 2, none: 10 },
      completeness: {
        complete: true,
        items: [],
        counts: { files: 0, objects: 0, uncertain: 0 },
        summary: 'complete: every file and object was analysed',
      },
    });
  });

  test('json never carries colour, even with --color', () => {
    const r = runCli(['matrix', '--format', 'json', '--color', ports]);
    assert.doesNotMatch(r.stdout, ansi);
    JSON.parse(r.stdout);
  });

  test('csv: a header of destinations, one row per source, commas quoted', () => {
    const r = runCli(['matrix', '--format', 'csv', ports]);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.includes('"TCP 8080,9090"'));
    const rows = parseCsv(r.stdout);
    assert.deepEqual(rows[0], ['from \\ to', ...workloads]);
    assert.deepEqual(
      rows.slice(1),
      workloads.map((w, i) => [w, ...(texts[i] as string[])]),
    );
  });

  test('md: a table, denied cells as an em dash', () => {
    const r = runCli(['matrix', '--format', 'md', ports]);
    assert.equal(r.status, 0);
    const out = lines(r.stdout);
    assert.deepEqual(mdCells(out[0] as string), ['from \\ to', ...workloads]);
    assert.match(out[1] as string, /^\|(-+\|){5}$/);
    assert.deepEqual(
      out.slice(2).map(mdCells),
      workloads.map((w, i) => [w, ...(texts[i] as string[]).map((t) => (t === 'No Connections' ? '—' : t))]),
    );
  });

  test('an unknown format is a usage error', () => {
    assertUsageError(runCli(['matrix', '--format', 'svg', ports]), /unknown --format "svg" for matrix/);
  });

  test('--format html: the panel renderer as a standalone page, with the matrix embedded as JSON', () => {
    const r = runCli(['matrix', '--format', 'html', ports]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^<!DOCTYPE html>\n<html[\s>]/);
    assert.match(r.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-[^']+';/);
    const json = /<script type="application\/json" id="netpol-data">([^<]*)<\/script>/.exec(r.stdout);
    assert.ok(json, 'embedded data');
    const data = JSON.parse(json[1] as string) as { result: MatrixResult; source: string };
    assert.equal(data.source, `netpol-lens matrix ${ports}`);
    assert.deepEqual(
      data.result.workloads.map((w) => w.id),
      workloads,
    );
    const n = workloads.length;
    assert.deepEqual(
      data.result.rows.map((row) => Array.from(decodeRow(row, n), (i) => data.result.connections[i]?.text)),
      texts,
    );
    assert.deepEqual(
      data.result.rows.map((row) =>
        Array.from(decodeRow(row, n), (i) => ({ all: 'A', some: 'P', none: '.' })[data.result.connections[i]?.status ?? 'none']),
      ),
      grid,
    );
    // The bundle is inlined (no file beside the page is needed) and its scripts are the only ones.
    assert.equal((r.stdout.match(/<script\b/g) ?? []).length, 2);
    assert.doesNotMatch(r.stdout, /<script[^>]+src=/);
  });

  test('--format html --namespace: only those workloads', () => {
    const r = runCli(['matrix', '--format', 'html', '--namespace', 'shop', ports]);
    assert.equal(r.status, 0, r.stderr);
    const json = /id="netpol-data">([^<]*)<\/script>/.exec(r.stdout);
    const data = JSON.parse(json?.[1] ?? 'null') as { result: MatrixResult };
    assert.deepEqual(
      data.result.workloads.map((w) => w.id),
      workloads.filter((w) => w.startsWith('shop/')),
    );
  });
});

function hasScript(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}
