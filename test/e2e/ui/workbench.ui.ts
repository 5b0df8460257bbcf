// The rendered workbench, as a person sees it: the squiggle and its message, a hover on a selector,
// and the reachability panel's grid in its webview. Screenshots go to test/e2e/artifacts/ui/.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { Locator, Page } from 'playwright-core';
import type { WatchedPage } from '../harness/browser';
import { newWatchedPage } from '../harness/browser';
import { hoverOver, openWorkbench, quickOpen, runCommand, tokenOnLine, webviewFrame } from '../harness/workbench';
import { linkedServer, sharedBrowser, uiArtifact, workspace } from './context';

/** The extension's status bar item (`netpol: ENGINE`). */
const statusItem = (page: Page): Locator => page.locator('.statusbar-item', { hasText: 'netpol:' }).first();

describe('workbench (UI)', function () {
  this.timeout(60_000);
  let w: WatchedPage;

  before(async () => {
    const server = await linkedServer();
    w = await newWatchedPage(sharedBrowser(), uiArtifact('workbench-console.log'));
    await openWorkbench(w.page, server.folderUrl(workspace('aks-demo', { example: 'aks-demo' })));
    await quickOpen(w.page, 'AllowWebToDBPolicy.yaml');
  });

  after(async () => {
    await w?.page.screenshot({ path: uiArtifact('workbench-last.png') }).catch(() => undefined);
    await w?.context.close();
  });

  it('squiggles the invalid name of AllowWebToDBPolicy.yaml (opened with Quick Open)', async () => {
    const { page } = w;
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    const hover = await hoverOver(page, await tokenOnLine(page, 6, 'AllowWebToDBPolicy'));
    await hover.getByText('RFC 1123 subdomain', { exact: false }).first().waitFor({ timeout: 10_000 });
    assert.match(await hover.innerText(), /allow-web-to-db-policy/);
    await page.waitForTimeout(400); // the hover fades in
    await page.screenshot({ path: uiArtifact('diagnostics.png') });
    await page.mouse.move(5, 5);
  });

  it('puts the status bar item in its warning state while a policy is not counted', async () => {
    const { page } = w;
    const item = statusItem(page);
    await page.locator('.statusbar-item.warning-kind', { hasText: 'netpol:' }).waitFor({ timeout: 30_000 });
    assert.equal(await item.locator('.codicon-warning').count(), 1, 'the $(warning) icon');
    const label = (await item.locator('a').first().getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /Incomplete: 1 object not counted: results may be wrong/);
    await item.hover();
    const tip = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Show what was not analysed' }).first();
    await tip.waitFor({ timeout: 10_000 });
    assert.match(await tip.innerText(), /Show problems/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: uiArtifact('status-incomplete.png') });
    await page.mouse.move(5, 5);
    // The click offers what to do about it.
    await item.click();
    const picks = page.locator('.quick-input-list .monaco-list-row');
    await picks.first().waitFor({ timeout: 10_000 });
    assert.deepEqual(
      (await picks.allInnerTexts()).map((t) => t.split('\n')[0]?.trim()),
      ['Show what was not analysed', 'Show problems', 'Select engine'],
    );
    await page.keyboard.press('Escape');
  });

  it('hovers spec.podSelector and lists db', async () => {
    const { page } = w;
    const hover = await hoverOver(page, await tokenOnLine(page, 9, 'podSelector'));
    await hover.getByText('default/db[Pod]').first().waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    assert.match(text, /selects 1 workload/);
    assert.doesNotMatch(text, /default\/web\[Pod\]/);
    await page.waitForTimeout(400);
    await page.screenshot({ path: uiArtifact('hover.png') });
    await page.mouse.move(5, 5);
  });

  it('runs Show reachability from the command palette and renders the grid', async () => {
    const { page } = w;
    await runCommand(page, 'NetworkPolicy: Show reachability');
    const frame = webviewFrame(page);
    const cells = frame.locator('[role=gridcell]');
    await cells.first().waitFor({ timeout: 30_000 });
    await frame.locator('#grid[role=grid]').waitFor();
    const statuses: (string | null)[] = [];
    for (const cell of await cells.all()) statuses.push(await cell.getAttribute('data-status'));
    assert.equal(statuses.length, 9, `3 × 3 cells expected, got ${statuses.length}`);
    assert.ok(
      statuses.every((s) => s === 'all' || s === 'some' || s === 'none'),
      JSON.stringify(statuses),
    );
    // The walkthrough's point: the rejected policy does not count, the deny-all policy isolates all.
    assert.deepEqual(new Set(statuses), new Set(['none']));
    const from = await cells.first().getAttribute('data-from');
    assert.match(from ?? '', /^default\/(app|db|web)\[Pod\]$/);
    await page.waitForTimeout(300);
    await frame.locator('body').screenshot({ path: uiArtifact('matrix-webview.png') });
    await page.screenshot({ path: uiArtifact('matrix.png') });
  });

  it('shows a banner above the grid naming the policy left out, whose link opens it at its line', async () => {
    const { page } = w;
    const frame = webviewFrame(page);
    const banner = frame.locator('#completeness');
    await banner.waitFor({ timeout: 15_000 });
    assert.match(await banner.innerText(), /incomplete: 1 object not counted/);
    const link = banner.locator('li a').first();
    assert.match((await link.innerText()) ?? '', /^AllowWebToDBPolicy\.yaml:\d+$/);
    assert.match(
      await banner.locator('li').first().innerText(),
      /NetworkPolicy default\/AllowWebToDBPolicy not counted: the API server rejects it/,
    );
    const line = Number((await link.innerText()).split(':')[1]);
    await page.screenshot({ path: uiArtifact('matrix-incomplete.png') });
    await link.click();
    const cursor = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await page
      .locator('.statusbar-item', { hasText: `Ln ${line},` })
      .first()
      .waitFor({ timeout: 10_000 });
    assert.match(await cursor.innerText(), new RegExp(`Ln ${line}, Col`));
    // The editor group of the manifest (the panel has its own group and tab).
    assert.equal(await page.locator('.tabs-container .tab.active[data-resource-name="AllowWebToDBPolicy.yaml"]').count(), 1);
  });

  it('applies the quick fix from the editor (Ctrl+.) and the panel marks the cell it opens', async () => {
    const { page } = w;
    // Wide enough for the panel to show its explanation beside the grid (it hides it below 760 px):
    // a wider window, and the side bar closed (Ctrl+B).
    await page.setViewportSize({ width: 1760, height: 900 });
    await (await tokenOnLine(page, 6, 'AllowWebToDBPolicy')).click();
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 5_000 });
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Rename to "allow-web-to-db-policy"' }).first();
    // Ctrl+. right after the click can come before the code actions are known: ask again.
    for (let i = 0; i < 4 && !(await fix.isVisible()); i++) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await fix.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await fix.click({ timeout: 5_000 });
    const frame = webviewFrame(page);
    const changed = frame.locator('[role=gridcell][data-changed="true"]');
    await changed.first().waitFor({ timeout: 15_000 });
    assert.equal(await changed.count(), 1);
    assert.equal(await changed.getAttribute('data-from'), 'default/web[Pod]');
    assert.equal(await changed.getAttribute('data-to'), 'default/db[Pod]');
    assert.equal(await changed.getAttribute('data-status'), 'all');
    assert.match((await frame.locator('#summary').textContent()) ?? '', /open 1 connection/);
    await changed.click();
    const explain = frame.locator('#explain');
    await explain.getByText('allow-web-to-db-policy', { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: uiArtifact('matrix-changed.png') });
    // The unsaved fix counts the policy: nothing is left out, the banner and the status bar warning go.
    await frame.locator('#completeness').waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.statusbar-item.warning-kind', { hasText: 'netpol:' }).waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await statusItem(page).locator('.codicon-shield').count(), 1);
  });

  it('logs no console errors of its own', () => {
    assert.deepEqual(w.errors, []);
    assert.deepEqual(w.dialogs, []);
  });
});
