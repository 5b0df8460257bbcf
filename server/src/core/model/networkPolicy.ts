/**
 * networking.k8s.io/v1 NetworkPolicy: typed, with spans, and validated as the API server validates it
 * (pkg/apis/networking/validation). A policy with any such error is `valid: false`: the API server
 * would reject it, so the engine leaves it out and explanations say so.
 */
import type { Finding, Location } from '../findings';
import { FindingSink } from '../findings';
import { readLabelSelector } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { get, getPair } from '../yaml/node';
import type { YMap, YNode } from '../yaml/node';
import { cidrContains, parseCidr } from './cidr';
import type { Cidr } from './cidr';
import type { K8sObject } from './k8sObject';
import { readObjectMeta } from './objectMeta';
import { checkPortName } from './names';
import { Reader, join } from './reader';

export type Direction = 'ingress' | 'egress';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const protocols: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface PolicyPort {
  readonly protocol: Protocol;
  /** Absent: every port of the protocol. A string is a named container port. */
  readonly port?: number | string;
  readonly endPort?: number;
  readonly span: Span;
  readonly protocolWritten: boolean;
}

export interface SelectorPeer {
  readonly kind: 'selector';
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly span: Span;
}

export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
  readonly span: Span;
}

export type PolicyPeer = SelectorPeer | IpBlockPeer;

export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  readonly span: Span;
  /** undefined: the rule has no `from`/`to` (or an empty list) and matches every peer. */
  readonly peers: readonly PolicyPeer[] | undefined;
  /** undefined: no `ports` (or an empty list): every port and protocol. */
  readonly ports: readonly PolicyPort[] | undefined;
}

export interface PolicyTypes {
  readonly ingress: boolean;
  readonly egress: boolean;
  /** `policyTypes` was written (otherwise it was defaulted from the rules). */
  readonly explicit: boolean;
  readonly span?: Span;
}

export interface NetworkPolicy {
  /** `namespace/name`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly namespaceWritten: boolean;
  readonly file: string;
  /** The whole manifest object. */
  readonly span: Span;
  readonly nameSpan: Span;
  readonly podSelector: LabelSelector;
  readonly types: PolicyTypes;
  /** Rules as written, also those of a direction that `types` leaves out (they are ignored). */
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** Key spans of `spec.ingress` / `spec.egress` when written. */
  readonly ingressSpan?: Span;
  readonly egressSpan?: Span;
  /** False when the API server would reject the object; the engine then ignores it. */
  readonly valid: boolean;
  /**
   * A later manifest of the same namespace/name replaces this one (`kubectl apply -f` applies files
   * in name order and documents in order; the last one stays). Set by the workspace model.
   */
  readonly replacedBy?: Location;
}

/** The policy takes part in connectivity: the API server accepts it and no later manifest replaces it. */
export function isEffective(p: NetworkPolicy): boolean {
  return p.valid && p.replacedBy === undefined;
}

/** `extensions/v1beta1` served NetworkPolicy until Kubernetes 1.16; API servers now answer "no matches for kind". */
const removedApiVersions = ['extensions/v1beta1'];

export function isNetworkPolicyObject(obj: K8sObject): boolean {
  return obj.kind === 'NetworkPolicy' && (obj.apiVersion === 'networking.k8s.io/v1' || removedApiVersions.includes(obj.apiVersion ?? ''));
}

export function readNetworkPolicy(obj: K8sObject, defaultNamespace: string): { policy: NetworkPolicy; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const r = new Reader(sink);
  const root = obj.node;
  r.knownFields(root, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  if (removedApiVersions.includes(obj.apiVersion ?? '')) {
    const at = getPair(root, 'apiVersion')?.value.span ?? obj.span;
    sink.error(
      'removed-api-version',
      at,
      `apiVersion "${obj.apiVersion ?? ''}" no longer serves NetworkPolicy (removed in Kubernetes 1.16): use networking.k8s.io/v1`,
    );
  }
  const meta = readObjectMeta(r, root, { requireName: true, nameRule: 'subdomain', validateLabels: true });
  const specNode = get(root, 'spec');
  const spec = r.map(specNode, 'spec');
  if (spec) r.knownFields(spec, 'spec', ['podSelector', 'policyTypes', 'ingress', 'egress']);
  const podSelectorNode = get(spec, 'podSelector');
  const podSelector = readLabelSelector(r, podSelectorNode, 'spec.podSelector', spec?.span ?? obj.span) ?? {
    requirements: [],
    span: podSelectorNode?.span ?? obj.span,
    wasNull: false,
  };
  const ingressPair = getPair(spec, 'ingress');
  const egressPair = getPair(spec, 'egress');
  const ingress = readRules(r, ingressPair?.value, 'ingress');
  const egress = readRules(r, egressPair?.value, 'egress');
  const types = readPolicyTypes(r, spec, egress.length > 0);
  const namespace = meta.namespace ?? defaultNamespace;
  const policy: NetworkPolicy = {
    id: `${namespace}/${meta.name ?? ''}`,
    name: meta.name ?? '',
    namespace,
    namespaceWritten: meta.namespace !== undefined,
    file: obj.file,
    span: obj.span,
    nameSpan: meta.nameSpan ?? obj.span,
    podSelector,
    types,
    ingress,
    egress,
    ...(ingressPair ? { ingressSpan: ingressPair.keySpan } : {}),
    ...(egressPair ? { egressSpan: egressPair.keySpan } : {}),
    valid: sink.errorCount === 0,
  };
  return { policy, findings: sink.findings };
}

function readPolicyTypes(r: Reader, spec: YMap | undefined, hasEgressRules: boolean): PolicyTypes {
  const pair = getPair(spec, 'policyTypes');
  const seq = r.seq(pair?.value, 'spec.policyTypes');
  // The API server defaults an absent or empty list alike (SetDefaults_NetworkPolicy: len == 0).
  if (!pair || !seq || seq.items.length === 0)
    return { ingress: true, egress: hasEgressRules, explicit: false, ...(pair ? { span: pair.keySpan } : {}) };
  let ingress = false;
  let egress = false;
  if (seq.items.length > 2) {
    r.sink.error('invalid-policy-type', seq.span, 'spec.policyTypes: Forbidden: may not specify more than two policyTypes');
    return { ingress: false, egress: false, explicit: true, span: pair.keySpan };
  }
  seq.items.forEach((item, i) => {
    const t = r.string(item, join('spec.policyTypes', i));
    if (t === 'Ingress') ingress = true;
    else if (t === 'Egress') egress = true;
    else if (t !== undefined) {
      const hint =
        t.toLowerCase() === 'ingress' ? ' (did you mean "Ingress"?)' : t.toLowerCase() === 'egress' ? ' (did you mean "Egress"?)' : '';
      r.sink.error(
        'invalid-policy-type',
        item.span,
        `spec.policyTypes[${i}]: Unsupported value: "${t}": supported values: "Ingress", "Egress"${hint}`,
      );
    }
  });
  return { ingress, egress, explicit: true, span: pair.keySpan };
}

function readRules(r: Reader, node: YNode | undefined, direction: Direction): PolicyRule[] {
  const path = `spec.${direction}`;
  const seq = r.seq(node, path);
  if (!seq) return [];
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return seq.items.map((item, index) => {
    const rulePath = join(path, index);
    // A null list item decodes to an empty rule, which allows everything.
    const map = r.map(item, rulePath);
    if (map) r.knownFields(map, rulePath, [peerKey, 'ports']);
    const peersSeq = r.seq(get(map, peerKey), join(rulePath, peerKey));
    const portsSeq = r.seq(get(map, 'ports'), join(rulePath, 'ports'));
    const peers = peersSeq?.items.map((p, i) => readPeer(r, p, join(join(rulePath, peerKey), i))).filter((p) => p !== undefined);
    const ports = portsSeq?.items.map((p, i) => readPort(r, p, join(join(rulePath, 'ports'), i))).filter((p) => p !== undefined);
    return {
      direction,
      index,
      span: item.span,
      peers: peers && peers.length > 0 ? peers : peersSeq && peersSeq.items.length > 0 ? [] : undefined,
      ports: ports && ports.length > 0 ? ports : portsSeq && portsSeq.items.length > 0 ? [] : undefined,
    };
  });
}

function readPeer(r: Reader, node: YNode, path: string): PolicyPeer | undefined {
  const map = r.map(node, path);
  if (map) r.knownFields(map, path, ['podSelector', 'namespaceSelector', 'ipBlock']);
  const present = (key: string): YNode | undefined => {
    const v = get(map, key);
    return v && !(v.kind === 'scalar' && v.value === null) ? v : undefined;
  };
  const podNode = present('podSelector');
  const nsNode = present('namespaceSelector');
  const ipNode = present('ipBlock');
  const count = (podNode ? 1 : 0) + (nsNode ? 1 : 0) + (ipNode ? 1 : 0);
  if (count === 0) {
    r.sink.error('invalid-peer', node.span, `${path}: Required value: must specify a peer (podSelector, namespaceSelector or ipBlock)`);
    return undefined;
  }
  if (ipNode && count > 1) {
    r.sink.error('invalid-peer', node.span, `${path}: Forbidden: may not specify both ipBlock and another peer`);
    return undefined;
  }
  if (ipNode) return readIpBlock(r, ipNode, join(path, 'ipBlock'), node.span);
  const podSelector = podNode ? readLabelSelector(r, podNode, join(path, 'podSelector'), node.span) : undefined;
  const namespaceSelector = nsNode ? readLabelSelector(r, nsNode, join(path, 'namespaceSelector'), node.span) : undefined;
  return {
    kind: 'selector',
    span: node.span,
    ...(podSelector ? { podSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
  };
}

function readIpBlock(r: Reader, node: YNode, path: string, peerSpan: Span): IpBlockPeer | undefined {
  const map = r.map(node, path);
  if (!map) return undefined;
  r.knownFields(map, path, ['cidr', 'except']);
  const cidrNode = get(map, 'cidr');
  const cidrText = r.string(cidrNode, join(path, 'cidr'));
  if (cidrText === undefined || cidrText === '') {
    if (cidrNode === undefined || cidrText === '')
      r.sink.error('invalid-ip-block', cidrNode?.span ?? map.span, `${join(path, 'cidr')}: Required value`);
    return undefined;
  }
  const cidr = parseCidr(cidrText);
  if (typeof cidr === 'string') {
    r.sink.error('invalid-ip-block', cidrNode?.span ?? map.span, `${join(path, 'cidr')}: Invalid value: "${cidrText}": ${cidr}`);
    return undefined;
  }
  const except: Cidr[] = [];
  const exceptSeq = r.seq(get(map, 'except'), join(path, 'except'));
  let ok = true;
  exceptSeq?.items.forEach((item, i) => {
    const p = join(join(path, 'except'), i);
    const text = r.string(item, p);
    if (text === undefined) {
      ok = false;
      return;
    }
    const ex = parseCidr(text);
    if (typeof ex === 'string') {
      r.sink.error('invalid-ip-block', item.span, `${p}: Invalid value: "${text}": ${ex}`);
      ok = false;
    } else if (!cidrContains(cidr, ex) || ex.prefix <= cidr.prefix) {
      r.sink.error('invalid-ip-block', item.span, `${p}: Invalid value: "${text}": must be a strict subset of \`cidr\` (${cidrText})`);
      ok = false;
    } else except.push(ex);
  });
  return ok ? { kind: 'ipBlock', cidr, except, span: peerSpan } : undefined;
}

function readPort(r: Reader, node: YNode, path: string): PolicyPort | undefined {
  // A null item decodes to an empty port: every TCP port.
  const map = r.map(node, path);
  if (map) r.knownFields(map, path, ['protocol', 'port', 'endPort']);
  const protoNode = get(map, 'protocol');
  const protoText = r.string(protoNode, join(path, 'protocol'));
  let ok = true;
  let protocol: Protocol = 'TCP';
  if (protoText !== undefined) {
    if ((['TCP', 'UDP', 'SCTP'] as string[]).includes(protoText)) protocol = protoText as Protocol;
    else {
      const upper = protoText.toUpperCase();
      const hint = (['TCP', 'UDP', 'SCTP'] as string[]).includes(upper) ? ` (protocols are upper case: "${upper}")` : '';
      r.sink.error(
        'invalid-protocol',
        protoNode?.span ?? node.span,
        `${join(path, 'protocol')}: Unsupported value: "${protoText}": supported values: "TCP", "UDP", "SCTP"${hint}`,
      );
      ok = false;
    }
  } else if (protoNode && !(protoNode.kind === 'scalar' && protoNode.value === null)) ok = false;
  const portNode = get(map, 'port');
  const endNode = get(map, 'endPort');
  const port = r.intOrString(portNode, join(path, 'port'));
  const endPort = r.int(endNode, join(path, 'endPort'));
  if (portNode && port === undefined && !(portNode.kind === 'scalar' && portNode.value === null)) ok = false;
  if (endNode && endPort === undefined && !(endNode.kind === 'scalar' && endNode.value === null)) ok = false;
  const portPath = join(path, 'port');
  const endPath = join(path, 'endPort');
  if (typeof port === 'number') {
    if (port < 1 || port > 65535) {
      r.sink.error(
        'invalid-port',
        portNode?.span ?? node.span,
        `${portPath}: Invalid value: ${port}: must be between 1 and 65535, inclusive`,
      );
      ok = false;
    }
    if (endPort !== undefined) {
      if (endPort < port) {
        r.sink.error(
          'invalid-port',
          endNode?.span ?? node.span,
          `${endPath}: Invalid value: ${port}: must be greater than or equal to \`port\` (endPort is ${endPort})`,
        );
        ok = false;
      }
      if (endPort < 1 || endPort > 65535) {
        r.sink.error(
          'invalid-port',
          endNode?.span ?? node.span,
          `${endPath}: Invalid value: ${endPort}: must be between 1 and 65535, inclusive`,
        );
        ok = false;
      }
    }
  } else if (typeof port === 'string') {
    if (endPort !== undefined) {
      r.sink.error(
        'invalid-port',
        endNode?.span ?? node.span,
        `${endPath}: Invalid value: ${endPort}: may not be specified when \`port\` is non-numeric`,
      );
      ok = false;
    }
    const errs = checkPortName(port);
    const numeric = /^\d+$/.test(port) ? ` (write ${port} without quotes for a port number)` : '';
    for (const e of errs)
      r.sink.error('invalid-port', portNode?.span ?? node.span, `${portPath}: Invalid value: "${port}": ${e}${numeric}`);
    if (errs.length) ok = false;
  } else if (endPort !== undefined) {
    r.sink.error(
      'invalid-port',
      endNode?.span ?? node.span,
      `${endPath}: Invalid value: ${endPort}: may not be specified when \`port\` is not specified`,
    );
    ok = false;
  }
  if (!ok) return undefined;
  return {
    protocol,
    span: node.span,
    protocolWritten: protoText !== undefined,
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined ? { endPort } : {}),
  };
}

/** True when the direction is isolated by this policy (it selects pods for that direction). */
export function policyHasType(policy: NetworkPolicy, direction: Direction): boolean {
  return direction === 'ingress' ? policy.types.ingress : policy.types.egress;
}

/** The rules that count for a direction: none when `policyTypes` leaves the direction out. */
export function effectiveRules(policy: NetworkPolicy, direction: Direction): readonly PolicyRule[] {
  if (!policyHasType(policy, direction)) return [];
  return direction === 'ingress' ? policy.ingress : policy.egress;
}
