import { computeConnectivity } from '../engine/connectivityBuilder';
import type { Connectivity } from '../engine/connectivity';
import { namespaceLabelLookup, peerMatchesPod, policySelects, selectorPeerNamespaceMatches } from '../engine/peers';
import type { EngineProfile } from '../engine/profiles/types';
import type { K8sObject } from '../model/k8sObject';
import type { NetworkPolicy, SelectorPeer } from '../model/networkPolicy';
import { parseFile } from '../model/parseFile';
import type { Workspace } from '../model/workspace';
import type { Workload } from '../model/workload';
import { workloadsByNamespace } from './namespaceIndex';
import type { RuleContext } from './types';

/** `today`: YYYY-MM-DD; `scope`: the files whose findings are wanted (all when absent). */
export function createRuleContext(workspace: Workspace, engine: EngineProfile, today: string, scope?: ReadonlySet<string>): RuleContext {
  const model = workspace.model;
  const inScope = scope ? (file: string): boolean => scope.has(file) : (): boolean => true;
  const nsLabels = namespaceLabelLookup(model.namespaces);
  // A policy only selects pods of its own namespace: look only there.
  const byNamespace = workloadsByNamespace(model.workloads);
  let conn: Connectivity | undefined;
  const selected = new Map<NetworkPolicy, readonly Workload[]>();
  const peerHits = new Map<SelectorPeer, readonly Workload[]>();
  const reparsed = new Map<string, readonly K8sObject[]>();
  return {
    workspace,
    model,
    engine,
    inScope,
    files: scope ? workspace.fileNames().filter(inScope) : workspace.fileNames(),
    policies: scope ? model.policies.filter((p) => inScope(p.file)) : model.policies,
    workloads: scope ? model.workloads.filter((w) => w.sources.some((s) => inScope(s.file))) : model.workloads,
    today,
    connectivity: () => (conn ??= computeConnectivity(model, engine)),
    selectedBy(policy) {
      let hit = selected.get(policy);
      if (!hit) {
        hit = (byNamespace.get(policy.namespace) ?? []).filter((w) => policySelects(policy, w, engine));
        selected.set(policy, hit);
      }
      return hit;
    },
    peerMatches(policy: NetworkPolicy, peer: SelectorPeer) {
      // A peer object belongs to one policy, so it is a sound cache key.
      let hit = peerHits.get(peer);
      if (!hit) {
        // Namespaces first (a few hundred), then the pods of the ones that match.
        const namespaces = [...byNamespace.keys()].filter((ns) => selectorPeerNamespaceMatches(peer, policy.namespace, ns, nsLabels));
        hit = namespaces.flatMap((ns) =>
          (byNamespace.get(ns) ?? []).filter((w) => peerMatchesPod(peer, policy.namespace, w, nsLabels, engine)),
        );
        peerHits.set(peer, hit);
      }
      return hit;
    },
    peerMatchesWorkload(policy, peer, workload) {
      const hit = peerHits.get(peer);
      if (hit) return hit.includes(workload);
      return (
        selectorPeerNamespaceMatches(peer, policy.namespace, workload.namespace, nsLabels) &&
        peerMatchesPod(peer, policy.namespace, workload, nsLabels, engine)
      );
    },
    objects(file) {
      const fm = workspace.getFile(file);
      if (!fm) return [];
      if (fm.parsed.objects.length > 0 || fm.parsed.skipped) return fm.parsed.objects;
      let hit = reparsed.get(file);
      if (!hit) {
        hit = parseFile(file, fm.parsed.text).objects;
        reparsed.set(file, hit);
      }
      return hit;
    },
    text: (file) => workspace.getFile(file)?.parsed.text ?? '',
  };
}
