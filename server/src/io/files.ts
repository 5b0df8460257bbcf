/** Finding and reading manifest files on disk: shared by the CLI and the language server. */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

export const manifestExtension = /\.(ya?ml|json)$/i;
export const skippedDirectories: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function isManifestPath(path: string): boolean {
  return manifestExtension.test(path);
}

/**
 * Reads a file as UTF-8, but never more than `limit + 1` bytes: a file over the limit comes back
 * longer than `limit` (so the core reports it as too large) without being loaded whole.
 */
export function readManifestText(path: string, limit: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, limit + 1));
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const text = buf.subarray(0, read).toString('utf8');
    return size > limit ? text.padEnd(limit + 1, ' ') : text;
  } finally {
    closeSync(fd);
  }
}

/** Every manifest file under `dir`, skipping node_modules, .git and what `exclude` says. */
export async function* walkManifests(dir: string, exclude: (path: string) => boolean = () => false): AsyncGenerator<string> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch {
    return;
  }
  const subdirs: string[] = [];
  for await (const e of handle) {
    const full = join(dir, e.name);
    if (exclude(full)) continue;
    if (e.isDirectory()) {
      if (!skippedDirectories.has(e.name)) subdirs.push(full);
    } else if (e.isFile() && isManifestPath(e.name)) yield full;
  }
  for (const d of subdirs.sort()) yield* walkManifests(d, exclude);
}
