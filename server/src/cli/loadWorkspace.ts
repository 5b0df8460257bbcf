/** Files from disk into a core Workspace: the only file I/O of the CLI's analysis. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Workspace } from '../core/index';
import { isManifestPath, readManifestText, skippedDirectories } from '../io/files';
import { UsageError } from './usage';

export const cliMaxFileSize = 10 * 1024 * 1024;

export function collectFiles(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p, out);
    else out.add(p);
  }
  return [...out].sort();
}

function walk(dir: string, out: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skippedDirectories.has(e.name)) walk(full, out);
    } else if (e.isFile() && isManifestPath(e.name)) out.add(full);
    else if (e.isSymbolicLink() && isManifestPath(e.name) && isFile(full)) out.add(full);
  }
}

/** A link's target is a file (links to folders are not followed: no cycles). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}

export function loadWorkspace(paths: readonly string[], defaultNamespace: string): Workspace {
  if (paths.length === 0) throw new UsageError('missing PATH: name at least one file or folder');
  const ws = new Workspace({ defaultNamespace, maxFileSize: cliMaxFileSize });
  for (const file of collectFiles(paths)) {
    let read: { text: string; size: number };
    try {
      read = readManifestText(file, cliMaxFileSize);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    ws.setFile(displayPath(file), read.text, { size: read.size, keepSyntax: false });
  }
  return ws;
}
