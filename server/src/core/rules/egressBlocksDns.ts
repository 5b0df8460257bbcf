/**
 * Rule: egress-blocks-dns
 * Once a policy isolates a pod's egress, everything it does not allow is dropped, DNS included: the
 * pod can no longer resolve a single name, and it fails in ways that do not look like a policy
 * problem. DNS needs UDP 53 and TCP 53 (large answers) to the kube-dns pods (cyclonus
 * CheckDNSBlockedOnUDP/TCP; cilium blog mistake 2). Without kube-dns in the workspace the cluster's
 * is assumed (kube-system, k8s-app=kube-dns); an ipBlock holding a node-local DNS address counts too.
 */
import { engineEvaluator } from '../engine/crdEvaluation';
import type { EngineEvaluator } from '../engine/crdEvaluation';
import { ipBlockContainsIp } from '../engine/addressSpace';
import { policySelects, rulePorts, ruleMatchesPod } from '../engine/peers';
import type { NamespaceLabels, PodView } from '../engine/peers';
import { containsPort } from '../engine/portSet';
import type { Finding, RelatedLocation } from '../findings';
import { namespaceLabels } from '../model/namespace';
import { effectiveRules } from '../model/networkPolicy';
import type { NetworkPolicy, PolicyRule } from '../model/networkPolicy';
import type { ContainerPort, Workload } from '../model/workload';
import { formatSelector, isEmptySelector, matchesSelector } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import { appendEgressRule } from './egressRuleEdit';
import type { RuleLine } from './egressRuleEdit';
import { namespaceIndex } from './namespaceIndex';
import type { Rule, RuleContext } from './types';

type DnsProtocol = 'UDP' | 'TCP';
const dnsProtocols: readonly DnsProtocol[] = ['UDP', 'TCP'];

interface DnsTarget {
  readonly pod: PodView;
  readonly ports: readonly ContainerPort[];
}

/** node-local-dns and AKS LocalDNS listen on these link-local addresses. */
const nodeLocalDns = ['169.254.20.10', '169.254.10.10', '169.254.10.11'];

const clusterDnsPorts: readonly ContainerPort[] = [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
];

function isDnsWorkload(w: Workload): boolean {
  return w.labels.get('k8s-app') === 'kube-dns';
}

function dnsTargets(ctx: RuleContext): DnsTarget[] {
  const real = ctx.model.workloads.filter(isDnsWorkload);
  if (real.length > 0) return real.map((w) => ({ pod: w, ports: w.ports.length ? w.ports : clusterDnsPorts }));
  const labels = new Map([['k8s-app', 'kube-dns']]);
  return [{ pod: { namespace: 'kube-system', labels, ips: [], hostNetwork: false }, ports: clusterDnsPorts }];
}

/** Does this egress rule of `p` let a pod reach DNS on `proto` 53? */
function ruleAllowsDns(
  ctx: RuleContext,
  p: NetworkPolicy,
  r: PolicyRule,
  proto: DnsProtocol,
  targets: readonly DnsTarget[],
  nsLabels: NamespaceLabels,
): boolean {
  for (const t of targets) {
    if (ruleMatchesPod(r, p.namespace, t.pod, nsLabels, ctx.engine) && containsPort(rulePorts(r, t.ports), proto, 53)) return true;
  }
  const local = r.peers?.some((peer) => peer.kind === 'ipBlock' && nodeLocalDns.some((ip) => ipBlockContainsIp(peer, ip)));
  return local === true && containsPort(rulePorts(r, undefined), proto, 53);
}

/**
 * The DNS protocols a pod cannot use when the engine's own policies decide its egress: asked of the
 * engine's evaluator towards the DNS workloads of the workspace (none there: nothing said).
 */
function blockedByEngine(ev: EngineEvaluator, w: Workload, targets: readonly DnsTarget[]): DnsProtocol[] {
  const dns = targets.map((t) => t.pod).filter((pod): pod is Workload => 'id' in pod);
  if (dns.length === 0) return [];
  const allowed = dns.map((d) => ev.side('egress', w, { kind: 'workload', workload: d }).allowed);
  return dnsProtocols.filter((proto) => !allowed.some((a) => containsPort(a, proto, 53)));
}

/** The DNS protocols a pod cannot use (empty when its egress is not isolated or DNS is allowed). */
function blockedFor(
  ctx: RuleContext,
  pod: PodView,
  egressPolicies: readonly NetworkPolicy[],
  targets: readonly DnsTarget[],
  nsLabels: NamespaceLabels,
): DnsProtocol[] {
  const isolating = egressPolicies.filter((q) => policySelects(q, pod, ctx.engine));
  if (isolating.length === 0) return [];
  return dnsProtocols.filter(
    (proto) => !isolating.some((q) => effectiveRules(q, 'egress').some((r) => ruleAllowsDns(ctx, q, r, proto, targets, nsLabels))),
  );
}

/** A pod with labels the selector matches, for a policy no workload of the workspace meets. */
function podFor(sel: LabelSelector, namespace: string): PodView | undefined {
  const labels = new Map<string, string>();
  for (const r of sel.requirements) {
    if (r.operator === 'In') labels.set(r.key, r.values[0] ?? '');
    else if (r.operator === 'Exists') labels.set(r.key, 'any');
  }
  return matchesSelector(sel, labels) ? { namespace, labels, ips: [], hostNetwork: false } : undefined;
}

function names(ws: readonly Workload[]): string {
  const shown = ws.slice(0, 3).map((w) => w.id);
  return ws.length > 3 ? `${shown.join(', ')} and ${ws.length - 3} more` : shown.join(', ');
}

function dnsRule(dnsNamespace: string, protocols: readonly DnsProtocol[]): RuleLine[] {
  return [
    { shift: 0, lists: 0, text: '- to:' },
    { shift: 2, lists: 1, text: '- namespaceSelector:' },
    { shift: 6, lists: 1, text: 'matchLabels:' },
    { shift: 8, lists: 1, text: `kubernetes.io/metadata.name: ${dnsNamespace}` },
    { shift: 4, lists: 1, text: 'podSelector:' },
    { shift: 6, lists: 1, text: 'matchLabels:' },
    { shift: 8, lists: 1, text: 'k8s-app: kube-dns' },
    { shift: 2, lists: 0, text: 'ports:' },
    ...protocols.flatMap((proto) => [
      { shift: 2, lists: 1, text: `- protocol: ${proto}` },
      { shift: 4, lists: 1, text: 'port: 53' },
    ]),
  ];
}

export const rule: Rule = {
  id: 'egress-blocks-dns',
  defaultSeverity: 'warning',
  summary: 'A policy isolates egress and no policy lets the pods it selects reach DNS (UDP and TCP 53 to kube-dns): name lookups fail.',
  check(ctx) {
    const out: Finding[] = [];
    const nsLabels: NamespaceLabels = (ns) => ctx.model.namespaces.get(ns)?.labels ?? namespaceLabels(ns);
    const egressPolicies = ctx.model.policies.filter((p) => p.valid && p.types.egress);
    if (egressPolicies.length === 0) return out;
    const index = namespaceIndex(ctx);
    const egressByNs = new Map<string, NetworkPolicy[]>();
    const egressIn = (ns: string): NetworkPolicy[] => {
      let list = egressByNs.get(ns);
      if (!list) egressByNs.set(ns, (list = index.policiesIn(ns).filter((p) => p.valid && p.types.egress)));
      return list;
    };
    const targets = dnsTargets(ctx);
    const dnsNamespace = targets[0]?.pod.namespace ?? 'kube-system';
    const verdicts = new Map<Workload, DnsProtocol[]>();
    // The engine's own kinds (CiliumNetworkPolicy, Calico) decide the sides they touch, NetworkPolicies included.
    const engineSides = engineEvaluator(ctx.model, ctx.engine);
    const verdict = (w: Workload): DnsProtocol[] => {
      let v = verdicts.get(w);
      if (!v) {
        v = engineSides?.affects(w, 'egress')
          ? blockedByEngine(engineSides, w, targets)
          : blockedFor(ctx, w, egressIn(w.namespace), targets, nsLabels);
        verdicts.set(w, v);
      }
      return v;
    };
    for (const p of egressPolicies) {
      if (!ctx.inScope(p.file)) continue;
      const selected = index.selected(p);
      let cut: Workload[] = [];
      let blocked: DnsProtocol[];
      let who: string;
      if (selected.length > 0) {
        cut = selected.filter((w) => verdict(w).length > 0);
        if (cut.length === 0) continue;
        blocked = dnsProtocols.filter((proto) => cut.some((w) => verdict(w).includes(proto)));
        who = cut.length === 1 ? `workload ${names(cut)}` : `${cut.length} workloads (${names(cut)})`;
      } else {
        // A policy kept apart from its workloads (or whose selector misses: policy-selects-nothing says so).
        if (ctx.model.workloads.length > 0 && !isEmptySelector(p.podSelector)) continue;
        const pod = podFor(p.podSelector, p.namespace);
        if (!pod) continue;
        blocked = blockedFor(ctx, pod, egressIn(p.namespace), targets, nsLabels);
        if (blocked.length === 0) continue;
        who = isEmptySelector(p.podSelector) ? `every pod of namespace "${p.namespace}"` : `the pods with ${formatSelector(p.podSelector)}`;
      }
      out.push(finding(ctx, p, who, blocked, cut, dnsNamespace, targets));
    }
    return out;
  },
};

function finding(
  ctx: RuleContext,
  p: NetworkPolicy,
  who: string,
  blocked: readonly DnsProtocol[],
  cut: readonly Workload[],
  dnsNamespace: string,
  targets: readonly DnsTarget[],
): Finding {
  const dnsWorkloads = targets.map((t) => t.pod).filter((pod): pod is Workload => 'id' in pod);
  const dnsText = dnsWorkloads.length ? names(dnsWorkloads) : `kube-dns (pods with k8s-app=kube-dns in ${dnsNamespace})`;
  const them = cut.length === 1 ? 'it' : 'them';
  const what =
    blocked.length === 2
      ? `no policy that selects ${them} allows DNS to ${dnsText} on UDP or TCP 53: every name lookup fails`
      : blocked[0] === 'TCP'
        ? `DNS to ${dnsText} is allowed on UDP 53 but not on TCP 53: lookups whose answers do not fit in UDP fail`
        : `DNS to ${dnsText} is allowed on TCP 53 but not on UDP 53: ordinary lookups, which use UDP, fail`;
  const message = `NetworkPolicy ${p.id} isolates the egress of ${who}, and ${what}`;
  const at = p.egressSpan ?? p.types.span ?? p.podSelector.span;
  const related: RelatedLocation[] = cut
    .slice(0, 3)
    .flatMap((w) => (w.sources[0] ? [{ ...w.sources[0], message: `${w.id} cannot resolve names` }] : []));
  const edit = appendEgressRule(ctx, p, dnsRule(dnsNamespace, blocked));
  return {
    code: rule.id,
    severity: rule.defaultSeverity,
    file: p.file,
    span: at,
    message,
    ...(related.length ? { related } : {}),
    ...(edit
      ? {
          fixes: [
            {
              title: `Allow DNS: add an egress rule to kube-dns (${dnsNamespace}) on ${blocked.join(' and ')} 53`,
              edits: [edit],
              safe: false,
            },
          ],
        }
      : {}),
  };
}
