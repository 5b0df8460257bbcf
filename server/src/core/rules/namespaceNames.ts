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
