/**
 * fast-check arbitraries for small random Kubernetes workspaces (namespaces, pods, deployments and
 * NetworkPolicies using every feature of networking.k8s.io/v1), kept as plain manifest objects so that
 * tests can transform them (reorder, add a rule) and then render them AS YAML TEXT for the parser.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

export type Manifest = Record<string, unknown>;
type Selector = Record<string, unknown>;

export interface GenDoc {
  readonly kind: 'Namespace' | 'Pod' | 'Deployment' | 'NetworkPolicy';
  readonly name: string;
  readonly obj: Manifest;
  /** For NetworkPolicies: whether the API server should accept it (the generator knows). */
  readonly valid: boolean;
}

export interface GenWorkspace {
  readonly docs: readonly GenDoc[];
  /** File index (0..3) of each document. */
  readonly files: readonly number[];
  /** Rendering style of each document. */
  readonly styles: readonly ('block' | 'flow')[];
}

export const namespaceNames = ['default', 'alpha', 'beta', 'gamma'] as const;
const podVocab: Record<string, readonly string[]> = { app: ['web', 'db', 'api'], tier: ['front', 'back'], env: ['prod', 'dev'] };
const nsVocab: Record<string, readonly string[]> = {
  team: ['red', 'blue'],
  env: ['prod', 'dev'],
  'kubernetes.io/metadata.name': [...namespaceNames],
};
const portNumbers = [1, 53, 80, 81, 443, 5432, 8080, 9090, 65535];
const portNames = ['http', 'dns', 'db', 'metrics', 'nope'];
const protocolArb = fc.constantFrom<string | undefined>(undefined, undefined, 'TCP', 'UDP', 'SCTP');

function withOptional(entries: [string, unknown][]): Record<string, unknown> {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------- labels and selectors

function labelsArb(vocab: Record<string, readonly string[]>): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      Object.fromEntries(Object.entries(vocab).map(([k, vs]) => [k, fc.constantFrom(...vs)])) as Record<string, fc.Arbitrary<string>>,
      { requiredKeys: [] },
    )
    .map((l) => Object.fromEntries(Object.entries(l).filter((e): e is [string, string] => e[1] !== undefined)));
}

function requirementArb(vocab: Record<string, readonly string[]>): fc.Arbitrary<Selector> {
  const keys = Object.keys(vocab);
  return fc.constantFrom(...keys).chain((key) => {
    const values = [...(vocab[key] ?? []), 'other'];
    return fc.oneof(
      fc.record({
        key: fc.constant(key),
        operator: fc.constantFrom('In', 'NotIn'),
        values: fc.subarray(values, { minLength: 1, maxLength: 2 }),
      }),
      fc.record({ key: fc.constant(key), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    );
  });
}

function matchLabelsArb(vocab: Record<string, readonly string[]>): fc.Arbitrary<Record<string, string>> {
  return labelsArb(vocab).filter((l) => Object.keys(l).length > 0 && Object.keys(l).length <= 2);
}

/** A label selector: `{}`, matchLabels, matchExpressions, or both. */
export function selectorArb(vocab: Record<string, readonly string[]>): fc.Arbitrary<Selector> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 3, arbitrary: matchLabelsArb(vocab).map((matchLabels) => ({ matchLabels })) },
    {
      weight: 3,
      arbitrary: fc.array(requirementArb(vocab), { minLength: 1, maxLength: 2 }).map((matchExpressions) => ({ matchExpressions })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        matchLabels: matchLabelsArb(vocab),
        matchExpressions: fc.array(requirementArb(vocab), { minLength: 1, maxLength: 2 }),
      }),
    },
  );
}

// ---------------------------------------------------------------- rules

const ipBlocks: readonly Manifest[] = [
  { cidr: '10.0.0.0/16' },
  { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
  { cidr: '10.0.1.0/24', except: ['10.0.1.2/32', '10.0.1.3/32'] },
  { cidr: '10.0.1.2/32' },
  { cidr: '10.0.0.5/24' },
  { cidr: '0.0.0.0/0' },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
  { cidr: '192.168.0.0/16' },
  { cidr: 'fd00::/8' },
  { cidr: 'fd00::/8', except: ['fd00::1/128'] },
];

export const peerArb: fc.Arbitrary<Manifest> = fc.oneof(
  { weight: 3, arbitrary: selectorArb(podVocab).map((podSelector) => ({ podSelector })) },
  { weight: 2, arbitrary: selectorArb(nsVocab).map((namespaceSelector) => ({ namespaceSelector })) },
  {
    weight: 2,
    arbitrary: fc.record({ namespaceSelector: selectorArb(nsVocab), podSelector: selectorArb(podVocab) }),
  },
  { weight: 2, arbitrary: fc.constantFrom(...ipBlocks).map((ipBlock) => ({ ipBlock })) },
);

export const portArb: fc.Arbitrary<Manifest> = fc.oneof(
  { weight: 1, arbitrary: protocolArb.map((protocol) => withOptional([['protocol', protocol]])) },
  {
    weight: 3,
    arbitrary: fc.tuple(protocolArb, fc.constantFrom(...portNumbers)).map(([protocol, port]) =>
      withOptional([
        ['protocol', protocol],
        ['port', port],
      ]),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(protocolArb, fc.constantFrom(...portNumbers), fc.constantFrom(0, 1, 10, 1000, 70000))
      .map(([protocol, port, delta]) =>
        withOptional([
          ['protocol', protocol],
          ['port', port],
          ['endPort', Math.min(port + delta, 65535)],
        ]),
      ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(protocolArb, fc.constantFrom(...portNames)).map(([protocol, port]) =>
      withOptional([
        ['protocol', protocol],
        ['port', port],
      ]),
    ),
  },
);

/** A list that is absent, empty, or has 1..max items (`undefined` = key absent). */
function optionalList<T>(item: fc.Arbitrary<T>, max: number): fc.Arbitrary<T[] | undefined> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<T[]>([]) },
    { weight: 4, arbitrary: fc.array(item, { minLength: 1, maxLength: max }) },
  );
}

export function ruleArb(direction: 'ingress' | 'egress'): fc.Arbitrary<Manifest> {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return fc.tuple(optionalList(peerArb, 3), optionalList(portArb, 3)).map(([peers, ports]) =>
    withOptional([
      [peerKey, peers],
      ['ports', ports],
    ]),
  );
}

/** Things the API server rejects: one of them makes a policy invalid. */
const invalidPorts: readonly Manifest[] = [
  { port: 'http', endPort: 90 },
  { protocol: 'tcp', port: 80 },
  { port: 90, endPort: 80 },
  { port: 0 },
  { endPort: 80 },
  { protocol: 'ICMP' },
];
const invalidPeers: readonly Manifest[] = [
  {},
  { ipBlock: { cidr: '10.0.0.0/16' }, podSelector: {} },
  { ipBlock: { cidr: '10.0.0.0/33' } },
  { ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } },
  { podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
  { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] } },
  { namespaceSelector: { matchLabels: { 'bad key!': 'x' } } },
];

// ---------------------------------------------------------------- objects

interface PolicyDraft {
  podSelector: Selector | null;
  policyTypes: string[] | undefined;
  ingress: Manifest[] | null | undefined;
  egress: Manifest[] | null | undefined;
}

const policyTypesChoices: (string[] | undefined)[] = [
  undefined,
  undefined,
  ['Ingress'],
  ['Egress'],
  ['Ingress', 'Egress'],
  ['Egress', 'Ingress'],
];

function rulesArb(direction: 'ingress' | 'egress'): fc.Arbitrary<Manifest[] | null | undefined> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant<Manifest[]>([]) },
    { weight: 1, arbitrary: fc.constant<Manifest[]>([{}]) },
    { weight: 5, arbitrary: fc.array(ruleArb(direction), { minLength: 1, maxLength: 3 }) },
  );
}

function policyDraftArb(emptyPolicyTypes: boolean): fc.Arbitrary<PolicyDraft> {
  return fc.record({
    podSelector: fc.oneof({ weight: 8, arbitrary: selectorArb(podVocab) }, { weight: 1, arbitrary: fc.constant(null) }),
    policyTypes: fc.constantFrom(...policyTypesChoices, ...(emptyPolicyTypes ? [[], []] : [])),
    ingress: rulesArb('ingress'),
    egress: rulesArb('egress'),
  });
}

/** Spoils a valid policy so that the API server would reject it. */
const corruptionArb: fc.Arbitrary<(d: PolicyDraft) => void> = fc.oneof(
  fc.constantFrom(...invalidPorts).map((port) => (d: PolicyDraft) => {
    d.ingress = [...(d.ingress ?? []), { ports: [port] }];
  }),
  fc.constantFrom(...invalidPeers).map((peer) => (d: PolicyDraft) => {
    d.egress = [...(d.egress ?? []), { to: [peer] }];
  }),
  fc.constant((d: PolicyDraft) => {
    d.policyTypes = ['ingress'];
  }),
  fc.constant((d: PolicyDraft) => {
    d.podSelector = { matchLabels: { app: 'not a valid value' } };
  }),
);

function policyManifest(name: string, namespace: string | undefined, d: PolicyDraft): Manifest {
  const spec = withOptional([
    ['podSelector', d.podSelector],
    ['policyTypes', d.policyTypes],
    ['ingress', d.ingress],
    ['egress', d.egress],
  ]);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: withOptional([
      ['name', name],
      ['namespace', namespace],
    ]),
    spec,
  };
}

interface ContainerPortDraft {
  containerPort: number;
  name?: string;
  protocol?: string;
}

const containerPortArb: fc.Arbitrary<ContainerPortDraft> = fc
  .tuple(
    fc.constantFrom(53, 80, 81, 443, 5432, 8080, 9090, 9091),
    fc.option(fc.constantFrom('http', 'dns', 'db', 'metrics'), { nil: undefined }),
    protocolArb,
  )
  .map(
    ([containerPort, name, protocol]) =>
      withOptional([
        ['containerPort', containerPort],
        ['name', name],
        ['protocol', protocol],
      ]) as unknown as ContainerPortDraft,
  );

const podIps = ['10.0.0.1', '10.0.0.2', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.0.5', '192.168.1.1'];

interface PodDraft {
  kind: 'Pod' | 'Deployment';
  labels: Record<string, string>;
  ports: ContainerPortDraft[];
  split: number;
  ip: string | undefined;
  ip6: boolean;
  hostNetwork: boolean;
  writeDefaultNs: boolean;
}

const podDraftArb: fc.Arbitrary<PodDraft> = fc.record({
  kind: fc.constantFrom<'Pod' | 'Deployment'>('Pod', 'Pod', 'Pod', 'Deployment'),
  labels: labelsArb(podVocab),
  ports: fc.array(containerPortArb, { maxLength: 3 }),
  split: fc.nat(3),
  ip: fc.option(fc.constantFrom(...podIps), { nil: undefined, freq: 3 }),
  ip6: fc.boolean(),
  hostNetwork: fc.constantFrom(false, false, false, true),
  writeDefaultNs: fc.boolean(),
});

function podManifest(name: string, namespace: string, d: PodDraft): Manifest {
  const ns = namespace === 'default' && !d.writeDefaultNs ? undefined : namespace;
  const containers = [d.ports.slice(0, d.split), d.ports.slice(d.split)]
    .filter((ports, i) => i === 0 || ports.length > 0)
    .map((ports, i) =>
      withOptional([
        ['name', `c${i}`],
        ['image', 'nginx'],
        ['ports', ports.length > 0 ? ports : undefined],
      ]),
    );
  const podSpec = withOptional([
    ['hostNetwork', d.hostNetwork ? true : undefined],
    ['containers', containers],
  ]);
  const meta = withOptional([
    ['name', name],
    ['namespace', ns],
    ['labels', Object.keys(d.labels).length > 0 ? d.labels : undefined],
  ]);
  if (d.kind === 'Deployment') {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: withOptional([
        ['name', name],
        ['namespace', ns],
      ]),
      spec: { selector: { matchLabels: d.labels }, template: { metadata: { labels: d.labels }, spec: podSpec } },
    };
  }
  const status =
    d.ip !== undefined
      ? withOptional([
          ['podIP', d.ip],
          ['podIPs', d.ip6 ? [{ ip: d.ip }, { ip: 'fd00::1' }] : undefined],
        ])
      : undefined;
  return withOptional([
    ['apiVersion', 'v1'],
    ['kind', 'Pod'],
    ['metadata', meta],
    ['spec', podSpec],
    ['status', status],
  ]);
}

export interface WorkspaceArbOptions {
  /** Allow policies that the API server rejects (default true). */
  readonly invalid?: boolean;
  /**
   * Also write `policyTypes: []` (default false). The API server defaults it like an absent list;
   * the core currently reads it as "no types" (see the todo property in test/property/engine.test.ts).
   */
  readonly emptyPolicyTypes?: boolean;
}

export function workspaceArb(options: WorkspaceArbOptions = {}): fc.Arbitrary<GenWorkspace> {
  const allowInvalid = options.invalid ?? true;
  return fc
    .record({
      namespaces: fc.subarray([...namespaceNames], { minLength: 1 }),
      declared: fc.array(fc.tuple(fc.boolean(), labelsArb({ team: nsVocab.team ?? [], env: nsVocab.env ?? [] })), {
        minLength: 4,
        maxLength: 4,
      }),
      pods: fc.array(fc.tuple(podDraftArb, fc.nat()), { minLength: 1, maxLength: 8 }),
      policies: fc.array(
        fc.tuple(
          policyDraftArb(options.emptyPolicyTypes ?? false),
          fc.nat(),
          fc.boolean(),
          allowInvalid
            ? fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: corruptionArb })
            : fc.constant(undefined),
        ),
        { maxLength: 6 },
      ),
    })
    .chain(({ namespaces, declared, pods, policies }) => {
      const docs: GenDoc[] = [];
      namespaces.forEach((ns, i) => {
        const [isDeclared, labels] = declared[i] ?? [false, {}];
        if (!isDeclared) return;
        docs.push({
          kind: 'Namespace',
          name: ns,
          valid: true,
          obj: {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: withOptional([
              ['name', ns],
              ['labels', Object.keys(labels).length > 0 ? labels : undefined],
            ]),
          },
        });
      });
      pods.forEach(([d, nsIdx], i) => {
        const ns = namespaces[nsIdx % namespaces.length] as string;
        docs.push({ kind: d.kind, name: `p${i}`, valid: true, obj: podManifest(`p${i}`, ns, d) });
      });
      policies.forEach(([d, nsIdx, writeNs, corrupt], i) => {
        const ns = namespaces[nsIdx % namespaces.length] as string;
        const draft = { ...d };
        corrupt?.(draft);
        docs.push({
          kind: 'NetworkPolicy',
          name: `np${i}`,
          valid: corrupt === undefined,
          obj: policyManifest(`np${i}`, ns === 'default' && !writeNs ? undefined : ns, draft),
        });
      });
      const n = docs.length;
      return fc.record({
        docs: fc.constant(docs),
        files: fc.array(fc.nat(3), { minLength: n, maxLength: n }),
        styles: fc.array(fc.constantFrom<'block' | 'flow'>('block', 'block', 'flow'), { minLength: n, maxLength: n }),
      });
    });
}

/** The YAML text of one manifest: block style via `yaml`, or flow style (JSON is YAML too). */
export function renderDoc(obj: Manifest, style: 'block' | 'flow'): string {
  return style === 'block' ? stringify(obj) : `${JSON.stringify(obj)}\n`;
}

/** File name -> text, documents of a file separated by `---`, in document order. */
export function renderWorkspace(ws: GenWorkspace): Record<string, string> {
  const files: Record<string, string[]> = {};
  ws.docs.forEach((d, i) => {
    const name = `manifests/f${ws.files[i] ?? 0}.yaml`;
    (files[name] ??= []).push(renderDoc(d.obj, ws.styles[i] ?? 'block'));
  });
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.join('---\n')]));
}

/** The policyTypes a policy effectively has (as the API server defaults them when absent or empty). */
export function effectivePolicyTypes(spec: Manifest): string[] {
  // Absent, null and [] are all defaulted (len == 0).
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes as string[];
  const egress = spec.egress;
  return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}
