/**
 * View: what was not analysed. Every result (connlist, matrix, explain, assert, the panel, the
 * status bar) carries it, because a result computed without a broken deny-all is not the answer:
 * it is a partial one, and must say so. One list, built here, rendered by every front end.
 */
import { ignoredByEngine } from '../engine/crdCommon';
import type { EngineProfile } from '../engine/profiles/types';
import type { Location } from '../findings';
import type { Workspace } from '../model/workspace';
import { containsOffset } from '../text/span';

export type UnanalysedReason =
  /** A file or document that could not be read as YAML. */
  | 'yaml-syntax'
  /** A Helm template (file or document): render it to analyse it. */
  | 'helm-template'
  | 'binary'
  | 'too-large'
  /** A file the walk found but could not read (permissions, a dangling link). */
  | 'unreadable'
  /** An object the API server would reject: it never exists in the cluster. */
  | 'rejected'
  /** An object replaced by a later manifest of the same kind and name. */
  | 'replaced'
  /** A network-policy kind netpol-lens does not evaluate (AdminNetworkPolicy…). */
  | 'kind-not-evaluated'
  /** An engine's own policy kind under an engine that does not enforce it. */
  | 'ignored-by-engine'
  /** Cells decided by constructs the engine does not support. */
  | 'uncertain';

export interface UnanalysedItem {
  readonly reason: UnanalysedReason;
  /** The file, document or object; absent for uncertain cells. */
  readonly location?: Location;
  /** One sentence, leading with what was left out and why. */
  readonly message: string;
}

export interface CompletenessView {
  /** Nothing that could change the result was left out. */
  readonly complete: boolean;
  readonly items: readonly UnanalysedItem[];
  /** Files not (fully) analysed, objects not counted, workload pairs uncertain on the engine. */
  readonly counts: { readonly files: number; readonly objects: number; readonly uncertain: number };
  /** `complete` or `incomplete: 1 file and 2 objects not analysed; 12 cells uncertain on azure-npm-windows`. */
  readonly summary: string;
}

/** What the caller knows beyond the workspace: files it could not read, cells the engine leaves uncertain. */
export interface CompletenessExtra {
  /** Paths the walk found but could not read, with the reason (`permission denied`, `dangling link`). */
  readonly unreadable?: readonly { readonly path: string; readonly reason: string }[];
  readonly uncertain?: { readonly cells: number; readonly reasons: readonly string[] };
}

const fileReasons: Readonly<Record<string, UnanalysedReason>> = {
  'helm-template': 'helm-template',
  'binary-file': 'binary',
  'file-too-large': 'too-large',
};

export function completenessView(ws: Workspace, engine: EngineProfile, extra: CompletenessExtra = {}): CompletenessView {
  const items: UnanalysedItem[] = [];
  for (const u of extra.unreadable ?? [])
    items.push({
      reason: 'unreadable',
      location: { file: u.path, span: { start: 0, end: 0 } },
      message: `file not analysed: ${u.reason}`,
    });
  for (const name of ws.fileNames()) {
    const f = ws.getFile(name);
    if (!f) continue;
    const parsed = f.parsed;
    if (parsed.skipped) {
      const why = parsed.findings.find((x) => fileReasons[x.code] !== undefined);
      items.push({
        reason: parsed.skipped === 'binary' ? 'binary' : parsed.skipped,
        location: why ? { file: why.file, span: why.span } : { file: name, span: { start: 0, end: 0 } },
        message: why ? why.message : `file not analysed (${parsed.skipped})`,
      });
      continue;
    }
    for (const d of parsed.skippedDocuments) {
      // Located on what made it unreadable (the syntax error, the template action) inside the document.
      const code = d.reason === 'yaml-syntax' ? 'yaml-syntax' : 'helm-template';
      const why = parsed.findings.find((x) => x.code === code && x.span.start >= d.span.start && x.span.start <= d.span.end);
      const what = `document ${d.index + 1} not analysed`;
      items.push({
        reason: d.reason,
        location: { file: name, span: why?.span ?? d.span },
        message: why ? `${what}: ${why.message.replace(/^file not analysed: /, '')}` : what,
      });
    }
  }
  const model = ws.model;
  for (const p of model.policies) {
    const location = { file: p.file, span: p.span };
    if (!p.valid) {
      const why = ws.getFile(p.file)?.findings.find((x) => x.severity === 'error' && containsOffset(p.span, x.span.start));
      items.push({
        reason: 'rejected',
        location: why ? { file: why.file, span: why.span } : location,
        message: `NetworkPolicy ${p.id} not counted: the API server rejects it${why ? ` (${why.code})` : ''}`,
      });
    } else if (p.replacedBy)
      items.push({
        reason: 'replaced',
        location,
        message: `NetworkPolicy ${p.id} not counted: a later manifest of the same name replaces it`,
      });
  }
  for (const p of [...model.calicoPolicies, ...model.ciliumPolicies]) {
    if (p.valid) continue;
    items.push({
      reason: 'rejected',
      location: { file: p.file, span: p.span },
      message: `${p.kind} ${p.id} not counted: it is not a valid ${p.engine === 'calico' ? 'Calico' : 'Cilium'} policy`,
    });
  }
  for (const u of model.unevaluated)
    items.push({
      reason: 'kind-not-evaluated',
      location: { file: u.file, span: u.span },
      message: `${u.kind}${u.name !== undefined ? ` ${u.namespace !== undefined ? `${u.namespace}/` : ''}${u.name}` : ''}: ${u.reason}`,
    });
  for (const o of ignoredByEngine(model, engine))
    items.push({
      reason: 'ignored-by-engine',
      location: { file: o.file, span: o.kindSpan },
      message: `${o.kind} (${o.apiVersion}) not evaluated: the ${engine.id} engine does not enforce ${o.engine === 'calico' ? 'Calico' : 'Cilium'} policies (--engine ${o.engine} if it does here)`,
    });
  const uncertain = extra.uncertain;
  if (uncertain && uncertain.cells > 0)
    items.push({
      reason: 'uncertain',
      message: `${plural(uncertain.cells, 'workload pair')} uncertain on ${engine.id}: ${uncertain.reasons.join('; ')}`,
    });
  items.sort(compareItems);
  const counts = {
    files: new Set(items.filter((i) => isFileLevel(i.reason)).map((i) => i.location?.file)).size,
    objects: items.filter((i) => !isFileLevel(i.reason) && i.reason !== 'uncertain').length,
    uncertain: uncertain?.cells ?? 0,
  };
  return { complete: items.length === 0, items, counts, summary: summarise(counts, engine.id) };
}

function compareItems(a: UnanalysedItem, b: UnanalysedItem): number {
  const fa = a.location?.file ?? '\uffff';
  const fb = b.location?.file ?? '\uffff';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.location?.span.start ?? 0) - (b.location?.span.start ?? 0);
}

function summarise(counts: CompletenessView['counts'], engine: string): string {
  const parts: string[] = [];
  if (counts.files > 0) parts.push(`${plural(counts.files, 'file')} not fully analysed`);
  if (counts.objects > 0) parts.push(`${plural(counts.objects, 'object')} not counted`);
  if (counts.uncertain > 0) parts.push(`${plural(counts.uncertain, 'workload pair')} uncertain on ${engine}`);
  return parts.length === 0 ? 'complete: every file and object was analysed' : `incomplete: ${parts.join(', ')}`;
}

function isFileLevel(r: UnanalysedReason): boolean {
  return r === 'yaml-syntax' || r === 'helm-template' || r === 'binary' || r === 'too-large' || r === 'unreadable';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
