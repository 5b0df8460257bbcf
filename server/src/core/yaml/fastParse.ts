/**
 * The fast reader: `js-yaml` (about ten times faster than `yaml` on manifests) with its parse
 * listener, building the same `YNode` trees with the same spans as `parseDocuments.ts` does from
 * `yaml`. It only takes plain manifests: whatever it is unsure of (anchors, aliases, merge keys,
 * tags, directives, explicit keys, a BOM, tabs, any error or warning) makes it give up, and the
 * caller reads the text with `yaml`, which also words the errors. Tests hold the two readers equal.
 */
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { span } from '../text/span';
import type { YNode, YPair } from './node';
import type { YamlDocument } from './parseDocuments';

/**
 * Text the fast reader leaves to `yaml`: what may be an anchor, alias or tag (`&a`, `*a`, `!t` after a
 * space or a flow indicator), merge keys, directives, content on a `---` line, `...`, explicit keys,
 * tabs, a lone CR and a BOM.
 */
const unsure = /(?:^|[\s[{,])(?:[!&]|\*(?![\s"']))|[\t\uFEFF]|\r(?!\n)|<<|^%|^---[ ]+[^\s#]|^\.\.\.(?:\s|$)|^[ ]*(?:-[ ]+)*\?(?:\s|$)/m;
/** The characters `unsure` needs: most manifests have none of them, and one scan for them is cheap. */
const maybeUnsure = /[!&*\t\uFEFF\r<%?]|^(?:---[ ]|\.\.\.)/m;

interface Built {
  readonly node: YNode | undefined;
  /** First character of the node (after the space and comments before it). */
  readonly start: number;
  /** What js-yaml made of it (to recognise a node handed up unchanged). */
  result?: unknown;
  /** For an empty node: where the indicator before it (`-`) is. */
  readonly dash?: number;
}

interface Frame {
  readonly open: number;
  readonly children: Built[];
}

interface ListenerState {
  readonly position: number;
  readonly kind: 'scalar' | 'mapping' | 'sequence' | null;
  readonly result: unknown;
}

class GiveUp extends Error {}

const numberLike = /^[-+]?(?:[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|\.(?:inf|Inf|INF|nan|NaN|NAN)|0[xXoObB][\da-fA-F_]*)$/;
const plainDecimal = /^(?:0|-?[1-9]\d*|-?(?:0|[1-9]\d*)\.\d+)$/;

const yaml11Booleans = /^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** The documents of `text`, or undefined when the fast reader is not sure (then use `yaml`). */
export function fastParseDocuments(text: string): YamlDocument[] | undefined {
  if (maybeUnsure.test(text) && unsure.test(text)) return undefined;
  const stack: Frame[] = [];
  const tops: Built[] = [];
  const skipForward = (from: number): number => {
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13) i++;
      else if (c === 35 /* # */) {
        while (i < text.length && text.charCodeAt(i) !== 10) i++;
      } else return i;
    }
  };
  /** End of a scalar: back over trailing spaces and newlines (a plain scalar stops before a comment). */
  const trimBack = (start: number, end: number): number => {
    let e = Math.min(end, text.length);
    for (let c = text.charCodeAt(e - 1); e > start && (c === 32 || c === 10 || c === 13); c = text.charCodeAt(e - 1)) e--;
    return e;
  };
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop();
    if (!frame) throw new GiveUp();
    const built = close(frame, state);
    built.result = state.result;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(built);
    else tops.push(built);
  };
  const close = (frame: Frame, state: ListenerState): Built => {
    const { children } = frame;
    // A node that tried to be a block mapping and kept what it read as its first key.
    if (children.length === 1 && state.kind !== null && children[0]?.result === state.result) return children[0] as Built;
    if (state.kind === 'mapping') {
      // A block mapping ends with an attempt at one more key that found none.
      if (children.length % 2 !== 0 && children[children.length - 1]?.node === undefined) children.pop();
      if (children.length % 2 !== 0) throw new GiveUp();
      const pairs: YPair[] = [];
      for (let i = 0; i < children.length; i += 2) {
        const k = children[i] as Built;
        const v = children[i + 1] as Built;
        if (k.node?.kind !== 'scalar') throw new GiveUp();
        const keySpan = k.node.span;
        const value: YNode = v.node ?? emptyAfter(text, text.indexOf(':', keySpan.end));
        pairs.push({ key: k.node.written ?? String(k.node.value), keySpan, value });
      }
      // `yaml` stretches a block mapping over comments after an empty last value: leave those to it.
      const last = pairs[pairs.length - 1];
      if (last && children[children.length - 1]?.node === undefined && text.slice(last.value.span.end, state.position).includes('#')) {
        throw new GiveUp();
      }
      const first = children[0];
      const start = first ? first.start : skipForward(frame.open);
      const flow = text.charCodeAt(skipForward(frame.open)) === 123; /* { */
      const mapStart = flow ? skipForward(frame.open) : start;
      const end = flow
        ? state.position
        : trimBack(mapStart, withTrailingComments(text, mapStart, withLineComment(text, lastEnd(pairs, mapStart))));
      return { node: { kind: 'map', span: span(mapStart, end), pairs }, start: mapStart };
    }
    if (state.kind === 'sequence') {
      const result = state.result;
      // A block sequence ends with an attempt at one more item that found none.
      if (Array.isArray(result) && children.length === result.length + 1 && children[children.length - 1]?.node === undefined)
        children.pop();
      if (!Array.isArray(result) || result.length !== children.length) throw new GiveUp();
      const open = skipForward(frame.open);
      const flow = text.charCodeAt(open) === 91; /* [ */
      const items = children.map((c) => c.node ?? emptyAfter(text, c.dash ?? c.start - 1));
      const end = flow
        ? state.position
        : items.length > 0
          ? trimBack(open, withTrailingComments(text, open, withLineComment(text, (items[items.length - 1] as YNode).span.end)))
          : open + 1;
      return { node: { kind: 'seq', span: span(open, end), items }, start: open };
    }
    if (state.kind === null && children.every((c) => c.node === undefined)) {
      return { node: undefined, start: skipForward(frame.open), dash: frame.open - 1 };
    }
    if (children.length > 0) throw new GiveUp();
    const start = skipForward(frame.open);
    const end = trimBack(start, state.position);
    const quote = text.charCodeAt(start);
    const quoted = quote === 34 || quote === 39;
    const v = state.result;
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new GiveUp();
    const value = v;
    // Numbers in plain decimal form only; other spellings (080, 1e3, 0x1F, -0, .5, 1_000) resolve
    // differently across YAML schemas: leave them to `yaml`.
    if (!quoted && (typeof value === 'number' || numberLike.test(text.slice(start, end)))) {
      const written = text.slice(start, end);
      if (typeof value !== 'number' || !plainDecimal.test(written) || Object.is(value, -0)) throw new GiveUp();
    }
    if (!quoted && typeof value === 'string' && yaml11Booleans.test(value)) {
      return { node: { kind: 'scalar', span: span(start, end), value: /^(yes|on)$/i.test(value), quoted: false, written: value }, start };
    }
    return { node: { kind: 'scalar', span: span(start, end), value, quoted }, start };
  };
  try {
    loadAll(text, undefined, {
      schema: CORE_SCHEMA,
      listener: listener as (event: 'open' | 'close', state: unknown) => void,
      onWarning: () => {
        throw new GiveUp();
      },
    });
  } catch {
    return undefined;
  }
  if (stack.length > 0) return undefined;
  return tops.map((t, index) => ({ index, span: span(t.start, t.node?.span.end ?? t.start), contents: t.node, errors: [] }));
}

function lastEnd(pairs: readonly YPair[], start: number): number {
  const last = pairs[pairs.length - 1];
  if (!last) return start;
  return Math.max(last.keySpan.end, last.value.span.end);
}

/** The null a `key:` or `-` with nothing after it reads as: at the end of the spaces after the indicator. */
function emptyAfter(text: string, indicator: number): YNode {
  let p = indicator + 1;
  while (text.charCodeAt(p) === 32) p++;
  return { kind: 'scalar', span: span(p, p), value: null, quoted: false };
}

/** A block collection ends after a comment on the line of its last value, as `yaml` ranges it. */
function withLineComment(text: string, end: number): number {
  let i = end;
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 35 /* # */) return end;
  while (i < text.length && text.charCodeAt(i) !== 10) i++;
  while (i > end && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

/**
 * `yaml` also ranges a block collection over the comment lines after its last entry that are
 * indented deeper than the collection itself (they belong to it, not to what follows).
 */
function withTrailingComments(text: string, start: number, end: number): number {
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  let out = end;
  let line = text.indexOf('\n', end);
  while (line >= 0) {
    let i = line + 1;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      line = text.indexOf('\n', i);
      continue;
    }
    if (c !== 35 /* # */ || i - (line + 1) <= indent) break;
    const next = text.indexOf('\n', i);
    out = next < 0 ? text.length : next;
    line = next;
  }
  return out;
}
