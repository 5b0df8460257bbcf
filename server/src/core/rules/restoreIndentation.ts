/**
 * Restores the indentation of a NetworkPolicy whose indentation was lost (copied from a web page:
 * every line at column 0). Pure text in, text out: each line is placed by the NetworkPolicy schema
 * (metadata ⊃ name, spec ⊃ podSelector, …) and the `- ` of list items, which survive the copy. The
 * result is in the style of the Kubernetes docs: two spaces a level, list items indented under their key.
 *
 * A line that more than one open level could take (a label `name: x` after `labels:` while
 * metadata has no name yet) is placed in the deepest one and reported as an ambiguity; a line that
 * no level takes, block scalars, anchors, tags and multi-line flow values stop the restoration.
 */

type MapSchema = 'root' | 'metadata' | 'labels' | 'spec' | 'selector' | 'expr' | 'ingressRule' | 'egressRule' | 'peer' | 'ipBlock' | 'port';
type ItemType = 'scalar' | MapSchema;
type FieldType =
  { readonly t: 'scalar' } | { readonly t: 'map'; readonly schema: MapSchema } | { readonly t: 'list'; readonly item: ItemType };

const scalar: FieldType = { t: 'scalar' };
const map = (schema: MapSchema): FieldType => ({ t: 'map', schema });
const list = (item: ItemType): FieldType => ({ t: 'list', item });

const schemas: Readonly<Record<Exclude<MapSchema, 'labels'>, Readonly<Record<string, FieldType>>>> = {
  root: { apiVersion: scalar, kind: scalar, metadata: map('metadata'), spec: map('spec') },
  metadata: {
    name: scalar,
    namespace: scalar,
    generateName: scalar,
    uid: scalar,
    resourceVersion: scalar,
    generation: scalar,
    creationTimestamp: scalar,
    labels: map('labels'),
    annotations: map('labels'),
    finalizers: list('scalar'),
  },
  spec: { podSelector: map('selector'), policyTypes: list('scalar'), ingress: list('ingressRule'), egress: list('egressRule') },
  selector: { matchLabels: map('labels'), matchExpressions: list('expr') },
  expr: { key: scalar, operator: scalar, values: list('scalar') },
  ingressRule: { from: list('peer'), ports: list('port') },
  egressRule: { to: list('peer'), ports: list('port') },
  peer: { podSelector: map('selector'), namespaceSelector: map('selector'), ipBlock: map('ipBlock') },
  ipBlock: { cidr: scalar, except: list('scalar') },
  port: { protocol: scalar, port: scalar, endPort: scalar },
};

/** Where one input line went. */
export interface RestoredLine {
  /** 0-based line of the input. */
  readonly line: number;
  readonly indent: number;
  /** The path of what the line writes, e.g. `spec.ingress[0].from[0].podSelector`; '' for blank and comment lines. */
  readonly path: string;
}

/** A line more than one level could take: placed at `chosen`, but `alternative` was possible. */
export interface Ambiguity {
  readonly line: number;
  readonly key: string;
  readonly chosen: string;
  readonly alternative: string;
}

export type RestoreResult =
  | { readonly ok: true; readonly text: string; readonly lines: readonly RestoredLine[]; readonly ambiguities: readonly Ambiguity[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

type ValueKind = 'empty' | 'scalar' | 'flow';

interface Entry {
  readonly key: string;
  readonly kind: ValueKind;
}

/** A `key: value` or `- …` line read from its text; `undefined` for what the restorer cannot place. */
type LineShape =
  | { readonly t: 'blank' }
  | { readonly t: 'comment' }
  | { readonly t: 'key'; readonly entry: Entry }
  | { readonly t: 'item'; readonly entry: Entry | undefined; readonly flowKey?: string }
  | { readonly t: 'bad'; readonly reason: string };

interface Frame {
  readonly kind: 'map' | 'list';
  /** Map: its schema. List: the type of its items. */
  readonly type: ItemType;
  /** Column of the map's keys or of the list's dashes. */
  readonly indent: number;
  readonly path: string;
  readonly seen: Set<string>;
  /** List: number of items so far. */
  count: number;
}

/** Re-indents the text of one YAML document (no `---` lines) holding a NetworkPolicy. */
export function restoreIndentation(text: string): RestoreResult {
  const raw = text.split('\n');
  const stack: Frame[] = [{ kind: 'map', type: 'root', indent: 0, path: '', seen: new Set(), count: 0 }];
  const out: string[] = [];
  const placed: RestoredLine[] = [];
  const ambiguities: Ambiguity[] = [];
  const pendingComments: number[] = [];
  const emit = (i: number, indent: number, path: string, body: string, cr: string): void => {
    for (const c of pendingComments.splice(0)) {
      out[c] = ' '.repeat(indent) + (out[c] ?? '');
      placed[c] = { line: c, indent, path: '' };
    }
    out[i] = ' '.repeat(indent) + body + cr;
    placed[i] = { line: i, indent, path };
  };
  for (let i = 0; i < raw.length; i++) {
    const full = raw[i] ?? '';
    const cr = full.endsWith('\r') ? '\r' : '';
    const body = full.slice(0, full.length - cr.length).replace(/^[ \t]+/, '');
    const shape = readLine(body);
    if (shape.t === 'blank') {
      out[i] = cr;
      placed[i] = { line: i, indent: 0, path: '' };
      continue;
    }
    if (shape.t === 'comment') {
      out[i] = body + cr;
      pendingComments.push(i);
      continue;
    }
    if (shape.t === 'bad') return { ok: false, line: i, reason: shape.reason };
    const r = shape.t === 'key' ? placeKey(stack, shape.entry) : placeItem(stack, shape.entry, shape.flowKey, body);
    if (typeof r === 'string') return { ok: false, line: i, reason: r };
    if (r.alternative !== undefined) ambiguities.push({ line: i, key: r.key, chosen: r.path, alternative: r.alternative });
    emit(i, r.indent, r.path, body, cr);
  }
  for (const c of pendingComments) placed[c] = { line: c, indent: 0, path: '' };
  return { ok: true, text: out.join('\n'), lines: placed, ambiguities };
}

interface Placement {
  readonly indent: number;
  readonly path: string;
  readonly key: string;
  readonly alternative?: string;
}

function fieldOf(schema: ItemType, entry: Entry): FieldType | undefined {
  if (schema === 'scalar') return undefined;
  if (schema === 'labels') return entry.kind === 'scalar' ? scalar : undefined;
  return schemas[schema][entry.key];
}

function accepts(frame: Frame, entry: Entry): boolean {
  return frame.kind === 'map' && !frame.seen.has(entry.key) && fieldOf(frame.type, entry) !== undefined;
}

function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** A `key: value` line: the deepest open map that takes the key gets it. */
function placeKey(stack: Frame[], entry: Entry): Placement | string {
  let at = findFrame(stack, (f) => accepts(f, entry));
  if (at < 0) return `no place for "${entry.key}" in a NetworkPolicy here`;
  let alt = findFrame(stack.slice(0, at), (f) => accepts(f, entry));
  // `name: x` after metadata.labels while metadata has no name yet: a policy needs a name, so it is the likelier reading.
  if (alt >= 0 && entry.key === 'name' && stack[alt]?.type === 'metadata' && stack[at]?.type === 'labels') [at, alt] = [alt, at];
  const frame = stack[at] as Frame;
  const alternative = alt >= 0 ? childPath((stack[alt] as Frame).path, entry.key) : undefined;
  stack.length = at + 1;
  frame.seen.add(entry.key);
  const path = childPath(frame.path, entry.key);
  pushChild(stack, frame, entry, path);
  return { indent: frame.indent, path, key: entry.key, ...(alternative !== undefined ? { alternative } : {}) };
}

/** A `- …` line: the deepest open list whose items can start this way gets it. */
function placeItem(stack: Frame[], entry: Entry | undefined, flowKey: string | undefined, body: string): Placement | string {
  const takes = (f: Frame): boolean => {
    if (f.kind !== 'list') return false;
    if (entry) return f.type !== 'scalar' && fieldOf(f.type, entry) !== undefined;
    // `- {}`: an empty map, which any list of maps takes.
    if (flowKey === '') return f.type !== 'scalar';
    if (flowKey !== undefined) return f.type !== 'scalar' && fieldOf(f.type, { key: flowKey, kind: 'scalar' }) !== undefined;
    return f.type === 'scalar';
  };
  const at = findFrame(stack, takes);
  const what = entry ? `"- ${entry.key}"` : `"${body}"`;
  if (at < 0) return `no list takes ${what} here`;
  const alt = findFrame(stack.slice(0, at), takes);
  const frame = stack[at] as Frame;
  const alternative = alt >= 0 ? `${(stack[alt] as Frame).path}[…]` : undefined;
  stack.length = at + 1;
  const path = `${frame.path}[${frame.count}]`;
  frame.count++;
  if (entry) {
    const item: Frame = { kind: 'map', type: frame.type, indent: frame.indent + 2, path, seen: new Set([entry.key]), count: 0 };
    stack.push(item);
    pushChild(stack, item, entry, childPath(path, entry.key));
  }
  const key = entry?.key ?? (flowKey || body);
  return {
    indent: frame.indent,
    path: entry ? childPath(path, entry.key) : path,
    key,
    ...(alternative !== undefined ? { alternative } : {}),
  };
}

/** After `key:` with nothing behind it, the map or list the key holds opens one level deeper. */
function pushChild(stack: Frame[], frame: Frame, entry: Entry, path: string): void {
  if (entry.kind !== 'empty') return;
  const field = fieldOf(frame.type, entry);
  if (field?.t === 'map') stack.push({ kind: 'map', type: field.schema, indent: frame.indent + 2, path, seen: new Set(), count: 0 });
  else if (field?.t === 'list') stack.push({ kind: 'list', type: field.item, indent: frame.indent + 2, path, seen: new Set(), count: 0 });
}

function findFrame(stack: readonly Frame[], test: (f: Frame) => boolean): number {
  for (let i = stack.length - 1; i >= 0; i--) if (test(stack[i] as Frame)) return i;
  return -1;
}

function readLine(body: string): LineShape {
  if (body.trim() === '') return { t: 'blank' };
  if (body.startsWith('#')) return { t: 'comment' };
  if (body === '-' || body.startsWith('- ') || body.startsWith('-\t')) {
    const rest = body.slice(1).trim();
    if (rest === '' || rest.startsWith('#')) return { t: 'bad', reason: 'a list item whose content starts on the next line' };
    if (rest === '-' || rest.startsWith('- ')) return { t: 'bad', reason: 'a list inside a list' };
    const entry = readEntry(rest);
    if (typeof entry === 'string') return { t: 'bad', reason: entry };
    if (entry) return { t: 'item', entry };
    const value = valueKind(rest);
    if (typeof value === 'object') return { t: 'bad', reason: value.problem };
    if (rest.startsWith('{')) {
      if (/^\{\s*\}/.test(rest)) return { t: 'item', entry: undefined, flowKey: '' };
      const k = /^\{\s*("[^"]*"|'[^']*'|[^:,}\s]+)\s*:/.exec(rest);
      if (!k?.[1]) return { t: 'bad', reason: 'a flow map whose first key cannot be read' };
      return { t: 'item', entry: undefined, flowKey: unquote(k[1]) };
    }
    if (rest.startsWith('[')) return { t: 'bad', reason: 'a list inside a list' };
    return { t: 'item', entry: undefined };
  }
  const entry = readEntry(body);
  if (typeof entry === 'string') return { t: 'bad', reason: entry };
  if (!entry) return { t: 'bad', reason: 'a line that is neither "key: value" nor a list item (a value over several lines?)' };
  return { t: 'key', entry };
}

/** `key: value` → the key and what kind of value follows; undefined when the text is not a map entry. */
function readEntry(text: string): Entry | string | undefined {
  let key: string;
  let rest: string;
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = closingQuote(text);
    if (end < 0) return undefined;
    const m = /^\s*:(?:\s+|$)/.exec(text.slice(end + 1));
    if (!m) return undefined;
    key = unquote(text.slice(0, end + 1));
    rest = text.slice(end + 1 + m[0].length);
  } else {
    if (/^[[{&*!|>%@`]/.test(text)) return undefined;
    const m = /:(?:[ \t]+|$)/.exec(text);
    if (!m) return undefined;
    key = text.slice(0, m.index).trimEnd();
    if (key === '' || /\s#/.test(key)) return undefined;
    rest = text.slice(m.index + m[0].length);
  }
  const kind = valueKind(rest);
  if (typeof kind === 'object') return kind.problem;
  return { key, kind };
}

/** The kind of a value written after `key:`, or why it cannot be placed line by line. */
function valueKind(rest: string): ValueKind | { readonly problem: string } {
  const v = stripComment(rest).trim();
  if (v === '') return 'empty';
  if (v.startsWith('|') || v.startsWith('>')) return { problem: 'a block scalar (| or >) whose lines cannot be placed' };
  if (v.startsWith('&') || v.startsWith('!')) return { problem: 'an anchor or a tag' };
  if (v.startsWith('"') || v.startsWith("'")) return closingQuote(v) < 0 ? { problem: 'a quoted value over several lines' } : 'scalar';
  if (v.startsWith('{') || v.startsWith('[')) return balancedFlow(v) ? 'flow' : { problem: 'a flow value over several lines' };
  return 'scalar';
}

function closingQuote(text: string): number {
  const q = text[0];
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') i++;
    else if (c === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/** The value without a trailing ` # comment` (outside quotes). */
function stripComment(v: string): string {
  let quote: string | undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(v[i - 1] ?? '')) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(v[i - 1] ?? ''))) return v.slice(0, i);
  }
  return v;
}

function balancedFlow(v: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth === 0 && quote === undefined;
}
