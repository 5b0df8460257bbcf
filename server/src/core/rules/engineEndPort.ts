/**
 * Rule: engine-end-port
 * `endPort` depends on the Azure NPM version: NPM v1 ignores it (Azure/AKS #2857), and the Kubernetes
 * docs say a plugin without endPort support applies the policy "only for the single port field" (the
 * range silently narrows to one port); NPM v2 models it. Reported only under the Azure NPM engines
 * (LINT-CATALOGUE §3.1, §3.4).
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-end-port',
  'endPort',
  'An endPort range on an engine where endPort depends on the version (Azure NPM v1 ignores it).',
  'check that the cluster runs NPM v2, or list the ports one by one',
);
