/**
 * Cilium's own policies, cilium.io/v2 CiliumNetworkPolicy (namespaced) and
 * CiliumClusterwideNetworkPolicy, typed with spans and validated against their CRD schemas
 * (datreeio/CRDs-catalog cilium.io/ciliumnetworkpolicy_v2.json) and cilium
 * Documentation/security/policy/language.rst. `valid: false` when the API server would reject it.
 */
import type { Finding } from '../findings';
import { FindingSink } from '../findings';
import type { LabelRequirement, LabelSelector, SelectorOperator } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { get, isNull } from '../yaml/node';
import type { YMap, YNode } from '../yaml/node';
import { cidrContains } from './cidr';
import type { Cidr } from './cidr';
import { readCidr } from './crdCommon';
import type { K8sObject } from './k8sObject';
import { checkPortName } from './names';
import type { Direction, Protocol } from './networkPolicy';
import { readObjectMeta } from './objectMeta';
import { Reader, join } from './reader';

export type CiliumProtocol = Protocol | 'ANY' | 'other';

export interface CiliumPort {
  readonly protocol: CiliumProtocol;
  /** Absent (or "0"): every port. A string is a named container port. */
  readonly port?: number | string;
  readonly endPort?: number;
  readonly span: Span;
}

export interface CiliumPortRule {
  /** Absent: every port of every protocol. */
  readonly ports?: readonly CiliumPort[];
  /** L7 rule kinds written under `rules` (http, dns, kafka, l7): not evaluated. */
  readonly l7: readonly string[];
  readonly span: Span;
}

export interface CiliumCidrRule {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

export interface CiliumPeerRule {
  readonly direction: Direction;
  /** From `ingressDeny` / `egressDeny`. */
  readonly deny: boolean;
  readonly index: number;
  readonly endpoints?: readonly LabelSelector[];
  readonly cidrs?: readonly CiliumCidrRule[];
  readonly entities?: readonly string[];
  /** `toFQDNs` written: DNS names resolved at run time, not evaluated. */
  readonly fqdns: boolean;
  /** Peers written with fields that are not evaluated (toServices, fromNodes/toNodes, fromGroups/toGroups). */
  readonly unevaluatedPeers: readonly string[];
  /** Deprecated `fromRequires`/`toRequires` (removed in Cilium 1.19): not evaluated. */
  readonly requires: boolean;
  readonly toPorts?: readonly CiliumPortRule[];
  readonly icmps: boolean;
  readonly span: Span;
}

export interface CiliumRuleSpec {
  /** Position in `specs`, or -1 for `spec`. */
  readonly index: number;
  /** undefined when the spec uses `nodeSelector` (host policies: not evaluated). */
  readonly endpointSelector?: LabelSelector;
  readonly ingress: readonly CiliumPeerRule[];
  readonly egress: readonly CiliumPeerRule[];
  readonly ingressDeny: readonly CiliumPeerRule[];
  readonly egressDeny: readonly CiliumPeerRule[];
  /** Which directions the spec writes a section for (`ingress`/`ingressDeny`, even `[]`). */
  readonly sections: { readonly ingress: boolean; readonly egress: boolean };
  readonly enableDefaultDeny: { readonly ingress?: boolean; readonly egress?: boolean };
  readonly span: Span;
}

export interface CiliumPolicy {
  readonly engine: 'cilium';
  readonly kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';
  readonly id: string;
  readonly name: string;
  readonly namespace?: string;
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly specs: readonly CiliumRuleSpec[];
  readonly valid: boolean;
}

export const ciliumEntities = [
  'all',
  'world',
  'world-ipv4',
  'world-ipv6',
  'cluster',
  'host',
  'remote-node',
  'kube-apiserver',
  'ingress',
  'init',
  'health',
  'unmanaged',
  'none',
] as const;

export function isCiliumPolicyObject(obj: K8sObject): boolean {
  return obj.apiVersion === 'cilium.io/v2' && (obj.kind === 'CiliumNetworkPolicy' || obj.kind === 'CiliumClusterwideNetworkPolicy');
}

const ruleFields = [
  'endpointSelector',
  'nodeSelector',
  'ingress',
  'egress',
  'ingressDeny',
  'egressDeny',
  'labels',
  'description',
  'enableDefaultDeny',
  'log',
];

export function readCiliumPolicy(obj: K8sObject, defaultNamespace: string): { policy: CiliumPolicy; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const r = new Reader(sink);
  const root = obj.node;
  const clusterwide = obj.kind === 'CiliumClusterwideNetworkPolicy';
  r.knownFields(root, '', ['apiVersion', 'kind', 'metadata', 'spec', 'specs', 'status']);
  const meta = readObjectMeta(r, root, { requireName: true, nameRule: 'subdomain' });
  const specs: CiliumRuleSpec[] = [];
  const specNode = get(root, 'spec');
  const one = r.map(specNode, 'spec');
  if (one) {
    const s = readSpec(r, one, 'spec', -1, clusterwide);
    if (s) specs.push(s);
  }
  const many = r.seq(get(root, 'specs'), 'specs');
  many?.items.forEach((item, i) => {
    const m = r.map(item, join('specs', i));
    const s = m ? readSpec(r, m, join('specs', i), i, clusterwide) : undefined;
    if (s) specs.push(s);
  });
  if (!one && !many) sink.error('missing-spec', obj.span, `${obj.kind ?? ''} needs \`spec\` or \`specs\`: it holds no rule`);
  const name = meta.name ?? '';
  const namespace = clusterwide ? undefined : (meta.namespace ?? defaultNamespace);
  const policy: CiliumPolicy = {
    engine: 'cilium',
    kind: clusterwide ? 'CiliumClusterwideNetworkPolicy' : 'CiliumNetworkPolicy',
    id: namespace === undefined ? name : `${namespace}/${name}`,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    file: obj.file,
    span: obj.span,
    nameSpan: meta.nameSpan ?? obj.span,
    specs,
    valid: sink.errorCount === 0,
  };
  return { policy, findings: sink.findings };
}

function readSpec(r: Reader, map: YMap, path: string, index: number, clusterwide: boolean): CiliumRuleSpec | undefined {
  r.knownFields(map, path, ruleFields);
  const epNode = get(map, 'endpointSelector');
  const nodeNode = get(map, 'nodeSelector');
  if (!isNull(nodeNode) && !clusterwide)
    r.sink.error(
      'invalid-selector',
      nodeNode?.span ?? map.span,
      `${join(path, 'nodeSelector')}: only a CiliumClusterwideNetworkPolicy may select nodes`,
    );
  if (isNull(epNode) && isNull(nodeNode))
    r.sink.error('invalid-selector', map.span, `${path}: Required value: one of endpointSelector or nodeSelector`);
  else if (!isNull(epNode) && !isNull(nodeNode))
    r.sink.error('invalid-selector', nodeNode?.span ?? map.span, `${path}: endpointSelector and nodeSelector are mutually exclusive`);
  const endpointSelector = isNull(epNode) ? undefined : readCiliumSelector(r, epNode, join(path, 'endpointSelector'));
  const edd = r.map(get(map, 'enableDefaultDeny'), join(path, 'enableDefaultDeny'));
  if (edd) r.knownFields(edd, join(path, 'enableDefaultDeny'), ['ingress', 'egress']);
  const ddIngress = r.bool(get(edd, 'ingress'), join(path, 'enableDefaultDeny.ingress'));
  const ddEgress = r.bool(get(edd, 'egress'), join(path, 'enableDefaultDeny.egress'));
  const section = (key: string): boolean => get(map, key)?.kind === 'seq';
  checkRuleHasSection(r, map, path);
  return {
    index,
    ...(endpointSelector ? { endpointSelector } : {}),
    ingress: readPeerRules(r, get(map, 'ingress'), join(path, 'ingress'), 'ingress', false),
    egress: readPeerRules(r, get(map, 'egress'), join(path, 'egress'), 'egress', false),
    ingressDeny: readPeerRules(r, get(map, 'ingressDeny'), join(path, 'ingressDeny'), 'ingress', true),
    egressDeny: readPeerRules(r, get(map, 'egressDeny'), join(path, 'egressDeny'), 'egress', true),
    sections: { ingress: section('ingress') || section('ingressDeny'), egress: section('egress') || section('egressDeny') },
    enableDefaultDeny: {
      ...(ddIngress !== undefined ? { ingress: ddIngress } : {}),
      ...(ddEgress !== undefined ? { egress: ddEgress } : {}),
    },
    span: map.span,
  };
}

const sectionKeys = ['ingress', 'ingressDeny', 'egress', 'egressDeny'];

/**
 * Cilium rejects a rule without a single entry in any of its four sections (cilium/cilium
 * pkg/policy/api/rule_validation.go, `(*Rule).Validate`: `if len(r.Ingress) == 0 &&
 * len(r.IngressDeny) == 0 && len(r.Egress) == 0 && len(r.EgressDeny) == 0` → "rule must have at
 * least one of Ingress, IngressDeny, Egress, EgressDeny"), before it looks at the selectors. Absent,
 * null and `[]` all have length 0, so `ingress: []` + `egress: []`, a common way of writing a default
 * deny, is rejected (the CNP's Valid condition turns False) and enforces nothing. A section of the wrong
 * type is left to its `wrong-type` error.
 */
function checkRuleHasSection(r: Reader, map: YMap, path: string): void {
  const written = map.pairs.filter((p) => sectionKeys.includes(p.key));
  if (written.some((p) => (p.value.kind === 'seq' ? p.value.items.length > 0 : !isNull(p.value)))) return;
  const first = written[0];
  const last = written[written.length - 1];
  const span = first && last ? { start: first.keySpan.start, end: last.value.span.end } : map.span;
  r.sink.error(
    'empty-rule-spec',
    span,
    `${path}: rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny: Cilium rejects the policy and enforces nothing (a default deny is one empty rule, \`ingress: [{}]\` or \`egress: [{}]\`)`,
  );
}

function peerFields(direction: Direction, deny: boolean): string[] {
  const from = direction === 'ingress';
  const common = from
    ? ['fromEndpoints', 'fromCIDR', 'fromCIDRSet', 'fromEntities', 'fromNodes', 'fromGroups', 'fromRequires', 'toPorts', 'icmps']
    : ['toEndpoints', 'toCIDR', 'toCIDRSet', 'toEntities', 'toNodes', 'toGroups', 'toRequires', 'toPorts', 'icmps', 'toServices'];
  if (!from && !deny) common.push('toFQDNs');
  if (!deny) common.push('authentication');
  return common;
}

function readPeerRules(r: Reader, node: YNode | undefined, path: string, direction: Direction, deny: boolean): CiliumPeerRule[] {
  const seq = r.seq(node, path);
  const out: CiliumPeerRule[] = [];
  const p = direction === 'ingress' ? 'from' : 'to';
  seq?.items.forEach((item, index) => {
    const rp = join(path, index);
    const map = r.map(item, rp);
    if (map) r.knownFields(map, rp, peerFields(direction, deny));
    const eps = r.seq(get(map, `${p}Endpoints`), join(rp, `${p}Endpoints`));
    const endpoints = eps?.items.map((e, i) => readCiliumSelector(r, e, join(join(rp, `${p}Endpoints`), i)));
    const cidrs: CiliumCidrRule[] = [];
    const cidrSeq = r.seq(get(map, `${p}CIDR`), join(rp, `${p}CIDR`));
    cidrSeq?.items.forEach((c, i) => {
      const cidr = readCidr(r, c, join(join(rp, `${p}CIDR`), i));
      if (cidr) cidrs.push({ cidr, except: [] });
    });
    const setSeq = r.seq(get(map, `${p}CIDRSet`), join(rp, `${p}CIDRSet`));
    setSeq?.items.forEach((c, i) => {
      const cp = join(join(rp, `${p}CIDRSet`), i);
      const m = r.map(c, cp);
      if (!m) return;
      r.knownFields(m, cp, ['cidr', 'except', 'cidrGroupRef', 'cidrGroupSelector']);
      const cidr = readCidr(r, get(m, 'cidr'), join(cp, 'cidr'));
      const except: Cidr[] = [];
      r.seq(get(m, 'except'), join(cp, 'except'))?.items.forEach((e, j) => {
        const ex = readCidr(r, e, join(join(cp, 'except'), j));
        if (ex && cidr && !cidrContains(cidr, ex))
          r.sink.error(
            'invalid-cidr',
            e.span,
            `${join(join(cp, 'except'), j)}: Invalid value: "${ex.text}": must lie inside cidr ${cidr.text}`,
          );
        else if (ex) except.push(ex);
      });
      if (cidr) cidrs.push({ cidr, except });
    });
    const entSeq = r.seq(get(map, `${p}Entities`), join(rp, `${p}Entities`));
    const entities: string[] = [];
    entSeq?.items.forEach((e, i) => {
      const t = r.string(e, join(join(rp, `${p}Entities`), i));
      if (t === undefined) return;
      if ((ciliumEntities as readonly string[]).includes(t)) entities.push(t);
      else
        r.sink.error(
          'invalid-entity',
          e.span,
          `${join(join(rp, `${p}Entities`), i)}: Unsupported value: "${t}": supported values: ${ciliumEntities.map((x) => `"${x}"`).join(', ')}`,
        );
    });
    const unevaluatedPeers = [`${p}Nodes`, `${p}Groups`, 'toServices'].filter((k) => !isNull(get(map, k)) && get(map, k) !== undefined);
    const portSeq = r.seq(get(map, 'toPorts'), join(rp, 'toPorts'));
    const toPorts = portSeq?.items.map((pr, i) => readPortRule(r, pr, join(join(rp, 'toPorts'), i), deny)).filter((x) => x !== undefined);
    out.push({
      direction,
      deny,
      index,
      ...(eps ? { endpoints: endpoints ?? [] } : {}),
      ...(cidrSeq || setSeq ? { cidrs } : {}),
      ...(entSeq ? { entities } : {}),
      fqdns: !isNull(get(map, 'toFQDNs')),
      unevaluatedPeers,
      requires: !isNull(get(map, `${p}Requires`)),
      ...(toPorts ? { toPorts } : {}),
      icmps: !isNull(get(map, 'icmps')),
      span: item.span,
    });
  });
  return out;
}

const protocols = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'VRRP', 'IGMP', 'ANY'];

function readPortRule(r: Reader, node: YNode, path: string, deny: boolean): CiliumPortRule | undefined {
  const map = r.map(node, path);
  if (!map) return undefined;
  r.knownFields(map, path, deny ? ['ports'] : ['ports', 'rules', 'terminatingTLS', 'originatingTLS', 'serverNames', 'listener']);
  const seq = r.seq(get(map, 'ports'), join(path, 'ports'));
  const ports: CiliumPort[] = [];
  seq?.items.forEach((item, i) => {
    const pp = join(join(path, 'ports'), i);
    const m = r.map(item, pp);
    if (!m) return;
    r.knownFields(m, pp, ['port', 'endPort', 'protocol']);
    const protoNode = get(m, 'protocol');
    const protoText = r.string(protoNode, join(pp, 'protocol')) ?? 'ANY';
    if (!protocols.includes(protoText))
      r.sink.error(
        'invalid-protocol',
        protoNode?.span ?? m.span,
        `${join(pp, 'protocol')}: Unsupported value: "${protoText}": supported values: ${protocols.map((x) => `"${x}"`).join(', ')}`,
      );
    const protocol: CiliumProtocol = ['TCP', 'UDP', 'SCTP', 'ANY'].includes(protoText) ? (protoText as CiliumProtocol) : 'other';
    const portNode = get(m, 'port');
    let port: number | string | undefined;
    if (portNode?.kind === 'scalar' && typeof portNode.value === 'number')
      r.sink.error(
        'wrong-type',
        portNode.span,
        `${join(pp, 'port')}: Invalid value: "integer": ${join(pp, 'port')} in body must be of type string: "integer" (quote it: "${portNode.value}")`,
      );
    const portText = portNode?.kind === 'scalar' && typeof portNode.value === 'number' ? undefined : r.string(portNode, join(pp, 'port'));
    if (portText !== undefined) {
      if (/^\d+$/.test(portText)) {
        const n = Number(portText);
        if (n > 65535)
          r.sink.error('invalid-port', portNode?.span ?? m.span, `${join(pp, 'port')}: Invalid value: "${portText}": must be 0 to 65535`);
        else if (n > 0) port = n;
      } else {
        const errs = checkPortName(portText);
        for (const e of errs)
          r.sink.error('invalid-port', portNode?.span ?? m.span, `${join(pp, 'port')}: Invalid value: "${portText}": ${e}`);
        if (!errs.length) port = portText;
      }
    }
    const endPort = r.int(get(m, 'endPort'), join(pp, 'endPort'));
    if (endPort !== undefined && (typeof port !== 'number' || endPort < port))
      r.sink.error(
        'invalid-port',
        get(m, 'endPort')?.span ?? m.span,
        `${join(pp, 'endPort')}: Invalid value: ${endPort}: needs a numeric \`port\` no greater than it`,
      );
    ports.push({
      protocol,
      ...(port !== undefined ? { port } : {}),
      ...(endPort !== undefined && typeof port === 'number' && endPort >= port ? { endPort } : {}),
      span: item.span,
    });
  });
  const rules = r.map(get(map, 'rules'), join(path, 'rules'));
  const l7 = rules ? rules.pairs.filter((p) => !isNull(p.value)).map((p) => p.key) : [];
  return { ...(seq ? { ports } : {}), l7, span: node.span };
}

/** Source prefixes of Cilium label keys that do not change the key for Kubernetes pods (`k8s:app` = `app`). */
const sourcePrefix = /^(k8s|any):/;

/** An EndpointSelector (a Kubernetes LabelSelector); keys lose their `k8s:`/`any:` source prefix. */
export function readCiliumSelector(r: Reader, node: YNode | undefined, path: string): LabelSelector {
  const span = node?.span ?? { start: 0, end: 0 };
  const requirements: LabelRequirement[] = [];
  const map = r.map(node, path);
  if (map) r.knownFields(map, path, ['matchLabels', 'matchExpressions']);
  const ml = r.map(get(map, 'matchLabels'), join(path, 'matchLabels'));
  for (const e of ml?.pairs ?? []) {
    const v = e.value.kind === 'scalar' ? e.value.value : undefined;
    if (typeof v !== 'string' && v !== null) r.wrongType(e.value, join(join(path, 'matchLabels'), e.key), 'a string');
    requirements.push({
      key: e.key.replace(sourcePrefix, ''),
      operator: 'In',
      values: [v === null || v === undefined ? '' : String(v)],
      span: { start: e.keySpan.start, end: e.value.span.end },
      fromMatchLabels: true,
    });
  }
  r.seq(get(map, 'matchExpressions'), join(path, 'matchExpressions'))?.items.forEach((item, i) => {
    const ep = join(join(path, 'matchExpressions'), i);
    const m = r.map(item, ep);
    if (!m) return;
    r.knownFields(m, ep, ['key', 'operator', 'values']);
    const key = r.string(get(m, 'key'), join(ep, 'key'));
    const op = r.string(get(m, 'operator'), join(ep, 'operator'));
    const values = (r.seq(get(m, 'values'), join(ep, 'values'))?.items ?? []).map((v) =>
      v.kind === 'scalar' ? String(v.value ?? '') : '',
    );
    if (key === undefined || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op ?? '')) {
      r.sink.error('invalid-selector', m.span, `${ep}: needs a key and an operator In, NotIn, Exists or DoesNotExist`);
      return;
    }
    requirements.push({
      key: key.replace(sourcePrefix, ''),
      operator: op as SelectorOperator,
      values,
      span: m.span,
      fromMatchLabels: false,
    });
  });
  return { requirements, span, wasNull: map === undefined };
}
