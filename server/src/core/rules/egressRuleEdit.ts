/**
 * A text edit that appends one rule to a policy's `spec.egress` (creating the key when absent),
 * indented like the manifest around it: the column of the list's items, and the file's way of
 * indenting lists under their key (`key:\n  - item` or `key:\n- item`).
 */
import type { TextEdit } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import { span } from '../text/span';
import { get, getPair } from '../yaml/node';
import type { YMap, YNode } from '../yaml/node';
import type { RuleContext } from './types';
import { column, lineEnd } from './policyYaml';

/**
 * One line of a rule to insert, at column `dash + shift + lists × offset`: `dash` is the column of the
 * rule's own `- `, `offset` how far the file indents a list under its key, `lists` the lists entered.
 */
export interface RuleLine {
  readonly shift: number;
  readonly lists: number;
  readonly text: string;
}

/** The column of the `-` before a block list item, or undefined when the item is not written after `- `. */
function dashColumn(text: string, item: YNode): number | undefined {
  const lineStart = text.lastIndexOf('\n', item.span.start - 1) + 1;
  const before = text.slice(lineStart, item.span.start);
  const m = /^(\s*(?:-\s+)*)-\s+$/.exec(before);
  return m ? (m[1] ?? '').length : undefined;
}

/** How far the manifest indents a block list under its key (0 or 2 usually); 2 when it has none. */
function listOffset(text: string, root: YNode | undefined): number {
  const walk = (node: YNode | undefined, depth: number): number | undefined => {
    if (!node || depth > 20 || node.kind === 'scalar') return undefined;
    if (node.kind === 'seq') {
      for (const item of node.items) {
        const r = walk(item, depth + 1);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    for (const p of node.pairs) {
      if (p.value.kind === 'seq' && p.value.items[0]) {
        const d = dashColumn(text, p.value.items[0]);
        if (d !== undefined && text.slice(p.keySpan.end, p.value.span.start).includes('\n')) return d - column(text, p.keySpan.start);
      }
      const r = walk(p.value, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  const found = walk(root, 0);
  return found !== undefined && found >= 0 ? found : 2;
}

function render(lines: readonly RuleLine[], dashCol: number, offset: number, eol: string): string {
  return lines.map((l) => ' '.repeat(Math.max(0, dashCol + l.shift + l.lists * offset)) + l.text).join(eol);
}

/** Appends the rule to `spec.egress` of `p`; undefined when the manifest is written in a way the edit does not handle (flow style). */
export function appendEgressRule(ctx: RuleContext, p: NetworkPolicy, lines: readonly RuleLine[]): TextEdit | undefined {
  const obj = ctx.objects(p.file).find((o) => o.span.start === p.span.start);
  const text = ctx.text(p.file);
  const spec = get(obj?.node, 'spec');
  if (!obj || spec?.kind !== 'map' || text[spec.span.start] === '{' || spec.pairs.length === 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const offset = listOffset(text, obj.node);
  const pair = getPair(spec, 'egress');
  if (!pair) return appendKey(text, p.file, spec, lines, offset, eol);
  const value = pair.value;
  const keyCol = column(text, pair.keySpan.start);
  if (value.kind === 'seq' && value.items.length > 0) {
    const first = value.items[0] as YNode;
    const dashCol = dashColumn(text, first);
    if (dashCol === undefined) return undefined;
    const at = lineEnd(text, value.span.end);
    return { file: p.file, span: span(at, at), newText: eol + render(lines, dashCol, offset, eol) };
  }
  const isEmpty = (value.kind === 'seq' && value.items.length === 0) || (value.kind === 'scalar' && value.value === null);
  if (!isEmpty) return undefined;
  const colon = text.indexOf(':', pair.keySpan.end);
  if (colon < 0) return undefined;
  const end = value.kind === 'seq' ? value.span.end : colon + 1;
  return { file: p.file, span: span(colon + 1, end), newText: eol + render(lines, keyCol + offset, offset, eol) };
}

function appendKey(text: string, file: string, spec: YMap, lines: readonly RuleLine[], offset: number, eol: string): TextEdit {
  const keyCol = column(text, (spec.pairs[0] as { keySpan: { start: number } }).keySpan.start);
  const at = lineEnd(text, spec.span.end);
  const newText = `${eol}${' '.repeat(keyCol)}egress:${eol}${render(lines, keyCol + offset, offset, eol)}`;
  return { file, span: span(at, at), newText };
}
