/**
 * Completion by context in NetworkPolicy documents: the fields at the cursor, label keys and values
 * from the workspace's pods (pod selectors) or namespaces (namespace selectors), container port
 * names, protocols, policy types and operators, and whole-policy snippets in an empty document.
 */
import type { EngineProfile } from '../engine/profiles/types';
import { namespaceNameLabel } from '../model/namespace';
import type { Workspace } from '../model/workspace';
import type { Workload } from '../model/workload';
import { markdownList } from '../text/markdown';
import type { Span } from '../text/span';
import { completeCrd, isCrdKind } from './crdCompletion';
import { policySnippets } from './snippets';
import { cursorContext } from './textContext';
import type { CursorContext } from './textContext';

export type CompletionKind = 'field' | 'value' | 'enum' | 'label-key' | 'label-value' | 'port' | 'snippet';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Plain text. */
  readonly detail?: string;
  /** Markdown: manifest text in it goes through `text/markdown.ts`. */
  readonly documentation?: string;
  /** Text to insert; `snippet` tells whether it holds tab stops. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** The range the item replaces (the word typed so far). */
  readonly replace: Span;
  /** Orders items (lower first) where the label alone would not. */
  readonly sortText?: string;
}

export interface CompletionOptions {
  readonly engine: EngineProfile;
}

export type FieldShape = 'scalar' | 'map' | 'list';
const fields: Record<string, readonly (readonly [string, FieldShape, string])[]> = {
  '': [
    ['apiVersion', 'scalar', 'networking.k8s.io/v1'],
    ['kind', 'scalar', 'NetworkPolicy'],
    ['metadata', 'map', 'Name and namespace of the policy.'],
    ['spec', 'map', 'Which pods the policy selects and what it allows.'],
  ],
  metadata: [
    ['name', 'scalar', 'A DNS-1123 subdomain: lower case letters, digits, - and .'],
    ['namespace', 'scalar', 'The namespace whose pods `spec.podSelector` selects.'],
    ['labels', 'map', 'Labels of the policy object itself.'],
    ['annotations', 'map', 'Annotations of the policy object.'],
  ],
  spec: [
    ['podSelector', 'map', 'The pods of this namespace the policy applies to; `{}` selects all of them.'],
    ['policyTypes', 'list', 'Ingress, Egress or both. Omitted: Ingress, plus Egress when there are egress rules.'],
    ['ingress', 'list', 'Allowed incoming traffic; `[]` or no rule denies all ingress of the selected pods.'],
    ['egress', 'list', 'Allowed outgoing traffic; needs Egress in policyTypes to isolate egress.'],
  ],
  ingress: [
    ['from', 'list', 'Peers allowed to connect (OR across items); omitted or empty: every peer.'],
    ['ports', 'list', 'Ports allowed (OR across items); omitted or empty: every port.'],
  ],
  egress: [
    ['to', 'list', 'Peers that may be reached (OR across items); omitted or empty: every peer.'],
    ['ports', 'list', 'Ports allowed (OR across items); omitted or empty: every port.'],
  ],
  peer: [
    ['podSelector', 'map', 'Pods (of the policy namespace, or of the namespaces selected beside it: AND).'],
    ['namespaceSelector', 'map', 'Namespaces whose pods match; `{}` is every namespace.'],
    ['ipBlock', 'map', 'An address range (cidr minus except); cannot be combined with selectors.'],
  ],
  ipBlock: [
    ['cidr', 'scalar', 'e.g. 10.0.0.0/16'],
    ['except', 'list', 'CIDRs inside `cidr` to leave out.'],
  ],
  ports: [
    ['protocol', 'scalar', 'TCP (default), UDP or SCTP.'],
    ['port', 'scalar', 'A number, or the name of a container port of the destination pods.'],
    ['endPort', 'scalar', 'With a numeric port: the last port of a range.'],
  ],
  selector: [
    ['matchLabels', 'map', 'Label key: value pairs that must all match.'],
    ['matchExpressions', 'list', 'Requirements with In, NotIn, Exists, DoesNotExist (all must hold).'],
  ],
  matchExpressions: [
    ['key', 'scalar', 'A label key.'],
    ['operator', 'scalar', 'In, NotIn, Exists or DoesNotExist.'],
    ['values', 'list', 'For In and NotIn.'],
  ],
};

function fieldGroup(path: readonly string[]): string | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === undefined) return '';
  if (last === 'metadata' && path.length === 1) return 'metadata';
  if (last === 'spec' && path.length === 1) return 'spec';
  if ((last === 'ingress' || last === 'egress') && parent === 'spec') return last;
  if (last === 'from' || last === 'to') return 'peer';
  if (last === 'ipBlock') return 'ipBlock';
  if (last === 'ports' && (parent === 'ingress' || parent === 'egress')) return 'ports';
  if (last === 'podSelector' || last === 'namespaceSelector') return 'selector';
  if (last === 'matchExpressions') return 'matchExpressions';
  return undefined;
}

/** The document (between `---` lines) that holds `offset`. */
function documentAround(text: string, offset: number): { text: string; start: number } {
  const re = /^---.*$/gm;
  let start = 0;
  let end = text.length;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index + m[0].length < offset) start = m.index + m[0].length + 1;
    else if (m.index >= offset) {
      end = m.index;
      break;
    }
  }
  return { text: text.slice(start, end), start };
}

/** Completions at `offset` of `text` (the document as the editor has it now). */
export function completeAt(ws: Workspace, text: string, offset: number, _opts: CompletionOptions): CompletionItem[] {
  const doc = documentAround(text, offset);
  const ctx = cursorContext(doc.text, offset - doc.start);
  const replace: Span = { start: ctx.wordStart + doc.start, end: offset };
  const kind = /^kind:\s*(\S+)/m.exec(doc.text)?.[1];
  if (kind === undefined && doc.text.trim().length <= ctx.prefix.length) return snippetItems(replace);
  const crd = isCrdKind(/^apiVersion:\s*(\S+)/m.exec(doc.text)?.[1], kind);
  if (crd && kind !== undefined) return completeCrd(crd, kind, ctx, replace);
  if (kind !== undefined && kind !== 'NetworkPolicy') return [];
  const namespace = metadataNamespace(doc.text) ?? ws.defaultNamespace;
  return new Completer(ws, namespace, replace).complete(ctx);
}

/** `metadata.namespace` read line by line (a document being typed is often not valid YAML). */
function metadataNamespace(doc: string): string | undefined {
  let inMetadata = false;
  for (const line of doc.split(/\r?\n/)) {
    if (/^\S/.test(line)) inMetadata = /^metadata\s*:\s*(#.*)?$/.test(line);
    else if (inMetadata) {
      const m = /^\s+namespace\s*:\s*["']?([^\s"'#]+)/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

function snippetItems(replace: Span): CompletionItem[] {
  return policySnippets.map((s) => ({
    label: s.prefix,
    kind: 'snippet' as const,
    detail: s.label,
    documentation: s.description,
    insertText: s.body.join('\n'),
    snippet: true,
    replace,
  }));
}

class Completer {
  constructor(
    private readonly ws: Workspace,
    private readonly namespace: string,
    private readonly replace: Span,
  ) {}

  complete(ctx: CursorContext): CompletionItem[] {
    const path = ctx.path;
    const last = path[path.length - 1];
    if (ctx.valueKey !== undefined) return this.valueItems(path, ctx.valueKey, ctx);
    // A bare `- ` item of a list of scalars completes values.
    if (ctx.inListItem && !ctx.siblings.size && (last === 'policyTypes' || last === 'values'))
      return this.valueItems(path.slice(0, -1), last, ctx);
    if (last === 'matchLabels') return this.labelKeys(path, ': ');
    const group = fieldGroup(path);
    if (group === undefined) return [];
    return (fields[group] ?? [])
      .filter(([name]) => !ctx.siblings.has(name))
      .map(([name, shape, doc], i) => ({
        label: name,
        kind: 'field' as const,
        documentation: doc,
        insertText: shape === 'scalar' ? `${name}: ` : shape === 'map' ? `${name}:\n  $0` : `${name}:\n  - $0`,
        snippet: shape !== 'scalar',
        replace: this.replace,
        sortText: String(i).padStart(2, '0'),
      }));
  }

  private valueItems(path: readonly string[], key: string, ctx: CursorContext): CompletionItem[] {
    const last = path[path.length - 1];
    if (last === 'matchLabels') return this.labelValues(path, key);
    if (path.length === 0 && key === 'apiVersion') return this.enumItems(['networking.k8s.io/v1']);
    if (path.length === 0 && key === 'kind') return this.enumItems(['NetworkPolicy']);
    if (key === 'policyTypes') return this.enumItems(['Ingress', 'Egress']);
    if (key === 'protocol') return this.enumItems(['TCP', 'UDP', 'SCTP']);
    if (last === 'matchExpressions' && key === 'operator') return this.enumItems(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    if (last === 'matchExpressions' && key === 'key') return this.labelKeys(path, '');
    if (key === 'values' && path[path.length - 1] === 'matchExpressions') {
      const labelKey = ctx.parentSiblings.get('key');
      return labelKey ? this.labelValues(path, labelKey) : [];
    }
    if (key === 'port' && last === 'ports') return this.portNames(path);
    if (path.length === 1 && path[0] === 'metadata' && key === 'namespace')
      return this.enumItems([...this.ws.model.namespaces.keys()].sort());
    return [];
  }

  private enumItems(values: readonly string[]): CompletionItem[] {
    return values.map((v, i) => ({
      label: v,
      kind: 'enum' as const,
      insertText: v,
      snippet: false,
      replace: this.replace,
      sortText: String(i).padStart(2, '0'),
    }));
  }

  private isNamespaceSelector(path: readonly string[]): boolean {
    return path.includes('namespaceSelector') && path.lastIndexOf('namespaceSelector') > path.lastIndexOf('podSelector');
  }

  /** Label sources: namespaces for a namespace selector; pods otherwise (the policy namespace first). */
  private labelSources(path: readonly string[]): { labels: ReadonlyMap<string, string>; near: boolean; name: string }[] {
    const model = this.ws.model;
    if (this.isNamespaceSelector(path)) return [...model.namespaces.values()].map((n) => ({ labels: n.labels, near: true, name: n.name }));
    const specSelector = path.length >= 2 && path[0] === 'spec' && path[1] === 'podSelector';
    return model.workloads
      .filter((w: Workload) => !specSelector || w.namespace === this.namespace)
      .map((w) => ({ labels: w.labels, near: w.namespace === this.namespace, name: w.id }));
  }

  private labelKeys(path: readonly string[], suffix: string): CompletionItem[] {
    const counts = new Map<string, { n: number; near: boolean }>();
    for (const s of this.labelSources(path)) {
      for (const k of s.labels.keys()) {
        const c = counts.get(k) ?? { n: 0, near: false };
        counts.set(k, { n: c.n + 1, near: c.near || s.near });
      }
    }
    const what = this.isNamespaceSelector(path) ? 'namespace' : 'workload';
    return [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, c]) => ({
        label: k,
        kind: 'label-key' as const,
        detail: `label of ${c.n} ${what}${c.n === 1 ? '' : 's'}`,
        insertText: `${k}${suffix}`,
        snippet: false,
        replace: this.replace,
        sortText: `${c.near ? '0' : '1'}${k === namespaceNameLabel ? '0' : '1'}${k}`,
      }));
  }

  private labelValues(path: readonly string[], key: string): CompletionItem[] {
    const byValue = new Map<string, { names: string[]; near: boolean }>();
    for (const s of this.labelSources(path)) {
      const v = s.labels.get(key);
      if (v === undefined) continue;
      const e = byValue.get(v) ?? { names: [], near: false };
      e.names.push(s.name);
      e.near ||= s.near;
      byValue.set(v, e);
    }
    return [...byValue]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([v, e]) => ({
        label: v,
        kind: 'label-value' as const,
        detail: `${e.names.length === 1 ? (e.names[0] ?? '') : `${e.names.length} ${this.isNamespaceSelector(path) ? 'namespaces' : 'workloads'}`}`,
        documentation: markdownList(e.names, 10),
        insertText: v,
        snippet: false,
        replace: this.replace,
        sortText: `${e.near ? '0' : '1'}${v}`,
      }));
  }

  private portNames(path: readonly string[]): CompletionItem[] {
    // Named ports resolve on the destination: the selected pods for ingress (this namespace), any pod for egress.
    const ingress = path.includes('ingress');
    const ports = new Map<string, string[]>();
    for (const w of this.ws.model.workloads) {
      if (ingress && w.namespace !== this.namespace) continue;
      for (const p of w.ports) if (p.name) ports.set(p.name, [...(ports.get(p.name) ?? []), `${p.protocol} ${p.port} on ${w.id}`]);
    }
    return [...ports]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, where]) => ({
        label: name,
        kind: 'port' as const,
        detail: where.length === 1 ? (where[0] ?? '') : `${where.length} containers`,
        documentation: markdownList(where, 10),
        insertText: name,
        snippet: false,
        replace: this.replace,
      }));
  }
}
