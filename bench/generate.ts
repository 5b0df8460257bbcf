/**
 * A deterministic, realistic workspace like a big AKS monorepo: platform namespaces (kube-system,
 * ingress-nginx, monitoring) and many team namespaces, each with a `workloads.yaml` (Namespace,
 * Deployments, StatefulSets, CronJobs), sometimes a `pods.yaml` (a `kubectl get pods` snapshot of
 * ReplicaSet-owned pods with `status.podIP`) and a `networkpolicies.yaml`.
 */
import { namespaceDoc, workloadDocs } from './manifests';
import type { App, Ns, PortSpec, Tier } from './manifests';
import { namespacePolicies, platformPolicies } from './policies';
import { Rng, yamlStream } from './yamlText';
import type { YObject } from './yamlText';

export interface BenchSize {
  readonly name: string;
  readonly namespaces: number;
  readonly workloads: number;
  readonly policies: number;
  readonly seed: number;
}

export const benchSizes: Readonly<Record<string, BenchSize>> = {
  large: { name: 'large', namespaces: 100, workloads: 3000, policies: 1000, seed: 0x5eed01 },
  huge: { name: 'huge', namespaces: 500, workloads: 20000, policies: 5000, seed: 0x5eed02 },
};

export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
  readonly documents: number;
}

const teams = ['payments', 'checkout', 'catalog', 'identity', 'search', 'shipping', 'pricing', 'loyalty', 'fraud', 'ads'];
const moreTeams = ['media', 'notify', 'reviews', 'inventory', 'orders', 'support', 'analytics', 'devtools', 'billing', 'partners'];
const products = ['core', 'portal', 'ledger', 'gateway', 'mobile', 'sync', 'insights', 'recs', 'pipeline', 'hub', 'store', 'edge'];
const moreProducts = ['admin', 'public', 'internal', 'batch', 'stream', 'legacy', 'next', 'ops', 'labs', 'events', 'files', 'jobs'];
const envs = ['prod', 'staging', 'dev'];
const components: Readonly<Record<Tier, readonly string[]>> = {
  frontend: ['web', 'ui', 'bff', 'storefront', 'admin-ui'],
  backend: ['api', 'gateway', 'auth', 'orders', 'billing', 'search', 'catalog', 'pricing', 'notifications', 'profile', 'cart'],
  data: ['postgres', 'redis', 'kafka', 'mongodb', 'elasticsearch', 'rabbitmq'],
  worker: ['worker', 'consumer', 'indexer', 'reconciler', 'cleanup', 'exporter'],
};
const dataPorts: Readonly<Record<string, readonly PortSpec[]>> = {
  postgres: [
    { name: 'tcp-postgres', port: 5432 },
    { name: 'metrics', port: 9187 },
  ],
  redis: [
    { name: 'redis', port: 6379 },
    { name: 'metrics', port: 9121 },
  ],
  kafka: [
    { name: 'kafka', port: 9092 },
    { name: 'metrics', port: 9308 },
  ],
  mongodb: [{ name: 'mongodb', port: 27017 }],
  elasticsearch: [
    { name: 'http', port: 9200 },
    { name: 'transport', port: 9300 },
  ],
  rabbitmq: [
    { name: 'amqp', port: 5672 },
    { name: 'metrics', port: 15692 },
  ],
};

function pickTier(rng: Rng): Tier {
  const r = rng.next();
  return r < 0.15 ? 'frontend' : r < 0.65 ? 'backend' : r < 0.8 ? 'data' : 'worker';
}

function makeApp(rng: Rng, taken: Set<string>, tier: Tier, base?: App): App {
  let name = base ? `${base.name}-canary` : rng.pick(components[tier]);
  for (let i = 2; taken.has(name); i++) name = `${base ? base.name : rng.pick(components[tier])}-${i}`;
  taken.add(name);
  // A canary shares its app label with the main Deployment; only `version` tells them apart.
  if (base) return { ...base, name, version: 'canary', appLabel: ['app', base.name] };
  const comp = components.data.find((c) => name.startsWith(c));
  const ports: PortSpec[] =
    tier === 'frontend'
      ? [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9090 },
        ]
      : tier === 'backend'
        ? [{ name: 'http', port: 8080 }, ...(rng.chance(0.6) ? [{ name: 'grpc', port: 9000 }] : []), { name: 'metrics', port: 9090 }]
        : tier === 'data'
          ? [...(dataPorts[comp ?? 'redis'] ?? [])]
          : rng.chance(0.7)
            ? [{ name: 'metrics', port: 9090 }]
            : [];
  const kind = tier === 'data' ? 'StatefulSet' : tier === 'worker' && rng.chance(0.3) ? 'CronJob' : rng.chance(0.2) ? 'Pods' : 'Deployment';
  return { name, tier, version: rng.chance(0.7) ? 'v1' : rng.pick(['v2', 'v3']), kind, ports };
}

/** Splits `total` over `n` parts with some spread (0.5x to 1.5x the mean), exactly. */
function spread(rng: Rng, total: number, n: number): number[] {
  const w = Array.from({ length: n }, () => 0.5 + rng.next());
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((total * x) / sum));
  for (let i = 0, rest = total - out.reduce((a, b) => a + b, 0); rest > 0; i = (i + 1) % n, rest--) out[i] = (out[i] as number) + 1;
  return out;
}

function appNamespaces(rng: Rng, count: number, workloads: number): Ns[] {
  const combos: [string, string, string][] = [];
  for (const t of [...teams, ...moreTeams]) for (const p of [...products, ...moreProducts]) for (const e of envs) combos.push([t, p, e]);
  const chosen = rng.sample(combos, count);
  const sizes = spread(rng, workloads, count);
  return chosen.map(([team, product, env], i) => {
    const taken = new Set<string>();
    const apps: App[] = [];
    while (apps.length < (sizes[i] as number)) {
      const last = apps[apps.length - 1];
      if (last && last.tier === 'backend' && last.version !== 'canary' && rng.chance(0.08)) apps.push(makeApp(rng, taken, 'backend', last));
      else apps.push(makeApp(rng, taken, pickTier(rng)));
    }
    return { name: `${team}-${product}-${env}`, team, env, product, apps };
  });
}

/** kube-system, ingress-nginx and monitoring, with the workloads other namespaces' policies name. */
function platformFiles(rng: Rng): { files: GeneratedFile[]; workloads: number; policies: number } {
  const app = (name: string, kind: App['kind'], ports: PortSpec[], extra: Partial<App> = {}): App => ({
    name,
    tier: 'backend',
    version: 'v1',
    kind,
    ports,
    ...extra,
  });
  const namespaces: [string, App[]][] = [
    [
      'kube-system',
      [
        app(
          'coredns',
          'Deployment',
          [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53 },
            { name: 'metrics', port: 9153 },
          ],
          {
            appLabel: ['k8s-app', 'kube-dns'],
          },
        ),
        app('metrics-server', 'Deployment', [{ name: 'https', port: 10250 }], { appLabel: ['k8s-app', 'metrics-server'] }),
        app('konnectivity-agent', 'Deployment', [], { appLabel: ['app', 'konnectivity-agent'] }),
        app('kube-proxy', 'DaemonSet', [], { appLabel: ['component', 'kube-proxy'], hostNetwork: true }),
      ],
    ],
    [
      'ingress-nginx',
      [
        app(
          'ingress-nginx-controller',
          'Deployment',
          [
            { name: 'http', port: 80 },
            { name: 'https', port: 443 },
          ],
          { appLabel: ['app.kubernetes.io/name', 'ingress-nginx'] },
        ),
      ],
    ],
    [
      'monitoring',
      [
        app('prometheus', 'StatefulSet', [{ name: 'web', port: 9090 }]),
        app('grafana', 'Deployment', [{ name: 'http', port: 3000 }], { tier: 'frontend' }),
        app('otel-collector', 'Deployment', [
          { name: 'otlp-grpc', port: 4317 },
          { name: 'metrics', port: 8888 },
        ]),
      ],
    ],
  ];
  const files: GeneratedFile[] = [];
  let policyCount = 0;
  const file = (path: string, docs: YObject[]): void => {
    files.push({ path, text: yamlStream(`${path} (generated)`, docs), documents: docs.length });
  };
  for (const [name, apps] of namespaces) {
    const ns: Ns = { name, team: 'platform', env: 'prod', product: name, apps };
    // kube-system exists in every cluster: repositories do not declare it.
    const nsDocs = name === 'kube-system' ? [] : [namespaceDoc(name, { team: 'platform', env: 'prod' })];
    file(`platform/${name}/workloads.yaml`, [...nsDocs, ...apps.flatMap((a) => workloadDocs(ns, a, rng, () => '').docs)]);
    const policies = platformPolicies(name);
    policyCount += policies.length;
    if (policies.length > 0) file(`platform/${name}/networkpolicies.yaml`, policies);
  }
  return { files, workloads: namespaces.reduce((a, [, apps]) => a + apps.length, 0), policies: policyCount };
}

export interface GeneratedWorkspace {
  readonly size: BenchSize;
  readonly files: readonly GeneratedFile[];
  readonly documents: number;
}

export function generateWorkspace(size: BenchSize): GeneratedWorkspace {
  const rng = new Rng(size.seed);
  const platform = platformFiles(rng);
  const files = platform.files;
  const nss = appNamespaces(rng, size.namespaces - 3, size.workloads - platform.workloads);
  const quotas = spread(rng, size.policies - platform.policies, nss.length);
  let ipCounter = 0;
  const nextIp = (): string => {
    ipCounter++;
    return `10.${244 + (ipCounter >> 16)}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
  };
  nss.forEach((ns, i) => {
    const dir = `clusters/aks-weu-prod/apps/${ns.team}/${ns.name}`;
    const docs: YObject[] = [namespaceDoc(ns.name, { team: ns.team, env: ns.env, 'cost-center': `cc-${ns.team}` })];
    const pods: YObject[] = [];
    for (const app of ns.apps) {
      const w = workloadDocs(ns, app, rng, nextIp);
      docs.push(...w.docs);
      pods.push(...w.pods);
    }
    const emit = (name: string, list: YObject[]): void => {
      if (list.length > 0) files.push({ path: `${dir}/${name}`, text: yamlStream(`${ns.name}: ${name}`, list), documents: list.length });
    };
    emit('workloads.yaml', docs);
    emit('pods.yaml', pods);
    emit('networkpolicies.yaml', namespacePolicies(ns, quotas[i] as number, nss, rng));
  });
  return { size, files, documents: files.reduce((a, f) => a + f.documents, 0) };
}
