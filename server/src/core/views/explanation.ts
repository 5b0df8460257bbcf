/**
 * View: why a connection is allowed or denied, as one serialisable fact. The CLI (text and JSON),
 * the language server (`netpol/explain`), the Explain command and the panel's pane all render this
 * and nothing else: every sentence a user reads about a pair is worded here, once.
 */
import type { EngineStep } from '../engine/crdCommon';
import { describePeer, describeRule } from '../engine/describe';
import type { Explanation, IgnoredPolicy, PeerRef, SideExplanation } from '../engine/explain';
import { containsPort, intersectPorts, isEmptyPorts, portRangeSet } from '../engine/portSet';
import type { PortSet } from '../engine/portSet';
import { formatUncertain } from '../engine/uncertain';
import type { UncertainFeature } from '../engine/uncertain';
import type { Location } from '../findings';
import type { Direction, Protocol } from '../model/networkPolicy';
import { connectionSetView } from './connectionSet';
import type { ConnectionSetView } from './connectionSet';

/** One port asked about (`explain --port 5432`). */
export interface PortQuery {
  readonly protocol: Protocol;
  readonly port: number;
}

export interface ExplanationView {
  /** Engine profile id the explanation was computed under. */
  readonly engine: string;
  /** Workload id (`ns/name[Kind]`) or external range. */
  readonly from: string;
  readonly to: string;
  readonly query?: PortQuery;
  /** With a query: that port is allowed; without: some connection is. */
  readonly allowed: boolean;
  /** `ALLOWED`, `DENIED` or `ALLOWED: TCP 80` (no query). */
  readonly verdict: string;
  readonly connections: ConnectionSetView;
  readonly egress: SideView;
  readonly ingress: SideView;
  /** A remark on the pair as a whole (both ends outside the cluster). */
  readonly note?: string;
  /** Why the result may differ on the engine; empty when certain. */
  readonly uncertain: readonly UncertainView[];
}

export interface SideView {
  readonly direction: Direction;
  /** The workload whose policies decide this side; null when that end is outside the cluster. */
  readonly subject: string | null;
  /** `Egress of default/web[Pod]`. */
  readonly title: string;
  /** What decides the side, as one sentence after the title: `isolated by 2 policies:`. */
  readonly headline: string;
  readonly isolated: boolean;
  readonly isolatedBy: readonly PolicyRefView[];
  /** Rules of the isolating policies whose peers match the other end (NetworkPolicy semantics). */
  readonly rules: readonly RuleView[];
  /** When the engine's own policy kinds touch the side: its evaluation, which decides `allowed`. */
  readonly engine?: EngineSideView;
  /** Policies that select the subject but do not count, each with the sentence saying why. */
  readonly ignored: readonly IgnoredView[];
  /** How the side ends: `no rule admits default/db on TCP 5432: denied.`; absent when a rule admits. */
  readonly conclusion?: string;
  readonly allowed: ConnectionSetView;
}

export interface PolicyRefView {
  readonly policy: string;
  readonly location: Location;
}

export interface RuleView {
  readonly policy: string;
  readonly direction: Direction;
  readonly index: number;
  readonly location: Location;
  /** The rule in plain words. */
  readonly description: string;
  /** The peer entry that matched the other end, in plain words. */
  readonly peer: string;
  /** What the rule opens towards the other end. */
  readonly opens: ConnectionSetView;
  /** It admits the connection asked about (the query's port, or any port). */
  readonly admits: boolean;
  /** Set when it matches the peer but opens nothing (a named port the destination does not declare). */
  readonly note?: string;
  readonly uncertain: readonly UncertainView[];
}

export interface IgnoredView {
  readonly policy: string;
  readonly reason: 'rejected' | 'replaced' | 'policy-types';
  readonly location: Location;
  /** The manifest that replaces it (reason `replaced`). */
  readonly replacedBy?: Location;
  /** `not counted: default/x would select it, but the API server rejects that policy` (no final stop: front ends add the location). */
  readonly message: string;
}

export interface EngineSideView {
  /** Some policy restricts the side (otherwise everything is allowed, minus denies). */
  readonly enforced: boolean;
  readonly steps: readonly EngineStepView[];
  /** How the side ended when no step decided the rest. */
  readonly conclusion: string;
}

export interface EngineStepView {
  /** A Calico or Cilium kind, or `NetworkPolicy`. */
  readonly kind: string;
  readonly policy: string;
  /** `ingress[0]`, `specs[1].egressDeny[0]`. */
  readonly where: string;
  readonly location: Location;
  readonly action: 'Allow' | 'Deny' | 'Pass' | 'Log' | 'NotEvaluated';
  /** The ports this step decided (within the query's port when there is one). */
  readonly ports: ConnectionSetView;
  /** The step bears on the query (always true without one). */
  readonly relevant: boolean;
  /** What it did: `denies TCP 80`, `not evaluated`. */
  readonly verb: string;
  readonly note?: string;
  /** The step in plain words: `CiliumNetworkPolicy default/x egressDeny[0] denies TCP 80`. */
  readonly text: string;
}

export interface UncertainView {
  readonly engine: string;
  readonly policy: string;
  readonly path: string;
  readonly feature: string;
  readonly detail: string;
  readonly reason: string;
  readonly source: string;
  readonly location: Location;
  /** `default/api spec.ingress[0].ports[0] (named port "http"): azure-npm-windows does not support named ports`. */
  readonly text: string;
}

export function explanationView(e: Explanation, engine: string, query?: PortQuery): ExplanationView {
  const probe = query ? portRangeSet(query.protocol, query.port, query.port) : undefined;
  const allowed = query ? containsPort(e.allowed, query.protocol, query.port) : !isEmptyPorts(e.allowed);
  const verdict = query ? (allowed ? 'ALLOWED' : 'DENIED') : allowed ? `ALLOWED: ${connectionSetView(e.allowed).text}` : 'DENIED';
  const bothExternal = e.src.kind === 'external' && e.dst.kind === 'external';
  return {
    engine,
    from: peerName(e.src),
    to: peerName(e.dst),
    ...(query ? { query } : {}),
    allowed,
    verdict,
    connections: connectionSetView(e.allowed),
    egress: sideView(e.egress, peerName(e.src), peerName(e.dst), probe, query),
    ingress: sideView(e.ingress, peerName(e.dst), peerName(e.src), probe, query),
    ...(bothExternal ? { note: 'Both ends are outside the cluster: no NetworkPolicy applies.' } : {}),
    uncertain: uniqueUncertain(e.uncertain),
  };
}

/** The explanation's uncertainty as completeness counts it: this one pair, with the reasons. */
export function explanationUncertainty(v: ExplanationView): { cells: number; reasons: string[] } | undefined {
  return v.uncertain.length > 0 ? { cells: 1, reasons: v.uncertain.map((u) => u.text) } : undefined;
}

export function peerName(p: PeerRef): string {
  return p.kind === 'workload' ? p.workload.id : p.range.id;
}

function sideView(s: SideExplanation, self: string, other: string, probe: PortSet | undefined, query: PortQuery | undefined): SideView {
  const title = `${s.direction === 'egress' ? 'Egress' : 'Ingress'} of ${self}`;
  const base = {
    direction: s.direction,
    subject: s.subject?.id ?? null,
    title,
    isolatedBy: s.isolatedBy.map((p) => ({ policy: p.id, location: { file: p.file, span: p.span } })),
    rules: s.contributions.map((c) => {
      const admits = !isEmptyPorts(probe ? intersectPorts(c.ports, probe) : c.ports);
      const note = isEmptyPorts(c.ports)
        ? `matches ${other} but opens no port towards it (named port not declared by the destination).`
        : undefined;
      return {
        policy: c.policy.id,
        direction: c.rule.direction,
        index: c.rule.index,
        location: { file: c.policy.file, span: c.rule.span },
        description: describeRule(c.rule, c.policy.namespace),
        peer: describePeer(c.peer, c.policy.namespace),
        opens: connectionSetView(c.ports),
        admits,
        ...(note ? { note } : {}),
        uncertain: uniqueUncertain(c.uncertain),
      };
    }),
    ignored: s.ignored.map((i) => ({
      policy: i.policy.id,
      reason: i.reason,
      location: { file: i.policy.file, span: i.policy.span },
      ...(i.reason === 'replaced' && 'replacedBy' in i.policy && i.policy.replacedBy ? { replacedBy: i.policy.replacedBy } : {}),
      message: ignoredMessage(i, s.direction),
    })),
    allowed: connectionSetView(s.allowed),
  };
  const on = query ? ` on ${query.protocol} ${query.port}` : '';
  if (!s.subject) return { ...base, isolated: false, headline: 'outside the cluster, no policy applies.' };
  if (s.engine) {
    const steps = s.engine.steps.map((st) => stepView(st, probe));
    return {
      ...base,
      isolated: s.engine.enforced,
      headline: `${s.engine.enforced ? 'restricted by policy' : 'not restricted by policy'} (engine evaluation):`,
      engine: { enforced: s.engine.enforced, steps, conclusion: s.engine.conclusion },
      conclusion: `then: ${s.engine.conclusion}.`,
    };
  }
  if (s.isolatedBy.length === 0)
    return {
      ...base,
      isolated: false,
      headline: `not isolated (no valid NetworkPolicy of type ${cap(s.direction)} selects it): everything allowed.`,
    };
  const admitted = base.rules.some((r) => r.admits);
  return {
    ...base,
    isolated: true,
    headline: `isolated by ${s.isolatedBy.length === 1 ? '1 policy' : `${s.isolatedBy.length} policies`}:`,
    ...(admitted ? {} : { conclusion: `no rule admits ${other}${on}: denied.` }),
  };
}

function ignoredMessage(i: IgnoredPolicy, direction: Direction): string {
  if ('engine' in i.policy) return `not counted: ${i.policy.kind} ${i.policy.id} would select it, but it is rejected`;
  if (i.reason === 'rejected') return `not counted: ${i.policy.id} would select it, but the API server rejects that policy`;
  if (i.reason === 'replaced') return `not counted: ${i.policy.id} is replaced by a later manifest of the same name`;
  return `not counted: ${i.policy.id} has ${direction} rules but its policyTypes leaves out ${cap(direction)}: they are ignored`;
}

const actionVerbs = { Allow: 'allows', Deny: 'denies', Pass: 'passes', Log: 'logs' } as const;

function stepView(st: EngineStep, probe: PortSet | undefined): EngineStepView {
  const ports = probe ? intersectPorts(st.ports, probe) : st.ports;
  const set = connectionSetView(ports);
  const verb = st.action === 'NotEvaluated' ? 'not evaluated' : `${actionVerbs[st.action]} ${set.text}`;
  return {
    kind: st.kind,
    policy: st.policyId,
    where: st.where,
    location: { file: st.file, span: st.span },
    action: st.action,
    ports: set,
    relevant: !probe || st.action === 'NotEvaluated' || !isEmptyPorts(ports),
    verb,
    ...(st.note ? { note: st.note } : {}),
    text: `${st.kind} ${st.policyId} ${st.where} ${verb}${st.note ? ` — ${st.note}` : ''}`,
  };
}

function uniqueUncertain(list: readonly UncertainFeature[]): UncertainView[] {
  const seen = new Map<string, UncertainView>();
  for (const u of list) {
    const text = formatUncertain(u);
    if (seen.has(text)) continue;
    seen.set(text, {
      engine: u.engine,
      policy: u.policy.id,
      path: u.path,
      feature: u.feature,
      detail: u.detail,
      reason: u.reason,
      source: u.source,
      location: { file: u.policy.file, span: u.span },
      text,
    });
  }
  return [...seen.values()];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
