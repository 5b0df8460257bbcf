// The packaged extension: `npm run package` makes a .vsix, code-server installs it with
// --install-extension, and the installed copy (not the repository) lights up the invalid name.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import type { WatchedPage } from '../harness/browser';
import { newWatchedPage } from '../harness/browser';
import type { CodeServer } from '../harness/codeServer';
import { startCodeServer } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { removeAtExit } from '../harness/processes';
import { openWorkbench, quickOpen } from '../harness/workbench';
import { pkg, sharedBrowser, uiArtifact, workspace } from './context';

describe('packaged .vsix (UI)', function () {
  this.timeout(120_000);
  const dir = removeAtExit(mkdtempSync(join(tmpdir(), 'netpol-e2e-vsix-')));
  const vsix = join(dir, `netpol-lens-${pkg.version}.vsix`);
  let server: CodeServer | undefined;
  let w: WatchedPage | undefined;

  before(function () {
    if (!pkg.scripts?.['package']) this.skip();
  });

  after(async () => {
    await w?.context.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    // `npm run package` builds minified bundles; put the development build back.
    if (pkg.scripts?.['package']) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  });

  it('npm run package makes a .vsix', () => {
    const r = spawnSync('npm', ['run', '-s', 'package', '--', '--out', vsix], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 90_000,
    });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    assert.ok(existsSync(vsix), `no ${vsix}`);
  });

  it('installs with --install-extension and reports the invalid name', async () => {
    assert.ok(existsSync(vsix), 'no .vsix (the previous test failed)');
    server = await startCodeServer({ name: 'vsix', logFile: uiArtifact('vsix-code-server.log'), installVsix: [vsix] });
    const exts = join(server.tempDir, 'extensions');
    const installed = readdirSync(exts).filter((d) => d.startsWith('netpol-lens.netpol-lens-'));
    assert.equal(installed.length, 1, JSON.stringify(readdirSync(exts)));
    assert.ok(!lstatSync(join(exts, installed[0] ?? '')).isSymbolicLink());
    w = await newWatchedPage(sharedBrowser(), uiArtifact('vsix-console.log'));
    await openWorkbench(w.page, server.folderUrl(workspace('aks-demo', { example: 'aks-demo' })));
    await quickOpen(w.page, 'AllowWebToDBPolicy.yaml');
    await w.page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await w.page.screenshot({ path: uiArtifact('vsix.png') });
    assert.deepEqual(w.errors, []);
  });
});
