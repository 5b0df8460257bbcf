/**
 * Files from disk into a core Workspace. The disk is reached through `io/` only (the walk the language
 * server uses, and its reader); what cannot be read comes back in `unreadable` for the caller to report.
 */
import { relative, sep } from 'node:path';
import { Workspace } from '../core/index';
import { readManifestText } from '../io/files';
import { fsErrorReason, walkManifests } from '../io/walk';
import type { UnreadableEntry } from '../io/walk';
import { UsageError } from './usage';

export const cliMaxFileSize = 10 * 1024 * 1024;

export interface LoadedWorkspace {
  readonly workspace: Workspace;
  /** Entries that were not analysed because they could not be read (display paths). */
  readonly unreadable: readonly UnreadableEntry[];
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
}

export function loadWorkspace(paths: readonly string[], defaultNamespace: string): LoadedWorkspace {
  if (paths.length === 0) throw new UsageError('missing PATH: name at least one file or folder');
  const walk = walkManifests(paths);
  const missing = walk.unreadable.find((u) => u.root);
  if (missing)
    throw new UsageError(
      missing.reason === 'no such file or directory'
        ? `no such file or directory: ${missing.path}`
        : `cannot read ${missing.path}: ${missing.reason}`,
    );
  const unreadable = walk.unreadable.map((u) => ({ ...u, path: displayPath(u.path) }));
  const ws = new Workspace({ defaultNamespace, maxFileSize: cliMaxFileSize });
  for (const file of walk.files) {
    let read: { text: string; size: number };
    try {
      read = readManifestText(file, cliMaxFileSize);
    } catch (e) {
      unreadable.push({ path: displayPath(file), reason: fsErrorReason(e), root: false });
      continue;
    }
    ws.setFile(displayPath(file), read.text, { size: read.size, keepSyntax: false });
  }
  return { workspace: ws, unreadable };
}
