import { explanationView, explainConnection, protocols } from '../../core/index';
import type { Connectivity, EngineProfile, ExplanationView, Protocol, SideView, Workspace } from '../../core/index';
import { jsonWithPositions } from '../jsonView';
import { Locator } from '../location';
import { resolvePeer } from '../resolvePeer';
import { UsageError } from '../usage';

export const explainFormats = ['text', 'json'] as const;

export interface ExplainArgs {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly port: string | undefined;
  readonly protocol: string | undefined;
}

/** The explanation of one pair, as the view every front end renders. */
export function explainPair(ws: Workspace, conn: Connectivity, engine: EngineProfile, args: ExplainArgs): ExplanationView {
  if (!args.from || !args.to) throw new UsageError('explain needs --from NS/NAME and --to NS/NAME');
  const protocol = (args.protocol ?? 'TCP').toUpperCase();
  if (!(protocols as readonly string[]).includes(protocol))
    throw new UsageError(`unknown --protocol "${args.protocol ?? ''}" (TCP, UDP, SCTP)`);
  let port: number | undefined;
  if (args.port !== undefined) {
    port = /^\d{1,5}$/.test(args.port) ? Number(args.port) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new UsageError(`--port must be a number from 1 to 65535, not "${args.port}"`);
  } else if (args.protocol !== undefined) throw new UsageError('--protocol goes with --port');
  const src = resolvePeer(conn, args.from, ws.defaultNamespace, '--from');
  const dst = resolvePeer(conn, args.to, ws.defaultNamespace, '--to');
  const e = explainConnection(ws.model, engine, src.ref, dst.ref);
  return explanationView(e, engine.id, port !== undefined ? { protocol: protocol as Protocol, port } : undefined);
}

export function renderExplanation(v: ExplanationView, loc: Locator): string {
  const what = v.query ? ` on ${v.query.protocol} ${v.query.port}` : '';
  const lines = [`${v.from} -> ${v.to}${what}: ${v.verdict}`, ''];
  lines.push(...side(v.egress, loc), '', ...side(v.ingress, loc));
  if (v.note) lines.push('', v.note);
  if (v.uncertain.length > 0) {
    lines.push('');
    for (const u of v.uncertain) lines.push(`uncertain on ${u.engine}: ${u.text}`, `  source: ${u.source}`);
    lines.push("  (the spec's result is shown; the engine may differ)");
  }
  return lines.join('\n');
}

function side(s: SideView, loc: Locator): string[] {
  const out = [`${s.title}: ${s.headline}`];
  if (s.engine) {
    for (const st of s.engine.steps) {
      if (!st.relevant) continue;
      out.push(`  ${st.kind} ${st.policy} ${st.where} (${loc.fileLine(st.location)}) ${st.verb}${st.note ? ` — ${st.note}` : ''}`);
    }
  } else if (s.isolated) {
    for (const p of s.isolatedBy) out.push(`  - ${p.policy} (${loc.fileLine(p.location)})`);
    for (const r of s.rules) {
      if (!r.admits) continue;
      out.push(`  admitted by ${r.policy} ${r.direction}[${r.index}] (${loc.fileLine(r.location)}): ${r.description}`);
      out.push(`    matched peer: ${r.peer}; opens ${r.opens.text}`);
    }
    for (const r of s.rules) if (r.note) out.push(`  ${r.policy} ${r.direction}[${r.index}] (${loc.fileLine(r.location)}) ${r.note}`);
  }
  if (s.conclusion) out.push(`  ${s.conclusion}`);
  for (const i of s.ignored) {
    const by = i.replacedBy ? `; replaced by ${loc.fileLine(i.replacedBy)}` : '';
    out.push(`  ${i.message} (${loc.fileLine(i.location)}${by}).`);
  }
  return out;
}

/** The explanation rendered in a format (`text` or `json`), without the completeness the command adds. */
export function runExplain(
  ws: Workspace,
  conn: Connectivity,
  engine: EngineProfile,
  args: ExplainArgs & { readonly format: string },
): string {
  const view = explainPair(ws, conn, engine, args);
  const loc = new Locator(ws);
  return args.format === 'json' ? JSON.stringify(jsonWithPositions(view, loc), null, 2) : renderExplanation(view, loc);
}
