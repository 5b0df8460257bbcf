/**
 * The "Explain connection" document: a `netpol/explain` result as Markdown (no `vscode` import:
 * unit-tested in node). Every policy and rule links to its manifest line through a `command:` link
 * (the Markdown preview does not follow `file:` links, and a virtual document has no folder that
 * relative links could start from).
 */
import type { ExplainResult, ExplainSideDto, LocationDto } from '../../server/src/protocol/protocol';
import { internalCommandIds } from './commandIds';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortQuery {
  readonly port?: number;
  readonly protocol?: Protocol;
}

const protocolNames: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/**
 * Reads the optional port box: empty (any port), `5432`, `UDP/53`, `53/udp` or `SCTP 9000`.
 * Returns a message instead when the text is not one of these.
 */
export function parsePortQuery(text: string): PortQuery | string {
  const t = text.trim().toUpperCase();
  if (t === '') return {};
  const m = /^(?:(TCP|UDP|SCTP)\s*[/: ]\s*)?(\d{1,5})(?:\s*[/: ]\s*(TCP|UDP|SCTP))?$/.exec(t) ?? /^(TCP|UDP|SCTP)$/.exec(t);
  if (!m) return 'A port number, optionally with a protocol: 5432, UDP/53, 53/udp.';
  if (m.length === 2) return { protocol: m[1] as Protocol };
  if (m[1] && m[3]) return 'Give the protocol once: UDP/53 or 53/udp.';
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return 'A port is a number from 1 to 65535.';
  const protocol = (m[1] ?? m[3]) as Protocol | undefined;
  return protocol && protocolNames.includes(protocol) ? { port, protocol } : { port };
}

/** Where a location points, as a link that opens the manifest at that line. */
export function locationLink(loc: LocationDto, label: (uri: string) => string): string {
  const text = `${label(loc.uri)}:${loc.line + 1}`;
  const args = encodeURIComponent(JSON.stringify([{ uri: loc.uri, line: loc.line, character: loc.character }]));
  return `[${escapeMarkdown(text)}](command:${internalCommandIds.openLocation}?${args} "Open ${text}")`;
}

export function renderExplanation(e: ExplainResult, query: PortQuery, label: (uri: string) => string): string {
  const on = query.port !== undefined ? ` on ${query.protocol ?? 'TCP'} ${query.port}` : query.protocol ? ` on ${query.protocol}` : '';
  const verdict = e.allowed ? `**ALLOWED**: ${escapeMarkdown(e.connections)}` : `**DENIED**`;
  const lines = [
    `# ${escapeMarkdown(e.from)} → ${escapeMarkdown(e.to)}`,
    '',
    `${escapeMarkdown(e.from)} → ${escapeMarkdown(e.to)}${on}: ${verdict}`,
    '',
    ...(query.port !== undefined && e.connections !== 'No Connections'
      ? [`All that is open between them: ${escapeMarkdown(e.connections)}.`, '']
      : []),
    ...renderSide('Egress', e.from, e.to, e.egress, on, label),
    ...renderSide('Ingress', e.to, e.from, e.ingress, on, label),
  ];
  return lines.join('\n');
}

function renderSide(
  title: 'Egress' | 'Ingress',
  subject: string,
  peer: string,
  side: ExplainSideDto,
  on: string,
  label: (uri: string) => string,
): string[] {
  const out = [`## ${title} of ${escapeMarkdown(side.subject ?? subject)}`, ''];
  if (side.isolatedBy.length === 0) {
    out.push(`Not isolated for ${title.toLowerCase()}: no policy selects it, so every connection is allowed.`, '');
  } else {
    const n = side.isolatedBy.length;
    out.push(`Isolated by ${n} ${n === 1 ? 'policy' : 'policies'}:`, '');
    for (const p of side.isolatedBy) out.push(`- \`${p.policy}\` (${locationLink(p.location, label)})`);
    out.push('');
    if (side.rules.length === 0) {
      out.push(`No rule admits ${escapeMarkdown(peer)}${on}: denied.`, '');
    } else {
      out.push('Admitted by:', '');
      for (const r of side.rules) {
        out.push(
          `- \`${r.policy}\` ${r.direction}[${r.index}] (${locationLink(r.location, label)}): ${escapeMarkdown(r.description)}; opens ${escapeMarkdown(r.opens)}`,
        );
      }
      out.push('');
    }
  }
  if (side.ignored.length > 0) {
    out.push('Not counted:', '');
    for (const i of side.ignored) out.push(`- \`${i.policy}\` (${locationLink(i.location, label)}): ${ignoredReason[i.reason]}`);
    out.push('');
  }
  return out;
}

const ignoredReason: Record<ExplainSideDto['ignored'][number]['reason'], string> = {
  rejected: 'would select it, but the API server rejects this policy (see the Problems panel).',
  replaced: 'is replaced by a later manifest of the same name.',
  'policy-types': 'has rules for this direction, but its policyTypes leave the direction out: they are ignored.',
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
