/**
 * Small helpers for rules that go back from the model (spans) to the manifests' syntax trees: the
 * object at a span, the `metadata.name` value of a workload, every object of the workspace, nodes
 * found by span, and the line facts (indentation, line end) that text edits need.
 */
import type { Location } from '../findings';
import type { K8sObject } from '../model/k8sObject';
import type { Workload } from '../model/workload';
import type { Span } from '../text/span';
import { getPath } from '../yaml/node';
import type { YMap, YNode, YPair } from '../yaml/node';
import type { RuleContext } from './types';

/** The object of `file` that starts at `span` (objects and model entries share the object's span). */
export function objectAt(ctx: RuleContext, file: string, span: Span): K8sObject | undefined {
  return ctx.objects(file).find((o) => o.span.start === span.start);
}

/** Where to report on an object: the value of its `metadata.name`, else the whole object. */
export function nameLocation(ctx: RuleContext, at: Location): Location {
  const name = getPath(objectAt(ctx, at.file, at.span)?.node, 'metadata', 'name');
  return { file: at.file, span: name?.span ?? at.span };
}

/** A workload's first manifest, at its `metadata.name` (kept by the model: no syntax tree needed). */
export function workloadLocation(_ctx: RuleContext, w: Workload): Location | undefined {
  return w.names[0];
}

/**
 * The objects of the files whose text mentions one of `kinds` (`kind: Ingress`, `"kind": "Service"`):
 * rules that look for rare kinds re-parse only those files, not the whole workspace.
 */
export function objectsOfKinds(
  ctx: RuleContext,
  kinds: readonly string[],
  files: readonly string[] = ctx.workspace.fileNames(),
): K8sObject[] {
  const re = new RegExp(`["']?kind["']?\\s*:\\s*["']?(${kinds.join('|')})["']?\\s*[,}\\n\\r]`);
  return files
    .filter((f) => re.test(ctx.text(f)))
    .flatMap((f) => ctx.objects(f).filter((o) => o.kind !== undefined && kinds.includes(o.kind)));
}

/** The first map entry (depth first) under `root` for which `test` holds. */
export function findPair(root: YNode | undefined, test: (pair: YPair, owner: YMap) => boolean): YPair | undefined {
  if (!root) return undefined;
  const seen = new Set<YNode>();
  const stack: YNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as YNode;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'map') {
      for (const p of node.pairs) if (test(p, node)) return p;
      for (let i = node.pairs.length - 1; i >= 0; i--) stack.push((node.pairs[i] as YPair).value);
    } else if (node.kind === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] as YNode);
    }
  }
  return undefined;
}

/** The first map (depth first) under `root` whose span is exactly `span`. */
export function findMapAt(root: YNode | undefined, span: Span): YMap | undefined {
  if (root?.kind === 'map' && root.span.start === span.start && root.span.end === span.end) return root;
  let hit: YMap | undefined;
  findPair(root, (p) => {
    const v = p.value;
    if (v.kind === 'map' && v.span.start === span.start && v.span.end === span.end) hit = v;
    else if (v.kind === 'seq') {
      const m = v.items.find((i): i is YMap => i.kind === 'map' && i.span.start === span.start && i.span.end === span.end);
      if (m) hit = m;
    }
    return hit !== undefined;
  });
  return hit;
}

/** Levenshtein distance, for "did you mean" suggestions between short names. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** "a, b, c" — or "a, b, c and 4 more" past `max` items. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
