/**
 * `netpol-lens matrix --format html`: the panel's renderer as one standalone page. The page inlines
 * dist/webview.js and dist/webview.css, read from beside this bundle (dist/cli.js) at run time,
 * around the MatrixResult of the workspace; it needs no server (cells carry their connection text,
 * the explanation pane shows the `netpol-lens explain` command instead).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LineIndex, mapLocations, matrixGridView } from '../../core/index';
import type { CompletenessView, Connectivity, Workspace } from '../../core/index';
import type { MatrixResult } from '../../protocol/protocol';
import { standalonePage } from '../../protocol/standalonePage';
import { readTextFile } from '../../io/files';

/** The grid the page virtualises; the language server answers the panel with the same limit. */
export const maxHtmlWorkloads = 5000;

/** The MatrixResult of a workspace: the core's grid view, its locations as the protocol has them. */
export function matrixResultOf(
  conn: Connectivity,
  ws: Workspace,
  engine: string,
  completeness: CompletenessView,
  namespaces?: ReadonlySet<string>,
): MatrixResult {
  const { view } = matrixGridView(conn, engine, { namespaces, limit: maxHtmlWorkloads, completeness });
  const lineIndexes = new Map<string, LineIndex>();
  return mapLocations(view, (loc) => {
    let index = lineIndexes.get(loc.file);
    if (!index) {
      index = new LineIndex(ws.getFile(loc.file)?.parsed.text ?? '');
      lineIndexes.set(loc.file, index);
    }
    const p = index.positionAt(loc.span.start);
    return { uri: loc.file, line: p.line, character: p.character };
  }) as MatrixResult;
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
