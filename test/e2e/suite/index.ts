// The extension-host suite's entry: `run()` as @vscode/test-electron and the smoke-test driver expect.
// Bundled by esbuild with mocha inside (only `vscode` is external), so it runs from any folder.
import Mocha from 'mocha';
import { format } from 'node:util';

/** Lines of the suite start with this, so the runner can tell them from the workbench's own log. */
export const linePrefix = '[suite]';

export async function run(): Promise<void> {
  // Stack traces point into the TypeScript sources (the bundle has a source map beside it).
  process.setSourceMapsEnabled(true);
  const grep = process.env['NETPOL_E2E_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // The spec reporter prints through Base.consoleLog; prefix its lines.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(`${linePrefix} ${line}`);
  };
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  // In this order: each file leaves the workspace as it found it.
  await import('./activation.test.js');
  await import('./diagnostics.test.js');
  await import('./hover.test.js');
  await import('./completion.test.js');
  await import('./snippets.test.js');
  await import('./reachability.test.js');
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  console.log(`${linePrefix} RESULT ${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} of the extension-host tests failed`);
}
