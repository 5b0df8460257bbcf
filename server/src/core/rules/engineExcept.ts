/**
 * Rule: engine-except
 * Azure NPM on Windows does not support `ipBlock.except` (use-network-policies.md), and NPM Lite
 * silently programmed only the allow part until Azure/azure-container-networking PR #4823: the
 * excepted addresses may be allowed (LINT-CATALOGUE §3.1). Reported only under such an engine.
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-except',
  'except',
  'An ipBlock with except on an engine that does not support except (Azure NPM on Windows).',
  'split the CIDR into blocks that leave the excepted ranges out',
);
