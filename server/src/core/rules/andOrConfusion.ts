/**
 * Rule: and-or-confusion
 * A `from`/`to` list holding a namespaceSelector-only peer and a podSelector-only peer side by side
 * means OR: every pod of those namespaces, plus the matching pods of the policy's own namespace. Most
 * often one peer (AND) was meant and a stray `-` split it (Kubernetes docs "Be careful to use correct
 * YAML syntax"; cilium blog mistake 1; LINT-CATALOGUE §4 #4). Left alone: a list that also holds an
 * ipBlock entry, which enumerates peers of different kinds on purpose (OR), as the Kubernetes
 * NetworkPolicy reference example does (ipBlock, namespaceSelector and podSelector entries).
 */
import type { Finding } from '../findings';
import type { NetworkPolicy, PolicyPeer, SelectorPeer } from '../model/networkPolicy';
import { describePeer } from '../engine/describe';
import { isEmptySelector } from '../selectors/labelSelector';
import { mergeAdjacentItems, policyNode, ruleList, ruleNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

type Half = 'ns' | 'pod';

function half(peer: PolicyPeer): Half | undefined {
  if (peer.kind !== 'selector') return undefined;
  if (peer.namespaceSelector && !peer.podSelector) return 'ns';
  // `podSelector: {}` beside a namespace peer reads as "my namespace too", never as an AND half.
  if (peer.podSelector && !peer.namespaceSelector && !isEmptySelector(peer.podSelector)) return 'pod';
  return undefined;
}

function count(n: number): string {
  return n === 1 ? '1 workload' : `${n} workloads`;
}

export const rule: Rule = {
  id: 'and-or-confusion',
  defaultSeverity: 'warning',
  summary:
    'A from/to list with a namespaceSelector-only peer next to a podSelector-only peer (OR), where one peer with both selectors (AND) was probably meant.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      for (const r of [...p.ingress, ...p.egress]) {
        const peers = r.peers ?? [];
        // An ipBlock beside them: a deliberate list of peer kinds, not a split peer.
        if (peers.some((x) => x.kind === 'ipBlock')) continue;
        for (let i = 0; i + 1 < peers.length; i++) {
          const a = peers[i] as PolicyPeer;
          const b = peers[i + 1] as PolicyPeer;
          const ha = half(a);
          const hb = half(b);
          if (!ha || !hb || ha === hb) continue;
          out.push(finding(ctx, this.id, this.defaultSeverity, p, r.direction, r.index, i, a as SelectorPeer, b as SelectorPeer));
          i++;
        }
      }
    }
    return out;
  },
};

function finding(
  ctx: RuleContext,
  code: string,
  severity: Finding['severity'],
  p: NetworkPolicy,
  direction: 'ingress' | 'egress',
  ruleIndex: number,
  peerIndex: number,
  a: SelectorPeer,
  b: SelectorPeer,
): Finding {
  const ns = (a.namespaceSelector ? a : b).namespaceSelector;
  const pod = (a.podSelector ? a : b).podSelector;
  const both: SelectorPeer = {
    kind: 'selector',
    span: { start: a.span.start, end: b.span.end },
    ...(pod ? { podSelector: pod } : {}),
    ...(ns ? { namespaceSelector: ns } : {}),
  };
  const key = direction === 'ingress' ? 'from' : 'to';
  const orA = `${describePeer(a, p.namespace)} (${count(ctx.peerMatches(p, a).length)})`;
  const orB = `${describePeer(b, p.namespace)} (${count(ctx.peerMatches(p, b).length)})`;
  const and = `${describePeer(both, p.namespace)} (${count(ctx.peerMatches(p, both).length)})`;
  const message =
    `NetworkPolicy ${p.id}: ${direction} rule ${ruleIndex + 1} has a namespaceSelector item and a podSelector item in \`${key}\`, which means OR: ` +
    `${orA}, or ${orB}. If one peer was meant (both selectors in one item, AND), it would match only ${and}`;
  const text = ctx.text(p.file);
  const list = ruleList(ruleNode(policyNode(ctx, p), direction, ruleIndex), key);
  const itemA = list?.items[peerIndex];
  const itemB = list?.items[peerIndex + 1];
  const edits = itemA && itemB ? mergeAdjacentItems(text, p.file, itemA, itemB) : undefined;
  return {
    code,
    severity,
    file: p.file,
    span: both.span,
    message,
    ...(edits ? { fixes: [{ title: 'Merge into one peer (AND)', edits, safe: false }] } : {}),
  };
}
