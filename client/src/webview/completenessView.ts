/**
 * What a result leaves out (`CompletenessDto`), as the banner above the grid and the last block of
 * an explanation: the server's summary, then one line per item with its file and line, a link that
 * opens the manifest when there is a host to open it (plain text in a standalone page).
 */
import type { CompletenessDto, LocationDto } from '../../../server/src/protocol/protocol';
import { h } from './dom';

let roots: readonly string[] = [];

/** The workspace folders' URIs (from the host): locations under one are shown relative to it. */
export function setWorkspaceRoots(uris: readonly string[]): void {
  roots = uris.map((u) => (u.endsWith('/') ? u : `${u}/`));
}

/** `policies/deny.yaml:12`: the file (relative to its workspace folder, or as given) and the 1-based line. */
export function locationText(loc: LocationDto): string {
  const root = roots.find((r) => loc.uri.startsWith(r));
  let file = root ? loc.uri.slice(root.length) : loc.uri.replace(/^file:\/\//, '');
  try {
    file = decodeURIComponent(file);
  } catch {
    // not percent-encoded: as it is
  }
  return `${file}:${loc.line + 1}`;
}

/** A link that opens the location, or its text when nothing can open it. */
export function locationLink(text: string, loc: LocationDto, open: ((loc: LocationDto) => void) | undefined): HTMLElement {
  if (!open) return h('span', { class: 'loc' }, text);
  const a = h('a', { href: '#', class: 'loc', title: `Open ${locationText(loc)}` }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    open(loc);
  });
  return a;
}

/** The summary and the items; undefined when the result is complete. */
export function completenessBlock(
  c: CompletenessDto | undefined,
  open: ((loc: LocationDto) => void) | undefined,
  attrs: Record<string, string> = {},
): HTMLElement | undefined {
  if (!c || c.complete) return undefined;
  const list = h('ul', { class: 'items' });
  for (const i of c.items) {
    list.append(
      h(
        'li',
        { 'data-reason': i.reason },
        i.location && locationLink(locationText(i.location), i.location, open),
        i.location && ' ',
        h('span', { class: 'msg' }, i.message),
      ),
    );
  }
  return h(
    'div',
    { class: 'completeness', ...attrs },
    h('p', { class: 'summary' }, h('span', { class: 'sym', 'aria-hidden': 'true' }, '⚠'), ` ${c.summary}`),
    list,
  );
}
