/** The registry of engine profiles: one line per profile. */
import { azureNpmLinux } from './azureNpmLinux';
import { azureNpmWindows } from './azureNpmWindows';
import { calico } from './calico';
import { cilium } from './cilium';
import { generic } from './generic';
import type { EngineProfile } from './types';

export const engineProfiles: readonly EngineProfile[] = [generic, azureNpmLinux, azureNpmWindows, calico, cilium];

export const defaultEngine = generic;

export function findEngine(id: string): EngineProfile | undefined {
  return engineProfiles.find((p) => p.id === id);
}

export type { EngineFeature, EngineProfile, Retirement, SemanticSwitch, Support } from './types';
export { describeSwitch, engineFeatures, featureNames, semanticSwitches } from './types';
