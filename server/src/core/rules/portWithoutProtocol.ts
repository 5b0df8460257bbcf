/**
 * Rule: port-without-protocol
 * A `ports` entry without `protocol` is TCP. That is what 80, 443, 8080 and most ports mean, so those
 * are left alone; it is likely a mistake for a port whose usual protocol is not TCP. DNS first: port 53
 * alone opens TCP 53 while lookups mostly use UDP (cyclonus CheckSourcePortMissingProtocol; cilium blog
 * mistake 2; LINT-CATALOGUE §4 #10): a warning per entry. The other ports of `udpPorts` (IANA service
 * names registry: services that run over UDP only, or UDP first) get one note per policy. Left alone:
 * named ports and ranges, and an entry next to one for the same port with a protocol written (TCP is
 * then deliberate, e.g. DNS over TCP beside UDP 53).
 *
 * udpPorts: 53 DNS, 67/68 DHCP, 69 TFTP, 123 NTP, 137/138 NetBIOS, 161/162 SNMP, 500 and 4500 IPsec IKE,
 * 514 syslog, 520 RIP, 1812/1813 RADIUS, 1900 SSDP, 3478 STUN/TURN, 4789 VXLAN, 5353 mDNS, 6081
 * Geneve, 8125 StatsD, 8472 VXLAN (flannel, Cilium), 51820 WireGuard. Not listed, because TCP is
 * usual or as common: 80, 443 (QUIC is an addition), 853 (DNS over TLS), 1194 (OpenVPN runs on both).
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

/** Ports whose usual protocol is not TCP (see the header), with the service that uses them. */
export const udpPorts: ReadonlyMap<number, string> = new Map([
  [53, 'DNS'],
  [67, 'DHCP'],
  [68, 'DHCP'],
  [69, 'TFTP'],
  [123, 'NTP'],
  [137, 'NetBIOS name service'],
  [138, 'NetBIOS datagrams'],
  [161, 'SNMP'],
  [162, 'SNMP traps'],
  [500, 'IPsec IKE'],
  [514, 'syslog'],
  [520, 'RIP'],
  [1812, 'RADIUS'],
  [1813, 'RADIUS accounting'],
  [1900, 'SSDP'],
  [3478, 'STUN/TURN'],
  [4500, 'IPsec NAT traversal'],
  [4789, 'VXLAN'],
  [5353, 'mDNS'],
  [6081, 'Geneve'],
  [8125, 'StatsD'],
  [8472, 'VXLAN (flannel, Cilium)'],
  [51820, 'WireGuard'],
]);

const portText = (p: PolicyPort): string =>
  typeof p.port === 'number' && p.endPort !== undefined && p.endPort !== p.port ? `${p.port}-${p.endPort}` : String(p.port);

export const rule: Rule = {
  id: 'port-without-protocol',
  defaultSeverity: 'info',
  summary:
    'A ports entry without protocol means TCP: likely a mistake for a port whose usual protocol is UDP (53 DNS, 123 NTP, 161 SNMP, 514 syslog …).',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const text = ctx.text(p.file);
      const plain: Entry[] = [];
      for (const r of [...p.ingress, ...p.egress]) {
        (r.ports ?? []).forEach((port, i) => {
          if (port.port === undefined || port.protocolWritten || nullProtocol.test(text.slice(port.span.start, port.span.end))) return;
          if (typeof port.port !== 'number' || (port.endPort !== undefined && port.endPort !== port.port)) return;
          if (!udpPorts.has(port.port)) return;
          // Beside an entry for the same port with a protocol: TCP is deliberate.
          if (r.ports?.some((x) => x !== port && x.port === port.port && x.protocolWritten)) return;
          const e: Entry = { rule: r, port, index: i };
          if (port.port === 53) out.push(dns(ctx, this.id, p, e));
          else plain.push(e);
        });
      }
      const first = plain[0];
      if (!first) continue;
      const fixes = (): Fix[] => {
        const edit = (protocol: string): TextEdit[] | undefined => {
          const edits = plain.map((e) => {
            const { node } = entryNodes(ctx, p, e);
            return node?.kind === 'map' ? appendToMap(text, p.file, node, `protocol: ${protocol}`) : undefined;
          });
          return edits.every((x): x is TextEdit => x !== undefined) ? edits : undefined;
        };
        const udp = edit('UDP');
        const tcp = edit('TCP');
        return [
          ...(udp ? [{ title: 'Write protocol: UDP', edits: udp, safe: false, preferred: true }] : []),
          ...(tcp ? [{ title: 'Write protocol: TCP (keep what it means)', edits: tcp, safe: true }] : []),
        ];
      };
      const ports = [...new Set(plain.map((e) => `${portText(e.port)} (${udpPorts.get(e.port.port as number) ?? ''})`))];
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
                ? `NetworkPolicy ${p.id}: port ${shown} has no protocol, so it means TCP only, while that service usually runs over UDP`
                : `NetworkPolicy ${p.id}: ${plain.length} ports entries have no protocol (${shown}), so they mean TCP only, while those services usually run over UDP`,
            ...(plain.length > 1
              ? { related: plain.slice(1).map((e) => ({ file: p.file, span: e.port.span, message: `port ${portText(e.port)}: TCP only` })) }
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
