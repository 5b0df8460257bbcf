/**
 * NetworkPolicies for the generated workspace, in the shapes real repositories use: default deny,
 * allow DNS to kube-dns, Prometheus scraping by named port, app-to-app allows inside and across
 * namespaces (namespaceSelector AND podSelector peers, matchExpressions In / NotIn / Exists /
 * DoesNotExist), endPort ranges, ipBlock egress with `except`, and a few allow-all rules.
 */
import { appLabel } from './manifests';
import type { App, Ns } from './manifests';
import type { Rng, YObject, YValue } from './yamlText';

type PolicyType = 'Ingress' | 'Egress';

const nsNameKey = 'kubernetes.io/metadata.name';
const inNamespace = (name: string): YObject => ({ matchLabels: { [nsNameKey]: name } });
const appSelector = (app: App): YObject => ({ matchLabels: appLabel(app) });

interface Spec {
  readonly types: readonly PolicyType[] | 'default';
  readonly ingress?: readonly YObject[];
  readonly egress?: readonly YObject[];
}

function policy(namespace: string, name: string, podSelector: YObject, spec: Spec): YObject {
  const body: Record<string, YValue> = { podSelector };
  // About a third of real Ingress-only policies leave policyTypes to the API server's default.
  if (spec.types !== 'default') body.policyTypes = spec.types;
  if (spec.ingress) body.ingress = spec.ingress;
  if (spec.egress) body.egress = spec.egress;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'platform-policies' } },
    spec: body,
  };
}

const dnsEgress: YObject = {
  to: [{ namespaceSelector: inNamespace('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

export function platformPolicies(namespace: string): YObject[] {
  if (namespace === 'ingress-nginx') {
    const ports = [80, 443].map((port) => ({ protocol: 'TCP', port }));
    return [
      policy(
        namespace,
        'allow-web-from-anywhere',
        { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
        {
          types: ['Ingress'],
          ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports }],
        },
      ),
    ];
  }
  if (namespace === 'monitoring') {
    const fromIngress = [{ namespaceSelector: inNamespace('ingress-nginx'), podSelector: {} }];
    return [
      policy(namespace, 'default-deny-ingress', {}, { types: ['Ingress'] }),
      policy(
        namespace,
        'allow-grafana-from-ingress',
        { matchLabels: { app: 'grafana' } },
        {
          types: ['Ingress'],
          ingress: [{ from: fromIngress, ports: [{ port: 'http' }] }],
        },
      ),
      policy(
        namespace,
        'allow-otlp-from-cluster',
        { matchLabels: { app: 'otel-collector' } },
        {
          types: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 'otlp-grpc' }] }],
        },
      ),
    ];
  }
  return [];
}

const ipBlocks: readonly { readonly block: YObject; readonly port: number; readonly purpose: string }[] = [
  { block: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] }, port: 443, purpose: 'internet-https' },
  { block: { cidr: '168.63.129.16/32' }, port: 80, purpose: 'azure-wireserver' },
  { block: { cidr: '20.49.0.0/16', except: ['20.49.96.0/21'] }, port: 1433, purpose: 'azure-sql' },
  { block: { cidr: '10.240.0.0/16' }, port: 5432, purpose: 'private-endpoints' },
  { block: { cidr: '10.244.0.0/16', except: ['10.244.0.0/24'] }, port: 8080, purpose: 'pod-cidr' },
];

interface Ctx {
  readonly ns: Ns;
  readonly all: readonly Ns[];
  readonly rng: Rng;
  /** Apps with a port to connect to (not only metrics). */
  readonly servers: readonly App[];
}

function servicePort(rng: Rng, app: App): YObject {
  const ports = app.ports.filter((p) => p.name !== 'metrics');
  if (app.ports.length === 0) return { protocol: 'TCP', port: 8080 };
  const p = rng.pick(ports.length > 0 ? ports : app.ports);
  return rng.chance(0.6) ? { protocol: 'TCP', port: p.name } : { protocol: 'TCP', port: p.port };
}

type Template = (c: Ctx) => { name: string; selector: YObject; spec: Spec } | undefined;

const templates: readonly (readonly [number, Template])[] = [
  [
    28,
    ({ ns, rng, servers }) => {
      // Same namespace: clients -> server, as a list of podSelector peers (OR) or one `In` expression.
      const target = rng.pick(servers);
      const clients = rng.sample(
        ns.apps.filter((a) => a !== target),
        rng.between(1, 3),
      );
      if (clients.length === 0) return undefined;
      const from: YObject[] = rng.chance(0.5)
        ? clients.map((c) => ({ podSelector: appSelector(c) }))
        : [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: clients.map((c) => c.name) }] } }];
      const data = servers.filter((s) => s.tier === 'data');
      const withEgress = data.length > 0 && rng.chance(0.25);
      const spec: Spec = {
        types: withEgress ? ['Ingress', 'Egress'] : rng.chance(0.3) ? 'default' : ['Ingress'],
        ingress: [{ from, ports: [servicePort(rng, target)] }],
        ...(withEgress ? { egress: [{ to: [{ podSelector: appSelector(rng.pick(data)) }] }] } : {}),
      };
      return { name: `allow-${clients[0]?.name ?? 'clients'}-to-${target.name}`, selector: appSelector(target), spec };
    },
  ],
  [
    18,
    ({ ns, rng, servers }) => {
      const target = rng.pick(servers);
      const client = rng.pick(ns.apps);
      if (client === target) return undefined;
      const spec: Spec = { types: ['Egress'], egress: [{ to: [{ podSelector: appSelector(target) }], ports: [servicePort(rng, target)] }] };
      return { name: `${client.name}-egress-to-${target.name}`, selector: appSelector(client), spec };
    },
  ],
  [
    14,
    ({ ns, all, rng, servers }) => {
      // Across namespaces: a team's frontends and backends, not canaries, in the same environment.
      const target = rng.pick(servers);
      const team = rng.pick(all).team;
      const peer = {
        namespaceSelector: {
          matchLabels: { team },
          matchExpressions: [{ key: 'env', operator: 'In', values: [ns.env] }],
        },
        podSelector: {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
            { key: 'version', operator: 'NotIn', values: ['canary'] },
          ],
        },
      };
      const spec: Spec = { types: ['Ingress'], ingress: [{ from: [peer], ports: [servicePort(rng, target)] }] };
      return { name: `allow-team-${team}-to-${target.name}`, selector: appSelector(target), spec };
    },
  ],
  [
    12,
    ({ ns, all, rng }) => {
      const other = rng.pick(all);
      const targets = other.apps.filter((a) => a.ports.length > 0 && a.tier !== 'worker');
      if (targets.length === 0) return undefined;
      const target = rng.pick(targets);
      const client = rng.pick(ns.apps);
      const namespaceSelector = rng.chance(0.6)
        ? inNamespace(other.name)
        : {
            matchExpressions: [
              { key: 'env', operator: 'In', values: [other.env] },
              { key: 'team', operator: 'Exists' },
            ],
          };
      const to = [{ namespaceSelector, podSelector: appSelector(target) }];
      const spec: Spec = { types: ['Egress'], egress: [{ to, ports: [servicePort(rng, target)] }] };
      return { name: `${client.name}-egress-to-${other.name}-${target.name}`, selector: appSelector(client), spec };
    },
  ],
  [
    6,
    ({ ns, rng, servers }) => {
      if (rng.chance(0.5)) {
        const client = rng.pick(ns.apps);
        const egress = [{ to: [{ ipBlock: { cidr: '10.100.0.0/16' } }], ports: [{ protocol: 'TCP', port: 30000, endPort: 32767 }] }];
        return { name: `${client.name}-egress-onprem-nodeports`, selector: appSelector(client), spec: { types: ['Egress'], egress } };
      }
      const target = rng.pick(servers);
      const ingress = [
        { from: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ protocol: 'TCP', port: 8000, endPort: 8099 }] },
      ];
      return { name: `allow-backends-to-${target.name}-8000-8099`, selector: appSelector(target), spec: { types: ['Ingress'], ingress } };
    },
  ],
  [
    8,
    ({ ns, rng }) => {
      const client = rng.pick(ns.apps);
      const b = rng.pick(ipBlocks);
      const egress = [{ to: [{ ipBlock: b.block }], ports: [{ protocol: 'TCP', port: b.port }] }];
      return { name: `${client.name}-egress-${b.purpose}`, selector: appSelector(client), spec: { types: ['Egress'], egress } };
    },
  ],
  [
    4,
    ({ ns }) =>
      ns.apps.some((a) => a.tier === 'frontend')
        ? {
            name: 'allow-all-ingress-frontend',
            selector: { matchLabels: { tier: 'frontend' } },
            spec: { types: ['Ingress'], ingress: [{}] },
          }
        : { name: 'allow-all-egress-workers', selector: { matchLabels: { tier: 'worker' } }, spec: { types: ['Egress'], egress: [{}] } },
  ],
  [4, () => ({ name: 'allow-same-namespace', selector: {}, spec: { types: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] } })],
  [
    6,
    ({ ns }) => ({
      name: 'allow-team-namespaces-http',
      selector: {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      },
      spec: {
        types: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: ns.team } } }], ports: [{ port: 'http' }] }],
      },
    }),
  ],
];
const totalWeight = templates.reduce((a, [w]) => a + w, 0);

function pickTemplate(rng: Rng): Template {
  let r = rng.int(totalWeight);
  for (const [w, t] of templates) {
    if (r < w) return t;
    r -= w;
  }
  return (templates[0] as readonly [number, Template])[1];
}

/** Exactly `quota` policies for one namespace (baseline first, then app-to-app rules). */
export function namespacePolicies(ns: Ns, quota: number, all: readonly Ns[], rng: Rng): YObject[] {
  const out: YObject[] = [];
  const names = new Set<string>();
  const add = (name: string, selector: YObject, spec: Spec): void => {
    let unique = name.slice(0, 240);
    for (let i = 2; names.has(unique); i++) unique = `${name.slice(0, 240)}-${i}`;
    names.add(unique);
    if (out.length < quota) out.push(policy(ns.name, unique, selector, spec));
  };
  const r = rng.next();
  if (r < 0.7) {
    add('default-deny-all', {}, { types: ['Ingress', 'Egress'] });
    // With egress denied, teams open their own namespace (and sometimes their team's) for egress.
    const to: YObject[] = [{ podSelector: {} }];
    if (rng.chance(0.4)) to.push({ namespaceSelector: { matchLabels: { team: ns.team } } });
    if (rng.chance(0.8)) add('allow-egress-in-cluster-team', {}, { types: ['Egress'], egress: [{ to }] });
  } else if (r < 0.9) add('default-deny-ingress', {}, { types: ['Ingress'] });
  else {
    add('default-deny-ingress', {}, { types: ['Ingress'] });
    add('default-deny-egress', {}, { types: ['Egress'] });
  }
  add('allow-dns', {}, { types: ['Egress'], egress: [dnsEgress] });
  const scrape = [{ namespaceSelector: inNamespace('monitoring'), podSelector: { matchLabels: { app: 'prometheus' } } }];
  add(
    'allow-prometheus-scrape',
    { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
    {
      types: ['Ingress'],
      ingress: [{ from: scrape, ports: [{ protocol: 'TCP', port: 'metrics' }] }],
    },
  );
  if (ns.apps.some((a) => a.tier === 'frontend')) {
    const nginx = [
      { namespaceSelector: inNamespace('ingress-nginx'), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } },
    ];
    add(
      'allow-ingress-nginx',
      { matchLabels: { tier: 'frontend' } },
      { types: ['Ingress'], ingress: [{ from: nginx, ports: [{ port: 'http' }] }] },
    );
  }
  const servers = ns.apps.filter((a) => a.ports.some((p) => p.name !== 'metrics'));
  const ctx: Ctx = { ns, all, rng, servers: servers.length > 0 ? servers : ns.apps };
  while (out.length < quota) {
    const made = pickTemplate(rng)(ctx);
    if (made) add(made.name, made.selector, made.spec);
  }
  return out;
}
