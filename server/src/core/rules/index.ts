/** The registry of lint rules: one line per rule (LINT-CATALOGUE §4). */
import { rule as policySelectsNothing } from './policySelectsNothing';
import { rule as lostIndentation } from './lostIndentation';
import { rule as peerMatchesNothing } from './peerMatchesNothing';
import { rule as podNotIsolated } from './podNotIsolated';
import { rule as duplicatePolicyName } from './duplicatePolicyName';
import { rule as policyWithoutNamespace } from './policyWithoutNamespace';
import { rule as policyNamespaceUndeclared } from './policyNamespaceUndeclared';
import { rule as namespaceNameLabel } from './namespaceNameLabel';
import { rule as ipblockCoversPods } from './ipblockCoversPods';
import { rule as ingressControllerBlocked } from './ingressControllerBlocked';
import { rule as andOrConfusion } from './andOrConfusion';
import { rule as portsOnlyRule } from './portsOnlyRule';
import { rule as allowAllRule } from './allowAllRule';
import { rule as rulesIgnoredByPolicyTypes } from './rulesIgnoredByPolicyTypes';
import { rule as missingPolicyTypes } from './missingPolicyTypes';
import { rule as portWithoutProtocol } from './portWithoutProtocol';
import { rule as unresolvedNamedPort } from './unresolvedNamedPort';
import { rule as nullSelector } from './nullSelector';
import { rule as egressBlocksDns } from './egressBlocksDns';
import { rule as redundantRule } from './redundantRule';
import { rule as vacuousPolicy } from './vacuousPolicy';
import { rule as policyEffect } from './policyEffect';
import { rule as crdIgnoredByEngine } from './crdIgnoredByEngine';
import { rule as calicoInternalApi } from './calicoInternalApi';
import { rule as calicoApiServer } from './calicoApiServer';
import { rule as ciliumNeedsAcns } from './ciliumNeedsAcns';
import { rule as ciliumRequiresDeprecated } from './ciliumRequiresDeprecated';
import { rule as ciliumMixedPolicies } from './ciliumMixedPolicies';
import { rule as engineNamedPort } from './engineNamedPort';
import { rule as engineSctp } from './engineSctp';
import { rule as engineExcept } from './engineExcept';
import { rule as engineNegativeSelector } from './engineNegativeSelector';
import { rule as engineIpv6 } from './engineIpv6';
import { rule as engineEndPort } from './engineEndPort';
import { rule as engineRetired } from './engineRetired';
import { rule as engineHostNetwork } from './engineHostNetwork';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [
  andOrConfusion,
  portsOnlyRule,
  allowAllRule,
  rulesIgnoredByPolicyTypes,
  missingPolicyTypes,
  portWithoutProtocol,
  unresolvedNamedPort,
  nullSelector,
  policySelectsNothing,
  lostIndentation,
  peerMatchesNothing,
  podNotIsolated,
  duplicatePolicyName,
  policyWithoutNamespace,
  policyNamespaceUndeclared,
  namespaceNameLabel,
  ipblockCoversPods,
  ingressControllerBlocked,
  egressBlocksDns,
  redundantRule,
  vacuousPolicy,
  policyEffect,
  crdIgnoredByEngine,
  calicoInternalApi,
  calicoApiServer,
  ciliumNeedsAcns,
  ciliumRequiresDeprecated,
  ciliumMixedPolicies,
  engineNamedPort,
  engineSctp,
  engineExcept,
  engineNegativeSelector,
  engineIpv6,
  engineEndPort,
  engineRetired,
  engineHostNetwork,
];

export type { Rule, RuleContext } from './types';
