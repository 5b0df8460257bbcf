/**
 * Rule: engine-named-port
 * Azure NPM on Windows nodes does not support named ports in NetworkPolicy ports, and its pod logs
 * only record an error: the API server accepts the policy (MicrosoftDocs/azure-aks-docs
 * use-network-policies.md; LINT-CATALOGUE §3.1, §3.4). Reported only when `netpol.engine` /
 * `--engine` is such an engine.
 */
import { unsupportedFeatureRule } from './engineFeature';

export const rule = unsupportedFeatureRule(
  'engine-named-port',
  'namedPorts',
  'A named port on an engine that does not support named ports (Azure NPM on Windows).',
  'use the port number instead',
);
