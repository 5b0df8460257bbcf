import { src } from './sources';
import type { EngineProfile } from './types';

export const calico: EngineProfile = {
  id: 'calico',
  title: 'Calico',
  description:
    'Calico (AKS `--network-policy calico`, or any cluster): the standard NetworkPolicy spec; host-networked pods only through HostEndpoints.',
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  policiesApplyToHostNetwork: true,
  crdKinds: 'calico',
  supports: {
    namedPorts: 'yes',
    sctp: 'yes',
    except: 'yes',
    negativeSelectors: 'yes',
    endPort: 'yes',
    ipv6: 'yes',
    hostNetworkPods: 'no',
  },
  retirement: [],
  sources: {
    ipBlockMatchesPods: src.calicoNotVerified,
    ipBlockMatchesNodes: src.calicoNotVerified,
    policiesApplyToHostNetwork: `${src.calicoHostNetwork}; the spec result is kept and such cells are marked uncertain`,
    namedPorts: src.calicoSupport,
    sctp: src.calicoSupport,
    except: src.calicoSupport,
    negativeSelectors: src.calicoSupport,
    endPort: `${src.endPortGa}; no Calico issue found (LINT-CATALOGUE §3.4, not verified)`,
    ipv6: src.calicoIpv6,
    hostNetworkPods: src.calicoHostNetwork,
  },
};
