/**
 * Helpers for the rules that write quick fixes into NetworkPolicy manifests: find a policy's syntax
 * tree and its rules, and compute text edits that keep YAML valid (indentation copied from the
 * siblings, block and flow styles told apart). Pure text arithmetic on offsets; no YAML printer, so
 * the author's layout and comments elsewhere stay as they are.
 */
import type { TextEdit } from '../findings';
import type { Direction, NetworkPolicy } from '../model/networkPolicy';
import { get } from '../yaml/node';
import type { YMap, YNode, YSeq } from '../yaml/node';
import type { RuleContext } from './types';

/** The syntax tree of a policy (the object that starts where the policy starts). */
export function policyNode(ctx: RuleContext, p: NetworkPolicy): YMap | undefined {
  return ctx.objects(p.file).find((o) => o.span.start === p.span.start)?.node;
}

/** The `spec.ingress` / `spec.egress` list item of rule `index`, when it is a map. */
export function ruleNode(root: YMap | undefined, direction: Direction, index: number): YMap | undefined {
  const seq = get(get(root, 'spec'), direction);
  const item = seq?.kind === 'seq' ? seq.items[index] : undefined;
  return item?.kind === 'map' ? item : undefined;
}

/** The `from`/`to` or `ports` list of a rule node. */
export function ruleList(rule: YMap | undefined, key: 'from' | 'to' | 'ports'): YSeq | undefined {
  const v = get(rule, key);
  return v?.kind === 'seq' ? v : undefined;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the end of the line holding `offset` (before `\r\n` or `\n`). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Written in flow style (`{…}` / `[…]`). */
export function isFlow(text: string, node: YNode): boolean {
  const c = text[node.span.start];
  return c === '{' || c === '[';
}

/** A block map whose first key starts its line or follows a list dash: its keys sit at one column. */
export function isBlockMap(text: string, node: YNode | undefined): node is YMap {
  return node?.kind === 'map' && node.pairs.length > 0 && !isFlow(text, node);
}

/** `      - ` when `item` is written right after a block list dash on its own line; undefined otherwise. */
export function dashPrefix(text: string, item: YNode): string | undefined {
  const prefix = text.slice(lineStart(text, item.span.start), item.span.start);
  return /^[ ]*-[ ]+$/.test(prefix) ? prefix : undefined;
}

/** Edits that shift every line starting inside (from, to] by `delta` columns (negative: remove spaces). */
export function shiftLines(text: string, file: string, from: number, to: number, delta: number): TextEdit[] | undefined {
  if (delta === 0) return [];
  const edits: TextEdit[] = [];
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    const start = nl + 1;
    let ws = start;
    while (text[ws] === ' ') ws++;
    if (ws >= text.length || text[ws] === '\n' || text[ws] === '\r') continue; // blank line
    if (delta > 0) edits.push({ file, span: { start, end: start }, newText: ' '.repeat(delta) });
    else {
      if (ws - start < -delta) return undefined;
      edits.push({ file, span: { start, end: start - delta }, newText: '' });
    }
  }
  return edits;
}

/**
 * Merges list item `b` into the item `a` right before it (both maps of one list): `b`'s entries
 * become entries of `a`. Block items are joined by re-indenting `b` to `a`'s key column; flow items
 * (`{…}`) by joining their insides. Undefined when the styles mix or the layout is unusual.
 */
export function mergeAdjacentItems(text: string, file: string, a: YNode, b: YNode): TextEdit[] | undefined {
  if (a.kind !== 'map' || b.kind !== 'map' || a.pairs.length === 0 || b.pairs.length === 0) return undefined;
  if (a.span.end > b.span.start) return undefined;
  // A key on both sides (`ports: []` beside `ports: [...]`) would be a duplicate key.
  if (b.pairs.some((pb) => a.pairs.some((pa) => pa.key === pb.key))) return undefined;
  const between = text.slice(a.span.end, b.span.start);
  const aFlow = isFlow(text, a);
  const bFlow = isFlow(text, b);
  if (aFlow && bFlow) {
    // Items of a flow list are separated by a comma, those of a block list by a dash.
    if (text[a.span.end - 1] !== '}' || text[b.span.end - 1] !== '}') return undefined;
    if (!/^\s*,\s*$/.test(between) && !/^\s*\n[ ]*-[ ]+$/.test(between)) return undefined;
    let innerEnd = a.span.end - 1;
    while (innerEnd > a.span.start + 1 && /\s/.test(text[innerEnd - 1] ?? '')) innerEnd--;
    let innerStart = b.span.start + 1;
    while (innerStart < b.span.end - 1 && /\s/.test(text[innerStart] ?? '')) innerStart++;
    return [{ file, span: { start: innerEnd, end: innerStart }, newText: ', ' }];
  }
  if (aFlow || bFlow) return undefined;
  // Block items: only a dash (and blank lines) between them; `b` is the first key after its dash.
  if (!/^\s*\n[ ]*-[ ]+$/.test(between) || dashPrefix(text, b) === undefined) return undefined;
  const colA = column(text, a.pairs[0]?.keySpan.start ?? a.span.start);
  if (column(text, a.span.start) !== colA) return undefined;
  const colB = column(text, b.span.start);
  const shift = shiftLines(text, file, b.span.start, b.span.end, colA - colB);
  if (!shift) return undefined;
  return [{ file, span: { start: a.span.end, end: b.span.start }, newText: `${eol(text)}${' '.repeat(colA)}` }, ...shift];
}

/** The column of a block map's keys. */
export function keyColumn(text: string, map: YMap): number | undefined {
  const first = map.pairs[0];
  return first ? column(text, first.keySpan.start) : undefined;
}

/**
 * Adds `entry` (`key: value` on one line) to map `map`: a new line at its key column after its last
 * line for a block map, `, entry` before the closing brace of a flow map.
 */
export function appendToMap(text: string, file: string, map: YMap, entry: string): TextEdit | undefined {
  if (isFlow(text, map)) {
    if (text[map.span.end - 1] !== '}') return undefined;
    let at = map.span.end - 1;
    while (at > map.span.start + 1 && /\s/.test(text[at - 1] ?? '')) at--;
    return { file, span: { start: at, end: at }, newText: map.pairs.length ? `, ${entry}` : entry };
  }
  const col = keyColumn(text, map);
  if (col === undefined) return undefined;
  const at = lineEnd(text, map.span.end);
  return { file, span: { start: at, end: at }, newText: `${eol(text)}${' '.repeat(col)}${entry}` };
}

/**
 * Adds a list item after `after` (an item of `seq`): `itemFlow` (one line, e.g. `{port: 53}`) in a
 * flow list, `itemBlock` (its lines, the first written after the dash, the others relative to that
 * column) in a block list.
 */
export function insertItemAfter(
  text: string,
  file: string,
  seq: YSeq,
  after: YNode,
  itemFlow: string,
  itemBlock: readonly string[],
): TextEdit | undefined {
  if (isFlow(text, seq)) return { file, span: { start: after.span.end, end: after.span.end }, newText: `, ${itemFlow}` };
  const prefix = dashPrefix(text, after);
  if (prefix === undefined) return undefined;
  const nl = eol(text);
  const col = prefix.length;
  const lines = isFlow(text, after) ? [itemFlow] : itemBlock;
  const body = lines.map((l, i) => (i === 0 ? `${prefix}${l}` : `${' '.repeat(col)}${l}`)).join(nl);
  const at = lineEnd(text, after.span.end);
  return { file, span: { start: at, end: at }, newText: `${nl}${body}` };
}
