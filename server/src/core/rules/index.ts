/** The registry of lint rules (one line per rule). The rules of LINT-CATALOGUE §4 land with the language-server issue. */
import type { Rule } from './types';

export const allRules: readonly Rule[] = [];

export type { Rule, RuleContext } from './types';
