import type { Connectivity } from '../engine/connectivity';
import type { EngineProfile } from '../engine/profiles/types';
import type { Finding, Severity } from '../findings';
import type { K8sObject } from '../model/k8sObject';
import type { NetworkPolicy, SelectorPeer } from '../model/networkPolicy';
import type { Workspace, WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';

/** What a lint rule sees: the whole workspace, so rules can relate policies to workloads. */
export interface RuleContext {
  readonly workspace: Workspace;
  readonly model: WorkspaceModel;
  readonly engine: EngineProfile;
  /**
   * Whether findings on `file` are wanted: every file, unless the check is scoped (the language
   * server asks only for its open documents). Rules still read the whole model.
   */
  inScope(file: string): boolean;
  /** The files in scope, sorted. */
  readonly files: readonly string[];
  /** The policies of the files in scope: the ones a rule reports on. `model.policies` holds them all. */
  readonly policies: readonly NetworkPolicy[];
  /** The workloads with a manifest in scope. `model.workloads` holds them all. */
  readonly workloads: readonly Workload[];
  /** Today as YYYY-MM-DD. */
  readonly today: string;
  /** The workspace's connectivity under `engine`, computed once on first use. */
  connectivity(): Connectivity;
  /** Workloads a policy's `spec.podSelector` selects (whether or not the policy is valid). */
  selectedBy(policy: NetworkPolicy): readonly Workload[];
  /** Workloads a selector peer of `policy` matches. */
  peerMatches(policy: NetworkPolicy, peer: SelectorPeer): readonly Workload[];
  /** Whether a selector peer of `policy` matches one workload (cheaper than `peerMatches` for a few workloads). */
  peerMatchesWorkload(policy: NetworkPolicy, peer: SelectorPeer, workload: Workload): boolean;
  /** The objects of a file with their syntax trees (re-parsed when the workspace did not keep them). */
  objects(file: string): readonly K8sObject[];
  /** The text of a file ('' when unknown). */
  text(file: string): string;
}

/**
 * A lint rule: one file under core/rules plus one line in rules/index.ts. The file starts with a
 * header comment `Rule: <id>` and a few lines on why; docs/rules.md is generated from it.
 */
export interface Rule {
  /** Kebab-case id, also the finding code and the `netpol.rules` key. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One sentence for docs and SARIF. */
  readonly summary: string;
  check(ctx: RuleContext): Finding[];
}
