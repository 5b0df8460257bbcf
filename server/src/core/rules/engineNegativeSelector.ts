/**
 * Rule: engine-negative-selector
 * Azure NPM on Windows does not support negative label or namespace selectors (`NotIn`,
 * `DoesNotExist`, "all labels except debug=true") (use-network-policies.md; LINT-CATALOGUE §3.1).
 * Reported on each such requirement only under such an engine.
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-negative-selector',
  'negativeSelectors',
  'A NotIn or DoesNotExist selector requirement on an engine that does not support negative selectors (Azure NPM on Windows).',
  'select the wanted values with In or Exists instead',
);
