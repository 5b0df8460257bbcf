/**
 * The sources profiles cite (LINT-CATALOGUE §3), named once so that each profile's `sources` table
 * reads as a list of references.
 */
export const src = {
  k8sDocs: 'kubernetes/website content/en/docs/concepts/services-networking/network-policies.md (the NetworkPolicy concept page)',
  conformanceIpBlock:
    'kubernetes test/e2e/network/netpol (upstream conformance; test/conformance runs its model from ../shared/oracle/k8s-e2e): ipBlock cases allow and deny pods by status.podIP',
  hostNetworkUndefined:
    'kubernetes/website network-policies.md: NetworkPolicy behaviour for hostNetwork pods is undefined; generic follows the conformance model, where policies select every pod',
  specSupport: 'kubernetes/website network-policies.md: part of the NetworkPolicy API (networking.k8s.io/v1)',
  sctpOptional: 'kubernetes/website network-policies.md: SCTP is part of the API; it needs a network plugin that supports it',
  endPortGa: 'kubernetes/website network-policies.md: endPort is GA since Kubernetes 1.25',
  aksNp: 'MicrosoftDocs/azure-aks-docs articles/aks/use-network-policies.md',
  aksNpLinux:
    'MicrosoftDocs/azure-aks-docs articles/aks/use-network-policies.md: Azure NPM on Linux "doesn\'t support IPv6. Otherwise, it fully supports the network policy specifications in Linux"',
  aksNpWindows:
    'MicrosoftDocs/azure-aks-docs articles/aks/use-network-policies.md: Azure NPM on Windows does not support named ports, SCTP, negative label or namespace selectors (NotIn, DoesNotExist) or except CIDRs; "NPM pod logs record an error if an unsupported network policy is created"',
  npmExcept:
    'MicrosoftDocs/azure-aks-docs use-network-policies.md and Azure/azure-container-networking PR #4823: NPM on Windows has no except CIDRs; NPM Lite dropped except silently ("only programming the allow part") until that fix',
  npmEndPort:
    'Azure/AKS #2857 and Azure/azure-container-networking npm/pkg/controlplane/translation/translatePolicy.go: NPM v1 ignores endPort (2022), NPM v2 models it (sets EndPort), so it depends on the NPM version',
  npmNamedPortsLinux:
    'MicrosoftDocs/azure-aks-docs use-network-policies.md: full spec support on Linux (a historic named-port bug, Azure/AKS #1192 of 2019, is behind it)',
  npmNotVerified: 'LINT-CATALOGUE §3.4: not documented for Azure NPM (not verified), so the spec behaviour is assumed',
  npmRetirementWindows:
    'MicrosoftDocs/azure-aks-docs use-network-policies.md and Azure/AKS #3129: Azure NPM on Windows support ends 30 Sep 2026 (a maintainer names NSGs or Calico as alternatives)',
  npmRetirementLinux:
    'MicrosoftDocs/azure-aks-docs use-network-policies.md: Azure NPM on Linux support ends 30 Sep 2028; migrate to Cilium',
  calicoSupport:
    'MicrosoftDocs/azure-aks-docs use-network-policies.md, tigera/docs rule reference and K8sbykeshed/cyclonus-artifacts: Calico on AKS implements the NetworkPolicy spec on Linux and Windows (protocols TCP, UDP, SCTP; notNets); "calico supports everything" (conformance, 2021)',
  calicoNotVerified: 'LINT-CATALOGUE §3.4: not documented for Calico (not verified), so the spec behaviour is assumed',
  calicoHostNetwork:
    'LINT-CATALOGUE §3.4: Calico polices host-networked pods only through HostEndpoints (not on Windows), which a standard NetworkPolicy does not create',
  calicoIpv6: 'docs.tigera.io windows-calico/limitations: Calico on Windows is IPv4 only; on Linux IPv6 is supported',
  ciliumIpBlock:
    'MicrosoftDocs/azure-aks-docs articles/aks/azure-cni-powered-by-cilium.md and cilium/cilium #9209: "Network policies can\'t use ipBlock to allow access to node or pod IPs" (even 0.0.0.0/0 still blocks pod and node IPs)',
  ciliumNodes:
    'MicrosoftDocs/azure-aks-docs articles/aks/azure-cni-powered-by-cilium.md: "It isn\'t currently possible to specify a NetworkPolicy with an ipBlock to allow traffic to node IPs" (Cilium\'s policy-cidr-match-mode=nodes, docs.cilium.io security/policy/language.rst, cannot be set on managed AKS)',
  ciliumHostNetwork:
    'MicrosoftDocs/azure-aks-docs articles/aks/azure-cni-powered-by-cilium.md: network policies are not applied to hostNetwork pods ("these pods use the host identity")',
  ciliumSctp:
    'cilium Documentation/network/kubernetes/policy.rst and cilium/cilium #5719: SCTP is a known gap for Kubernetes NetworkPolicy; it is beta behind sctp.enabled=true (docs.cilium.io configuration/sctp), which managed AKS does not expose',
  ciliumCurrent:
    'cilium Documentation/network/kubernetes/policy.rst: endPort (#16622) and named ports (#2942) were removed from the list of known gaps',
  ciliumIpv6: 'MicrosoftDocs/azure-aks-docs articles/aks/azure-cni-powered-by-cilium.md: dual-stack is supported from Kubernetes 1.29',
} as const;
