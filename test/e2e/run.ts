// `npm run test:e2e`: the extension in a real VS Code (code-server + Debian's Chromium).
//  1. the extension-host suite (suite/, mocha inside the extension host, the real `vscode` API);
//  2. the UI tests (ui/, mocha here, playwright on the rendered workbench and the webview).
// Ends with one line `e2e: N passed, N failed` and exit code 1 on any failure. Without code-server
// installed it prints `e2e: skipped (run .ci/setup-e2e.sh)` and exits 0, except under CI=true.
// Options: --host / --ui (one part only), --grep TEXT, --docs-images (copy the README's screenshots
// to docs/images/ after a green run); NETPOL_E2E_TIMEOUT_MS bounds the run (300 s).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './harness/browser';
import { startCodeServer } from './harness/codeServer';
import { runInExtensionHost } from './harness/extensionHost';
import { bundleSuite } from './harness/bundle';
import { artifactsDir, missingPieces, repoRoot, suiteBundle } from './harness/paths';
import { installCleanup } from './harness/processes';
import { workspace } from './harness/workspace';
import { setBrowser, stopSharedServer } from './ui/context';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const argv = process.argv.slice(2);
const only = argv.includes('--host') ? 'host' : argv.includes('--ui') ? 'ui' : undefined;
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;
const limitMs = Number(process.env['NETPOL_E2E_TIMEOUT_MS'] ?? 300_000);
const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const summary = (): string => `e2e: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`;

function bail(line: string, code: number): never {
  console.log(line);
  process.exit(code);
}

async function runHostSuite(browser: Awaited<ReturnType<typeof launchBrowser>>): Promise<void> {
  console.log('\ne2e: extension-host suite (mocha in the extension host)');
  const logDir = join(artifactsDir, 'host');
  mkdirSync(logDir, { recursive: true });
  const ws = workspace('aks-demo', { example: 'aks-demo' });
  const server = await startCodeServer({ name: 'host', logFile: join(logDir, 'code-server.log') });
  try {
    const r = await runInExtensionHost({
      server,
      browser,
      workspace: ws,
      extensionPath: repoRoot,
      testsPath: suiteBundle,
      env: { NETPOL_E2E_WORKSPACE: ws, NETPOL_E2E_REPO: repoRoot, NO_COLOR: '1', ...(grep ? { NETPOL_E2E_GREP: grep } : {}) },
      logDir,
      timeoutMs: Math.max(30_000, limitMs - 60_000),
      onLine: (line) => {
        if (line.startsWith('[suite] RESULT ')) return;
        if (line.startsWith('[suite]')) console.log(line.slice(8));
      },
    });
    const result = /\[suite\] RESULT (\{.*\})/.exec(r.output)?.[1];
    if (result) {
      const s = JSON.parse(result) as { passes: number; failures: number; pending: number };
      tally.passed += s.passes;
      tally.failed += s.failures;
      tally.skipped += s.pending;
      if (s.failures === 0 && r.code !== 0) {
        tally.failed += 1;
        console.log(`  the extension host exited with ${r.code} (see ${logDir})`);
      }
    } else {
      tally.failed += 1;
      console.log(`  the suite did not report (exit ${r.code}); last lines of ${join(logDir, 'extension-host-output.log')}:`);
      console.log(r.output.split('\n').slice(-25).join('\n'));
    }
  } finally {
    await server.stop();
  }
}

async function runUiTests(): Promise<void> {
  console.log('\ne2e: UI tests (playwright on the workbench)');
  // Plain text in CI logs: mocha's symbols take their colours when it is loaded, and CI=true turns them on.
  process.env['NO_COLOR'] = '1';
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'ui', mocha);
  await import('./ui/workbench.ui.js');
  await import('./ui/escaping.ui.js');
  await import('./ui/vsix.ui.js');
  // Counted as they happen, so that a run stopped at its time limit still reports what passed.
  await new Promise<void>((resolve) => {
    mocha
      .run(() => resolve())
      .on('pass', () => (tally.passed += 1))
      .on('fail', () => (tally.failed += 1))
      .on('pending', () => (tally.skipped += 1));
  });
  await stopSharedServer();
}

/** The README's pictures: real screenshots of this run. */
function copyDocsImages(): void {
  const images = join(repoRoot, 'docs', 'images');
  mkdirSync(images, { recursive: true });
  for (const [from, to] of [
    ['diagnostics.png', 'diagnostics.png'],
    ['hover.png', 'hover.png'],
    ['matrix-changed.png', 'matrix.png'],
  ] as const) {
    copyFileSync(join(artifactsDir, 'ui', from), join(images, to));
    console.log(`e2e: docs/images/${to} from artifacts/ui/${from}`);
  }
}

async function main(): Promise<void> {
  const missing = missingPieces();
  if (missing.length > 0) {
    if (process.env['CI'] === 'true')
      bail(`e2e: not installed: ${missing.join(', ')} (.ci/setup-e2e.sh must run first)\n0 passed, 1 failed`, 1);
    bail('e2e: skipped (run .ci/setup-e2e.sh)', 0);
  }
  installCleanup(limitMs, () => {
    tally.failed += 1;
    console.log(`\ne2e: stopped after ${limitMs / 1000} s (NETPOL_E2E_TIMEOUT_MS); artifacts in ${artifactsDir}`);
    console.log(summary());
  });
  const started = Date.now();
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  if (process.env['NETPOL_E2E_NO_BUILD'] !== '1') {
    const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) bail('e2e: node esbuild.mjs failed\n0 passed, 1 failed', 1);
  }
  if (!existsSync(join(repoRoot, 'dist', 'client.js')))
    bail('e2e: dist/client.js is missing (the extension client is not built)\n0 passed, 1 failed', 1);
  await bundleSuite();
  const browser = await launchBrowser();
  setBrowser(browser);
  // A part whose harness fails (code-server does not start, ...) counts as one failure; the other still runs.
  const part = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (e) {
      tally.failed += 1;
      console.log(`e2e: the ${name} harness failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  try {
    if (only !== 'ui') await part('extension-host', () => runHostSuite(browser));
    if (only !== 'host') await part('UI', runUiTests);
  } finally {
    await stopSharedServer().catch(() => undefined);
    await browser.close().catch(() => undefined);
  }
  if (argv.includes('--docs-images') && tally.failed === 0) copyDocsImages();
  console.log(`\ne2e: ${((Date.now() - started) / 1000).toFixed(1)} s; logs and screenshots in ${artifactsDir}`);
  console.log(summary());
  process.exit(tally.failed > 0 ? 1 : 0);
}

void main();
