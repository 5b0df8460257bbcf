import { src } from './sources';
import type { EngineProfile } from './types';

export const azureNpmWindows: EngineProfile = {
  id: 'azure-npm-windows',
  title: 'Azure NPM (Windows nodes)',
  description:
    'AKS with `--network-policy azure` on Windows Server 2022 nodes (HNS ACLs): no named ports, SCTP, except or negative selectors; support ended 30 Sep 2026.',
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  policiesApplyToHostNetwork: true,
  crdKinds: undefined,
  supports: {
    namedPorts: 'no',
    sctp: 'no',
    except: 'no',
    negativeSelectors: 'no',
    endPort: 'version-dependent',
    ipv6: 'no',
    hostNetworkPods: 'yes',
  },
  retirement: [{ date: '2026-09-30', source: src.npmRetirementWindows }],
  sources: {
    ipBlockMatchesPods: src.npmNotVerified,
    ipBlockMatchesNodes: src.npmNotVerified,
    policiesApplyToHostNetwork: src.npmNotVerified,
    namedPorts: src.aksNpWindows,
    sctp: src.aksNpWindows,
    except: src.npmExcept,
    negativeSelectors: src.aksNpWindows,
    endPort: `${src.npmEndPort}; not listed as unsupported on Windows (not verified)`,
    ipv6: `${src.aksNp}: Azure NPM does not support IPv6`,
    hostNetworkPods: src.npmNotVerified,
  },
};
