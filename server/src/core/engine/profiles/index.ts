/** The registry of engine profiles: one line per profile. */
import { generic } from './generic';
import type { EngineProfile } from './types';

export const engineProfiles: readonly EngineProfile[] = [generic];

export const defaultEngine = generic;

export function findEngine(id: string): EngineProfile | undefined {
  return engineProfiles.find((p) => p.id === id);
}

export type { EngineProfile } from './types';
