/**
 * The finding codes that are not lint rules: parse problems and the API server's validation.
 * Listed once, for SARIF rule metadata and the generated docs.
 */
import type { Severity } from './findings';

export interface CodeInfo {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly summary: string;
}

export const builtinCodes: readonly CodeInfo[] = [
  {
    id: 'unreadable-file',
    defaultSeverity: 'warning',
    summary:
      'A manifest the walk found but could not read (a dangling link, no permission): it is not analysed, and results that depend on it say so.',
  },
  {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    summary: 'The file is not valid YAML (or JSON); the broken document is skipped, the others still count.',
  },
  {
    id: 'helm-template',
    defaultSeverity: 'info',
    summary:
      'A Helm template is not a manifest; render it with `helm template` to analyse it. Decided per document: a template document among plain ones is skipped alone (one finding on it), a file of templates only is skipped whole.',
  },
  {
    id: 'kind-not-evaluated',
    defaultSeverity: 'warning',
    summary:
      'An object of a network-policy kind that no engine profile evaluates (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, MultiNetworkPolicy, OVN-Kubernetes networks, Antrea policies, a NetworkPolicy under another apiVersion): connectivity is computed without it.',
  },
  { id: 'binary-file', defaultSeverity: 'info', summary: 'A binary file is skipped.' },
  { id: 'file-too-large', defaultSeverity: 'warning', summary: 'A file over the size limit (netpol.maxFileSize) is skipped.' },
  {
    id: 'removed-api-version',
    defaultSeverity: 'error',
    summary: 'A NetworkPolicy under extensions/v1beta1, which API servers stopped serving in Kubernetes 1.16: use networking.k8s.io/v1.',
  },
  {
    id: 'unknown-field',
    defaultSeverity: 'error',
    summary: "A field the NetworkPolicy API does not have; kubectl's strict field validation rejects the object.",
  },
  {
    id: 'wrong-type',
    defaultSeverity: 'error',
    summary: 'A field has the wrong type (a list where a map belongs, a number as a label value, …); the API server rejects the object.',
  },
  { id: 'missing-name', defaultSeverity: 'error', summary: 'metadata.name is required.' },
  {
    id: 'invalid-name',
    defaultSeverity: 'error',
    summary:
      'metadata.name must be a DNS-1123 subdomain (lower case, digits, - and .); the API server rejects names such as AllowWebToDBPolicy.',
  },
  { id: 'invalid-label', defaultSeverity: 'error', summary: 'A label key or value the API server rejects.' },
  {
    id: 'invalid-selector',
    defaultSeverity: 'error',
    summary:
      'A label selector the API server rejects: bad key or value, unknown operator, values missing for In/NotIn or given for Exists/DoesNotExist.',
  },
  { id: 'invalid-peer', defaultSeverity: 'error', summary: 'A peer with nothing in it, or with ipBlock together with a selector.' },
  {
    id: 'invalid-ip-block',
    defaultSeverity: 'error',
    summary: 'An ipBlock with a missing or invalid CIDR, or an `except` that is not a strict subset of `cidr`.',
  },
  {
    id: 'invalid-port',
    defaultSeverity: 'error',
    summary: 'A port out of range, a bad port name, or `endPort` without a numeric `port` or below it.',
  },
  { id: 'invalid-protocol', defaultSeverity: 'error', summary: 'A protocol other than TCP, UDP or SCTP.' },
  { id: 'invalid-policy-type', defaultSeverity: 'error', summary: 'A policyTypes entry other than Ingress or Egress, or more than two.' },
  {
    id: 'invalid-calico-selector',
    defaultSeverity: 'error',
    summary:
      "A Calico selector (`selector`, `namespaceSelector`, `notSelector`) that does not parse in Calico's selector language; the error points at the token.",
  },
  { id: 'invalid-action', defaultSeverity: 'error', summary: 'A Calico rule whose `action` is missing or not Allow, Deny, Log or Pass.' },
  {
    id: 'invalid-cidr',
    defaultSeverity: 'error',
    summary: 'A CIDR of a Calico or Cilium policy that is not a valid address block (or an `except` outside its `cidr`).',
  },
  {
    id: 'invalid-entity',
    defaultSeverity: 'error',
    summary: 'A Cilium `fromEntities`/`toEntities` value that is not one of the entities Cilium knows.',
  },
  {
    id: 'missing-spec',
    defaultSeverity: 'error',
    summary: 'A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy with neither `spec` nor `specs`.',
  },
  {
    id: 'empty-rule-spec',
    defaultSeverity: 'error',
    summary:
      'A CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy rule (`spec` or an entry of `specs`) with no entry in any of `ingress`, `ingressDeny`, `egress`, `egressDeny` (`ingress: []` + `egress: []` included): Cilium rejects the policy ("rule must have at least one of Ingress, IngressDeny, Egress, EgressDeny") and it enforces nothing. A default deny is one empty rule, `ingress: [{}]`.',
  },
];
