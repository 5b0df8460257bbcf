/**
 * Shared by namespace-name-label and peer-matches-nothing: a namespaceSelector that selects by a
 * `name` (or `ns`) label namespaces do not carry, while a namespace of that name exists. Namespaces
 * only carry `kubernetes.io/metadata.name` on their own (Kubernetes docs, "Targeting a Namespace by
 * its name").
 */
import type { Namespace } from '../model/namespace';
import type { LabelRequirement, LabelSelector } from '../selectors/labelSelector';

/** Namespaces every cluster has, whether or not the workspace declares them. */
export const builtinNamespaces: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Label keys people use for a namespace's name. */
export const nameLikeKeys: readonly string[] = ['name', 'ns'];

export interface NameLabelMisuse {
  readonly requirement: LabelRequirement;
  /** The requirement's values that are names of existing namespaces. */
  readonly names: readonly string[];
}

export function namespaceExists(namespaces: ReadonlyMap<string, Namespace>, name: string): boolean {
  return namespaces.has(name) || builtinNamespaces.includes(name);
}

/** The requirements of `selector` that look for a namespace by name under a label namespaces lack. */
export function nameLabelMisuses(selector: LabelSelector, namespaces: ReadonlyMap<string, Namespace>): NameLabelMisuse[] {
  const out: NameLabelMisuse[] = [];
  for (const req of selector.requirements) {
    if (!nameLikeKeys.includes(req.key) || req.operator !== 'In') continue;
    const carried = [...namespaces.values()].some((ns) => {
      const v = ns.labels.get(req.key);
      return v !== undefined && req.values.includes(v);
    });
    if (carried) continue;
    const names = req.values.filter((v) => namespaceExists(namespaces, v));
    if (names.length > 0) out.push({ requirement: req, names });
  }
  return out;
}

/** The label every namespace carries with its own name. */
export const namespaceNameKey = 'kubernetes.io/metadata.name';

/**
 * The names a namespaceSelector pins by `kubernetes.io/metadata.name` when none of them is a
 * namespace of the workspace (declared, or holding a workload or policy): the selector aims outside
 * the workspace (kube-system for DNS, an ingress controller's or monitoring namespace), whose pods the
 * workspace cannot know. Undefined when the selector does not select by name or names a namespace
 * the workspace has.
 */
export function namespacesOutsideWorkspace(
  selector: LabelSelector,
  namespaces: ReadonlyMap<string, Namespace>,
): readonly string[] | undefined {
  const byName = selector.requirements.filter((r) => r.key === namespaceNameKey && r.operator === 'In');
  if (byName.length === 0) return undefined;
  const names = [...new Set(byName.flatMap((r) => r.values))];
  return names.length > 0 && !names.some((n) => namespaces.has(n)) ? names : undefined;
}
