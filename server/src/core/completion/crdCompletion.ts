/**
 * Field names and enum values of Calico (projectcalico.org/v3 NetworkPolicy, GlobalNetworkPolicy)
 * and Cilium (cilium.io/v2 CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) documents, from the
 * schema outlines of LINT-CATALOGUE §3.5 (tigera/docs networkpolicy.mdx, _rule.mdx, _entityrule.mdx;
 * cilium language.rst).
 */
import { ciliumEntities } from '../model/ciliumPolicy';
import type { Span } from '../text/span';
import type { CompletionItem } from './completion';
import type { CursorContext } from './textContext';

type Shape = 'scalar' | 'map' | 'list';
type Field = readonly [string, Shape, string];

const calicoFields: Record<string, readonly Field[]> = {
  spec: [
    ['order', 'scalar', 'Lower orders apply first; Kubernetes NetworkPolicies count as 1000.'],
    ['selector', 'scalar', "Calico selector of the endpoints the policy applies to, e.g. app == 'web' (default all())."],
    ['types', 'list', 'Ingress, Egress. Omitted: from the rules written (no rules: Ingress).'],
    ['ingress', 'list', 'Ordered rules for incoming traffic: the first Allow/Deny/Pass that matches decides.'],
    ['egress', 'list', 'Ordered rules for outgoing traffic.'],
    ['serviceAccountSelector', 'scalar', 'Selects the service accounts the policy applies to.'],
  ],
  globalSpec: [
    ['namespaceSelector', 'scalar', 'Calico selector of the namespaces whose endpoints the policy applies to.'],
    ['doNotTrack', 'scalar', 'Host endpoints only.'],
    ['preDNAT', 'scalar', 'Host endpoints only.'],
    ['applyOnForward', 'scalar', 'Host endpoints only.'],
  ],
  rule: [
    ['action', 'scalar', 'Allow, Deny, Log or Pass (skip to the profiles).'],
    ['protocol', 'scalar', 'TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or 1-255; needed for ports.'],
    ['notProtocol', 'scalar', 'Matches every protocol but this one.'],
    ['source', 'map', 'Where the packet comes from.'],
    ['destination', 'map', 'Where the packet goes.'],
    ['ipVersion', 'scalar', '4 or 6.'],
    ['icmp', 'map', 'ICMP type and code.'],
    ['notICMP', 'map', 'ICMP type and code to exclude.'],
    ['http', 'map', 'Application layer policy match (needs ALP).'],
    ['metadata', 'map', 'Annotations of the rule.'],
  ],
  entity: [
    ['selector', 'scalar', "Endpoints (of the policy namespace unless namespaceSelector), e.g. app == 'db'."],
    ['notSelector', 'scalar', 'Every packet except those of endpoints matching this.'],
    ['namespaceSelector', 'scalar', "Namespaces by label; projectcalico.org/name == 'ns' picks one by name."],
    ['nets', 'list', 'CIDRs (or addresses) the packet address must be in.'],
    ['notNets', 'list', 'CIDRs the packet address must not be in.'],
    ['ports', 'list', 'Numbers, "start:end" ranges or port names (destination: the server port).'],
    ['notPorts', 'list', 'Ports to exclude.'],
    ['serviceAccounts', 'map', 'Service account names or selector.'],
    ['services', 'map', 'A Kubernetes Service by name and namespace.'],
  ],
};

const ciliumPeer = (dir: 'from' | 'to'): Field[] => [
  [`${dir}Endpoints`, 'list', `Label selectors of pods (namespace-scoped in a CNP; k8s:io.kubernetes.pod.namespace for others).`],
  [`${dir}Entities`, 'list', `Entities: ${ciliumEntities.join(', ')}.`],
  [`${dir}CIDR`, 'list', 'CIDRs outside the cluster.'],
  [`${dir}CIDRSet`, 'list', 'CIDRs with `except`.'],
  ['toPorts', 'list', 'Ports (strings), protocol TCP/UDP/SCTP/ANY, optional L7 rules.'],
  ['icmps', 'list', 'ICMP types.'],
];

const ciliumFields: Record<string, readonly Field[]> = {
  spec: [
    ['endpointSelector', 'map', 'The pods the rules apply to (of the policy namespace for a CNP).'],
    ['ingress', 'list', 'Allowed incoming traffic; any ingress section puts the pods in default deny.'],
    ['egress', 'list', 'Allowed outgoing traffic.'],
    ['ingressDeny', 'list', 'Denied incoming traffic: wins over every allow.'],
    ['egressDeny', 'list', 'Denied outgoing traffic.'],
    ['enableDefaultDeny', 'map', 'ingress/egress: false keeps this policy from enabling default deny.'],
    ['description', 'scalar', 'Free text.'],
    ['labels', 'list', 'Labels of the rule.'],
  ],
  ingress: ciliumPeer('from'),
  egress: [...ciliumPeer('to'), ['toFQDNs', 'list', 'DNS names (needs ACNS on AKS).'], ['toServices', 'list', 'Kubernetes services.']],
  toPorts: [
    ['ports', 'list', 'port (a string), endPort, protocol.'],
    ['rules', 'map', 'L7 rules: http, dns, kafka (need ACNS on AKS).'],
  ],
  port: [
    ['port', 'scalar', 'A port number or name, as a string: "80".'],
    ['endPort', 'scalar', 'The last port of a range.'],
    ['protocol', 'scalar', 'TCP, UDP, SCTP or ANY (default).'],
  ],
};

export function isCrdKind(apiVersion: string | undefined, kind: string | undefined): 'calico' | 'cilium' | undefined {
  if (apiVersion?.startsWith('projectcalico.org/') || apiVersion?.startsWith('crd.projectcalico.org/'))
    return kind === 'NetworkPolicy' || kind === 'GlobalNetworkPolicy' ? 'calico' : undefined;
  if (apiVersion?.startsWith('cilium.io/'))
    return kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy' ? 'cilium' : undefined;
  return undefined;
}

function calicoGroup(path: readonly string[], global: boolean): readonly Field[] | undefined {
  const [a, b, c] = [path[path.length - 1], path[path.length - 2], path[path.length - 3]];
  if (a === 'spec' && path.length === 1)
    return global ? [...(calicoFields.spec ?? []), ...(calicoFields.globalSpec ?? [])] : calicoFields.spec;
  if ((a === 'ingress' || a === 'egress') && b === 'spec') return calicoFields.rule;
  if ((a === 'source' || a === 'destination') && (b === 'ingress' || b === 'egress') && c === 'spec') return calicoFields.entity;
  return undefined;
}

function ciliumGroup(path: readonly string[]): readonly Field[] | undefined {
  const a = path[path.length - 1];
  const inSpec = path[0] === 'spec' || path[0] === 'specs';
  if (!inSpec) return undefined;
  if (path.length === 1) return ciliumFields.spec;
  if ((a === 'ingress' || a === 'ingressDeny') && path.length === 2) return ciliumFields.ingress;
  if ((a === 'egress' || a === 'egressDeny') && path.length === 2) return ciliumFields.egress;
  if (a === 'toPorts') return ciliumFields.toPorts;
  if (a === 'ports' && path[path.length - 2] === 'toPorts') return ciliumFields.port;
  return undefined;
}

function enumValues(engine: 'calico' | 'cilium', key: string, path: readonly string[]): readonly string[] | undefined {
  if (engine === 'calico') {
    if (key === 'action') return ['Allow', 'Deny', 'Pass', 'Log'];
    if (key === 'protocol' || key === 'notProtocol') return ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'UDPLite'];
    if (key === 'types') return ['Ingress', 'Egress'];
    return undefined;
  }
  if (key === 'protocol') return ['TCP', 'UDP', 'SCTP', 'ANY'];
  if (key === 'fromEntities' || key === 'toEntities' || path[path.length - 1]?.endsWith('Entities')) return [...ciliumEntities];
  return undefined;
}

/** Completions in a Calico or Cilium policy document. */
export function completeCrd(engine: 'calico' | 'cilium', kind: string, ctx: CursorContext, replace: Span): CompletionItem[] {
  const path = ctx.path;
  const last = path[path.length - 1];
  const enumOf = (values: readonly string[]): CompletionItem[] =>
    values.map((v, i) => ({
      label: v,
      kind: 'enum' as const,
      insertText: v,
      snippet: false,
      replace,
      sortText: String(i).padStart(2, '0'),
    }));
  if (ctx.valueKey !== undefined) return enumOf(enumValues(engine, ctx.valueKey, path) ?? []);
  if (ctx.inListItem && !ctx.siblings.size && last !== undefined) {
    const values = enumValues(engine, last, path.slice(0, -1));
    if (values) return enumOf(values);
  }
  const group = engine === 'calico' ? calicoGroup(path, kind === 'GlobalNetworkPolicy') : ciliumGroup(path);
  return (group ?? [])
    .filter(([name]) => !ctx.siblings.has(name))
    .map(([name, shape, doc], i) => ({
      label: name,
      kind: 'field' as const,
      documentation: doc,
      insertText: shape === 'scalar' ? `${name}: ` : shape === 'map' ? `${name}:\n  $0` : `${name}:\n  - $0`,
      snippet: shape !== 'scalar',
      replace,
      sortText: String(i).padStart(2, '0'),
    }));
}
