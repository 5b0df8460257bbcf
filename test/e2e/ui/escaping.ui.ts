// Names and label values come from the user's files: the panel shows them as text, never as HTML.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { WatchedPage } from '../harness/browser';
import { newWatchedPage } from '../harness/browser';
import { openWorkbench, quickOpen, runCommand, webviewFrame } from '../harness/workbench';
import { linkedServer, sharedBrowser, uiArtifact, workspace } from './context';

const evil = '<img src=x onerror=alert(1)>';
const pods = `apiVersion: v1
kind: Pod
metadata:
  name: "${evil}"
  namespace: default
  labels:
    app: "${evil}"
spec:
  containers:
    - name: c
      image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  containers:
    - name: c
      image: nginx
`;

describe('webview escaping (UI)', function () {
  this.timeout(60_000);
  let w: WatchedPage;

  before(async () => {
    const server = await linkedServer();
    w = await newWatchedPage(sharedBrowser(), uiArtifact('escaping-console.log'));
    await openWorkbench(w.page, server.folderUrl(workspace('evil', { files: { 'pods.yaml': pods } })));
  });

  after(async () => {
    await w?.context.close();
  });

  it(`renders a pod named and labelled ${evil} as text, with no img element`, async () => {
    const { page } = w;
    await quickOpen(page, 'pods.yaml');
    await runCommand(page, 'NetworkPolicy: Show reachability');
    const frame = webviewFrame(page);
    await frame.locator('[role=gridcell]').first().waitFor({ timeout: 30_000 });
    await frame.getByText(evil, { exact: false }).first().waitFor({ timeout: 10_000 });
    // Select a cell towards the hostile pod: its explanation names it too.
    const cell = frame.locator(`[role=gridcell][data-to*="<img"]`).first();
    await cell.click();
    // Read from the DOM, not the screen: the panel hides #explain when narrower than 760 px.
    const explain = frame.locator('#explain');
    for (let i = 0; i < 100 && !((await explain.textContent()) ?? '').includes(evil); i++) await page.waitForTimeout(100);
    assert.ok(((await explain.textContent()) ?? '').includes(evil), `#explain does not name the pod: ${await explain.textContent()}`);
    assert.equal(await frame.locator('img').count(), 0);
    assert.deepEqual(w.dialogs, []);
    await frame.locator('body').screenshot({ path: uiArtifact('escaping-webview.png') });
  });
});
