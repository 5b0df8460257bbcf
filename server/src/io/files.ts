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
 * Reads a file as UTF-8 with its size in bytes; a file over `limit` bytes is not read at all (its
 * text comes back empty, and the size tells the core to report it as too large).
 */
export function readManifestText(path: string, limit: number): { text: string; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) return { text: '', size };
    const buf = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: buf.subarray(0, read).toString('utf8'), size };
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
