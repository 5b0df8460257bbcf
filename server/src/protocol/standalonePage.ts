/**
 * The reachability view as one standalone HTML file: the webview bundle (dist/webview.js and
 * dist/webview.css) inlined around a MatrixResult. `netpol-lens matrix --format html` and the panel's
 * "Export HTML" both build it here, so the page is the panel's own renderer. No imports: the CLI and
 * the client may both use it.
 */
import type { MatrixResult } from './protocol';

/** The id of the `<script type="application/json">` element holding the data. */
export const standaloneDataId = 'netpol-data';

export interface StandaloneData {
  readonly result: MatrixResult;
  /** Initial filters (the webview's ViewState); the webview reads only the fields it knows. */
  readonly view?: object;
  /** What produced the page, shown in its header (e.g. `netpol-lens matrix examples/aks-demo`). */
  readonly source: string;
  /** The CLI's PATH arguments, for the `netpol-lens explain` command the page suggests. */
  readonly paths?: readonly string[];
  /** ISO time of generation. */
  readonly generated: string;
}

export interface StandalonePageInput {
  readonly data: StandaloneData;
  readonly script: string;
  readonly css: string;
  /** A fresh random token (base64 or hex) that allows the two inline elements under the page's CSP. */
  readonly nonce: string;
  readonly title?: string;
}

/** JSON that cannot end its `<script>` element or start a comment: `<`, `>`, `&` and the JS line separators as \u escapes. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Keeps inlined code from closing its element early (`</script` inside a string of the bundle) and
 * drops the source map comment (the map is not beside the page).
 */
function inlineSafe(code: string, tag: 'script' | 'style'): string {
  return code.replace(/\n?\/[/*]# sourceMappingURL=\S+( \*\/)?\s*$/, '\n').replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export function standalonePage(input: StandalonePageInput): string {
  const nonce = input.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.title ?? 'NetworkPolicy reachability')}</title>`,
    `<style nonce="${nonce}">${inlineSafe(input.css, 'style')}</style>`,
    '</head>',
    '<body class="standalone">',
    `<script type="application/json" id="${standaloneDataId}">${jsonForScript(input.data)}</script>`,
    `<script nonce="${nonce}">${inlineSafe(input.script, 'script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
