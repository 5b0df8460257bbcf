/**
 * Calico's own policies, projectcalico.org/v3 NetworkPolicy (namespaced) and GlobalNetworkPolicy
 * (and the same kinds under crd.projectcalico.org/v1, Calico's internal storage), typed with spans and
 * validated as tigera/docs calico/reference/resources/networkpolicy.mdx, globalnetworkpolicy.mdx,
 * _rule.mdx, _entityrule.mdx and _ports.mdx describe them. `valid: false` when Calico would reject it.
 */
import type { Finding } from '../findings';
import { FindingSink } from '../findings';
import type { Span } from '../text/span';
import { get, getPair, isNull } from '../yaml/node';
import type { YMap, YNode } from '../yaml/node';
import type { Cidr } from './cidr';
import { readCalicoSelectorField, readCidrList } from './crdCommon';
import type { CalicoSelectorField } from './crdCommon';
import type { K8sObject } from './k8sObject';
import { checkPortName } from './names';
import type { Direction, Protocol } from './networkPolicy';
import { readObjectMeta } from './objectMeta';
import { Reader, join } from './reader';

export type CalicoAction = 'Allow' | 'Deny' | 'Pass' | 'Log';
const actions: readonly CalicoAction[] = ['Allow', 'Deny', 'Pass', 'Log'];

/** A rule's protocol as far as ports go: TCP, UDP, SCTP, or another one (ICMP, UDPLite, a number). */
export type CalicoProtocol = Protocol | 'other';

export type CalicoPort =
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number; readonly span: Span }
  | { readonly kind: 'named'; readonly name: string; readonly span: Span };

export interface CalicoEntity {
  readonly nets?: readonly Cidr[];
  readonly notNets?: readonly Cidr[];
  readonly selector?: CalicoSelectorField;
  readonly notSelector?: CalicoSelectorField;
  readonly namespaceSelector?: CalicoSelectorField;
  readonly ports?: readonly CalicoPort[];
  readonly notPorts?: readonly CalicoPort[];
  /** `serviceAccounts` / `services` matches are written (not evaluated: the workspace model has no service accounts). */
  readonly serviceAccounts: boolean;
  readonly services: boolean;
  readonly span?: Span;
}

export interface CalicoRule {
  readonly direction: Direction;
  readonly index: number;
  readonly action: CalicoAction;
  readonly protocol?: CalicoProtocol;
  readonly notProtocol?: CalicoProtocol;
  readonly ipVersion?: 4 | 6;
  readonly source: CalicoEntity;
  readonly destination: CalicoEntity;
  /** An `http` match (application layer policy): not evaluated. */
  readonly http: boolean;
  readonly span: Span;
}

export interface CalicoPolicy {
  readonly engine: 'calico';
  readonly kind: 'NetworkPolicy' | 'GlobalNetworkPolicy';
  readonly apiVersion: string;
  /** `namespace/name` for NetworkPolicy, `name` for GlobalNetworkPolicy. */
  readonly id: string;
  readonly name: string;
  /** undefined for a GlobalNetworkPolicy. */
  readonly namespace?: string;
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
  /** undefined: no `order` (evaluated after every policy with one). */
  readonly order?: number;
  /** `spec.tier`, default `default`. */
  readonly tier: string;
  /** `spec.selector`, default `all()`. */
  readonly selector: CalicoSelectorField;
  /** GlobalNetworkPolicy `spec.namespaceSelector`: the namespaces of the endpoints it applies to. */
  readonly namespaceSelector?: CalicoSelectorField;
  readonly types: { readonly ingress: boolean; readonly egress: boolean; readonly explicit: boolean };
  readonly ingress: readonly CalicoRule[];
  readonly egress: readonly CalicoRule[];
  readonly valid: boolean;
}

const policyKinds = ['NetworkPolicy', 'GlobalNetworkPolicy'];

export function isCalicoPolicyObject(obj: K8sObject): boolean {
  return (
    (obj.apiVersion === 'projectcalico.org/v3' || obj.apiVersion === 'crd.projectcalico.org/v1') && policyKinds.includes(obj.kind ?? '')
  );
}

const specFields = ['order', 'selector', 'types', 'ingress', 'egress', 'serviceAccountSelector', 'performanceHints', 'tier'];
const globalOnly = ['namespaceSelector', 'doNotTrack', 'preDNAT', 'applyOnForward'];
const ruleFields = ['action', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'ipVersion', 'source', 'destination', 'http', 'metadata'];
const entityFields = [
  'nets',
  'notNets',
  'selector',
  'notSelector',
  'namespaceSelector',
  'ports',
  'notPorts',
  'serviceAccounts',
  'services',
];
/** Calico names: "Alphanumeric string with optional ., _, or -" (networkpolicy.mdx). */
const calicoName = /^[A-Za-z0-9._-]+$/;

export function readCalicoPolicy(obj: K8sObject, text: string, defaultNamespace: string): { policy: CalicoPolicy; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const r = new Reader(sink);
  const root = obj.node;
  const global = obj.kind === 'GlobalNetworkPolicy';
  r.knownFields(root, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const meta = readObjectMeta(r, root, { requireName: false, nameRule: 'subdomain' });
  const name = meta.name ?? '';
  if (name === '') sink.error('missing-name', meta.metaSpan ?? obj.span, 'metadata.name: Required value: name is required');
  else if (!calicoName.test(name))
    sink.error(
      'invalid-name',
      meta.nameSpan ?? obj.span,
      `metadata.name: Invalid value: "${name}": Calico names are alphanumeric with optional ".", "_" or "-"`,
    );
  const spec = r.map(get(root, 'spec'), 'spec');
  if (spec) r.knownFields(spec, 'spec', global ? [...specFields, ...globalOnly] : specFields);
  const orderNode = get(spec, 'order');
  let order: number | undefined;
  if (!isNull(orderNode)) {
    if (orderNode?.kind === 'scalar' && typeof orderNode.value === 'number') order = orderNode.value;
    else r.wrongType(orderNode, 'spec.order', 'a number');
  }
  const selector = readCalicoSelectorField(r, text, get(spec, 'selector'), 'spec.selector') ?? {
    text: 'all()',
    expr: { op: 'all', range: { start: 0, end: 0 } },
    span: spec?.span ?? obj.span,
  };
  const namespaceSelector = global ? readCalicoSelectorField(r, text, get(spec, 'namespaceSelector'), 'spec.namespaceSelector') : undefined;
  const ingress = readRules(r, text, get(spec, 'ingress'), 'ingress');
  const egress = readRules(r, text, get(spec, 'egress'), 'egress');
  const types = readTypes(r, spec, ingress.length > 0, egress.length > 0);
  const namespace = global ? undefined : (meta.namespace ?? defaultNamespace);
  const policy: CalicoPolicy = {
    engine: 'calico',
    kind: global ? 'GlobalNetworkPolicy' : 'NetworkPolicy',
    apiVersion: obj.apiVersion ?? '',
    id: namespace === undefined ? name : `${namespace}/${name}`,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    file: obj.file,
    span: obj.span,
    nameSpan: meta.nameSpan ?? obj.span,
    ...(order !== undefined ? { order } : {}),
    tier: r.string(get(spec, 'tier'), 'spec.tier') || 'default',
    selector,
    ...(namespaceSelector ? { namespaceSelector } : {}),
    types,
    ingress,
    egress,
    valid: sink.errorCount === 0,
  };
  return { policy, findings: sink.findings };
}

/** `types` defaulted as networkpolicy.mdx's table: no rules → Ingress; egress only → Egress; both → both. */
function readTypes(r: Reader, spec: YMap | undefined, hasIngress: boolean, hasEgress: boolean): CalicoPolicy['types'] {
  const seq = r.seq(get(spec, 'types'), 'spec.types');
  if (!seq || seq.items.length === 0) return { ingress: hasIngress || !hasEgress, egress: hasEgress, explicit: false };
  let ingress = false;
  let egress = false;
  seq.items.forEach((item, i) => {
    const t = r.string(item, join('spec.types', i));
    if (t === 'Ingress') ingress = true;
    else if (t === 'Egress') egress = true;
    else if (t !== undefined)
      r.sink.error('invalid-policy-type', item.span, `spec.types[${i}]: Unsupported value: "${t}": supported values: "Ingress", "Egress"`);
  });
  return { ingress, egress, explicit: true };
}

function readRules(r: Reader, text: string, node: YNode | undefined, direction: Direction): CalicoRule[] {
  const path = `spec.${direction}`;
  const seq = r.seq(node, path);
  const out: CalicoRule[] = [];
  seq?.items.forEach((item, index) => {
    const rp = join(path, index);
    const map = r.map(item, rp);
    if (!map) return;
    r.knownFields(map, rp, ruleFields);
    const actionNode = get(map, 'action');
    const actionText = r.string(actionNode, join(rp, 'action'));
    let action: CalicoAction | undefined;
    if (actionText === undefined) {
      if (isNull(actionNode)) r.sink.error('invalid-action', map.span, `${join(rp, 'action')}: Required value: Allow, Deny, Log or Pass`);
    } else if ((actions as readonly string[]).includes(actionText)) action = actionText as CalicoAction;
    else {
      const hint = actions.find((a) => a.toLowerCase() === actionText.toLowerCase());
      r.sink.error(
        'invalid-action',
        actionNode?.span ?? map.span,
        `${join(rp, 'action')}: Unsupported value: "${actionText}": supported values: "Allow", "Deny", "Log", "Pass"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    const protocol = readProtocol(r, get(map, 'protocol'), join(rp, 'protocol'));
    const notProtocol = readProtocol(r, get(map, 'notProtocol'), join(rp, 'notProtocol'));
    const ipNode = get(map, 'ipVersion');
    let ipVersion: 4 | 6 | undefined;
    if (!isNull(ipNode)) {
      if (ipNode?.kind === 'scalar' && (ipNode.value === 4 || ipNode.value === 6)) ipVersion = ipNode.value;
      else r.sink.error('wrong-type', ipNode?.span ?? map.span, `${join(rp, 'ipVersion')}: Unsupported value: must be 4 or 6`);
    }
    const source = readEntity(r, text, get(map, 'source'), join(rp, 'source'));
    const destination = readEntity(r, text, get(map, 'destination'), join(rp, 'destination'));
    for (const [entity, key] of [
      [source, 'source'],
      [destination, 'destination'],
    ] as const)
      for (const list of ['ports', 'notPorts'] as const) {
        const why = portsNeedProtocol(protocol, entity[list]);
        if (why) r.sink.error('invalid-port', getPair(get(map, key), list)?.keySpan ?? map.span, `${join(rp, key)}: ${why}`);
      }
    if (action === undefined) return;
    out.push({
      direction,
      index,
      action,
      ...(protocol !== undefined ? { protocol } : {}),
      ...(notProtocol !== undefined ? { notProtocol } : {}),
      ...(ipVersion !== undefined ? { ipVersion } : {}),
      source,
      destination,
      http: !isNull(get(map, 'http')),
      span: item.span,
    });
  });
  return out;
}

/**
 * Calico's validateRule (libcalico-go/lib/validator/v3/validator.go): without `protocol`, only
 * numeric ports and ranges are an error (a named port carries its protocol on the endpoint, and the
 * rule matches it on whichever protocol the endpoint declares it with); with a protocol that has no
 * ports (ICMP, a number other than 6, 17, 132), every port is.
 */
function portsNeedProtocol(protocol: CalicoProtocol | undefined, ports: readonly CalicoPort[] | undefined): string | undefined {
  if (!ports?.length) return undefined;
  if (protocol === undefined && ports.some((p) => p.kind === 'range'))
    return 'rules with numeric port or port range must set protocol to TCP or UDP or SCTP (set `protocol` on the rule)';
  if (protocol === 'other') return 'rules that specify ports must set protocol to TCP or UDP or SCTP';
  return undefined;
}

const protocolNames: Record<string, CalicoProtocol> = {
  TCP: 'TCP',
  UDP: 'UDP',
  SCTP: 'SCTP',
  ICMP: 'other',
  ICMPv6: 'other',
  UDPLite: 'other',
};
const protocolNumbers: Record<number, CalicoProtocol> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

function readProtocol(r: Reader, node: YNode | undefined, path: string): CalicoProtocol | undefined {
  if (isNull(node) || node === undefined) return undefined;
  const v = node.kind === 'scalar' ? node.value : undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
  if (n !== undefined && Number.isInteger(n) && n >= 1 && n <= 255) return protocolNumbers[n] ?? 'other';
  if (typeof v === 'string' && protocolNames[v]) return protocolNames[v];
  const hint = typeof v === 'string' ? Object.keys(protocolNames).find((p) => p.toLowerCase() === v.toLowerCase()) : undefined;
  r.sink.error(
    'invalid-protocol',
    node.span,
    `${path}: Unsupported value: ${JSON.stringify(v ?? null)}: supported values: "TCP", "UDP", "ICMP", "ICMPv6", "SCTP", "UDPLite", 1-255${hint ? ` (did you mean "${hint}"?)` : ''}`,
  );
  return undefined;
}

function readEntity(r: Reader, text: string, node: YNode | undefined, path: string): CalicoEntity {
  const map = r.map(node, path);
  if (!map) return { serviceAccounts: false, services: false };
  r.knownFields(map, path, entityFields);
  const sel = (key: string): CalicoSelectorField | undefined => readCalicoSelectorField(r, text, get(map, key), join(path, key));
  const nets = readCidrList(r, get(map, 'nets'), join(path, 'nets'), true);
  const notNets = readCidrList(r, get(map, 'notNets'), join(path, 'notNets'), true);
  const selector = sel('selector');
  const notSelector = sel('notSelector');
  const namespaceSelector = sel('namespaceSelector');
  const ports = readPorts(r, get(map, 'ports'), join(path, 'ports'));
  const notPorts = readPorts(r, get(map, 'notPorts'), join(path, 'notPorts'));
  return {
    ...(nets ? { nets } : {}),
    ...(notNets ? { notNets } : {}),
    ...(selector ? { selector } : {}),
    ...(notSelector ? { notSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
    ...(ports ? { ports } : {}),
    ...(notPorts ? { notPorts } : {}),
    serviceAccounts: !isNull(get(map, 'serviceAccounts')),
    services: !isNull(get(map, 'services')),
    span: map.span,
  };
}

/** Ports as _ports.mdx writes them: 80, "6040:6050", or a named port. */
function readPorts(r: Reader, node: YNode | undefined, path: string): CalicoPort[] | undefined {
  const seq = r.seq(node, path);
  if (!seq) return undefined;
  const out: CalicoPort[] = [];
  seq.items.forEach((item, i) => {
    const p = join(path, i);
    const v = item.kind === 'scalar' ? item.value : undefined;
    const bad = (why: string): void => r.sink.error('invalid-port', item.span, `${p}: Invalid value: ${JSON.stringify(v ?? null)}: ${why}`);
    if (typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0 || v > 65535) bad('must be between 0 and 65535, inclusive');
      else out.push({ kind: 'range', lo: v, hi: v, span: item.span });
      return;
    }
    if (typeof v !== 'string') {
      r.wrongType(item, p, 'a port number, a "start:end" range or a port name');
      return;
    }
    const range = /^(\d+):(\d+)$/.exec(v);
    if (range || /^\d+$/.test(v)) {
      const lo = Number(range ? range[1] : v);
      const hi = Number(range ? range[2] : v);
      if (lo > 65535 || hi > 65535) bad('ports must be between 0 and 65535, inclusive');
      else if (lo > hi) bad('the range start is above its end');
      else out.push({ kind: 'range', lo, hi, span: item.span });
      return;
    }
    const errs = checkPortName(v);
    if (errs.length) bad(errs.join('; '));
    else out.push({ kind: 'named', name: v, span: item.span });
  });
  return out;
}

/** A projectcalico.org/v3 Tier (tier.mdx): an ordered group of policies with a default action. */
export interface CalicoTier {
  readonly name: string;
  /** undefined: no order, after every tier with one ("No value indicates highest order"). */
  readonly order?: number;
  /** What happens to a packet the tier's applicable policies leave undecided (default Deny). */
  readonly defaultAction: 'Deny' | 'Pass';
  readonly file: string;
  readonly span: Span;
  readonly valid: boolean;
}

/**
 * The tier policies without `spec.tier` land in. Its order is `DefaultTierOrder = 1_000_000`
 * (projectcalico/api pkg/apis/projectcalico/v3/tier.go); its default action is Deny (tier.mdx).
 */
export const defaultCalicoTier: CalicoTier = {
  name: 'default',
  order: 1_000_000,
  defaultAction: 'Deny',
  file: '',
  span: { start: 0, end: 0 },
  valid: true,
};

export function isCalicoTierObject(obj: K8sObject): boolean {
  return (obj.apiVersion === 'projectcalico.org/v3' || obj.apiVersion === 'crd.projectcalico.org/v1') && obj.kind === 'Tier';
}

export function readCalicoTier(obj: K8sObject): { tier: CalicoTier; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const r = new Reader(sink);
  r.knownFields(obj.node, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const meta = readObjectMeta(r, obj.node, { requireName: true, nameRule: 'subdomain' });
  const spec = r.map(get(obj.node, 'spec'), 'spec');
  if (spec) r.knownFields(spec, 'spec', ['order', 'defaultAction']);
  const orderNode = get(spec, 'order');
  let order: number | undefined;
  if (!isNull(orderNode)) {
    if (orderNode?.kind === 'scalar' && typeof orderNode.value === 'number') order = orderNode.value;
    else r.wrongType(orderNode, 'spec.order', 'a number');
  }
  const actionNode = get(spec, 'defaultAction');
  const action = r.string(actionNode, 'spec.defaultAction');
  if (action !== undefined && action !== 'Deny' && action !== 'Pass')
    sink.error(
      'invalid-action',
      actionNode?.span ?? obj.span,
      `spec.defaultAction: Unsupported value: "${action}": supported values: "Deny", "Pass"`,
    );
  const tier: CalicoTier = {
    name: meta.name ?? '',
    ...(order !== undefined ? { order } : {}),
    defaultAction: action === 'Pass' ? 'Pass' : 'Deny',
    file: obj.file,
    span: obj.span,
    valid: sink.errorCount === 0,
  };
  return { tier, findings: sink.findings };
}
