/**
 * The server's view of the workspace: a core Workspace keyed by URI, filled from disk at start and
 * kept current from file events, where an open document's text wins over the file on disk.
 */
import { relative } from 'node:path';
import { minimatch } from 'minimatch';
import { completenessView, Workspace } from '../core/index';
import type { CompletenessView, EngineProfile } from '../core/index';
import { readManifestText } from '../io/files';
import { fsErrorReason, walkManifests } from '../io/walk';
import type { UnreadableEntry } from '../io/walk';
import type { Settings } from './settings';
import { normalizeUri, pathToUri, uriToPath } from './uri';

export interface Folder {
  readonly uri: string;
  readonly path: string;
}

export class WorkspaceIndex {
  private ws: Workspace;
  private readonly open = new Map<string, string>();
  private folders: Folder[] = [];
  /** The files as on disk (see `baseline`), and the disk text of each open document read so far. */
  private disk: { workspace: Workspace; texts: Map<string, string | undefined> } | undefined;
  /** What the last indexing could not read (paths), for the caller to report as not analysed. */
  private unreadableEntries: UnreadableEntry[] = [];
  /** Manifests found whose last read failed, by path. */
  private readonly readFailures = new Map<string, UnreadableEntry>();

  constructor(private settings: Settings) {
    this.ws = this.newWorkspace();
  }

  get workspace(): Workspace {
    return this.ws;
  }

  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((u) => {
      const path = uriToPath(u);
      return path ? [{ uri: normalizeUri(u), path }] : [];
    });
  }

  /**
   * Applies settings. A new default namespace re-reads every file from memory; a new size limit or
   * new exclusions need the files from disk again: then the answer is 'reindex' and the caller runs
   * `indexAll` (open documents keep their editor text).
   */
  applySettings(settings: Settings): 'none' | 'reparsed' | 'reindex' {
    const before = this.settings;
    this.settings = settings;
    const reindex = settings.maxFileSize !== before.maxFileSize || JSON.stringify(settings.exclude) !== JSON.stringify(before.exclude);
    if (!reindex && settings.defaultNamespace === before.defaultNamespace) return 'none';
    this.disk = undefined;
    const old = this.ws;
    this.ws = this.newWorkspace();
    for (const [uri, text] of this.open) this.ws.setFile(uri, text, { keepSyntax: true });
    if (reindex) return 'reindex';
    for (const f of old.fileNames()) {
      const text = old.getFile(f)?.parsed.text;
      if (text !== undefined && !this.open.has(f)) this.ws.setFile(f, text, { keepSyntax: false });
    }
    return 'reparsed';
  }

  isExcluded(path: string): boolean {
    if (this.settings.exclude.length === 0) return false;
    const folder = this.folders.find((f) => path === f.path || path.startsWith(`${f.path}/`));
    const rel = folder ? relative(folder.path, path) : path;
    return this.settings.exclude.some((g) => minimatch(rel, g, { dot: true }) || minimatch(`${rel}/`, g, { dot: true }));
  }

  /** Entries of the folders the last `indexAll` found but could not read (dangling links, folders without permission). */
  unreadable(): readonly UnreadableEntry[] {
    return [...this.unreadableEntries, ...this.readFailures.values()];
  }

  /** What the workspace leaves out (core `CompletenessView`), with the unreadable entries as URIs like every other file here. */
  completeness(engine: EngineProfile, uncertain?: { cells: number; reasons: readonly string[] }): CompletenessView {
    const unreadable = this.unreadable().map((u) => ({ path: pathToUri(u.path), reason: u.reason }));
    return completenessView(this.ws, engine, { unreadable, ...(uncertain ? { uncertain } : {}) });
  }

  /**
   * Reads every manifest of the folders, found by the walk the CLI uses (`io/walk.ts`: links followed,
   * each real file once); yields to the event loop between files.
   */
  async indexAll(report: (done: number, file: string) => void): Promise<number> {
    let done = 0;
    this.unreadableEntries = [];
    this.readFailures.clear();
    for (const folder of this.folders) {
      const walk = walkManifests([folder.path], { exclude: (p) => this.isExcluded(p) });
      this.unreadableEntries.push(...walk.unreadable);
      for (const path of walk.files) {
        const uri = pathToUri(path);
        if (!this.open.has(uri)) this.loadFromDisk(uri, path);
        done++;
        if (done % 50 === 0) {
          report(done, path);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    return done;
  }

  openDocument(uri: string, text: string): void {
    const u = normalizeUri(uri);
    this.open.set(u, text);
    this.ws.setFile(u, text);
  }

  closeDocument(uri: string): void {
    const u = normalizeUri(uri);
    this.open.delete(u);
    const path = uriToPath(u);
    if (path && this.inFolders(path) && !this.isExcluded(path)) this.loadFromDisk(u, path);
    else this.ws.removeFile(u);
  }

  /**
   * The workspace as the files on disk have it: open documents whose text differs from their file
   * replaced by the file (or dropped when there is no file), every other file's model shared. Built
   * once per state of the disk: edits of open documents do not change it (so the matrix computed on
   * it is reused while the user types); file events, settings and indexing drop it.
   */
  baseline(): { workspace: Workspace; documents: string[] } {
    if (!this.disk) {
      const fork = this.ws.fork();
      const texts = new Map<string, string | undefined>();
      for (const [uri, text] of this.open) {
        const disk = this.readDisk(uri);
        texts.set(uri, disk?.text);
        if (disk?.text === text) continue;
        if (disk) fork.setFile(uri, disk.text, { size: disk.size, keepSyntax: false });
        else fork.removeFile(uri);
      }
      this.disk = { workspace: fork, texts };
    }
    const { workspace, texts } = this.disk;
    const documents: string[] = [];
    for (const [uri, text] of this.open) {
      if (!texts.has(uri)) texts.set(uri, this.readDisk(uri)?.text);
      if (texts.get(uri) !== text) documents.push(uri);
    }
    return { workspace: documents.length > 0 ? workspace : this.ws, documents: documents.sort() };
  }

  private readDisk(uri: string): { text: string; size: number } | undefined {
    const path = uriToPath(uri);
    try {
      return path && this.inFolders(path) && !this.isExcluded(path) ? readManifestText(path, this.settings.maxFileSize) : undefined;
    } catch {
      return undefined;
    }
  }

  isOpen(uri: string): boolean {
    return this.open.has(normalizeUri(uri));
  }

  openUris(): string[] {
    return [...this.open.keys()];
  }

  /** A file was created, changed or deleted on disk. Open documents keep their editor text. */
  diskChanged(uri: string, deleted: boolean): void {
    const u = normalizeUri(uri);
    this.disk = undefined;
    if (this.open.has(u)) return;
    const path = uriToPath(u);
    if (path && deleted) this.readFailures.delete(path);
    if (deleted || !path || this.isExcluded(path)) this.ws.removeFile(u);
    else this.loadFromDisk(u, path);
  }

  private inFolders(path: string): boolean {
    return this.folders.some((f) => path === f.path || path.startsWith(`${f.path}/`));
  }

  private loadFromDisk(uri: string, path: string): void {
    this.disk = undefined;
    try {
      const { text, size } = readManifestText(path, this.settings.maxFileSize);
      // Syntax trees only for open documents (hover and completion): a big workspace stays small.
      this.ws.setFile(uri, text, { size, keepSyntax: false });
      this.readFailures.delete(path);
    } catch (e) {
      this.ws.removeFile(uri);
      this.readFailures.set(path, { path, reason: fsErrorReason(e), root: false });
    }
  }

  private newWorkspace(): Workspace {
    return new Workspace({ defaultNamespace: this.settings.defaultNamespace, maxFileSize: this.settings.maxFileSize });
  }
}
