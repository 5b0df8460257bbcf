/**
 * The one manifest walk of the CLI and the language server: the same files for the same folders.
 *
 * - Manifests are `.yaml`, `.yml` and `.json` files; `node_modules` and `.git` are skipped. A root that
 *   is a file is taken whatever its name (the user named it).
 * - Symbolic links to files and to folders are followed, and every real path is read once: the real
 *   tree is walked first, links after it, so a file reached both directly and through a link keeps its
 *   direct path. A link back up the tree (`a -> ..`) or a link to itself cannot make the walk loop.
 * - What cannot be read (a dangling link, a folder without permission) is returned, never dropped
 *   silently: the caller reports it as not analysed.
 * - `exclude` (the server's globs) is applied to every path as reached, before anything is read.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import { isManifestPath, skippedDirectories } from './files';

export interface WalkOptions {
  /** Paths (as reached) to leave out: neither read nor reported. Not applied to the roots themselves. */
  readonly exclude?: (path: string) => boolean;
}

/** An entry the walk could not read. */
export interface UnreadableEntry {
  /** As reached: under the root it was found in. */
  readonly path: string;
  /** Why, in a few words: "dangling symbolic link", "permission denied", … */
  readonly reason: string;
  /** The entry is one of the roots the walk was given. */
  readonly root: boolean;
}

export interface WalkResult {
  /** Manifest files as reached (under their root), each real file once; sorted. */
  readonly files: readonly string[];
  readonly unreadable: readonly UnreadableEntry[];
}

export function walkManifests(roots: readonly string[], options: WalkOptions = {}): WalkResult {
  const walk = new Walk(options.exclude ?? (() => false));
  for (const root of roots) walk.root(root);
  walk.followLinks();
  return { files: [...walk.files].sort(), unreadable: walk.unreadable };
}

class Walk {
  readonly files: string[] = [];
  readonly unreadable: UnreadableEntry[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenDirs = new Set<string>();
  /** Links found while walking, followed once the real tree is done. */
  private readonly links: string[] = [];

  constructor(private readonly exclude: (path: string) => boolean) {}

  root(path: string): void {
    let real: string;
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
      real = realpathSync(path);
    } catch (e) {
      this.unreadable.push({ path, reason: fsErrorReason(e), root: true });
      return;
    }
    if (isDir) this.dir(path, real);
    else this.file(path, real);
  }

  followLinks(): void {
    for (let link = this.links.shift(); link !== undefined; link = this.links.shift()) {
      let real: string;
      let isDir: boolean;
      try {
        isDir = statSync(link).isDirectory();
        real = realpathSync(link);
      } catch (e) {
        if (mayHoldManifests(basename(link))) this.unreadable.push({ path: link, reason: fsErrorReason(e, true), root: false });
        continue;
      }
      if (isDir) this.dir(link, real);
      else if (isManifestPath(link)) this.file(link, real);
    }
  }

  private file(path: string, real: string): void {
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    this.files.push(path);
  }

  /** A folder and, depth first, the real folders under it; links wait in `links`. */
  private dir(path: string, real: string): void {
    if (this.seenDirs.has(real)) return;
    this.seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (e) {
      this.unreadable.push({ path, reason: fsErrorReason(e), root: false });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (skippedDirectories.has(e.name)) continue;
      const full = join(path, e.name);
      if (this.exclude(full)) continue;
      if (e.isSymbolicLink()) this.links.push(full);
      else if (e.isDirectory()) this.dir(full, join(real, e.name));
      else if (e.isFile() && isManifestPath(e.name)) this.file(full, join(real, e.name));
    }
  }
}

/**
 * A link whose target cannot be read is reported when it could have held manifests: a manifest name,
 * or a name without extension (a folder). Editors' lock files (`.#name`) are dangling links by design.
 */
function mayHoldManifests(name: string): boolean {
  if (name.startsWith('.#')) return false;
  return isManifestPath(name) || !name.includes('.');
}

/** A file-system error in a few words (`link`: the path is a symbolic link, so ENOENT means dangling). */
export function fsErrorReason(e: unknown, link = false): string {
  const code = (e as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return link ? 'dangling symbolic link' : 'no such file or directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
