/**
 * Rule: lost-indentation
 * A NetworkPolicy copied from a web page often arrives with every line at column 0: `metadata:` and
 * `spec:` are then null, and `name`, `podSelector`, `ingress`, … are top-level fields, so the API server
 * rejects the object (or YAML does, for the repeated `matchLabels`). The parse errors do not say why;
 * this rule does, once per document, and restores the structure from the NetworkPolicy schema
 * (LINT-CATALOGUE §4 #20: openshift-docs #37599, #65013, helm #9703).
 */
import type { Finding, Fix, RelatedLocation } from '../findings';
import { isNetworkPolicyObject, readNetworkPolicy } from '../model/networkPolicy';
import { parseFile } from '../model/parseFile';
import { span } from '../text/span';
import { restoreIndentation } from './restoreIndentation';
import type { RestoreResult } from './restoreIndentation';
import type { Rule, RuleContext } from './types';

interface Line {
  readonly start: number;
  /** End of the line's text, before `\r\n` / `\n`. */
  readonly end: number;
  readonly text: string;
}

interface DocLines {
  readonly lines: readonly Line[];
}

/** Keys that belong under metadata or spec (or deeper): at column 0 they show the indentation is gone. */
const deeperKeys = new Set([
  'name',
  'namespace',
  'labels',
  'annotations',
  'podSelector',
  'policyTypes',
  'ingress',
  'egress',
  'matchLabels',
  'matchExpressions',
  'namespaceSelector',
  'ipBlock',
  'from',
  'to',
  'ports',
]);

const parentOf: Readonly<Record<string, string>> = {
  name: 'metadata',
  namespace: 'metadata',
  labels: 'metadata',
  annotations: 'metadata',
  podSelector: 'spec',
  policyTypes: 'spec',
  ingress: 'spec',
  egress: 'spec',
};

const maxRelated = 8;

/** A quick test before reading a file line by line: `metadata:` or `spec:` alone, and the next line at column 0. */
const emptyParentAtColumnZero = /^(?:metadata|spec):[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[A-Za-z]/m;

export const rule: Rule = {
  id: 'lost-indentation',
  defaultSeverity: 'error',
  summary:
    'A NetworkPolicy whose indentation was lost (every key at column 0, as when copied from a web page): metadata and spec are empty.',
  check(ctx) {
    const out: Finding[] = [];
    for (const file of ctx.files) {
      if (ctx.workspace.getFile(file)?.parsed.skipped) continue;
      const text = ctx.text(file);
      if (/^\s*[[{]/.test(text) || !emptyParentAtColumnZero.test(text)) continue;
      for (const doc of splitDocuments(text)) {
        const f = checkDocument(ctx, file, doc);
        if (f) out.push(f);
      }
    }
    return out;
  },
};

function checkDocument(ctx: RuleContext, file: string, doc: DocLines): Finding | undefined {
  const top = doc.lines.map((l) => ({ line: l, key: columnZeroKey(l.text) }));
  const keyLine = (k: string): Line | undefined => top.find((t) => t.key?.key === k)?.line;
  const kind = top.find((t) => t.key?.key === 'kind');
  const api = top.find((t) => t.key?.key === 'apiVersion');
  const isPolicy = kind
    ? /^["']?NetworkPolicy["']?$/.test(kind.key?.value ?? '')
    : /^["']?networking\.k8s\.io\//.test(api?.key?.value ?? '');
  if (!isPolicy) return undefined;
  // `metadata:` / `spec:` with nothing after them and the next line at column 0: their content is not under them.
  const emptyParents = ['metadata', 'spec'].filter((k) => {
    const i = top.findIndex((t) => t.key?.key === k && t.key.value === '');
    const next = doc.lines.slice(i + 1).find((l) => !isBlank(l));
    return i >= 0 && next !== undefined && columnZeroKey(next.text) !== undefined;
  });
  const misplaced = top.filter((t) => t.key && deeperKeys.has(t.key.key));
  if (emptyParents.length === 0 || misplaced.length === 0) return undefined;

  const first = doc.lines[0] as Line;
  const last = doc.lines[doc.lines.length - 1] as Line;
  const bodySpan = span(first.start, last.end);
  const body = ctx.text(file).slice(bodySpan.start, bodySpan.end);
  const restored = restoreIndentation(body);
  const at = kind?.line ?? top.find((t) => t.key)?.line ?? first;
  const atKey = columnZeroKey(at.text)?.key ?? '';

  const wrongKeys = distinctMisplaced(top, restored);
  const related: RelatedLocation[] = [];
  for (const p of emptyParents) {
    const l = keyLine(p) as Line;
    related.push({ file, span: span(l.start, l.start + p.length), message: `${p} is empty: what belongs under it follows at column 0` });
  }
  for (const w of wrongKeys.slice(0, maxRelated))
    related.push({ file, span: span(w.line.start, w.line.start + w.key.length), message: `"${w.key}" belongs at ${w.where}` });

  const name = policyName(restored, doc, top);
  const shownKeys = wrongKeys.filter((w) => deeperKeys.has(w.key)).map((w) => w.key);
  const keysText = listKeys(shownKeys);
  const keysPlural = shownKeys.length !== 1;
  const why = restored.ok
    ? ''
    : ` It cannot be restored automatically (line ${restoredLineNo(ctx, file, bodySpan.start, restored.line)}: ${restored.reason}).`;
  const message =
    `the indentation of this NetworkPolicy${name ? ` "${name}"` : ''} was lost, as when a policy is copied from a web page: ` +
    `${emptyParents.join(' and ')} ${emptyParents.length > 1 ? 'are' : 'is'} empty and ${keysText} ${keysPlural ? 'sit' : 'sits'} at the top level, ` +
    `so the API server rejects it (the other errors of this document follow from it).${why}`;
  const fix = restored.ok ? restoreFix(ctx, file, bodySpan, body, restored) : undefined;
  const fixes = fix ? [fix] : [];
  return {
    code: rule.id,
    severity: rule.defaultSeverity,
    file,
    span: span(at.start, at.start + atKey.length),
    message,
    related,
    ...(fixes.length ? { fixes } : {}),
  };
}

function restoreFix(
  ctx: RuleContext,
  file: string,
  bodySpan: { start: number; end: number },
  body: string,
  restored: Extract<RestoreResult, { ok: true }>,
): Fix | undefined {
  const amb = restored.ambiguities[0];
  const safe = restored.ambiguities.length === 0 && readsCleanly(ctx, restored.text);
  const title = amb
    ? `Restore the indentation (check "${amb.key}": placed at ${amb.chosen}, it could belong at ${amb.alternative})`
    : 'Restore the indentation from the NetworkPolicy schema';
  // Only the lines that change: the edit keeps the rest of the text (and its positions) as it was.
  const a = body.split('\n');
  const b = restored.text.split('\n');
  let s = 0;
  while (s < a.length && a[s] === b[s]) s++;
  if (s >= a.length) return undefined;
  let e = a.length - 1;
  while (e > s && a[e] === b[e]) e--;
  const offset = (lines: readonly string[], n: number): number => lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);
  const from = bodySpan.start + offset(a, s);
  const to = bodySpan.start + offset(a, e) + (a[e] ?? '').length;
  return { title, edits: [{ file, span: span(from, to), newText: b.slice(s, e + 1).join('\n') }], safe, preferred: true };
}

/** The restored text is one NetworkPolicy the API server reads field by field (other errors are not the fix's concern). */
function readsCleanly(ctx: RuleContext, text: string): boolean {
  const parsed = parseFile('restored.yaml', text);
  if (parsed.findings.some((f) => f.severity === 'error') || parsed.objects.length !== 1) return false;
  const obj = parsed.objects[0];
  if (!obj || !isNetworkPolicyObject(obj)) return false;
  const { findings } = readNetworkPolicy(obj, ctx.workspace.defaultNamespace);
  return !findings.some((f) => f.code === 'unknown-field' || f.code === 'wrong-type');
}

interface Misplaced {
  readonly key: string;
  readonly line: Line;
  readonly where: string;
}

/** Column-0 keys that belong deeper, first occurrence of each key, with where they belong. */
function distinctMisplaced(top: readonly { line: Line; key: TopKey | undefined }[], restored: RestoreResult): Misplaced[] {
  const out: Misplaced[] = [];
  const seen = new Set<string>();
  top.forEach((t, i) => {
    if (!t.key || seen.has(t.key.key)) return;
    let where: string | undefined;
    if (restored.ok) {
      const r = restored.lines[i];
      if (r && r.indent > 0 && r.path) where = r.path;
    } else if (deeperKeys.has(t.key.key)) where = parentOf[t.key.key] ? `${parentOf[t.key.key] ?? ''}.${t.key.key}` : 'a deeper level';
    if (where === undefined) return;
    seen.add(t.key.key);
    out.push({ key: t.key.key, line: t.line, where });
  });
  return out;
}

function policyName(restored: RestoreResult, doc: DocLines, top: readonly { key: TopKey | undefined }[]): string | undefined {
  const i = restored.ok ? restored.lines.findIndex((l) => l.path === 'metadata.name') : top.findIndex((t) => t.key?.key === 'name');
  const k = i >= 0 ? columnZeroKey(doc.lines[i]?.text.trimStart() ?? '') : undefined;
  return k?.value ? k.value.replace(/^["']|["']$/g, '') : undefined;
}

function restoredLineNo(ctx: RuleContext, file: string, bodyStart: number, line: number): number {
  const before = ctx.text(file).slice(0, bodyStart);
  return before.split('\n').length + line;
}

function listKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((k) => `"${k}"`);
  const more = keys.length > 5 ? ', …' : '';
  if (shown.length <= 1) return (shown[0] ?? 'its fields') + more;
  return more ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

interface TopKey {
  readonly key: string;
  /** The value after the colon, without a trailing comment; '' when nothing follows. */
  readonly value: string;
}

/** A `key: value` line that starts at column 0 (not a list item, not a comment). */
function columnZeroKey(text: string): TopKey | undefined {
  const m = /^([A-Za-z][\w.\-/]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(text.replace(/\r$/, ''));
  if (!m) return undefined;
  const value = (m[2] ?? '').replace(/(^|\s)#.*$/, '').trim();
  return { key: m[1] ?? '', value };
}

/** The documents of a YAML stream as line lists (separators and directives left out). */
function splitDocuments(text: string): DocLines[] {
  const docs: DocLines[] = [];
  let cur: Line[] = [];
  let pos = 0;
  const flush = (): void => {
    while (cur.length && isBlank(cur[cur.length - 1] as Line)) cur.pop();
    while (cur.length && isBlank(cur[0] as Line)) cur.shift();
    if (cur.length) docs.push({ lines: cur });
    cur = [];
  };
  for (const raw of text.split('\n')) {
    const t = raw.replace(/\r$/, '');
    const line: Line = { start: pos, end: pos + t.length, text: t };
    pos += raw.length + 1;
    if (/^(---|\.\.\.)(\s|$)/.test(t) || t.startsWith('%')) flush();
    else cur.push(line);
  }
  flush();
  return docs;
}

function isBlank(l: Line): boolean {
  return l.text.trim() === '' || l.text.startsWith('#');
}
