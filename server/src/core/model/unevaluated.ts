/**
 * Objects of network-policy kinds that no engine profile evaluates (AdminNetworkPolicy,
 * MultiNetworkPolicy, OVN-Kubernetes networks, Antrea policies, a NetworkPolicy under an apiVersion
 * nobody serves, …). They decide connectivity in a cluster that enforces them, so leaving them out
 * without a word would be silently wrong: each gets one `kind-not-evaluated` warning on its `kind:`.
 * Calico's and Cilium's groups are not listed here: their kinds are counted under their own engine
 * (and `crd-ignored-by-engine` reports them under the others).
 */
import type { Finding } from '../findings';
import type { Span } from '../text/span';
import { get, getPair, getString } from '../yaml/node';
import type { K8sObject } from './k8sObject';

/** An object of a network-policy kind that connectivity is computed without. */
export interface UnevaluatedObject {
  readonly kind: string;
  readonly apiVersion?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly file: string;
  /** The whole object. */
  readonly span: Span;
  /** One sentence: what it is and that it is not evaluated. */
  readonly reason: string;
}

/** What each known kind does, by API group (any version). */
const knownKinds: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'policy.networking.k8s.io': {
    AdminNetworkPolicy: 'a cluster-wide policy whose rules take precedence over NetworkPolicies',
    BaselineAdminNetworkPolicy: 'a cluster-wide default that applies where no NetworkPolicy decides',
    ClusterNetworkPolicy: 'a cluster-wide policy of the Admin or Baseline tier, evaluated around NetworkPolicies',
  },
  'k8s.cni.cncf.io': {
    MultiNetworkPolicy: 'a policy for the secondary (Multus) networks of pods',
  },
  'k8s.ovn.org': {
    UserDefinedNetwork: 'an OVN-Kubernetes network whose pods are isolated from other networks',
    ClusterUserDefinedNetwork: 'an OVN-Kubernetes network across namespaces whose pods are isolated from other networks',
    EgressFirewall: 'OVN-Kubernetes egress rules towards addresses outside the cluster',
  },
  'network.openshift.io': {
    EgressNetworkPolicy: 'OpenShift SDN egress rules towards addresses outside the cluster',
  },
  'crd.antrea.io': {
    NetworkPolicy: 'an Antrea-native policy, evaluated in tiers before NetworkPolicies',
    ClusterNetworkPolicy: 'an Antrea-native cluster-wide policy, evaluated in tiers before NetworkPolicies',
  },
  'security.antrea.tanzu.vmware.com': {
    NetworkPolicy: 'an Antrea-native policy, evaluated in tiers before NetworkPolicies',
    ClusterNetworkPolicy: 'an Antrea-native cluster-wide policy, evaluated in tiers before NetworkPolicies',
  },
};

const byKindName = new Map(
  Object.values(knownKinds)
    .flatMap((kinds) => Object.entries(kinds))
    .reverse(),
);

/**
 * The object as an unevaluated one, with its finding, when it is of a network-policy kind; call it
 * only for objects no reader took (not a networking.k8s.io NetworkPolicy, not a Calico or Cilium object).
 */
export function unevaluatedObjectOf(obj: K8sObject): { object: UnevaluatedObject; finding: Finding } | undefined {
  const kind = obj.kind;
  if (kind === undefined) return undefined;
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.slice(0, obj.apiVersion.lastIndexOf('/')) : '';
  // A distinctive kind under another group (a typo, a fork's group) is still that kind to its author.
  const known = knownKinds[group]?.[kind] ?? (kind !== 'NetworkPolicy' ? byKindName.get(kind) : undefined);
  let detail: string;
  if (known !== undefined) detail = known;
  else if (kind.endsWith('NetworkPolicy'))
    detail = obj.apiVersion === undefined ? 'it has no apiVersion' : `netpol-lens does not read ${kind} under apiVersion ${obj.apiVersion}`;
  else return undefined;
  const reason = `${kind} is not evaluated by netpol-lens: connectivity is computed without it (${detail})`;
  const meta = get(obj.node, 'metadata');
  const name = getString(meta, 'name');
  const namespace = getString(meta, 'namespace');
  const kindPair = getPair(obj.node, 'kind');
  const at: Span = kindPair ? { start: kindPair.keySpan.start, end: kindPair.value.span.end } : obj.span;
  return {
    object: {
      kind,
      ...(obj.apiVersion !== undefined ? { apiVersion: obj.apiVersion } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      file: obj.file,
      span: obj.span,
      reason,
    },
    finding: { code: 'kind-not-evaluated', severity: 'warning', message: reason, file: obj.file, span: at },
  };
}
