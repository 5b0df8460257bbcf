/**
 * Rule: engine-sctp
 * SCTP is optional in the NetworkPolicy spec. Azure NPM on Windows does not support it
 * (use-network-policies.md), and Cilium lists SCTP for Kubernetes NetworkPolicy as a known gap
 * (cilium/cilium #5719; beta behind `sctp.enabled`, which managed AKS does not expose). Reported only
 * under those engines (LINT-CATALOGUE §3.4).
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-sctp',
  'sctp',
  'An SCTP port on an engine that does not support SCTP in NetworkPolicy (Azure NPM on Windows, Cilium).',
  'do not rely on this rule for SCTP traffic there',
);
