import { src } from './sources';
import type { EngineProfile } from './types';

export const generic: EngineProfile = {
  id: 'generic',
  title: 'Kubernetes (generic)',
  description: 'The NetworkPolicy API as the upstream conformance tests check it.',
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  policiesApplyToHostNetwork: true,
  crdKinds: undefined,
  supports: {
    namedPorts: 'yes',
    sctp: 'yes',
    except: 'yes',
    negativeSelectors: 'yes',
    endPort: 'yes',
    ipv6: 'yes',
    hostNetworkPods: 'yes',
  },
  retirement: [],
  sources: {
    ipBlockMatchesPods: src.conformanceIpBlock,
    ipBlockMatchesNodes: `${src.k8sDocs}: ipBlock "should be cluster-external IPs", but nothing excludes node addresses`,
    policiesApplyToHostNetwork: src.hostNetworkUndefined,
    namedPorts: src.specSupport,
    sctp: src.sctpOptional,
    except: src.specSupport,
    negativeSelectors: src.specSupport,
    endPort: src.endPortGa,
    ipv6: src.specSupport,
    hostNetworkPods: src.hostNetworkUndefined,
  },
};
