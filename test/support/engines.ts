/** A registered engine profile by id, failing loudly when the registry lacks it. */
import { findEngine } from '../../server/src/core/index';
import type { EngineProfile } from '../../server/src/core/index';

export function registeredEngine(id: string): EngineProfile {
  const engine = findEngine(id);
  if (!engine) throw new Error(`engine ${id} is not registered`);
  return engine;
}
