/**
 * Where the conformance oracles are: `../shared/oracle` beside the project (CI always has it), or the
 * folder `NETPOL_ORACLE_DIR` names (relative to the project root). The oracles are third-party data
 * read at test time; the project holds no copy.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './workspace';

export const oracleDir = resolve(repoRoot, process.env.NETPOL_ORACLE_DIR || '../shared/oracle');

/** The oracle folder as the skip line names it: `../shared/oracle`, or NETPOL_ORACLE_DIR as given. */
export const oracleLabel = process.env.NETPOL_ORACLE_DIR || '../shared/oracle';

export function oracleFound(): boolean {
  return existsSync(oracleDir);
}

/** CI=true (or 1): a missing oracle fails the conformance group instead of skipping it. */
export function inCi(): boolean {
  return ['true', '1'].includes((process.env.CI ?? '').toLowerCase());
}
