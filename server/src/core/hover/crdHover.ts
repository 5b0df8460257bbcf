/**
 * Hovers on Calico and Cilium policies: a Calico `selector`/`notSelector`/`namespaceSelector` string
 * or a Cilium `endpointSelector`/`fromEndpoints`/`toEndpoints` item lists the workloads it matches,
 * with the same scoping the engine evaluators use; under another engine the hover says the policy is
 * not counted.
 */
import { calicoNamespaceLabels, calicoPodLabels } from '../engine/calicoEvaluation';
import { CiliumEvaluator, ciliumNamespaceKey } from '../engine/ciliumEvaluation';
import { namespaceLabelLookup } from '../engine/peers';
import type { Location } from '../findings';
import type { CalicoPolicy } from '../model/calicoPolicy';
import type { CiliumPolicy } from '../model/ciliumPolicy';
import type { FileModel, WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { matchesCalico, printCalicoSelector } from '../selectors/calicoSelector';
import { formatSelector, matchesSelector } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import { markdownCode, markdownLink } from '../text/markdown';
import type { Span } from '../text/span';
import { nodePathAt } from '../yaml/path';
import type { EngineProfile } from '../engine/profiles/types';

export interface CrdHoverOptions {
  readonly engine: EngineProfile;
  readonly link?: (loc: Location) => string | undefined;
  readonly listLimit?: number;
}

export function crdHoverAt(
  model: WorkspaceModel,
  fm: FileModel,
  offset: number,
  opts: CrdHoverOptions,
): { span: Span; contents: string } | undefined {
  const inside = (s: Span): boolean => offset >= s.start && offset <= s.end;
  const calico = fm.calicoPolicies.find((p) => inside(p.span));
  const cilium = calico ? undefined : fm.ciliumPolicies.find((p) => inside(p.span));
  const policy = calico ?? cilium;
  if (!policy) return undefined;
  const root = fm.parsed.objects.find((o) => o.span.start === policy.span.start)?.node;
  if (!root) return undefined;
  const path = nodePathAt(root, offset);
  const last = path[path.length - 1];
  if (!last) return undefined;
  const keys = path.map((s) => s.key);
  const list = (ws: readonly Workload[]): string => listWorkloads(ws, opts);
  const note = notCountedNote(policy, opts.engine);
  if (calico) {
    const key = keys[keys.length - 1];
    if (key !== 'selector' && key !== 'notSelector' && key !== 'namespaceSelector') return undefined;
    if (last.node.kind !== 'scalar' || typeof last.node.value !== 'string') return undefined;
    const topLevel = keys.length === 3 && keys[1] === 'spec';
    const matched = calicoMatches(
      model,
      calico,
      path.map((s) => s.node),
      keys,
      topLevel,
    );
    if (!matched) return { span: last.node.span, contents: `**${String(key)}** does not parse: see the error on it.${note}` };
    const text = markdownCode(matched.text);
    const what = topLevel
      ? key === 'selector'
        ? 'applies to'
        : 'applies in namespaces holding'
      : key === 'notSelector'
        ? 'excludes'
        : 'matches';
    const head = `**${String(key)}** ${text} ${what} **${matched.workloads.length} workload${matched.workloads.length === 1 ? '' : 's'}**`;
    return { span: last.node.span, contents: `${head}${matched.workloads.length ? `:\n\n${list(matched.workloads)}` : '.'}${note}` };
  }
  if (!cilium) return undefined;
  const ev = new CiliumEvaluator(model, opts.engine);
  const specIndex = keys[1] === 'specs' && typeof keys[2] === 'number' ? keys[2] : -1;
  const spec = cilium.specs.find((s) => s.index === specIndex);
  const rest = keys.slice(specIndex >= 0 ? 3 : 2);
  if (!spec) return undefined;
  if (rest[0] === 'endpointSelector' && spec.endpointSelector) {
    const sel = spec.endpointSelector;
    const ws = model.workloads.filter((w) => ev.specSelects(cilium, spec, w));
    const where = cilium.namespace !== undefined ? ` in namespace ${markdownCode(cilium.namespace)}` : ' in every namespace';
    return {
      span: sel.span,
      contents: `**endpointSelector** ${markdownCode(formatSelector(sel))}${where} selects **${ws.length} workload${ws.length === 1 ? '' : 's'}**${ws.length ? `:\n\n${list(ws)}` : '.'}${note}`,
    };
  }
  const peerKey = rest[2];
  if ((peerKey === 'fromEndpoints' || peerKey === 'toEndpoints') && typeof rest[3] === 'number') {
    const node = path[path.length - rest.length + 3]?.node;
    const section = rest[0] as 'ingress' | 'egress' | 'ingressDeny' | 'egressDeny';
    const rule = spec[section]?.find((r) => r.index === rest[1]);
    const sel = rule?.endpoints?.find((s) => s.span.start === node?.span.start);
    if (!sel) return undefined;
    const ws = model.workloads.filter((w) => ciliumPeerMatches(ev, cilium, sel, w));
    const scope =
      cilium.namespace !== undefined && !sel.requirements.some((r) => r.key === ciliumNamespaceKey)
        ? ` (namespace ${markdownCode(cilium.namespace)}: no \`k8s:io.kubernetes.pod.namespace\` label given)`
        : '';
    return {
      span: sel.span,
      contents: `**${peerKey}** ${markdownCode(formatSelector(sel))}${scope} matches **${ws.length} workload${ws.length === 1 ? '' : 's'}**${ws.length ? `:\n\n${list(ws)}` : '.'}${note}`,
    };
  }
  return undefined;
}

function ciliumPeerMatches(ev: CiliumEvaluator, p: CiliumPolicy, sel: LabelSelector, w: Workload): boolean {
  if (w.hostNetwork) return false;
  if (p.namespace !== undefined && !sel.requirements.some((r) => r.key === ciliumNamespaceKey) && w.namespace !== p.namespace) return false;
  return matchesSelector(sel, ev.labelsOf(w, p.namespace === undefined));
}

/** The workloads a Calico selector string of the policy matches, in the scope the engine gives it. */
function calicoMatches(
  model: WorkspaceModel,
  p: CalicoPolicy,
  nodes: readonly { span: Span }[],
  keys: readonly (string | number | undefined)[],
  topLevel: boolean,
): { text: string; workloads: Workload[] } | undefined {
  const nsLabels = namespaceLabelLookup(model.namespaces);
  const key = keys[keys.length - 1];
  if (topLevel) {
    const field = key === 'selector' ? p.selector : key === 'namespaceSelector' ? p.namespaceSelector : undefined;
    const expr = field?.expr;
    if (!expr) return undefined;
    const ws = model.workloads.filter((w) =>
      key === 'selector'
        ? !w.hostNetwork && (p.namespace === undefined || p.namespace === w.namespace) && matchesCalico(expr, calicoPodLabels(w))
        : matchesCalico(expr, calicoNamespaceLabels(w.namespace, nsLabels)),
    );
    return { text: printCalicoSelector(expr), workloads: ws };
  }
  // spec.<direction>[i].<source|destination>.<key>
  const direction = keys[2];
  const index = keys[3];
  const side = keys[4];
  if ((direction !== 'ingress' && direction !== 'egress') || typeof index !== 'number' || (side !== 'source' && side !== 'destination'))
    return undefined;
  const rule = (direction === 'ingress' ? p.ingress : p.egress).find((r) => r.index === index);
  const entity = rule?.[side];
  const field = key === 'selector' ? entity?.selector : key === 'notSelector' ? entity?.notSelector : entity?.namespaceSelector;
  if (!entity || !field?.expr || field.span.start !== nodes[nodes.length - 1]?.span.start) return undefined;
  const expr = field.expr;
  const nsExpr = entity.namespaceSelector?.expr;
  const inScope = (w: Workload): boolean =>
    nsExpr ? matchesCalico(nsExpr, calicoNamespaceLabels(w.namespace, nsLabels)) : p.namespace === undefined || p.namespace === w.namespace;
  const ws = model.workloads.filter((w) =>
    key === 'namespaceSelector'
      ? matchesCalico(expr, calicoNamespaceLabels(w.namespace, nsLabels))
      : !w.hostNetwork && inScope(w) && matchesCalico(expr, calicoPodLabels(w)),
  );
  return { text: printCalicoSelector(expr), workloads: ws };
}

function notCountedNote(p: CalicoPolicy | CiliumPolicy, engine: EngineProfile): string {
  if (!p.valid) return '\n\n⚠ This policy is rejected (see the errors in this file), so it has no effect.';
  if (engine.crdKinds !== p.engine)
    return `\n\n⚠ The ${engine.id} engine ignores ${p.kind} objects: this policy is not counted (engine ${markdownCode(p.engine)} counts it).`;
  return '';
}

function listWorkloads(ws: readonly Workload[], opts: CrdHoverOptions): string {
  const limit = opts.listLimit ?? 10;
  const shown = ws.slice(0, limit).map((w) => {
    const src = w.sources[0];
    const target = src ? opts.link?.(src) : undefined;
    return `- ${target ? markdownLink(markdownCode(w.id), target) : markdownCode(w.id)}`;
  });
  if (ws.length > limit) shown.push(`- … and ${ws.length - limit} more`);
  return shown.join('\n');
}
