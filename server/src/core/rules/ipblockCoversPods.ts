/**
 * Rule: ipblock-covers-pods
 * `ipBlock` is meant for addresses outside the cluster. Whether it also matches pod IPs is up to the
 * network plugin (the upstream conformance tests expect it to; Cilium never does), so an ipBlock that
 * holds the `status.podIP` of workloads of the workspace is unportable and breaks when pods are
 * rescheduled to new IPs (cilium blog "common mistakes" #3; Kubernetes docs on ipBlock; LINT-CATALOGUE
 * §4 #14). Select those pods with podSelector / namespaceSelector instead. Engine-aware: under an
 * engine whose ipBlock never matches pod or node addresses (Cilium on AKS: "Network policies can't use
 * ipBlock to allow access to node or pod IPs", azure-cni-powered-by-cilium.md) it says that the rule
 * admits none of these pods there, with the source.
 */
import { ipBlockContainsAddress } from '../engine/addressSpace';
import { ipBlockSeesPod } from '../engine/peers';
import { sourceRef } from '../engine/uncertain';
import { parseIp } from '../model/cidr';
import type { IpAddress } from '../model/cidr';
import type { Workload } from '../model/workload';
import type { Finding, RelatedLocation } from '../findings';
import type { PolicyRule } from '../model/networkPolicy';
import { listSome, workloadLocation } from './manifestLookup';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'ipblock-covers-pods',
  defaultSeverity: 'warning',
  summary: 'An ipBlock holds pod IPs of workloads of the workspace; whether it matches pods depends on the network plugin.',
  check(ctx) {
    const out: Finding[] = [];
    const withIps = workloadAddresses(ctx.model.workloads);
    if (withIps.length === 0) return out;
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const rules: readonly PolicyRule[] = [...p.ingress, ...p.egress];
      for (const r of rules) {
        (r.peers ?? []).forEach((peer, i) => {
          if (peer.kind !== 'ipBlock') return;
          const hits = withIps
            .map(({ w, ips }) => ({ w, ips: ips.filter((a) => ipBlockContainsAddress(peer, a.ip)).map((a) => a.text) }))
            .filter((h) => h.ips.length > 0);
          if (hits.length === 0) return;
          const related: RelatedLocation[] = [];
          for (const h of hits) {
            const at = workloadLocation(ctx, h.w);
            if (at) related.push({ ...at, message: `${h.w.id} has IP ${h.ips.join(', ')}` });
          }
          const path = `spec.${r.direction}[${r.index}].${r.direction === 'ingress' ? 'from' : 'to'}[${i}]`;
          const list = listSome(hits.map((h) => `${h.w.id} (${h.ips.join(', ')})`));
          const block = `ipBlock ${peer.cidr.text}${peer.except.length ? ` except ${peer.except.map((e) => e.text).join(', ')}` : ''}`;
          const e = ctx.engine;
          const blind = hits.filter((h) => !ipBlockSeesPod(e, h.w.hostNetwork));
          const source = sourceRef(blind.some((h) => h.w.hostNetwork) ? e.sources.ipBlockMatchesNodes : e.sources.ipBlockMatchesPods);
          const engine =
            blind.length === 0
              ? `engine ${e.id} matches pods with it, but other network plugins (Cilium) never do`
              : `engine ${e.id} never matches pod or node addresses with ipBlock (${source}), so this peer admits ${blind.length === hits.length ? 'none of these pods' : `none of ${listSome(blind.map((h) => h.w.id))}`}`;
          out.push({
            code: this.id,
            severity: this.defaultSeverity,
            file: p.file,
            span: peer.span,
            message: `NetworkPolicy ${p.id}, ${path}: ${block} holds the pod ${hits.length === 1 ? 'IP of' : `IPs of ${hits.length} workloads:`} ${list}; ipBlock is meant for addresses outside the cluster: ${engine}, and pod IPs change when pods are rescheduled; select these pods with podSelector / namespaceSelector instead`,
            related,
          });
        });
      }
    }
    return out;
  },
};

interface Addressed {
  readonly w: Workload;
  readonly ips: readonly { readonly text: string; readonly ip: IpAddress }[];
}
const addressCache = new WeakMap<readonly Workload[], readonly Addressed[]>();

/** The workloads with pod IPs, each address parsed once per set of workloads (edits of policy files keep it). */
function workloadAddresses(workloads: readonly Workload[]): readonly Addressed[] {
  let hit = addressCache.get(workloads);
  if (!hit) {
    hit = workloads
      .filter((w) => w.ips.length > 0)
      .map((w) => ({
        w,
        ips: w.ips.flatMap((text) => {
          const ip = parseIp(text);
          return ip ? [{ text, ip }] : [];
        }),
      }));
    addressCache.set(workloads, hit);
  }
  return hit;
}
