import type { Span } from '../text/span';

/**
 * Our own YAML tree: plain data with offsets, so nothing outside `core/yaml` depends on the
 * `yaml` package's classes. Aliases are resolved (shared, not copied); merge keys are applied.
 */
export type YNode = YMap | YSeq | YScalar;

export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly pairs: readonly YPair[];
}

export interface YPair {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly YNode[];
}

export type ScalarValue = string | number | boolean | null;

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: ScalarValue;
  /** The scalar was written in quotes (so `"80"` is a string even though it looks like a number). */
  readonly quoted: boolean;
  /** The text as written, when it differs from how YAML 1.2 reads it (`yes` read as `true`, as kubectl does). */
  readonly written?: string;
}

export function isMap(node: YNode | undefined): node is YMap {
  return node?.kind === 'map';
}

export function isSeq(node: YNode | undefined): node is YSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: YNode | undefined): node is YScalar {
  return node?.kind === 'scalar';
}

export function isNull(node: YNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

export function getPair(map: YNode | undefined, key: string): YPair | undefined {
  if (map?.kind !== 'map') return undefined;
  return map.pairs.find((p) => p.key === key);
}

export function get(map: YNode | undefined, key: string): YNode | undefined {
  return getPair(map, key)?.value;
}

/** The value at a path of keys, or undefined as soon as a step is missing or not a map. */
export function getPath(node: YNode | undefined, ...keys: string[]): YNode | undefined {
  let cur = node;
  for (const k of keys) cur = get(cur, k);
  return cur;
}

export function getString(map: YNode | undefined, key: string): string | undefined {
  const v = get(map, key);
  return v?.kind === 'scalar' && v.value !== null ? String(v.value) : undefined;
}

export function describeNode(node: YNode | undefined): string {
  if (node === undefined) return 'nothing';
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'null';
  if (node.written !== undefined) return `${node.written}, which kubectl reads as the boolean ${String(node.value)} (YAML 1.1): quote it`;
  return `${typeof node.value} ${JSON.stringify(node.value)}`;
}

/** Turns a node into plain JS values (for labels and tests). */
export function toPlain(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const p of node.pairs) out[p.key] = toPlain(p.value);
  return out;
}
