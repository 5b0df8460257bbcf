/**
 * Rule: ports-only-rule
 * A rule with `ports` but no peers next to a rule with peers but no `ports` is two rules: the first
 * opens those ports to everyone, the second every port to those peers. It is nearly always one rule
 * split by a stray `-` before `ports:` (cilium blog mistake 4; kubernetes/website #38780;
 * LINT-CATALOGUE §4 #5).
 */
import type { Finding } from '../findings';
import type { Direction, NetworkPolicy, PolicyRule } from '../model/networkPolicy';
import { describePeer, describePorts } from '../engine/describe';
import { mergeAdjacentItems, policyNode, ruleNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

const portsOnly = (r: PolicyRule): boolean => !r.peers && (r.ports?.length ?? 0) > 0;
const peersOnly = (r: PolicyRule): boolean => (r.peers?.length ?? 0) > 0 && !r.ports;

export const rule: Rule = {
  id: 'ports-only-rule',
  defaultSeverity: 'warning',
  summary:
    'A rule with ports but no peers next to a rule with peers but no ports: the ports are open to everyone and every port to the peers.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      for (const rules of [p.ingress, p.egress]) {
        const used = new Set<number>();
        for (const r of rules) {
          if (!portsOnly(r)) continue;
          // The nearest peers-only rule, the one after first (the usual `- ports:` slip).
          const partner = [rules[r.index + 1], rules[r.index - 1], ...rules].find(
            (x): x is PolicyRule => x !== undefined && peersOnly(x) && !used.has(x.index),
          );
          if (!partner) continue;
          used.add(partner.index);
          out.push(finding(ctx, this.id, this.defaultSeverity, p, r, partner));
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
  ports: PolicyRule,
  peers: PolicyRule,
): Finding {
  const dir: Direction = ports.direction;
  const key = dir === 'ingress' ? 'from' : 'to';
  const who = (peers.peers ?? []).map((x) => describePeer(x, p.namespace)).join(' or ');
  const portText = describePorts(ports.ports);
  const message =
    `NetworkPolicy ${p.id}: ${dir} rule ${ports.index + 1} has \`ports\` but no \`${key}\`, so it opens ${portText} to any peer (pods and addresses alike), ` +
    `while ${dir} rule ${peers.index + 1} has \`${key}\` but no \`ports\`, so it opens every port to ${who}. ` +
    `If one rule was meant, it would allow ${who} on ${portText} only`;
  const root = policyNode(ctx, p);
  const first = ports.index < peers.index ? ports : peers;
  const second = first === ports ? peers : ports;
  const a = ruleNode(root, dir, first.index);
  const b = ruleNode(root, dir, second.index);
  const edits = a && b && second.index === first.index + 1 ? mergeAdjacentItems(ctx.text(p.file), p.file, a, b) : undefined;
  return {
    code,
    severity,
    file: p.file,
    span: ports.span,
    message,
    related: [{ file: p.file, span: peers.span, message: `${dir} rule ${peers.index + 1}: \`${key}\` without \`ports\`` }],
    ...(edits ? { fixes: [{ title: 'Merge into one rule', edits, safe: false }] } : {}),
  };
}
