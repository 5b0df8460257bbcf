/**
 * The workloads of the generated workspace as manifests: Namespaces, Deployments, StatefulSets,
 * DaemonSets, CronJobs and ReplicaSet-owned Pods (a `kubectl get pods -o yaml` snapshot with
 * `status.podIP`), with the labels, named container ports, probes and resources real charts have.
 */
import type { Rng, YObject } from './yamlText';

export type Tier = 'frontend' | 'backend' | 'data' | 'worker';

export interface PortSpec {
  readonly name: string;
  readonly port: number;
  readonly protocol?: 'UDP' | 'TCP';
}

export interface App {
  readonly name: string;
  readonly tier: Tier;
  readonly version: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Pods';
  readonly ports: readonly PortSpec[];
  /** The label that names the app (default `app: <name>`). */
  readonly appLabel?: readonly [string, string];
  readonly hostNetwork?: boolean;
}

export interface Ns {
  readonly name: string;
  readonly team: string;
  readonly env: string;
  readonly product: string;
  readonly apps: App[];
}

const registry = 'contosoacr.azurecr.io';

function container(ns: Ns, app: App): YObject {
  const c: Record<string, YObject[keyof YObject]> = {
    name: app.name,
    image: `${registry}/${ns.team}/${app.name}:1.${app.name.length}.${ns.name.length % 10}`,
    imagePullPolicy: 'IfNotPresent',
  };
  if (app.ports.length > 0) c.ports = app.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' }));
  c.env = [
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring:4317' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ];
  c.resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } };
  const probePort = app.ports[0]?.name;
  if (probePort) c.readinessProbe = { httpGet: { path: '/healthz', port: probePort }, periodSeconds: 10 };
  c.securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true };
  return c;
}

export function appLabel(app: App): Record<string, string> {
  const [key, value] = app.appLabel ?? ['app', app.name];
  return { [key]: value };
}

function podLabels(ns: Ns, app: App): YObject {
  return { ...appLabel(app), tier: app.tier, version: app.version, team: ns.team, 'app.kubernetes.io/part-of': ns.product };
}

function podSpec(ns: Ns, app: App): YObject {
  return {
    ...(app.hostNetwork ? { hostNetwork: true } : {}),
    serviceAccountName: app.name,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container(ns, app)],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
  };
}

export function workloadDocs(ns: Ns, app: App, rng: Rng, nextIp: () => string): { docs: YObject[]; pods: YObject[] } {
  const labels = podLabels(ns, app);
  const metadata = { name: app.name, namespace: ns.name, labels: { ...appLabel(app), team: ns.team } };
  const template = {
    metadata: { labels, annotations: { 'prometheus.io/scrape': app.ports.some((p) => p.name === 'metrics') ? 'true' : 'false' } },
    spec: podSpec(ns, app),
  };
  const selector = { matchLabels: { ...appLabel(app), version: app.version } };
  if (app.kind === 'CronJob') {
    const jobSpec = { backoffLimit: 2, template: { ...template, spec: { ...podSpec(ns, app), restartPolicy: 'OnFailure' } } };
    return {
      docs: [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: '*/15 * * * *', jobTemplate: { spec: jobSpec } } }],
      pods: [],
    };
  }
  if (app.kind === 'Pods') {
    const hash = rng.suffix(10);
    const rs = `${app.name}-${hash}`;
    const owner = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: rs,
      uid: `${hash}-0000-4000-8000-${rng.suffix(12)}`,
      controller: true,
    };
    const pods = Array.from({ length: rng.between(2, 4) }, (): YObject => {
      const ip = nextIp();
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rs}-${rng.suffix(5)}`,
          namespace: ns.name,
          labels: { ...labels, 'pod-template-hash': hash },
          ownerReferences: [owner],
        },
        spec: { ...podSpec(ns, app), nodeName: `aks-nodepool1-31415926-vmss00000${rng.int(10)}` },
        status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
      };
    });
    return { docs: [], pods };
  }
  if (app.kind === 'DaemonSet')
    return { docs: [{ apiVersion: 'apps/v1', kind: app.kind, metadata, spec: { selector, template } }], pods: [] };
  const spec = { replicas: app.tier === 'data' ? 3 : rng.between(1, 6), selector, template };
  return {
    docs: [
      { apiVersion: 'apps/v1', kind: app.kind, metadata, spec: app.kind === 'StatefulSet' ? { ...spec, serviceName: app.name } : spec },
    ],
    pods: [],
  };
}

export function namespaceDoc(name: string, labels: YObject): YObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}
