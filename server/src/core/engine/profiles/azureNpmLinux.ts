import { src } from './sources';
import type { EngineProfile } from './types';

export const azureNpmLinux: EngineProfile = {
  id: 'azure-npm-linux',
  title: 'Azure NPM (Linux nodes)',
  description: 'AKS with `--network-policy azure` on Linux nodes: iptables and ipsets; the spec except IPv6, endPort by NPM version.',
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  policiesApplyToHostNetwork: true,
  crdKinds: undefined,
  supports: {
    namedPorts: 'yes',
    sctp: 'yes',
    except: 'yes',
    negativeSelectors: 'yes',
    endPort: 'version-dependent',
    ipv6: 'no',
    hostNetworkPods: 'yes',
  },
  retirement: [{ date: '2028-09-30', source: src.npmRetirementLinux }],
  sources: {
    ipBlockMatchesPods: src.npmNotVerified,
    ipBlockMatchesNodes: src.npmNotVerified,
    policiesApplyToHostNetwork: src.npmNotVerified,
    namedPorts: src.npmNamedPortsLinux,
    sctp: src.aksNpLinux,
    except: `${src.aksNpLinux} (ipset nomatch entries)`,
    negativeSelectors: src.aksNpLinux,
    endPort: src.npmEndPort,
    ipv6: src.aksNpLinux,
    hostNetworkPods: src.npmNotVerified,
  },
};
