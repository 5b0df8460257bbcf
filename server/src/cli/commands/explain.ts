import {
  containsPort,
  describePeer,
  describeRule,
  explainConnection,
  formatConnections,
  formatUncertain,
  intersectPorts,
  isEmptyPorts,
  portRangeSet,
  protocols,
} from '../../core/index';
import type { Connectivity, EngineProfile, EngineSide, Explanation, PeerRef, Protocol, SideExplanation, Workspace } from '../../core/index';
import { Locator } from '../location';
import { resolvePeer } from '../resolvePeer';
import { UsageError } from '../usage';

export const explainFormats = ['text', 'json'] as const;

export interface ExplainArgs {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly port: string | undefined;
  readonly protocol: string | undefined;
  readonly format: string;
}

export function runExplain(ws: Workspace, conn: Connectivity, engine: EngineProfile, args: ExplainArgs): string {
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
  const loc = new Locator(ws);
  if (args.format === 'json') return JSON.stringify(toJson(e, loc, port, protocol as Protocol), null, 2);
  return renderExplanation(e, loc, port, protocol as Protocol);
}

function name(p: PeerRef): string {
  return p.kind === 'workload' ? p.workload.id : p.range.id;
}

function verdict(e: Explanation, port: number | undefined, protocol: Protocol): string {
  if (port !== undefined) return containsPort(e.allowed, protocol, port) ? 'ALLOWED' : 'DENIED';
  return isEmptyPorts(e.allowed) ? 'DENIED' : `ALLOWED: ${formatConnections(e.allowed)}`;
}

export function renderExplanation(e: Explanation, loc: Locator, port: number | undefined, protocol: Protocol): string {
  const what = port !== undefined ? ` on ${protocol} ${port}` : '';
  const lines = [`${name(e.src)} -> ${name(e.dst)}${what}: ${verdict(e, port, protocol)}`, ''];
  lines.push(...side(e.egress, e, loc, port, protocol), '', ...side(e.ingress, e, loc, port, protocol));
  if (e.src.kind === 'external' && e.dst.kind === 'external')
    lines.push('', 'Both ends are outside the cluster: no NetworkPolicy applies.');
  if (e.uncertain.length > 0) lines.push('', ...uncertainLines(e));
  return lines.join('\n');
}

/** `uncertain on azure-npm-windows: …` once per construct, with the source it rests on. */
function uncertainLines(e: Explanation): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const u of e.uncertain) {
    const text = formatUncertain(u);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(`uncertain on ${u.engine}: ${text}`, `  source: ${u.source}`);
  }
  out.push("  (the spec's result is shown; the engine may differ)");
  return out;
}

function side(s: SideExplanation, e: Explanation, loc: Locator, port: number | undefined, protocol: Protocol): string[] {
  const other = s.direction === 'egress' ? name(e.dst) : name(e.src);
  const title = s.direction === 'egress' ? `Egress of ${name(e.src)}` : `Ingress of ${name(e.dst)}`;
  const out: string[] = [];
  if (!s.subject) return [`${title}: outside the cluster, no policy applies.`];
  if (s.engine) return [...engineSide(s.engine, title, loc, port, protocol), ...ignoredLines(s, loc)];
  if (s.isolatedBy.length === 0)
    out.push(`${title}: not isolated (no valid NetworkPolicy of type ${cap(s.direction)} selects it): everything allowed.`);
  else {
    out.push(`${title}: isolated by ${s.isolatedBy.length === 1 ? '1 policy' : `${s.isolatedBy.length} policies`}:`);
    for (const p of s.isolatedBy) out.push(`  - ${p.id} (${loc.fileLine({ file: p.file, span: p.span })})`);
    const useful = s.contributions.filter(
      (c) => !isEmptyPorts(port === undefined ? c.ports : intersectPorts(c.ports, portRangeSet(protocol, port, port))),
    );
    if (useful.length === 0) out.push(`  no rule admits ${other}${port !== undefined ? ` on ${protocol} ${port}` : ''}: denied.`);
    for (const c of useful) {
      const at = loc.fileLine({ file: c.policy.file, span: c.rule.span });
      out.push(`  admitted by ${c.policy.id} ${c.rule.direction}[${c.rule.index}] (${at}): ${describeRule(c.rule, c.policy.namespace)}`);
      out.push(`    matched peer: ${describePeer(c.peer, c.policy.namespace)}; opens ${formatConnections(c.ports)}`);
    }
    const unused = s.contributions.filter((c) => isEmptyPorts(c.ports));
    for (const c of unused) {
      out.push(
        `  ${c.policy.id} ${c.rule.direction}[${c.rule.index}] (${loc.fileLine({ file: c.policy.file, span: c.rule.span })}) matches ${other} but opens no port towards it (named port not declared by the destination).`,
      );
    }
  }
  return [...out, ...ignoredLines(s, loc)];
}

const actionVerbs = { Allow: 'allows', Deny: 'denies', Pass: 'passes', Log: 'logs' } as const;

/** The engine's own evaluation (Calico tiers, Cilium deny/allow), step by step. */
function engineSide(e: EngineSide, title: string, loc: Locator, port: number | undefined, protocol: Protocol): string[] {
  const probe = port !== undefined ? portRangeSet(protocol, port, port) : undefined;
  const out = [`${title}: ${e.enforced ? 'restricted by policy' : 'not restricted by policy'} (engine evaluation):`];
  for (const st of e.steps) {
    const ports = probe ? intersectPorts(st.ports, probe) : st.ports;
    if (probe && isEmptyPorts(ports) && st.action !== 'NotEvaluated') continue;
    const at = loc.fileLine({ file: st.file, span: st.span });
    const verb = st.action === 'NotEvaluated' ? 'not evaluated' : `${actionVerbs[st.action]} ${formatConnections(ports)}`;
    out.push(`  ${st.kind} ${st.policyId} ${st.where} (${at}) ${verb}${st.note ? ` — ${st.note}` : ''}`);
  }
  out.push(`  then: ${e.conclusion}.`);
  return out;
}

function ignoredLines(s: SideExplanation, loc: Locator): string[] {
  const out: string[] = [];
  for (const i of s.ignored) {
    const at = loc.fileLine({ file: i.policy.file, span: i.policy.span });
    out.push(
      i.reason === 'rejected'
        ? 'engine' in i.policy
          ? `  not counted: ${i.policy.kind} ${i.policy.id} (${at}) would select it, but it is rejected (see \`netpol-lens check\`).`
          : `  not counted: ${i.policy.id} (${at}) would select it, but the API server rejects that policy (see \`netpol-lens check\`).`
        : i.reason === 'replaced'
          ? `  not counted: ${i.policy.id} (${at}) is replaced by a later manifest of the same name (${i.policy.replacedBy ? loc.fileLine(i.policy.replacedBy) : '?'}).`
          : `  not counted: ${i.policy.id} (${at}) has ${s.direction} rules but its policyTypes leaves out ${cap(s.direction)}: they are ignored.`,
    );
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function toJson(e: Explanation, loc: Locator, port: number | undefined, protocol: Protocol): unknown {
  const sideJson = (s: SideExplanation): unknown => ({
    direction: s.direction,
    subject: s.subject?.id ?? null,
    isolated: s.isolatedBy.length > 0,
    isolatedBy: s.isolatedBy.map((p) => ({ policy: p.id, location: loc.fileLine({ file: p.file, span: p.span }) })),
    rules: s.contributions.map((c) => ({
      policy: c.policy.id,
      direction: c.rule.direction,
      index: c.rule.index,
      location: loc.fileLine({ file: c.policy.file, span: c.rule.span }),
      description: describeRule(c.rule, c.policy.namespace),
      allows: formatConnections(c.ports),
      ...(c.uncertain.length > 0 ? { uncertain: c.uncertain.map(formatUncertain) } : {}),
    })),
    ignored: s.ignored.map((i) => ({ policy: i.policy.id, reason: i.reason })),
    ...(s.engine
      ? {
          engine: {
            enforced: s.engine.enforced,
            steps: s.engine.steps.map((st) => ({
              kind: st.kind,
              policy: st.policyId,
              where: st.where,
              location: loc.fileLine({ file: st.file, span: st.span }),
              action: st.action,
              ports: formatConnections(st.ports),
              ...(st.note ? { note: st.note } : {}),
            })),
            conclusion: s.engine.conclusion,
          },
        }
      : {}),
    allowed: formatConnections(s.allowed),
  });
  return {
    from: name(e.src),
    to: name(e.dst),
    ...(port !== undefined ? { port, protocol, allowed: containsPort(e.allowed, protocol, port) } : { allowed: !isEmptyPorts(e.allowed) }),
    connections: formatConnections(e.allowed),
    egress: sideJson(e.egress),
    ingress: sideJson(e.ingress),
    ...(e.uncertain.length > 0
      ? {
          uncertain: e.uncertain.map((u) => ({
            engine: u.engine,
            policy: u.policy.id,
            path: u.path,
            feature: u.feature,
            detail: u.detail,
            reason: u.reason,
            source: u.source,
            location: loc.fileLine({ file: u.policy.file, span: u.span }),
          })),
        }
      : {}),
  };
}
