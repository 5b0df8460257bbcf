/**
 * The "Explain connection" document: a `netpol/explain` result as Markdown (no `vscode` import:
 * unit-tested in node). Every policy and rule links to its manifest line through a `command:` link
 * (the Markdown preview does not follow `file:` links, and a virtual document has no folder that
 * relative links could start from).
 */
import type { CompletenessDto, ExplainResult, ExplainSideDto, LocationDto } from '../../server/src/protocol/protocol';
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

/**
 * The view as Markdown: the same sentences, in the same order, as the CLI's `explain` text
 * (server/src/cli/commands/explain.ts `renderExplanation`), with links where the CLI prints
 * `(file:line)`. Every sentence comes worded from the server; manifest text is escaped.
 */
export function renderExplanation(e: ExplainResult, label: (uri: string) => string): string {
  const on = e.query ? ` on ${e.query.protocol} ${e.query.port}` : '';
  const lines = [
    `# ${escapeMarkdown(e.from)} → ${escapeMarkdown(e.to)}`,
    '',
    `${escapeMarkdown(e.from)} -\\> ${escapeMarkdown(e.to)}${on}: **${escapeMarkdown(e.verdict)}**`,
    '',
    ...renderSide(e.egress, label),
    ...renderSide(e.ingress, label),
  ];
  if (e.note) lines.push(escapeMarkdown(e.note), '');
  if (e.uncertain.length > 0) {
    for (const u of e.uncertain) {
      lines.push(`- uncertain on ${escapeMarkdown(u.engine)}: ${escapeMarkdown(u.text)}`);
      lines.push(`  - source: ${escapeMarkdown(u.source)}`);
    }
    lines.push('', "(the spec's result is shown; the engine may differ)", '');
  }
  lines.push(...renderCompleteness(e.completeness, label));
  return lines.join('\n');
}

function renderSide(s: ExplainSideDto, label: (uri: string) => string): string[] {
  const link = (loc: LocationDto): string => locationLink(loc, label);
  const out = [`## ${escapeMarkdown(s.title)}`, '', escapeMarkdown(s.headline), ''];
  const items: string[] = [];
  if (s.engine) {
    for (const st of s.engine.steps) {
      if (!st.relevant) continue;
      const note = st.note ? ` — ${escapeMarkdown(st.note)}` : '';
      items.push(`- ${escapeMarkdown(`${st.kind} ${st.policy} ${st.where}`)} (${link(st.location)}) ${escapeMarkdown(st.verb)}${note}`);
    }
  } else if (s.isolated) {
    for (const p of s.isolatedBy) items.push(`- ${escapeMarkdown(p.policy)} (${link(p.location)})`);
    for (const r of s.rules) {
      if (!r.admits) continue;
      items.push(
        `- admitted by ${escapeMarkdown(`${r.policy} ${r.direction}[${r.index}]`)} (${link(r.location)}): ${escapeMarkdown(r.description)}`,
      );
      items.push(`  - matched peer: ${escapeMarkdown(r.peer)}; opens ${escapeMarkdown(r.opens.text)}`);
    }
    for (const r of s.rules)
      if (r.note)
        items.push(`- ${escapeMarkdown(`${r.policy} ${r.direction}[${r.index}]`)} (${link(r.location)}) ${escapeMarkdown(r.note)}`);
  }
  if (items.length > 0) out.push(...items, '');
  if (s.conclusion) out.push(escapeMarkdown(s.conclusion), '');
  if (s.ignored.length > 0) {
    for (const i of s.ignored) {
      const by = i.replacedBy ? `; replaced by ${link(i.replacedBy)}` : '';
      out.push(`- ${escapeMarkdown(i.message)} (${link(i.location)}${by}).`);
    }
    out.push('');
  }
  return out;
}

/** What the answer leaves out: the summary, then one item per file or object, linked. */
export function renderCompleteness(c: CompletenessDto, label: (uri: string) => string): string[] {
  if (c.complete) return [];
  const out = ['## Not analysed', '', `**${escapeMarkdown(c.summary)}**`, ''];
  for (const i of c.items) out.push(`- ${i.location ? `${locationLink(i.location, label)} ` : ''}${escapeMarkdown(i.message)}`);
  out.push('');
  return out;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}
