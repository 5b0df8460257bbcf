// The same extension-host suite in desktop VS Code through @vscode/test-electron, for a machine that
// has VS Code: `VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:e2e:electron`. With `--download`,
// test-electron fetches VS Code itself (it cannot on the CI machines: no network but the registries).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './harness/bundle';
import { repoRoot } from './harness/paths';
import { killAll, removeAtExit } from './harness/processes';
import { workspace } from './harness/workspace';

async function main(): Promise<void> {
  const executable = process.env['VSCODE_EXECUTABLE_PATH'];
  if (!executable && !process.argv.includes('--download')) {
    console.log('e2e (electron): skipped (set VSCODE_EXECUTABLE_PATH to a VS Code binary, or pass --download)');
    return;
  }
  const tests = await bundleSuite();
  const ws = workspace('aks-demo', { example: 'aks-demo' });
  const userData = removeAtExit(mkdtempSync(join(tmpdir(), 'netpol-e2e-electron-')));
  try {
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: tests,
      extensionTestsEnv: { NETPOL_E2E_WORKSPACE: ws, NETPOL_E2E_REPO: repoRoot },
      // test-electron adds --disable-workspace-trust, --skip-welcome and the extension paths itself.
      launchArgs: [ws, '--disable-extensions', `--user-data-dir=${userData}`],
    });
    process.exitCode = code;
  } catch (e) {
    console.error(`e2e (electron): ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    killAll();
  }
}

void main();
