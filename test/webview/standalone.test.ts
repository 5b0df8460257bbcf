// The reachability view in a real browser (Chromium through playwright-core): the standalone page of
// `netpol-lens matrix --format html` shows the cells netpol-lens connlist computes, renders names from
// manifests as text, keeps only the visible cells of a 5,000-workload grid in the DOM, scrolls and moves
// with the keyboard, and marks the cells uncertain on the engine as `matrix --engine` does. Render figures
// are printed as test diagnostics; screenshots go to $TMPDIR.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { assertCliBuilt, runCli } from '../support/cli';
import { connlistFacts } from '../support/connlistFacts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath} (install chromium, or set CHROMIUM_PATH)`;
const shots = process.env.NETPOL_SCREENSHOTS ?? tmpdir();

let browser: Browser;
let dir: string;

/** Writes the page of `matrix --format html --allow-incomplete PATH [OPTIONS]` and returns its file (the examples leave objects out on purpose). */
function page(name: string, path: string, ...options: string[]): string {
  const r = runCli(['matrix', '--format', 'html', '--allow-incomplete', ...options, path]);
  assert.equal(r.status, 0, r.stderr);
  const file = join(dir, `${name}.html`);
  writeFileSync(file, r.stdout);
  return file;
}

/** Opens a page; any dialog or page error fails the test that caused it. */
async function open(
  file: string,
  opts: { width?: number; height?: number; scheme?: 'dark' | 'light' } = {},
): Promise<{ p: Page; problems: string[] }> {
  const p = await browser.newPage({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.scheme ?? 'dark',
  });
  const problems: string[] = [];
  p.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await p.goto(`file://${file}`);
  await p.waitForSelector('[role=gridcell]', { timeout: 10_000 });
  return { p, problems };
}

interface CellInfo {
  from: string;
  to: string;
  status: string;
  text: string;
  label: string;
}

/** The rendered cells; the connection text is the end of the aria-label (`web → db: TCP 80`). */
async function cells(p: Page): Promise<CellInfo[]> {
  const raw = await p.evaluate<Omit<CellInfo, 'text'>[]>(`[...document.querySelectorAll('[role=gridcell]')].map((c) => ({
    from: c.dataset.from, to: c.dataset.to, status: c.dataset.status,
    label: c.getAttribute('aria-label') }))`);
  return raw.map((c) => ({ ...c, text: c.label.slice(c.label.lastIndexOf(': ') + 2) }));
}

/** Polls an expression (page.waitForFunction would eval a string, which the page's CSP forbids). */
async function until(p: Page, expression: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await p.evaluate<boolean>(expression)) return;
    await p.waitForTimeout(50);
  }
  assert.fail(`timed out waiting for ${expression}`);
}

/** Two animation frames: the scroll handler's frame has rendered. */
async function frames(p: Page): Promise<void> {
  await p.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

before(async () => {
  if (skip) return;
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'netpol-lens-webview-'));
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('standalone page in Chromium', { skip }, () => {
  test('examples: every cell says what netpol-lens connlist says', async (t) => {
    for (const example of ['examples/aks-demo', 'examples/aks-shop']) {
      const { p, problems } = await open(page(example.replace(/\W/g, '-'), example));
      const facts = connlistFacts(runCli(['connlist', example]).stdout);
      const shown = await cells(p);
      const ids = new Set(shown.map((c) => c.from));
      assert.equal(shown.length, ids.size * ids.size, 'a small grid is rendered whole');
      const fromCells = new Set<string>();
      for (const c of shown) {
        assert.ok(['all', 'some', 'none'].includes(c.status), JSON.stringify(c));
        if (c.from === c.to) continue;
        if (c.status === 'none') assert.equal(c.text, 'No Connections');
        else fromCells.add(`${c.from} => ${c.to} : ${c.text}`);
      }
      const workloadFacts = [...connlistFacts([...fromCells].join('\n'))];
      const expected = [...facts].filter((f) => !f.includes('[External]'));
      assert.deepEqual(workloadFacts.sort(), expected.sort(), example);
      if (example.endsWith('aks-demo')) {
        // The walkthrough: web cannot reach db (the policy that would allow it is rejected).
        const cell = p.locator('[data-from="default/web[Pod]"][data-to="default/db[Pod]"]');
        assert.equal(await cell.getAttribute('data-status'), 'none');
        assert.equal(await cell.getAttribute('aria-label'), 'web → db: No Connections');
        await cell.click();
        const explain = await p.locator('#explain').innerText();
        assert.match(explain, /Denied: No Connections/);
        assert.match(explain, /netpol-lens explain examples\/aks-demo --from default\/web --to default\/db/);
        await p.screenshot({ path: join(shots, 'netpol-webview-aks-demo.png') });
      } else {
        const cell = p.locator('[data-from="frontend/web[Deployment]"][data-to="backend/api[Deployment]"]');
        assert.equal(await cell.getAttribute('data-status'), 'some');
        assert.equal(await cell.getAttribute('aria-label'), 'frontend/web → backend/api: TCP 8080');
        await cell.click();
        await p.screenshot({ path: join(shots, 'netpol-webview-aks-shop-dark.png') });
        // Filters: a port, then only denied.
        await p.fill('#filter-port', 'TCP/5432');
        await until(p, `document.querySelectorAll('[role=gridcell]').length < ${shown.length}`);
        const byPort = (await cells(p)).filter((c) => c.text && !c.label.endsWith('No Connections'));
        assert.ok(byPort.length > 0);
        for (const c of await cells(p)) {
          const passes = (await p.locator(`[data-from="${c.from}"][data-to="${c.to}"]`).getAttribute('class'))?.includes('off') === false;
          if (passes) assert.ok(c.text === 'All Connections' || /TCP [^U]*5432/.test(c.text), JSON.stringify(c));
        }
        await p.fill('#filter-port', '');
        await p.check('#only-denied');
        await until(p, `!document.querySelector('[role=gridcell].all:not(.off)')`);
        assert.ok((await p.locator('[role=gridcell][data-status=none]').count()) > 0);
        const light = await open(page('aks-shop-light', example), { scheme: 'light' });
        await light.p.locator('[data-from="frontend/web[Deployment]"][data-to="backend/api[Deployment]"]').click();
        await light.p.screenshot({ path: join(shots, 'netpol-webview-aks-shop-light.png') });
        assert.deepEqual(light.problems, []);
        await light.p.close();
      }
      assert.deepEqual(problems, []);
      await p.close();
    }
    t.diagnostic(`screenshots in ${shots}/netpol-webview-*.png`);
  });

  test('uncertain cells under --engine azure-npm-windows: the cells `matrix` marks with ?, with the reason', async () => {
    const example = 'examples/aks-shop';
    // The text matrix: `N  id   ` then two characters a cell, the second `?` when uncertain.
    const txt = runCli(['matrix', '--engine', 'azure-npm-windows', example]).stdout.split('\n');
    const rows = txt.flatMap((l) => {
      const m = /^\s*\d+\s+(\S+)\s+((?:[AP.][? ])*[AP.]\??)\s*$/.exec(l);
      return m ? [{ id: m[1] as string, cells: m[2] as string }] : [];
    });
    assert.equal(rows.length, 8, txt.join('\n'));
    const expected = rows.flatMap((r) => rows.flatMap((c, j) => (r.cells[2 * j + 1] === '?' ? [`${r.id} -> ${c.id}`] : []))).sort();
    assert.ok(expected.length > 0, 'aks-shop has uncertain cells on azure-npm-windows');
    for (const scheme of ['dark', 'light'] as const) {
      const { p, problems } = await open(page(`aks-shop-windows-${scheme}`, example, '--engine', 'azure-npm-windows'), { scheme });
      const shown = await p.evaluate<{ from: string; to: string; label: string; badge: string }[]>(
        `[...document.querySelectorAll('[role=gridcell][data-uncertain=true]')].map((c) => ({ from: c.dataset.from, to: c.dataset.to,
          label: c.getAttribute('aria-label'), badge: getComputedStyle(c, '::before').content }))`,
      );
      assert.deepEqual(shown.map((c) => `${c.from} -> ${c.to}`).sort(), expected);
      for (const c of shown) {
        assert.match(c.label, /; uncertain on azure-npm-windows: .*azure-npm-windows does not support/, c.label);
        assert.equal(c.badge, '"?"');
      }
      assert.match(await p.locator('#engine').innerText(), /azure-npm-windows/);
      assert.match(await p.locator('#legend').innerText(), /Uncertain on azure-npm-windows/);
      assert.equal(await p.locator('#compare').count(), 0, 'no server to compare with');
      const first = p.locator('[role=gridcell][data-uncertain=true]').first();
      await first.click();
      assert.match(await p.locator('#explain').innerText(), /Uncertain on azure-npm-windows:\s+\S+ spec\./);
      await first.hover();
      assert.match((await first.getAttribute('title')) ?? '', /\nUncertain on azure-npm-windows: /);
      await p.screenshot({ path: join(shots, `netpol-webview-uncertain-standalone-${scheme}.png`) });
      assert.deepEqual(problems, []);
      await p.close();
    }
  });

  test('names and labels from manifests render as text: no element, no script, no dialog', async () => {
    const ws = join(dir, 'xss');
    mkdirSync(ws);
    const img = '<img src=x onerror=alert(1)>';
    const script = '</script><script>alert(1)</script>';
    writeFileSync(
      join(ws, 'pods.yaml'),
      [
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${img}"\n  namespace: "${script}"\n  labels:\n    app: "${img}"\nspec:\n  containers:\n    - name: c\n      image: nginx`,
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "${script}"\n  namespace: default\n  labels:\n    app: "${script}"\nspec:\n  containers:\n    - name: c\n      image: nginx`,
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: "${img}"\n  namespace: default\nspec:\n  podSelector:\n    matchLabels:\n      app: "${script}"\n  ingress:\n    - from:\n        - podSelector: {}`,
      ].join('\n---\n'),
    );
    const { p, problems } = await open(page('xss', ws));
    await p.locator('[role=gridcell]').first().click();
    await p.waitForTimeout(200);
    assert.equal(await p.locator('img').count(), 0);
    assert.equal(await p.locator('script').count(), 2, 'only the page’s own data and code');
    const headers = await p.locator('.rh .name').allInnerTexts();
    assert.deepEqual(headers.sort(), [img, script].sort());
    const explain = await p.locator('#explain').innerText();
    assert.ok(explain.includes(`${script}/${img}[Pod]`), explain);
    assert.ok((await p.locator('#filter-namespace').innerText()).includes(script));
    // The policy's name is invalid: the banner names it, as text.
    assert.ok((await p.locator('#completeness').innerText()).includes(`default/${img} not counted`));
    await p.screenshot({ path: join(shots, 'netpol-webview-xss.png') });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('an incomplete input: the banner above the grid says what is left out, each file:line as text', async () => {
    const ws = join(dir, 'broken');
    mkdirSync(ws);
    const pod = (name: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: x}]}\n`;
    writeFileSync(join(ws, 'pods.yaml'), `${pod('a')}---\n${pod('b')}`);
    writeFileSync(
      join(ws, 'deny.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress\n',
    );
    const stderr = runCli(['matrix', ws]).stderr;
    const { p, problems } = await open(page('broken', ws));
    const banner = p.locator('#completeness');
    assert.equal(await banner.isVisible(), true);
    const text = await banner.innerText();
    assert.match(text, /incomplete: 1 file not fully analysed/);
    // The same item the CLI prints on stderr (`FILE:LINE:COL message`), here as `FILE:LINE message`.
    const cliItem = /^netpol-lens: (\S+):(\d+):\d+ (.*)$/m.exec(stderr);
    assert.ok(cliItem, stderr);
    assert.equal(await banner.locator('li').innerText(), `${cliItem[1]}:${cliItem[2]} ${cliItem[3]}`);
    assert.equal(await banner.locator('a').count(), 0, 'nothing to open a file with in a page');
    const box = await banner.boundingBox();
    const grid = await p.locator('[role=grid]').boundingBox();
    assert.ok(box && grid && box.y + box.height <= grid.y + 1, 'above the grid');
    await p.screenshot({ path: join(shots, 'netpol-webview-incomplete-standalone.png') });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('a narrow panel (beside the editor) shows the explanation under the grid', async () => {
    const { p, problems } = await open(page('narrow', 'examples/aks-demo'), { width: 520, height: 700 });
    await p.locator('[role=gridcell]').first().click();
    await p.waitForTimeout(200);
    const grid = await p.locator('#grid').boundingBox();
    const explain = await p.locator('#explain').boundingBox();
    assert.ok(grid && explain && explain.height > 50, JSON.stringify({ grid, explain }));
    assert.ok(explain.y >= grid.y + grid.height - 1, 'under the grid');
    assert.match(await p.locator('#explain').innerText(), /default\/app\[Pod\]/);
    await p.screenshot({ path: join(shots, 'netpol-webview-narrow.png') });
    assert.deepEqual(problems, []);
    await p.close();
  });

  test('5,000 workloads: only visible cells in the DOM, scrolling to the far corner, keyboard moves', async (t) => {
    const ws = join(dir, 'big');
    mkdirSync(ws);
    const nsCount = 50;
    const perNs = 100;
    for (let n = 0; n < nsCount; n++) {
      const ns = `team-${String(n).padStart(2, '0')}`;
      const docs: string[] = [];
      for (let i = 0; i < perNs; i++) {
        docs.push(
          `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app-${String(i).padStart(3, '0')}\n  namespace: ${ns}\n  labels:\n    tier: t${i % 4}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      ports:\n        - containerPort: 80`,
        );
      }
      // Half the namespaces admit their own tier t0 on TCP 80 only; the others are open.
      if (n % 2 === 0) {
        docs.push(
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              tier: t0\n      ports:\n        - port: 80`,
        );
      }
      writeFileSync(join(ws, `${ns}.yaml`), docs.join('\n---\n'));
    }
    const t0 = Date.now();
    const file = page('big', ws);
    const cliMs = Date.now() - t0;
    const loadStart = Date.now();
    const { p, problems } = await open(file, { width: 1400, height: 900 });
    const loadMs = Date.now() - loadStart;
    const firstRender = await p.evaluate<number>(`performance.getEntriesByName('netpol:rendered')[0]?.startTime ?? -1`);
    const count = await p.locator('[role=gridcell]').count();
    assert.ok(count > 100 && count < 5000, `${count} cells in the DOM`);
    assert.equal(await p.locator('.rh').count(), await p.evaluate(`document.querySelectorAll('.row').length`));

    // Scroll to the far corner: the last workload's row and column are there.
    const last = `team-${String(nsCount - 1).padStart(2, '0')}/app-${String(perNs - 1).padStart(3, '0')}[Pod]`;
    await p.evaluate(
      `(() => { const g = document.getElementById('grid'); g.scrollTop = g.scrollHeight; g.scrollLeft = g.scrollWidth; })()`,
    );
    await frames(p);
    const corner = p.locator(`[data-from="${last}"][data-to="${last}"]`);
    assert.equal(await corner.count(), 1, 'the last cell is rendered');
    assert.ok(await corner.isVisible());
    assert.ok((await p.locator('[role=gridcell]').count()) < 5000);
    await p.screenshot({ path: join(shots, 'netpol-webview-5000-corner.png') });

    // Scrolling, 60 frames each: smooth (2 rows and 1 column a frame) and jumps of a whole screen (600 x 300 px).
    // The figure is the render's own time (DOM work, in #grid[data-render-ms]), not the frame.
    const scrollRenders = async (dy: number, dx: number): Promise<{ median: number; p95: number }> => {
      const ms = await p.evaluate<number[]>(`(async () => {
        const g = document.getElementById('grid');
        g.scrollTop = 0; g.scrollLeft = 0;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const out = [];
        for (let i = 0; i < 60; i++) {
          g.scrollTop += ${dy}; g.scrollLeft += ${dx};
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          out.push(Number(g.dataset.renderMs));
        }
        return out;
      })()`);
      const sorted = [...ms].sort((a, b) => a - b);
      return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
    };
    const smooth = await scrollRenders(48, 24);
    const jumps = await scrollRenders(600, 300);
    assert.ok(smooth.median < 16, `a render while scrolling takes ${smooth.median.toFixed(1)} ms (median): more than a frame`);
    const fmt = (x: { median: number; p95: number }): string => `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms`;

    // Keyboard: from the first cell, right, down, End, Ctrl+End, PageDown, Home.
    await p.evaluate(`(() => { const g = document.getElementById('grid'); g.scrollTop = 0; g.scrollLeft = 0; })()`);
    await frames(p);
    await p.locator('[role=gridcell]').first().click();
    const focused = async (): Promise<{ from: string; to: string }> =>
      await p.evaluate<{ from: string; to: string }>(
        `({ from: document.activeElement?.dataset.from, to: document.activeElement?.dataset.to })`,
      );
    assert.deepEqual(await focused(), { from: 'team-00/app-000[Pod]', to: 'team-00/app-000[Pod]' });
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowDown');
    assert.deepEqual(await focused(), { from: 'team-00/app-001[Pod]', to: 'team-00/app-001[Pod]' });
    await p.keyboard.press('End');
    assert.deepEqual(await focused(), { from: 'team-00/app-001[Pod]', to: last });
    await p.keyboard.press('Control+End');
    assert.deepEqual(await focused(), { from: last, to: last });
    await p.keyboard.press('Control+Home');
    await p.keyboard.press('PageDown');
    const paged = await focused();
    assert.notEqual(paged.from, 'team-00/app-000[Pod]');
    assert.equal(paged.to, 'team-00/app-000[Pod]');
    const outline = await p.evaluate<string>(`getComputedStyle(document.activeElement).outlineStyle`);
    assert.equal(outline, 'solid', 'a visible focus ring');
    await p.keyboard.press('Enter');
    assert.match(await p.locator('#explain').innerText(), new RegExp(`${paged.from.replace(/[[\]]/g, '\\$&')}`));
    await p.screenshot({ path: join(shots, 'netpol-webview-5000.png') });

    // Filtering 25 M cells by port.
    const filterMs = await p.evaluate<number>(`(async () => {
      const t = performance.now();
      const input = document.getElementById('filter-port');
      input.value = 'TCP/80';
      input.dispatchEvent(new Event('input'));
      await new Promise((r) => setTimeout(r, 130));
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t - 120;
    })()`);
    assert.deepEqual(problems, []);
    t.diagnostic(
      `5,000 workloads: CLI page ${cliMs} ms; page load to grid ${loadMs} ms (first render at ${firstRender.toFixed(0)} ms after navigation); ` +
        `${count} cells in the DOM; render while scrolling ${fmt(smooth)}, per screen-sized jump ${fmt(jumps)}; port filter ${filterMs.toFixed(0)} ms`,
    );
    await p.close();
  });
});
