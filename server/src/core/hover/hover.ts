/**
 * "What to say at offset N" of a manifest: which workloads a selector or peer matches, what a rule
 * allows, which pods a policy isolates. Built from the same engine facts as the CLI's explanations.
 */
import type { Location } from '../findings';
import { crdHoverAt } from './crdHover';
import { describePeer, describePort, describeRule } from '../engine/describe';
import { ipBlockContainsIp } from '../engine/addressSpace';
import { ipBlockSeesPod, namespaceLabelLookup, peerMatchesPod, policySelects } from '../engine/peers';
import { formatUncertain, policyUncertainty, sourceRef } from '../engine/uncertain';
import type { UncertainFeature } from '../engine/uncertain';
import type { EngineProfile } from '../engine/profiles/types';
import type { NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../model/networkPolicy';
import type { Workspace, WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { formatSelector } from '../selectors/labelSelector';
import { namespacesOutsideWorkspace } from '../rules/namespaceNames';
import { markdownCode, markdownLink, markdownText } from '../text/markdown';
import type { Span } from '../text/span';
import { nodePathAt } from '../yaml/path';
import type { PathStep } from '../yaml/path';

export interface Hover {
  readonly span: Span;
  /** Markdown. */
  readonly contents: string;
}

export interface HoverOptions {
  readonly engine: EngineProfile;
  /** A link target for a place in the workspace (the LSP layer makes file URIs with a line). */
  readonly link?: (loc: Location) => string | undefined;
  /** How many workloads to list before "and N more". */
  readonly listLimit?: number;
}

export function hoverAt(ws: Workspace, file: string, offset: number, opts: HoverOptions): Hover | undefined {
  const fm = ws.getFile(file);
  if (!fm) return undefined;
  const policy = fm.policies.find((p) => offset >= p.span.start && offset <= p.span.end);
  if (!policy) return crdHoverAt(ws.model, fm, offset, opts);
  const path = nodePathAt(
    fm.parsed.objects.find((o) => o.span.start === policy.span.start)?.node ?? {
      kind: 'scalar',
      span: policy.span,
      value: null,
      quoted: false,
    },
    offset,
  );
  const keys = path.map((s) => s.key);
  const ctx = new HoverContext(ws.model, policy, opts);
  const at = (i: number): PathStep | undefined => path[i];
  const spanOf = (i: number): Span => {
    const step = at(i);
    return step?.keySpan ? { start: step.keySpan.start, end: step.node.span.end } : (step?.node.span ?? policy.span);
  };
  if (keys[1] === 'metadata' && keys[2] === 'name') return { span: spanOf(2), contents: ctx.policySummary() };
  if (keys[1] !== 'spec') return undefined;
  if (keys[2] === 'podSelector') return { span: spanOf(2), contents: ctx.podSelectorHover() };
  if ((keys[2] === 'ingress' || keys[2] === 'egress') && typeof keys[3] === 'number') {
    const rule = (keys[2] === 'ingress' ? policy.ingress : policy.egress)[keys[3]];
    if (!rule) return undefined;
    const peerKey = keys[2] === 'ingress' ? 'from' : 'to';
    if (keys[4] === peerKey && typeof keys[5] === 'number') {
      const peerNode = at(5)?.node;
      const peer = rule.peers?.find((p) => p.span.start === peerNode?.span.start);
      if (peer) return { span: peerNode?.span ?? rule.span, contents: ctx.peerHover(rule, peer) };
      return undefined;
    }
    if (keys[4] === 'ports' && typeof keys[5] === 'number') {
      const portNode = at(5)?.node;
      const port = rule.ports?.find((p) => p.span.start === portNode?.span.start);
      if (port) return { span: portNode?.span ?? rule.span, contents: ctx.portHover(rule, port) };
      return undefined;
    }
    return { span: spanOf(3), contents: ctx.ruleHover(rule) };
  }
  return undefined;
}

/** Uncertain constructs written inside `span`. */
function within(span: Span): (u: UncertainFeature) => boolean {
  return (u) => u.span.start >= span.start && u.span.end <= span.end;
}

class HoverContext {
  private readonly nsLabels;
  private readonly limit: number;
  constructor(
    private readonly model: WorkspaceModel,
    private readonly policy: NetworkPolicy,
    private readonly opts: HoverOptions,
  ) {
    this.nsLabels = namespaceLabelLookup(model.namespaces);
    this.limit = opts.listLimit ?? 10;
  }

  selected(): Workload[] {
    return this.model.workloads.filter((w) => policySelects(this.policy, w, this.opts.engine));
  }

  peerMatches(peer: PolicyPeer): Workload[] {
    return this.model.workloads.filter((w) => peerMatchesPod(peer, this.policy.namespace, w, this.nsLabels, this.opts.engine));
  }

  list(ws: readonly Workload[]): string {
    const shown = ws.slice(0, this.limit).map((w) => {
      const src = w.sources[0];
      const target = src ? this.opts.link?.(src) : undefined;
      return `- ${target ? markdownLink(markdownCode(w.id), target) : markdownCode(w.id)}`;
    });
    if (ws.length > this.limit) shown.push(`- … and ${ws.length - this.limit} more`);
    return shown.join('\n');
  }

  count(n: number): string {
    return `${n} workload${n === 1 ? '' : 's'}`;
  }

  rejectedNote(): string {
    if (!this.policy.valid) return '\n\n⚠ The API server rejects this policy (see the errors in this file), so it has no effect.';
    return this.policy.replacedBy ? '\n\n⚠ A later manifest of the same name replaces this policy when applied, so it has no effect.' : '';
  }

  directions(): string {
    const t = this.policy.types;
    const dirs = [t.ingress ? 'ingress' : '', t.egress ? 'egress' : ''].filter(Boolean).join(' and ');
    return dirs || 'no direction';
  }

  policySummary(): string {
    const sel = this.selected();
    const head = `**NetworkPolicy ${markdownCode(this.policy.id)}** isolates ${this.directions()} of ${this.count(sel.length)}${this.policy.types.explicit ? '' : ' (policyTypes defaulted)'}`;
    return `${head}${sel.length ? `:\n\n${this.list(sel)}` : '.'}${this.uncertainNote(() => true)}${this.rejectedNote()}`;
  }

  /** One line per construct the engine does not support (those `keep` accepts), naming the engine and the source. */
  uncertainNote(keep: (u: UncertainFeature) => boolean): string {
    const list = policyUncertainty(this.policy, this.opts.engine).filter(keep);
    if (list.length === 0) return '';
    const lines = list.map(
      (u) => `⚠ Uncertain on ${markdownCode(u.engine)}: ${markdownText(formatUncertain(u))} (${markdownText(sourceRef(u.source))}).`,
    );
    return `\n\n${lines.join('\n\n')}`;
  }

  podSelectorHover(): string {
    const sel = this.selected();
    const what = `${markdownCode(formatSelector(this.policy.podSelector))} in namespace ${markdownCode(this.policy.namespace)}`;
    const uncertain = this.uncertainNote(within(this.policy.podSelector.span));
    if (sel.length === 0)
      return `**podSelector** ${what} matches **no workload** in the workspace.${this.nothingHint()}${uncertain}${this.rejectedNote()}`;
    return `**podSelector** ${what} selects **${this.count(sel.length)}** (their ${this.directions()} is isolated):\n\n${this.list(sel)}${uncertain}${this.rejectedNote()}`;
  }

  nothingHint(): string {
    const inNs = this.model.workloads.filter((w) => w.namespace === this.policy.namespace);
    return inNs.length === 0 ? ` No workload of the workspace is in namespace ${markdownCode(this.policy.namespace)}.` : '';
  }

  peerHover(rule: PolicyRule, peer: PolicyPeer): string {
    const desc = markdownText(describePeer(peer, this.policy.namespace));
    if (peer.kind === 'ipBlock') {
      const e = this.opts.engine;
      const inside = this.model.workloads.filter((w) => w.ips.some((ip) => ipBlockContainsIp(peer, ip)));
      const seen = inside.filter((w) => ipBlockSeesPod(e, w.hostNetwork));
      const blind = inside.filter((w) => !ipBlockSeesPod(e, w.hostNetwork));
      let pods = seen.length
        ? `\n\nWorkload addresses inside it (engine ${markdownCode(e.id)} lets ipBlock match them):\n\n${this.list(seen)}`
        : '';
      if (blind.length)
        pods += `\n\nWorkload addresses inside it that engine ${markdownCode(e.id)} never matches with ipBlock (${markdownText(sourceRef(e.sources.ipBlockMatchesPods))}), so they are **not** admitted:\n\n${this.list(blind)}`;
      return `**${rule.direction === 'ingress' ? 'from' : 'to'}** ${desc}${pods}${this.uncertainNote(within(peer.span))}`;
    }
    const m = this.peerMatches(peer);
    const andNote =
      peer.podSelector && peer.namespaceSelector
        ? '\n\nBoth selectors are in one peer: a pod must match **both** (AND). Two list items would mean OR.'
        : '';
    const uncertain = this.uncertainNote(within(peer.span));
    if (m.length === 0) {
      const outside = peer.namespaceSelector ? namespacesOutsideWorkspace(peer.namespaceSelector, this.model.namespaces) : undefined;
      const outsideNote = outside
        ? ` ${outside.length === 1 ? 'Namespace' : 'Namespaces'} ${outside.map((n) => markdownCode(n)).join(', ')} ${outside.length === 1 ? 'is' : 'are'} **outside the workspace** (selected by name, declared nowhere here), so ${outside.length === 1 ? 'its' : 'their'} pods are not known.`
        : '';
      return `**${rule.direction === 'ingress' ? 'from' : 'to'}** ${desc}: matches **no workload** in the workspace.${outsideNote}${andNote}${uncertain}`;
    }
    return `**${rule.direction === 'ingress' ? 'from' : 'to'}** ${desc}: **${this.count(m.length)}**\n\n${this.list(m)}${andNote}${uncertain}`;
  }

  portHover(rule: PolicyRule, port: PolicyPort): string {
    const note = this.uncertainNote(within(port.span));
    const head = `**port** ${markdownText(describePort(port))}`;
    if (typeof port.port !== 'string') return head + note;
    // A named port resolves on the destination: the selected pods for ingress, the peers for egress.
    const dsts =
      rule.direction === 'ingress'
        ? this.selected()
        : rule.peers
          ? this.model.workloads.filter((w) =>
              rule.peers?.some((p) => peerMatchesPod(p, this.policy.namespace, w, this.nsLabels, this.opts.engine)),
            )
          : this.model.workloads;
    const resolved = dsts.flatMap((w) =>
      w.ports
        .filter((cp) => cp.name === port.port && cp.protocol === port.protocol)
        .map((cp) => `- ${markdownCode(w.id)}: ${cp.protocol} ${cp.port}`),
    );
    const missing = dsts.filter((w) => !w.ports.some((cp) => cp.name === port.port && cp.protocol === port.protocol)).length;
    const where = rule.direction === 'ingress' ? 'the selected pods' : 'the peer pods';
    let text = `${head} resolves on ${where}:\n\n${resolved.length ? resolved.slice(0, this.limit).join('\n') : '- no container declares it, so it matches nothing'}`;
    if (missing && resolved.length) text += `\n\n${this.count(missing)} declare no such port: nothing is opened to them.`;
    return text + note;
  }

  ruleHover(rule: PolicyRule): string {
    const sentence = markdownText(describeRule(rule, this.policy.namespace));
    const ignored = !(rule.direction === 'ingress' ? this.policy.types.ingress : this.policy.types.egress);
    const note = ignored
      ? `\n\n⚠ \`policyTypes\` leaves out ${rule.direction === 'ingress' ? 'Ingress' : 'Egress'}: this rule is ignored.`
      : '';
    return `**${rule.direction}[${rule.index}]** ${sentence}.${note}${this.uncertainNote((u) => u.rule === rule)}${this.rejectedNote()}`;
  }
}
