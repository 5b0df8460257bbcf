/**
 * An engine profile: named semantic switches and support flags (data, not a subclass). The generic
 * profile follows the upstream conformance tests; the others record where a network plugin differs.
 */
export interface EngineProfile {
  /** Kebab-case id, the value of `--engine` and `netpol.engine`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** `ipBlock` also matches pod addresses (`status.podIP`). Upstream conformance expects it. */
  readonly ipBlockMatchesPods: boolean;
  /** NetworkPolicies apply to pods with `hostNetwork: true`. */
  readonly policiesApplyToHostNetwork: boolean;
}
