/**
 * What the webview reads back at start: the view saved by VS Code (`getState`) or embedded in a
 * standalone page, field by field, since either may come from an older version or a hand-edited page.
 */
import { standaloneDataId } from '../../../server/src/protocol/standalonePage';
import type { StandaloneData } from '../../../server/src/protocol/standalonePage';
import { defaultView } from './messages';
import type { ViewState } from './messages';

/** A ViewState from saved or embedded data, field by field (the data may come from an old version or a hand-edited page). */
export function readView(raw: unknown): ViewState {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const sel = o.selected as Record<string, unknown> | undefined;
  const scrollTop = num(o.scrollTop);
  const scrollLeft = num(o.scrollLeft);
  return {
    namespace: str(o.namespace, defaultView.namespace),
    search: str(o.search, defaultView.search),
    port: str(o.port, defaultView.port),
    onlyDenied: o.onlyDenied === true,
    onlyChanged: o.onlyChanged === true,
    ...(sel && typeof sel.from === 'string' && typeof sel.to === 'string' ? { selected: { from: sel.from, to: sel.to } } : {}),
    ...(scrollTop !== undefined ? { scrollTop } : {}),
    ...(scrollLeft !== undefined ? { scrollLeft } : {}),
  };
}

export function readStandalone(): StandaloneData | undefined {
  const el = document.getElementById(standaloneDataId);
  if (!el?.textContent) return undefined;
  try {
    return JSON.parse(el.textContent) as StandaloneData;
  } catch {
    return undefined;
  }
}
