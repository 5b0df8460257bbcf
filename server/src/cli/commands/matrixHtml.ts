/**
 * `netpol-lens matrix --format html`: the panel's renderer as one standalone page. The page inlines
 * dist/webview.js and dist/webview.css, read from beside this bundle (dist/cli.js) at run time,
 * around the MatrixResult of the workspace; it needs no server (cells carry their connection text,
 * the explanation pane shows the `netpol-lens explain` command instead).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConnectionSets, LineIndex, matrixGrid } from '../../core/index';
import type { Connectivity, Workspace } from '../../core/index';
import type { MatrixResult } from '../../protocol/protocol';
import { standalonePage } from '../../protocol/standalonePage';
import { readTextFile } from '../../io/files';

/** The grid the page virtualises; the language server answers the panel with the same limit. */
export const maxHtmlWorkloads = 5000;

/** The MatrixResult of a workspace: the core's grid (rows run-length encoded, one per class) plus where each workload is. */
export function matrixResultOf(conn: Connectivity, ws: Workspace, engine: string, namespaces?: ReadonlySet<string>): MatrixResult {
  const shown = conn.workloads.filter((w) => !namespaces || namespaces.has(w.namespace)).length;
  if (shown > maxHtmlWorkloads) {
    return { engine, workloads: [], rows: [], connections: [], truncated: { workloads: shown, limit: maxHtmlWorkloads } };
  }
  const sets = new ConnectionSets();
  const grid = matrixGrid(conn, sets, { namespaces });
  const lineIndexes = new Map<string, LineIndex>();
  const workloads = grid.workloads.map((w) => {
    const src = w.sources[0];
    let line = 0;
    if (src) {
      let index = lineIndexes.get(src.file);
      if (!index) {
        index = new LineIndex(ws.getFile(src.file)?.parsed.text ?? '');
        lineIndexes.set(src.file, index);
      }
      line = index.positionAt(src.span.start).line;
    }
    return { id: w.id, namespace: w.namespace, name: w.name, kind: w.kind, uri: src?.file ?? '', line };
  });
  return { engine, workloads, rows: grid.rows, connections: sets.list };
}

/** The page, with the bundle's files read from `dir` (the folder of dist/cli.js). */
export function renderMatrixHtml(result: MatrixResult, paths: readonly string[], dir: string = __dirname): string {
  const source = ['netpol-lens matrix', ...paths].join(' ');
  const read = (name: string): string => {
    try {
      return readTextFile(join(dir, name));
    } catch {
      throw new Error(`${join(dir, name)} is missing: the html format needs the webview bundle beside the CLI (node esbuild.mjs)`);
    }
  };
  return standalonePage({
    data: { result, source, paths, generated: new Date().toISOString() },
    script: read('webview.js'),
    css: read('webview.css'),
    nonce: randomBytes(16).toString('base64'),
    title: `Reachability — ${source}`,
  });
}
