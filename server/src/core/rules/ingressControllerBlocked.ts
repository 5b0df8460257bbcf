/**
 * Rule: ingress-controller-blocked
 * An Ingress routes outside traffic through the ingress controller to the pods of a Service. When the
 * NetworkPolicies let no ingress controller of the workspace reach those pods on any port, the route
 * answers 502/504 although every object looks fine (netpol-analyzer's BlockedIngressWarning;
 * LINT-CATALOGUE §4 #21). Controllers are recognised by their labels (app.kubernetes.io/name
 * ingress-nginx, traefik, haproxy-ingress, contour or kong; app=ingress-nginx) or by running in namespace
 * ingress-nginx; an Ingress's class narrows them down when it names one. Nothing is said without an
 * Ingress or without a controller in the workspace.
 */
import { explainConnection } from '../engine/explain';
import type { SideExplanation } from '../engine/explain';
import { isEmptyPorts } from '../engine/portSet';
import type { Finding, Location, RelatedLocation } from '../findings';
import type { K8sObject } from '../model/k8sObject';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { Workload } from '../model/workload';
import type { Span } from '../text/span';
import { get, getPath, getString } from '../yaml/node';
import type { YNode } from '../yaml/node';
import { listSome, nameLocation, objectsOfKinds, workloadLocation } from './manifestLookup';
import type { Rule, RuleContext } from './types';

const controllerNames = ['ingress-nginx', 'traefik', 'haproxy-ingress', 'contour', 'kong'];
const ingressApiVersions = ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'];

interface BackendRef {
  readonly ingress: string;
  readonly namespace: string;
  readonly service: string;
  readonly className?: string;
  readonly at: Location;
}

interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly selector: ReadonlyMap<string, string>;
  readonly at: Location;
}

export function isIngressController(w: Workload): boolean {
  const name = w.labels.get('app.kubernetes.io/name');
  if (name !== undefined && controllerNames.includes(name)) return true;
  if (w.labels.get('app') === 'ingress-nginx') return true;
  // Namespace ingress-nginx also holds the admission webhook's Jobs: they serve no traffic.
  return w.namespace === 'ingress-nginx' && w.kind !== 'Job' && w.kind !== 'CronJob';
}

export const rule: Rule = {
  id: 'ingress-controller-blocked',
  defaultSeverity: 'warning',
  summary: 'No ingress controller of the workspace can reach the pods behind a backend of an Ingress object.',
  check(ctx) {
    const out: Finding[] = [];
    const controllers = ingressControllers(ctx.model.workloads);
    if (controllers.length === 0) return out;
    // Ingresses of the files in scope (the findings are on them), Services of the whole workspace.
    const refs = objectsOfKinds(ctx, ['Ingress'], ctx.files).flatMap((o) => ingressBackends(ctx, o));
    if (refs.length === 0) return out;
    const objects = objectsOfKinds(ctx, ['Service']);
    const services = new Map<string, Service>();
    for (const o of objects) {
      const s = readService(ctx, o);
      if (s && !services.has(`${s.namespace}/${s.name}`)) services.set(`${s.namespace}/${s.name}`, s);
    }
    const conn = ctx.connectivity();
    const index = new Map(conn.workloads.map((w, i) => [w, i]));
    const seen = new Set<string>();
    for (const ref of refs) {
      const key = `${ref.ingress}\u0000${ref.service}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const svc = services.get(`${ref.namespace}/${ref.service}`);
      if (!svc || svc.selector.size === 0) continue;
      const backends = ctx.model.workloads.filter(
        (w) => w.namespace === svc.namespace && [...svc.selector].every(([k, v]) => w.labels.get(k) === v),
      );
      const candidates = forClass(controllers, ref.className);
      const blocked = backends.filter(
        (b) =>
          !candidates.includes(b) &&
          !candidates.some((c) => !isEmptyPorts(conn.connection(index.get(c) as number, index.get(b) as number))),
      );
      if (blocked.length === 0) continue;
      const ctrl = candidates[0] as Workload;
      const first = blocked[0] as Workload;
      const e = explainConnection(ctx.model, ctx.engine, { kind: 'workload', workload: ctrl }, { kind: 'workload', workload: first });
      const related: RelatedLocation[] = [];
      const push = (at: Location | undefined, message: string): void => {
        if (at) related.push({ ...at, message });
      };
      for (const b of blocked) push(workloadLocation(ctx, b), `${b.id}, behind Service ${svc.namespace}/${svc.name}`);
      push(nameLocation(ctx, svc.at), `Service ${svc.namespace}/${svc.name}`);
      for (const c of candidates) push(workloadLocation(ctx, c), `ingress controller ${c.id}`);
      const policies = [...new Set([...e.ingress.isolatedBy, ...e.egress.isolatedBy])];
      for (const p of policies)
        push(policyLocation(ctx, p), `NetworkPolicy ${p.id} isolates ${e.ingress.isolatedBy.includes(p) ? first.id : ctrl.id}`);
      const who =
        candidates.length === 1
          ? `the ingress controller ${ctrl.id}`
          : `none of the ingress controllers (${listSome(candidates.map((c) => c.id))})`;
      const what = blocked.length === 1 ? `its pods (${first.id})` : `its workloads ${listSome(blocked.map((b) => b.id))}`;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: ref.at.file,
        span: ref.at.span,
        message: `Ingress ${ref.ingress} routes to Service ${svc.namespace}/${svc.name}, but ${who} ${candidates.length === 1 ? 'cannot reach' : 'can reach'} ${what} on any port, so requests through the Ingress fail: ${reason(e.egress, e.ingress, ctrl, first)}`,
        related,
      });
    }
    return out;
  },
};

/** Controllers that serve an Ingress class (by name likeness), or all when none looks like it. */
function forClass(controllers: readonly Workload[], className: string | undefined): readonly Workload[] {
  if (!className) return controllers;
  const named = controllers.filter((c) => {
    const n = c.labels.get('app.kubernetes.io/name') ?? c.labels.get('app') ?? c.name;
    return n.includes(className) || className.includes(n);
  });
  return named.length > 0 ? named : controllers;
}

function reason(egress: SideExplanation, ingress: SideExplanation, ctrl: Workload, dst: Workload): string {
  const ids = (ps: readonly NetworkPolicy[]): string => listSome(ps.map((p) => p.id));
  const parts: string[] = [];
  if (ingress.isolatedBy.length > 0 && isEmptyPorts(ingress.allowed))
    parts.push(
      `the ingress of ${dst.id} is isolated by ${ids(ingress.isolatedBy)} and no rule admits ${ctrl.id} (add an ingress rule from the controller's namespace and pods)`,
    );
  if (egress.isolatedBy.length > 0 && isEmptyPorts(egress.allowed))
    parts.push(
      `the egress of ${ctrl.id} is isolated by ${ids(egress.isolatedBy)} and no rule lets it reach ${dst.id} (add an egress rule towards the backend)`,
    );
  if (parts.length === 0)
    parts.push(`the ports the egress of ${ctrl.id} allows and the ports the ingress of ${dst.id} admits do not overlap`);
  return parts.join('; ');
}

function policyLocation(_ctx: RuleContext, p: NetworkPolicy): Location {
  return { file: p.file, span: p.nameSpan };
}

function namespaceOf(ctx: RuleContext, o: K8sObject): string {
  return getString(get(o.node, 'metadata'), 'namespace') ?? ctx.workspace.defaultNamespace;
}

/** Every Service an Ingress names (spec.rules[].http.paths[].backend and the default backend). */
function ingressBackends(ctx: RuleContext, o: K8sObject): BackendRef[] {
  if (o.kind !== 'Ingress' || !ingressApiVersions.includes(o.apiVersion ?? '')) return [];
  const name = getString(get(o.node, 'metadata'), 'name');
  if (!name) return [];
  const namespace = namespaceOf(ctx, o);
  const spec = get(o.node, 'spec');
  const className =
    getString(spec, 'ingressClassName') ?? getString(getPath(o.node, 'metadata', 'annotations'), 'kubernetes.io/ingress.class');
  const out: BackendRef[] = [];
  const add = (backend: YNode | undefined): void => {
    // networking.k8s.io/v1: backend.service.name; the v1beta1 APIs: backend.serviceName.
    const node = getPath(backend, 'service', 'name') ?? get(backend, 'serviceName');
    if (node?.kind !== 'scalar' || typeof node.value !== 'string' || !node.value) return;
    const span: Span = node.span;
    out.push({
      ingress: `${namespace}/${name}`,
      namespace,
      service: node.value,
      ...(className ? { className } : {}),
      at: { file: o.file, span },
    });
  };
  add(get(spec, 'defaultBackend') ?? get(spec, 'backend'));
  const rules = get(spec, 'rules');
  for (const r of rules?.kind === 'seq' ? rules.items : []) {
    const paths = getPath(r, 'http', 'paths');
    for (const p of paths?.kind === 'seq' ? paths.items : []) add(get(p, 'backend'));
  }
  return out;
}

function readService(ctx: RuleContext, o: K8sObject): Service | undefined {
  if (o.kind !== 'Service' || (o.apiVersion !== undefined && o.apiVersion !== 'v1')) return undefined;
  const name = getString(get(o.node, 'metadata'), 'name');
  if (!name) return undefined;
  const sel = getPath(o.node, 'spec', 'selector');
  const selector = new Map<string, string>();
  if (sel?.kind === 'map') {
    for (const p of sel.pairs) if (p.value.kind === 'scalar' && p.value.value !== null) selector.set(p.key, String(p.value.value));
  }
  return { namespace: namespaceOf(ctx, o), name, selector, at: { file: o.file, span: o.span } };
}

const controllerCache = new WeakMap<readonly Workload[], readonly Workload[]>();

function ingressControllers(workloads: readonly Workload[]): readonly Workload[] {
  let hit = controllerCache.get(workloads);
  if (!hit) controllerCache.set(workloads, (hit = workloads.filter(isIngressController)));
  return hit;
}
