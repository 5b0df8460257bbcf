/**
 * fast-check arbitraries for Calico (projectcalico.org/v3 NetworkPolicy, GlobalNetworkPolicy) and
 * Cilium (cilium.io/v2 CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) manifests over the same
 * vocabulary as workspaceArbitraries.ts (namespaces, pod labels, port numbers and names, addresses),
 * so that they select and match the generated pods. All of them are valid.
 */
import fc from 'fast-check';
import type { Manifest } from './workspaceArbitraries';
import { namespaceNames } from './workspaceArbitraries';

/** Present often (rarity 1: 3 in 4), half the time (2), or 1 in `rarity`. */
function opt<T>(a: fc.Arbitrary<T>, rarity = 2): fc.Arbitrary<T | undefined> {
  const [present, absent] = rarity <= 1 ? [3, 1] : [1, rarity - 1];
  return fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: a });
}

function clean(entries: Record<string, unknown>): Manifest {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------- Calico

const calicoPodSelectors = [
  'all()',
  "app == 'web'",
  "app != 'db'",
  'has(tier)',
  '!has(app)',
  "app in {'web', 'api'}",
  "env not in {'prod'}",
  "tier == 'front' || app == 'db'",
  "app starts with 'w' && has(env)",
  "app ends with 'i'",
  "tier contains 'ac'",
];
const calicoNsSelectors = ['all()', "team == 'red'", "env == 'prod'", "projectcalico.org/name == 'alpha'", '!has(team)', 'global()'];
const calicoNets = ['10.0.0.0/24', '10.0.1.0/24', '10.0.1.3', '192.168.0.0/16', '0.0.0.0/0', 'fd00::/8'];

const calicoProtocol = fc.constantFrom<string | number | undefined>(undefined, undefined, 'TCP', 'UDP', 'SCTP', 'ICMP', 6);

const calicoPorts = fc.array(fc.constantFrom<number | string>(53, 80, 443, 5432, 8080, '80:90', '9090:9091', 'http', 'db', 'dns'), {
  minLength: 1,
  maxLength: 3,
});

function calicoEntity(withPorts: boolean): fc.Arbitrary<Manifest | undefined> {
  return opt(
    fc
      .record({
        nets: opt(
          fc.subarray(
            calicoNets.filter((n) => !n.includes(':')),
            { minLength: 1, maxLength: 2 },
          ),
          3,
        ),
        notNets: opt(
          fc.subarray(
            calicoNets.filter((n) => !n.includes(':')),
            { minLength: 1, maxLength: 1 },
          ),
          4,
        ),
        selector: opt(fc.constantFrom(...calicoPodSelectors)),
        notSelector: opt(fc.constantFrom(...calicoPodSelectors), 4),
        namespaceSelector: opt(fc.constantFrom(...calicoNsSelectors), 3),
        ports: withPorts ? opt(calicoPorts) : fc.constant(undefined),
        notPorts: withPorts ? opt(calicoPorts, 4) : fc.constant(undefined),
      })
      .map(clean),
    1,
  );
}

const calicoRule: fc.Arbitrary<Manifest> = calicoProtocol.chain((protocol) => {
  const withPorts = protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP' || protocol === 6;
  return fc
    .record({
      action: fc.constantFrom('Allow', 'Allow', 'Deny', 'Pass', 'Log'),
      protocol: fc.constant(protocol),
      notProtocol: protocol === undefined ? opt(fc.constantFrom('TCP', 'UDP', 'ICMP'), 4) : fc.constant(undefined),
      source: calicoEntity(false),
      destination: calicoEntity(withPorts),
    })
    .map(clean);
});

export function calicoPolicyArb(name: string): fc.Arbitrary<Manifest> {
  return fc
    .record({
      global: fc.boolean(),
      ns: fc.constantFrom(...namespaceNames),
      order: opt(fc.constantFrom(100, 999.5, 1000, 1500)),
      tier: opt(fc.constantFrom('early', 'late', 'ghost'), 3),
      selector: opt(fc.constantFrom(...calicoPodSelectors), 1),
      namespaceSelector: opt(fc.constantFrom(...calicoNsSelectors), 3),
      types: opt(fc.subarray(['Ingress', 'Egress'], { minLength: 1 })),
      ingress: opt(fc.array(calicoRule, { maxLength: 3 }), 1),
      egress: opt(fc.array(calicoRule, { maxLength: 3 }), 1),
    })
    .map((d) =>
      clean({
        apiVersion: 'projectcalico.org/v3',
        kind: d.global ? 'GlobalNetworkPolicy' : 'NetworkPolicy',
        metadata: d.global ? { name } : { name, namespace: d.ns },
        spec: clean({
          tier: d.tier,
          order: d.order,
          selector: d.selector,
          namespaceSelector: d.global ? d.namespaceSelector : undefined,
          types: d.types,
          ingress: d.ingress,
          egress: d.egress,
        }),
      }),
    );
}

// ---------------------------------------------------------------- Cilium

const ciliumLabels = fc
  .record(
    {
      app: opt(fc.constantFrom('web', 'db', 'api')),
      'k8s:tier': opt(fc.constantFrom('front', 'back'), 3),
      env: opt(fc.constantFrom('prod', 'dev'), 3),
    },
    { requiredKeys: [] },
  )
  .map(clean);

function ciliumSelector(clusterwide: boolean, peer: boolean): fc.Arbitrary<Manifest> {
  return fc
    .record({
      matchLabels: ciliumLabels,
      ns: peer ? opt(fc.constantFrom(...namespaceNames), 3) : fc.constant(undefined),
      team: clusterwide ? opt(fc.constantFrom('red', 'blue'), 3) : fc.constant(undefined),
      expr: opt(fc.constantFrom({ key: 'env', operator: 'NotIn', values: ['prod'] }, { key: 'app', operator: 'Exists' }), 4),
    })
    .map((d) => {
      const matchLabels: Record<string, unknown> = { ...d.matchLabels };
      if (d.ns) matchLabels['k8s:io.kubernetes.pod.namespace'] = d.ns;
      if (d.team) matchLabels['io.cilium.k8s.namespace.labels.team'] = d.team;
      return clean({
        matchLabels: Object.keys(matchLabels).length ? matchLabels : undefined,
        matchExpressions: d.expr ? [d.expr] : undefined,
      });
    });
}

const ciliumPort = fc
  .record({
    port: opt(fc.constantFrom('53', '80', '443', '5432', '0', 'http', 'db'), 1),
    endPort: opt(fc.constantFrom(90, 8080), 4),
    protocol: opt(fc.constantFrom('TCP', 'UDP', 'SCTP', 'ANY', 'ICMP')),
  })
  .map((d) =>
    clean({
      ...d,
      endPort:
        d.endPort !== undefined && d.port !== undefined && /^\d+$/.test(d.port) && Number(d.port) > 0 && Number(d.port) <= d.endPort
          ? d.endPort
          : undefined,
    }),
  );

function ciliumRule(clusterwide: boolean, dir: 'from' | 'to', deny: boolean): fc.Arbitrary<Manifest> {
  return fc
    .record({
      endpoints: opt(fc.array(ciliumSelector(clusterwide, true), { minLength: 1, maxLength: 2 }), 2),
      cidr: opt(fc.subarray(['10.0.0.0/24', '192.168.0.0/16', '0.0.0.0/0'], { minLength: 1, maxLength: 2 }), 4),
      cidrSet: opt(
        fc.constantFrom([{ cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] }], [{ cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] }]),
        4,
      ),
      entities: opt(fc.subarray(['world', 'cluster', 'host', 'remote-node', 'all', 'kube-apiserver'], { minLength: 1, maxLength: 2 }), 3),
      fqdns: deny || dir === 'from' ? fc.constant(undefined) : opt(fc.constant([{ matchName: 'example.com' }]), 6),
      toPorts: opt(
        fc.array(
          fc
            .record({
              ports: opt(fc.array(ciliumPort, { minLength: 1, maxLength: 2 }), 6),
              rules: deny ? fc.constant(undefined) : opt(fc.constant({ http: [{ method: 'GET' }] }), 5),
            })
            .map(clean),
          { minLength: 1, maxLength: 2 },
        ),
        2,
      ),
    })
    .map((d) =>
      clean({
        [`${dir}Endpoints`]: d.endpoints,
        [`${dir}CIDR`]: d.cidr,
        [`${dir}CIDRSet`]: d.cidrSet,
        [`${dir}Entities`]: d.entities,
        toFQDNs: d.fqdns,
        toPorts: d.toPorts,
      }),
    );
}

function ciliumSpec(clusterwide: boolean): fc.Arbitrary<Manifest> {
  const rules = (dir: 'from' | 'to', deny: boolean, freq: number): fc.Arbitrary<Manifest[] | undefined> =>
    opt(fc.array(ciliumRule(clusterwide, dir, deny), { maxLength: 2 }), freq);
  return (
    fc
      .record({
        endpointSelector: ciliumSelector(clusterwide, false),
        ingress: rules('from', false, 1),
        egress: rules('to', false, 1),
        ingressDeny: rules('from', true, 4),
        egressDeny: rules('to', true, 4),
        enableDefaultDeny: opt(fc.record({ ingress: opt(fc.boolean()), egress: opt(fc.boolean()) }).map(clean), 4),
      })
      // Cilium rejects a rule with no entry in any section (`empty-rule-spec`); empty sections beside a
      // written one are still generated.
      .filter((d) => [d.ingress, d.egress, d.ingressDeny, d.egressDeny].some((r) => (r?.length ?? 0) > 0))
      .map(clean)
  );
}

export function ciliumPolicyArb(name: string): fc.Arbitrary<Manifest> {
  return fc.record({ clusterwide: fc.boolean(), ns: fc.constantFrom(...namespaceNames), many: fc.boolean() }).chain((d) =>
    (d.many ? fc.array(ciliumSpec(d.clusterwide), { minLength: 1, maxLength: 2 }) : ciliumSpec(d.clusterwide)).map((spec) =>
      clean({
        apiVersion: 'cilium.io/v2',
        kind: d.clusterwide ? 'CiliumClusterwideNetworkPolicy' : 'CiliumNetworkPolicy',
        metadata: d.clusterwide ? { name } : { name, namespace: d.ns },
        [d.many ? 'specs' : 'spec']: spec,
      }),
    ),
  );
}

/** Tiers the Calico policies may name: `early` before the default tier, `late` after it; `ghost` is never declared. */
const calicoTiersArb: fc.Arbitrary<Manifest[]> = fc
  .record({
    early: opt(fc.record({ order: fc.constantFrom(10, 100), defaultAction: opt(fc.constantFrom('Deny', 'Pass')) }).map(clean), 1),
    late: opt(fc.record({ order: opt(fc.constantFrom(2_000_000)), defaultAction: opt(fc.constantFrom('Deny', 'Pass')) }).map(clean), 1),
  })
  .map((d) =>
    (['early', 'late'] as const).flatMap((name) =>
      d[name] ? [{ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name }, spec: d[name] }] : [],
    ),
  );

export function crdPoliciesArb(engine: 'calico' | 'cilium'): fc.Arbitrary<Manifest[]> {
  const policies = fc
    .integer({ min: 1, max: 5 })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => (engine === 'calico' ? calicoPolicyArb(`c${i}`) : ciliumPolicyArb(`c${i}`)))),
    );
  return engine === 'calico' ? fc.tuple(calicoTiersArb, policies).map(([t, p]) => [...t, ...p]) : policies;
}
