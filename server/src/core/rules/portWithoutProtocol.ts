/**
 * Rule: port-without-protocol
 * A `ports` entry without `protocol` is TCP. That is often meant, but not for DNS: port 53 alone opens
 * TCP 53 while lookups mostly use UDP (cyclonus CheckSourcePortMissingProtocol; cilium blog mistake 2;
 * LINT-CATALOGUE §4 #10). One note per policy for the plain case; a warning per DNS entry.
 */
import type { Finding, TextEdit } from '../findings';
import type { NetworkPolicy, PolicyPort, PolicyRule } from '../model/networkPolicy';
import { get } from '../yaml/node';
import type { YNode, YSeq } from '../yaml/node';
import { appendToMap, insertItemAfter, policyNode, ruleList, ruleNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

interface Entry {
  readonly rule: PolicyRule;
  readonly port: PolicyPort;
  readonly node: YNode | undefined;
  readonly list: YSeq | undefined;
}

const portText = (p: PolicyPort): string =>
  typeof p.port === 'number' && p.endPort !== undefined && p.endPort !== p.port ? `${p.port}-${p.endPort}` : String(p.port);

export const rule: Rule = {
  id: 'port-without-protocol',
  defaultSeverity: 'info',
  summary: 'A ports entry without protocol means TCP; for port 53 (DNS, mostly UDP) that is likely a mistake.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.model.policies) {
      if (!p.valid) continue;
      const root = policyNode(ctx, p);
      const plain: Entry[] = [];
      for (const r of [...p.ingress, ...p.egress]) {
        const list = ruleList(ruleNode(root, r.direction, r.index), 'ports');
        (r.ports ?? []).forEach((port, i) => {
          const node = list?.items[i];
          // `protocol:` written with nothing after it is left alone (its fix is not an insertion).
          if (port.port === undefined || port.protocolWritten || get(node, 'protocol') !== undefined) return;
          const e: Entry = { rule: r, port, node, list };
          const hasUdp53 = r.ports?.some((x) => x.protocol === 'UDP' && x.port === 53 && x.endPort === undefined);
          if (port.port === 53 && port.endPort === undefined && !hasUdp53) out.push(dns(ctx, this.id, p, e));
          else plain.push(e);
        });
      }
      const first = plain[0];
      if (!first) continue;
      const text = ctx.text(p.file);
      const edits = plain.map((e) => (e.node?.kind === 'map' ? appendToMap(text, p.file, e.node, 'protocol: TCP') : undefined));
      const ports = [...new Set(plain.map((e) => portText(e.port)))];
      const shown = ports.length > 6 ? `${ports.slice(0, 6).join(', ')} and ${ports.length - 6} more` : ports.join(', ');
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: first.port.span,
        message:
          plain.length === 1
            ? `NetworkPolicy ${p.id}: port ${shown} has no protocol, so it means TCP only`
            : `NetworkPolicy ${p.id}: ${plain.length} ports entries have no protocol (${shown}), so they mean TCP only`,
        ...(plain.length > 1
          ? { related: plain.slice(1).map((e) => ({ file: p.file, span: e.port.span, message: `port ${portText(e.port)}: TCP` })) }
          : {}),
        ...(edits.every((e): e is TextEdit => e !== undefined)
          ? { fixes: [{ title: 'Write protocol: TCP', edits, safe: true, preferred: true }] }
          : {}),
      });
    }
    return out;
  },
};

function dns(ctx: RuleContext, code: string, p: NetworkPolicy, e: Entry): Finding {
  const text = ctx.text(p.file);
  const edit =
    e.list && e.node?.kind === 'map'
      ? insertItemAfter(text, p.file, e.list, e.node, '{ protocol: UDP, port: 53 }', ['protocol: UDP', 'port: 53'])
      : undefined;
  return {
    code,
    severity: 'warning',
    file: p.file,
    span: e.port.span,
    message:
      `NetworkPolicy ${p.id}: ${e.rule.direction} rule ${e.rule.index + 1} opens port 53 without a protocol, which means TCP only; ` +
      'DNS lookups mostly use UDP 53, which this rule does not open',
    ...(edit ? { fixes: [{ title: 'Add a UDP port 53 entry beside the TCP one', edits: [edit], safe: false, preferred: true }] } : {}),
  };
}
