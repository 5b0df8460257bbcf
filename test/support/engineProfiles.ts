/**
 * Engine profiles for the Calico and Cilium kinds, made from the generic one until the registry holds
 * the real ones: the kinds key on the profile id; Cilium's switches as LINT-CATALOGUE §3.3 gives them.
 */
import { defaultEngine } from '../../server/src/core/index';
import type { EngineProfile } from '../../server/src/core/index';

export function engineProfile(id: 'calico' | 'cilium'): EngineProfile {
  return id === 'cilium'
    ? { ...defaultEngine, id, title: 'Cilium (test)', ipBlockMatchesPods: false, policiesApplyToHostNetwork: false }
    : { ...defaultEngine, id, title: 'Calico (test)' };
}
