import type { Span } from '../text/span';
import type { YNode } from './node';

export interface PathStep {
  /** Map key or list index that leads to `node` (undefined for the root). */
  readonly key: string | number | undefined;
  readonly node: YNode;
  /** The key's span when the step is a map entry. */
  readonly keySpan?: Span;
}

/**
 * The chain of nodes from `root` down to the deepest node at `offset` (a key counts as its entry).
 * Empty when the offset is outside the root.
 */
export function nodePathAt(root: YNode, offset: number): PathStep[] {
  const inside = (s: Span): boolean => offset >= s.start && offset <= s.end;
  if (!inside(root.span)) return [];
  const path: PathStep[] = [{ key: undefined, node: root }];
  let cur: YNode = root;
  for (let depth = 0; depth < 100; depth++) {
    let next: PathStep | undefined;
    if (cur.kind === 'map') {
      for (const p of cur.pairs) {
        if (inside(p.keySpan) || inside(p.value.span)) {
          next = { key: p.key, node: p.value, keySpan: p.keySpan };
          break;
        }
      }
    } else if (cur.kind === 'seq') {
      const i = cur.items.findIndex((item) => inside(item.span));
      if (i >= 0) next = { key: i, node: cur.items[i] as YNode };
    }
    if (!next) break;
    path.push(next);
    cur = next.node;
  }
  return path;
}
