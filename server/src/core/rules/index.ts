/** The registry of lint rules: one line per rule (LINT-CATALOGUE §4). */
import { rule as policySelectsNothing } from './policySelectsNothing';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [policySelectsNothing];

export type { Rule, RuleContext } from './types';
