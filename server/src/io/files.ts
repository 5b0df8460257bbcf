/** Reading and writing files on disk for the CLI and the language server (the walk is in walk.ts). */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';

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

/** A whole text file as UTF-8 (an --expect file, a bundle asset); throws when it cannot be read. */
export function readTextFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Replaces a file's text (`check --fix`). */
export function writeTextFile(path: string, text: string): void {
  writeFileSync(path, text);
}
