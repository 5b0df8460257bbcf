import { src } from './sources';
import type { EngineProfile } from './types';

export const cilium: EngineProfile = {
  id: 'cilium',
  title: 'Cilium (Azure CNI Powered by Cilium)',
  description:
    'Cilium as AKS runs it: ipBlock never matches pod or node addresses, policies do not apply to hostNetwork pods, no SCTP for NetworkPolicy.',
  ipBlockMatchesPods: false,
  ipBlockMatchesNodes: false,
  policiesApplyToHostNetwork: false,
  crdKinds: 'cilium',
  supports: {
    namedPorts: 'yes',
    sctp: 'no',
    except: 'yes',
    negativeSelectors: 'yes',
    endPort: 'yes',
    ipv6: 'yes',
    hostNetworkPods: 'yes',
  },
  retirement: [],
  sources: {
    ipBlockMatchesPods: src.ciliumIpBlock,
    ipBlockMatchesNodes: src.ciliumNodes,
    policiesApplyToHostNetwork: src.ciliumHostNetwork,
    namedPorts: src.ciliumCurrent,
    sctp: src.ciliumSctp,
    except: 'LINT-CATALOGUE §3.4: supported (Cilium has the same construct, toCIDRSet except)',
    negativeSelectors: 'cilium: Kubernetes label selectors with every operator (LINT-CATALOGUE §3.4)',
    endPort: src.ciliumCurrent,
    ipv6: src.ciliumIpv6,
    hostNetworkPods: `${src.ciliumHostNetwork} (modelled by policiesApplyToHostNetwork)`,
  },
};
