/**
 * Rule: port-without-protocol
 * A `ports` entry without `protocol` is TCP. That is often meant, but not for DNS: port 53 alone opens
 * TCP 53 while lookups mostly use UDP (cyclonus CheckSourcePortMissingProtocol; cilium blog mistake 2;
 * LINT-CATALOGUE §4 #10). One note per policy for the plain case; a warning per DNS entry.
 */
import type { Finding, Fix, TextEdit } from '../findings';
import type { NetworkPolicy, PolicyPort, PolicyRule } from '../model/networkPolicy';
import type { YNode, YSeq } from '../yaml/node';
import { withLazyFixes } from './lazyFixes';
import { appendToMap, insertItemAfter, policyNode, ruleList, ruleNode } from './policyYaml';
import type { Rule, RuleContext } from './types';

interface Entry {
  readonly rule: PolicyRule;
  readonly port: PolicyPort;
  /** Index of the entry in its rule's `ports` list. */
  readonly index: number;
}

/** The YAML of an entry and of its list, found only when a fix is asked for. */
function entryNodes(ctx: RuleContext, p: NetworkPolicy, e: Entry): { node: YNode | undefined; list: YSeq | undefined } {
  const list = ruleList(ruleNode(policyNode(ctx, p), e.rule.direction, e.rule.index), 'ports');
  return { node: list?.items[e.index], list };
}

/** `protocol:` written with nothing after it (read as TCP, but its fix would not be an insertion). */
const nullProtocol = /(^|[\s{,])protocol\s*:\s*($|[,}#\n\r])/m;

const portText = (p: PolicyPort): string =>
  typeof p.port === 'number' && p.endPort !== undefined && p.endPort !== p.port ? `${p.port}-${p.endPort}` : String(p.port);

export const rule: Rule = {
  id: 'port-without-protocol',
  defaultSeverity: 'info',
  summary: 'A ports entry without protocol means TCP; for port 53 (DNS, mostly UDP) that is likely a mistake.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const text = ctx.text(p.file);
      const plain: Entry[] = [];
      for (const r of [...p.ingress, ...p.egress]) {
        (r.ports ?? []).forEach((port, i) => {
          if (port.port === undefined || port.protocolWritten || nullProtocol.test(text.slice(port.span.start, port.span.end))) return;
          const e: Entry = { rule: r, port, index: i };
          const hasUdp53 = r.ports?.some((x) => x.protocol === 'UDP' && x.port === 53 && x.endPort === undefined);
          if (port.port === 53 && port.endPort === undefined && !hasUdp53) out.push(dns(ctx, this.id, p, e));
          else plain.push(e);
        });
      }
      const first = plain[0];
      if (!first) continue;
      const fixes = (): Fix[] => {
        const edits = plain.map((e) => {
          const { node } = entryNodes(ctx, p, e);
          return node?.kind === 'map' ? appendToMap(text, p.file, node, 'protocol: TCP') : undefined;
        });
        return edits.every((x): x is TextEdit => x !== undefined)
          ? [{ title: 'Write protocol: TCP', edits, safe: true, preferred: true }]
          : [];
      };
      const ports = [...new Set(plain.map((e) => portText(e.port)))];
      const shown = ports.length > 6 ? `${ports.slice(0, 6).join(', ')} and ${ports.length - 6} more` : ports.join(', ');
      out.push(
        withLazyFixes(
          {
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
          },
          fixes,
        ),
      );
    }
    return out;
  },
};

function dns(ctx: RuleContext, code: string, p: NetworkPolicy, e: Entry): Finding {
  const fixes = (): Fix[] => {
    const { node, list } = entryNodes(ctx, p, e);
    const edit =
      list && node?.kind === 'map'
        ? insertItemAfter(ctx.text(p.file), p.file, list, node, '{ protocol: UDP, port: 53 }', ['protocol: UDP', 'port: 53'])
        : undefined;
    return edit ? [{ title: 'Add a UDP port 53 entry beside the TCP one', edits: [edit], safe: false, preferred: true }] : [];
  };
  return withLazyFixes(
    {
      code,
      severity: 'warning',
      file: p.file,
      span: e.port.span,
      message:
        `NetworkPolicy ${p.id}: ${e.rule.direction} rule ${e.rule.index + 1} opens port 53 without a protocol, which means TCP only; ` +
        'DNS lookups mostly use UDP 53, which this rule does not open',
    },
    fixes,
  );
}
