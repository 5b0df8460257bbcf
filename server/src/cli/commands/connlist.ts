import { connectionLine, listConnections } from '../../core/index';
import type { ConnectionEntry, Connectivity } from '../../core/index';
import { UsageError } from '../usage';

export const connlistFormats = ['txt', 'json', 'csv', 'md', 'dot'] as const;

/** `completeness` (JSON only) goes beside the connections: `{connections, completeness}`. */
export function renderConnlist(conn: Connectivity, format: string, completeness?: unknown): string {
  const entries = listConnections(conn);
  switch (format) {
    case 'txt':
      return entries.map(connectionLine).join('\n');
    case 'json':
      return JSON.stringify(
        {
          connections: entries.map((e) => ({
            src: e.src,
            dst: e.dst,
            conn: e.text,
            ...(e.uncertain !== undefined ? { uncertain: e.uncertain } : {}),
          })),
          ...(completeness !== undefined ? { completeness } : {}),
        },
        null,
        2,
      );
    case 'csv':
      return ['src,dst,conn', ...entries.map((e) => [e.src, e.dst, e.text].map(csvField).join(','))].join('\n');
    case 'md':
      return [
        '| src | dst | conn |',
        '|-----|-----|------|',
        ...entries.map((e) => `| ${mdCell(e.src)} | ${mdCell(e.dst)} | ${mdCell(e.text)} |`),
      ].join('\n');
    case 'dot':
      return renderDot(entries);
    default:
      throw new UsageError(`unknown --format "${format}" for connlist (${connlistFormats.join(', ')})`);
  }
}

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz: one cluster per namespace, external ranges apart, an edge per allowed connection. */
function renderDot(entries: readonly ConnectionEntry[]): string {
  const nodes = new Map<string, string>();
  for (const e of entries) {
    nodes.set(e.src, e.src);
    nodes.set(e.dst, e.dst);
  }
  const byNs = new Map<string, string[]>();
  const externals: string[] = [];
  for (const id of [...nodes.keys()].sort()) {
    if (id.endsWith('[External]')) externals.push(id);
    else {
      const ns = id.slice(0, id.indexOf('/'));
      byNs.set(ns, [...(byNs.get(ns) ?? []), id]);
    }
  }
  const lines = ['digraph {', '\tcompound=true', '\tnode [shape=box style=rounded]'];
  let i = 0;
  for (const [ns, ids] of byNs) {
    lines.push(`\tsubgraph cluster_${i++} {`, `\t\tlabel=${dotString(ns)}`, '\t\tcolor=gray');
    for (const id of ids) lines.push(`\t\t${dotString(id)} [label=${dotString(id.slice(ns.length + 1))} color=blue fontcolor=blue]`);
    lines.push('\t}');
  }
  for (const id of externals)
    lines.push(`\t${dotString(id)} [label=${dotString(id.replace('[External]', ''))} shape=ellipse color=red2 fontcolor=red2]`);
  for (const e of entries)
    lines.push(`\t${dotString(e.src)} -> ${dotString(e.dst)} [label=${dotString(e.text)} color=gold2 fontcolor=darkgreen]`);
  lines.push('}');
  return lines.join('\n');
}
