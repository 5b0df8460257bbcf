/**
 * Pods and the pod templates of workload controllers, as the peers of connectivity. A workload
 * manifest (Deployment, …) is one peer; a Pod with a controller owner is shown as its owner (so the
 * pods of one ReplicaSet collapse into one peer, as netpol-analyzer does); a bare Pod is itself.
 */
import { FindingSink } from '../findings';
import type { Finding, Location } from '../findings';
import type { Labels } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { get, getPath } from '../yaml/node';
import type { YMap, YNode } from '../yaml/node';
import type { K8sObject } from './k8sObject';
import type { Protocol } from './networkPolicy';
import { readObjectMeta } from './objectMeta';
import { Reader } from './reader';

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** One workload-like object of one file (before grouping). */
export interface WorkloadDecl {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

/** A peer of the connectivity analysis. */
export interface Workload {
  /** `namespace/name[Kind]`, the name netpol-analyzer prints. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  /** The manifests behind it (several for the pods of one owner). */
  readonly sources: readonly Location[];
  /** The `metadata.name` of each manifest in `sources` (where to report on the workload). */
  readonly names: readonly Location[];
}

export const workloadKinds = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
] as const;

export function isWorkloadObject(obj: K8sObject): boolean {
  return (
    obj.kind !== undefined &&
    (workloadKinds as readonly string[]).includes(obj.kind) &&
    obj.apiVersion !== undefined &&
    !obj.apiVersion.includes('cilium') &&
    !obj.apiVersion.includes('calico')
  );
}

/** Reads a workload leniently: only label problems are reported (they decide what selectors match). */
export function readWorkload(obj: K8sObject): { decl: WorkloadDecl | undefined; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const quiet = new Reader(new FindingSink(obj.file));
  const meta = readObjectMeta(quiet, obj.node, { requireName: false, nameRule: 'subdomain' });
  if (!meta.name) return { decl: undefined, findings: [] };
  const kind = obj.kind ?? 'Pod';
  let podSpec: YNode | undefined;
  let labels: Labels;
  let owner: WorkloadDecl['owner'];
  if (kind === 'Pod') {
    podSpec = get(obj.node, 'spec');
    labels = readObjectMeta(new Reader(sink), obj.node, { requireName: false, nameRule: 'subdomain', validateLabels: true }).labels;
    owner = controllerOwner(getPath(obj.node, 'metadata', 'ownerReferences'));
  } else {
    const template =
      kind === 'CronJob' ? getPath(obj.node, 'spec', 'jobTemplate', 'spec', 'template') : getPath(obj.node, 'spec', 'template');
    podSpec = get(template, 'spec');
    labels =
      template?.kind === 'map'
        ? readObjectMeta(
            new Reader(sink),
            template,
            { requireName: false, nameRule: 'subdomain', validateLabels: true },
            `${kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec'}.template.metadata`,
          ).labels
        : new Map();
  }
  const decl: WorkloadDecl = {
    kind,
    name: meta.name,
    ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    labels,
    ports: readContainerPorts(podSpec),
    ips: kind === 'Pod' ? readPodIps(get(obj.node, 'status')) : [],
    hostNetwork: get(podSpec, 'hostNetwork')?.kind === 'scalar' && (get(podSpec, 'hostNetwork') as { value: unknown }).value === true,
    ...(owner ? { owner } : {}),
    file: obj.file,
    span: obj.span,
    nameSpan: meta.nameSpan ?? obj.span,
  };
  return { decl, findings: sink.findings };
}

function controllerOwner(refs: YNode | undefined): WorkloadDecl['owner'] {
  if (refs?.kind !== 'seq') return undefined;
  const maps = refs.items.filter((i): i is YMap => i.kind === 'map');
  const ctrl = maps.find((m) => scalar(get(m, 'controller')) === true) ?? undefined;
  if (!ctrl) return undefined;
  const name = scalar(get(ctrl, 'name'));
  if (typeof name !== 'string' || !name) return undefined;
  const kind = scalar(get(ctrl, 'kind'));
  if (typeof kind !== 'string' || !kind) return { kind: 'Pod', name };
  // Static (mirror) pods are owned by their Node: they stay pods of their own.
  return (workloadKinds as readonly string[]).includes(kind) ? { kind, name } : undefined;
}

function readContainerPorts(podSpec: YNode | undefined): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = get(podSpec, 'containers');
  if (containers?.kind !== 'seq') return out;
  for (const c of containers.items) {
    const ports = get(c, 'ports');
    if (ports?.kind !== 'seq') continue;
    for (const p of ports.items) {
      const num = scalar(get(p, 'containerPort'));
      const port = typeof num === 'number' ? num : typeof num === 'string' && /^\d+$/.test(num) ? Number(num) : undefined;
      if (port === undefined || !Number.isInteger(port)) continue;
      const proto = scalar(get(p, 'protocol'));
      const protocol: Protocol = proto === 'UDP' || proto === 'SCTP' ? proto : 'TCP';
      const name = scalar(get(p, 'name'));
      out.push({ port, protocol, ...(typeof name === 'string' && name ? { name } : {}) });
    }
  }
  return out;
}

function readPodIps(status: YNode | undefined): string[] {
  const ips = new Set<string>();
  const single = scalar(get(status, 'podIP'));
  if (typeof single === 'string' && single) ips.add(single);
  const list = get(status, 'podIPs');
  if (list?.kind === 'seq') {
    for (const item of list.items) {
      const ip = scalar(get(item, 'ip'));
      if (typeof ip === 'string' && ip) ips.add(ip);
    }
  }
  return [...ips];
}

function scalar(node: YNode | undefined): unknown {
  return node?.kind === 'scalar' ? node.value : undefined;
}
