/**
 * Whole-policy snippets (LSP/TextMate snippet syntax): offered by completion in an empty document and
 * contributed to VS Code from snippets/. Each produces a policy that `netpol-lens check` accepts.
 */
export interface PolicySnippet {
  readonly prefix: string;
  readonly label: string;
  readonly description: string;
  readonly body: readonly string[];
}

const header = (name: string): string[] => [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  `  name: \${1:${name}}`,
  '  namespace: ${2:default}',
  'spec:',
];

export const policySnippets: readonly PolicySnippet[] = [
  {
    prefix: 'netpol-deny-all-ingress',
    label: 'NetworkPolicy: deny all ingress',
    description: 'Isolates every pod of the namespace for ingress: nothing may connect to them.',
    body: [...header('deny-all-ingress'), '  podSelector: {}', '  policyTypes:', '    - Ingress', '$0'],
  },
  {
    prefix: 'netpol-deny-all-egress',
    label: 'NetworkPolicy: deny all egress',
    description: 'Isolates every pod of the namespace for egress (DNS included: add an allow-DNS policy).',
    body: [...header('deny-all-egress'), '  podSelector: {}', '  policyTypes:', '    - Egress', '$0'],
  },
  {
    prefix: 'netpol-deny-all',
    label: 'NetworkPolicy: deny all ingress and egress',
    description: 'Isolates every pod of the namespace in both directions.',
    body: [...header('deny-all'), '  podSelector: {}', '  policyTypes:', '    - Ingress', '    - Egress', '$0'],
  },
  {
    prefix: 'netpol-allow-dns',
    label: 'NetworkPolicy: allow DNS egress',
    description: 'Lets every pod of the namespace reach kube-dns on UDP and TCP 53.',
    body: [
      ...header('allow-dns-egress'),
      '  podSelector: {}',
      '  policyTypes:',
      '    - Egress',
      '  egress:',
      '    - to:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: kube-system',
      '          podSelector:',
      '            matchLabels:',
      '              k8s-app: kube-dns',
      '      ports:',
      '        - protocol: UDP',
      '          port: 53',
      '        - protocol: TCP',
      '          port: 53',
      '$0',
    ],
  },
  {
    prefix: 'netpol-allow-same-namespace',
    label: 'NetworkPolicy: allow ingress from the same namespace',
    description: 'Pods of the namespace accept connections from every pod of the same namespace.',
    body: [
      ...header('allow-same-namespace'),
      '  podSelector: {}',
      '  policyTypes:',
      '    - Ingress',
      '  ingress:',
      '    - from:',
      '        - podSelector: {}',
      '$0',
    ],
  },
  {
    prefix: 'netpol-allow-from-namespace',
    label: 'NetworkPolicy: allow ingress from a namespace by name',
    description: 'Pods of the namespace accept connections from every pod of one other namespace.',
    body: [
      ...header('allow-from-namespace'),
      '  podSelector: {}',
      '  policyTypes:',
      '    - Ingress',
      '  ingress:',
      '    - from:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: ${3:ingress-nginx}',
      '$0',
    ],
  },
  {
    prefix: 'netpol-allow-app-to-app',
    label: 'NetworkPolicy: allow one app to another on a port',
    description: "The walkthrough's web -> db: pods labelled app=db accept app=web on one TCP port.",
    body: [
      ...header('allow-web-to-db'),
      '  podSelector:',
      '    matchLabels:',
      '      app: ${3:db}',
      '  policyTypes:',
      '    - Ingress',
      '  ingress:',
      '    - from:',
      '        - podSelector:',
      '            matchLabels:',
      '              app: ${4:web}',
      '      ports:',
      '        - protocol: TCP',
      '          port: ${5:5432}',
      '$0',
    ],
  },
  {
    prefix: 'netpol-allow-egress-cidr',
    label: 'NetworkPolicy: allow egress to a CIDR with except',
    description: 'Pods of the namespace may connect to an address range outside the cluster, minus a part of it.',
    body: [
      ...header('allow-egress-to-cidr'),
      '  podSelector: {}',
      '  policyTypes:',
      '    - Egress',
      '  egress:',
      '    - to:',
      '        - ipBlock:',
      '            cidr: ${3:203.0.113.0/24}',
      '            except:',
      '              - ${4:203.0.113.128/25}',
      '      ports:',
      '        - protocol: TCP',
      '          port: ${5:443}',
      '$0',
    ],
  },
];

/** The snippet with its tab stops replaced by their default text: what a user gets by pressing Tab through it. */
export function expandSnippet(s: PolicySnippet): string {
  return s.body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}
