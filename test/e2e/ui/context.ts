// What the UI tests share: one browser, one code-server with the extension linked into its
// extensions folder (the repository itself, as `netpol-lens.netpol-lens-<version>`), and workspaces.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CodeServer } from '../harness/codeServer';
import { startCodeServer } from '../harness/codeServer';
import { artifactsDir, repoRoot } from '../harness/paths';

export { workspace } from '../harness/workspace';

export const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  scripts?: Record<string, string>;
};

let browser: Browser | undefined;
let server: CodeServer | undefined;

export function setBrowser(b: Browser): void {
  browser = b;
}

export function sharedBrowser(): Browser {
  if (!browser) throw new Error('the runner did not start a browser');
  return browser;
}

/** The code-server with the extension installed from the repository folder (started on first use). */
export async function linkedServer(): Promise<CodeServer> {
  server ??= await startCodeServer({
    name: 'ui',
    logFile: uiArtifact('code-server.log'),
    linkExtensions: [{ id: 'netpol-lens.netpol-lens', version: pkg.version, path: repoRoot }],
  });
  return server;
}

export async function stopSharedServer(): Promise<void> {
  await server?.stop();
  server = undefined;
}

export function uiArtifact(name: string): string {
  mkdirSync(join(artifactsDir, 'ui'), { recursive: true });
  return join(artifactsDir, 'ui', name);
}
