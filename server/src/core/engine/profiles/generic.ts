import type { EngineProfile } from './types';

export const generic: EngineProfile = {
  id: 'generic',
  title: 'Kubernetes (generic)',
  description: 'The NetworkPolicy API as the upstream conformance tests check it.',
  ipBlockMatchesPods: true,
  policiesApplyToHostNetwork: true,
};
