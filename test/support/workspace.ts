/** Test helpers: load folders of manifests into a core Workspace, and run the built CLI. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../server/src/core/index';
import type { WorkspaceOptions } from '../../server/src/core/index';

export const repoRoot = join(__dirname, '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

export function manifestFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? manifestFiles(join(path, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(path, e.name)] : []))
    .sort();
}

export function loadWorkspace(path: string, options: WorkspaceOptions = {}): Workspace {
  const ws = new Workspace(options);
  for (const f of manifestFiles(path)) ws.setFile(relative(repoRoot, f), readFileSync(f, 'utf8'));
  return ws;
}

export function workspaceFromText(files: Record<string, string>, options: WorkspaceOptions = {}): Workspace {
  const ws = new Workspace(options);
  for (const [name, text] of Object.entries(files)) ws.setFile(name, text);
  return ws;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
