import type { Finding, Severity } from '../findings';
import type { EngineProfile } from '../engine/profiles/types';
import type { Workspace } from '../model/workspace';

/** What a lint rule sees: the whole workspace, so rules can relate policies to workloads. */
export interface RuleContext {
  readonly workspace: Workspace;
  readonly engine: EngineProfile;
}

/** A lint rule: one file under core/rules plus one line in rules/index.ts. */
export interface Rule {
  /** Kebab-case id, also the finding code and the `netpol.rules` key. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly summary: string;
  check(ctx: RuleContext): Finding[];
}
