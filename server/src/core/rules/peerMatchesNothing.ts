/**
 * Rule: peer-matches-nothing
 * A `from`/`to` entry whose podSelector / namespaceSelector matches no workload of the workspace
 * admits nothing: usually a label typo, a label kept on the Deployment instead of its pod template, or
 * a namespace label nobody set (kube-linter's dangling-networkpolicypeer-podselector, extended to
 * namespaceSelector peers). The message says which half fails. Left alone: a workspace without any
 * workload (policies kept apart from the apps), peers aimed at the cluster DNS (`k8s-app: kube-dns`)
 * when the workspace has no kube-system workload (the cluster provides it), namespaceSelectors by a
 * `name` label that namespace-name-label explains, and namespaces selected by name
 * (`kubernetes.io/metadata.name`) that the workspace does not have: they are outside the workspace
 * (kube-system for DNS, an ingress controller's or monitoring namespace), so their pods are unknown,
 * not missing. A namespaceSelector by any other label keeps the warning.
 */
import { describePeer } from '../engine/describe';
import type { Finding } from '../findings';
import type { PolicyRule, SelectorPeer } from '../model/networkPolicy';
import { formatSelector, isEmptySelector, matchesSelector } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { listSome } from './manifestLookup';
import { nameLabelMisuses, namespacesOutsideWorkspace } from './namespaceNames';
import type { Rule } from './types';

/** A selector aimed at the cluster DNS pods (CoreDNS keeps the `k8s-app: kube-dns` label). */
function targetsClusterDns(sel: LabelSelector | undefined): boolean {
  return (
    sel?.requirements.some(
      (r) => r.key === 'k8s-app' && r.operator === 'In' && r.values.some((v) => v === 'kube-dns' || v === 'coredns'),
    ) ?? false
  );
}

/** "none of the 3 workloads <where> has" / "the only workload <where> does not have". */
function noneOf(n: number, where: string): string {
  return n === 1 ? `the only workload ${where} does not have` : `none of the ${n} workloads ${where} has`;
}

function quoted(names: readonly string[]): string {
  return listSome(names.map((n) => `"${n}"`));
}

export const rule: Rule = {
  id: 'peer-matches-nothing',
  defaultSeverity: 'warning',
  summary: 'A podSelector / namespaceSelector peer of a rule matches no workload of the workspace, so it admits nothing.',
  check(ctx) {
    const out: Finding[] = [];
    const workloads = ctx.model.workloads;
    if (workloads.length === 0) return out;
    const dnsInWorkspace = workloads.some((w) => w.namespace === 'kube-system');
    const namespaces = [...ctx.model.namespaces.values()];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const rules: readonly PolicyRule[] = [...p.ingress, ...p.egress];
      for (const r of rules) {
        (r.peers ?? []).forEach((peer, i) => {
          if (peer.kind !== 'selector' || ctx.peerMatches(p, peer).length > 0) return;
          if (!dnsInWorkspace && targetsClusterDns(peer.podSelector)) return;
          const why = explain(peer, p.namespace);
          if (!why) return;
          const path = `spec.${r.direction}[${r.index}].${r.direction === 'ingress' ? 'from' : 'to'}[${i}]`;
          const effect = r.direction === 'ingress' ? 'admits no pod' : 'lets the selected pods reach no pod';
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: why.span,
            message: `NetworkPolicy ${p.id}, ${path}: the peer (${describePeer(peer, p.namespace)}) matches no workload of the workspace: ${why.text}, so this entry ${effect}`,
          });
        });
      }
    }
    return out;

    function explain(peer: SelectorPeer, policyNamespace: string): { span: Span; text: string } | undefined {
      const podSel = peer.podSelector;
      const podAll = !podSel || isEmptySelector(podSel);
      const nsSel = peer.namespaceSelector;
      if (nsSel) {
        const matched = namespaces.filter((ns) => matchesSelector(nsSel, ns.labels));
        if (matched.length === 0) {
          // namespace-name-label says why and offers the fix.
          if (nameLabelMisuses(nsSel, ctx.model.namespaces).length > 0) return undefined;
          // Selected by name, not in the workspace: outside it, its pods are unknown (the hover says so).
          if (namespacesOutsideWorkspace(nsSel, ctx.model.namespaces)) return undefined;
          return {
            span: nsSel.span,
            text: `no namespace of the workspace matches namespaceSelector ${formatSelector(nsSel)} (namespaces: ${quoted(namespaces.map((n) => n.name).sort())})`,
          };
        }
        const names = new Set(matched.map((n) => n.name));
        const inside = workloads.filter((w) => names.has(w.namespace));
        if (inside.length === 0)
          return {
            span: nsSel.span,
            text: `the namespaceSelector matches ${matched.length === 1 ? 'namespace' : 'namespaces'} ${quoted([...names])}, which ${matched.length === 1 ? 'holds' : 'hold'} no workload of the workspace`,
          };
        if (podAll || !podSel) return undefined;
        return {
          span: podSel.span,
          text: `${noneOf(inside.length, `in the matched ${names.size === 1 ? 'namespace' : 'namespaces'} ${quoted([...names])}`)} labels ${formatSelector(podSel)}`,
        };
      }
      if (!podSel) return undefined;
      const inNs = workloads.filter((w) => w.namespace === policyNamespace).length;
      return {
        span: podSel.span,
        text:
          inNs === 0
            ? `no workload of the workspace is in namespace "${policyNamespace}" (a podSelector without namespaceSelector only looks in the policy's own namespace)`
            : `${noneOf(inNs, `of namespace "${policyNamespace}"`)} labels ${formatSelector(podSel)}`,
      };
    }
  },
};
