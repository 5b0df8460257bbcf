/**
 * Rule: engine-ipv6
 * Azure NPM "doesn't support IPv6" (use-network-policies.md; LINT-CATALOGUE §3.1): an IPv6 ipBlock
 * does nothing predictable there. Reported only under the Azure NPM engines.
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-ipv6',
  'ipv6',
  'An IPv6 ipBlock on an engine without IPv6 support (Azure NPM).',
  'Azure NPM clusters are IPv4 only',
);
