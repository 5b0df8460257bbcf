/**
 * The workspace model: files are replaced one at a time (parse and extract that file only); the
 * joined model (namespaces, grouped workloads, policies) is rebuilt lazily, in linear time, on demand.
 */
import { compareFindings } from '../findings';
import { isCalicoPolicyObject, isCalicoTierObject, readCalicoPolicy, readCalicoTier } from './calicoPolicy';
import type { CalicoPolicy, CalicoTier } from './calicoPolicy';
import { isCiliumPolicyObject, readCiliumPolicy } from './ciliumPolicy';
import type { CiliumPolicy } from './ciliumPolicy';
import { engineObjectOf } from './crdCommon';
import type { EngineObject } from './crdCommon';
import type { Finding } from '../findings';
import { namespaceLabels } from './namespace';
import type { Namespace, NamespaceDecl } from './namespace';
import { isNamespaceObject, readNamespace } from './namespace';
import { isNetworkPolicyObject, readNetworkPolicy } from './networkPolicy';
import type { NetworkPolicy } from './networkPolicy';
import { parseFile } from './parseFile';
import type { ParsedFile } from './parseFile';
import { unevaluatedObjectOf } from './unevaluated';
import type { UnevaluatedObject } from './unevaluated';
import { isWorkloadObject, readWorkload } from './workload';
import type { Workload, WorkloadDecl } from './workload';

export interface WorkspaceOptions {
  /** Namespace of objects that do not name one. Default `default`. */
  readonly defaultNamespace?: string;
  readonly maxFileSize?: number;
}

export interface FileModel {
  readonly parsed: ParsedFile;
  readonly namespaces: readonly NamespaceDecl[];
  readonly workloads: readonly WorkloadDecl[];
  readonly policies: readonly NetworkPolicy[];
  /** Calico's and Cilium's own policies (counted only under their engine). */
  readonly calicoPolicies: readonly CalicoPolicy[];
  readonly calicoTiers: readonly CalicoTier[];
  readonly ciliumPolicies: readonly CiliumPolicy[];
  /** Every object of an engine's API group (projectcalico.org, crd.projectcalico.org, cilium.io). */
  readonly engineObjects: readonly EngineObject[];
  /** Objects of network-policy kinds no engine profile evaluates (AdminNetworkPolicy, …), in file order. */
  readonly unevaluated: readonly UnevaluatedObject[];
  /** Parse problems and API-server validation of this file's objects. */
  readonly findings: readonly Finding[];
}

export interface WorkspaceModel {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  /** Sorted by id. */
  readonly workloads: readonly Workload[];
  /** All NetworkPolicies, valid or not, sorted by id then file. */
  readonly policies: readonly NetworkPolicy[];
  /** Calico and Cilium policies, valid or not, sorted by id then file; a later one of an id replaces an earlier one. */
  readonly calicoPolicies: readonly CalicoPolicy[];
  /** Calico Tiers declared in the workspace (valid ones; the later of a name wins). */
  readonly calicoTiers: readonly CalicoTier[];
  readonly ciliumPolicies: readonly CiliumPolicy[];
  readonly engineObjects: readonly EngineObject[];
  /** Objects of network-policy kinds no engine profile evaluates, of every file (sorted by file, then offset). */
  readonly unevaluated: readonly UnevaluatedObject[];
  /** Increases with every change of the workspace. */
  readonly version: number;
}

export interface SetFileOptions {
  /** Bytes on disk, when `text` was not read whole (a file over the size limit). */
  readonly size?: number;
  /**
   * Keep the file's syntax trees (`parsed.objects`) after extraction: hovers and completions of an
   * open document need them; a whole-workspace run does not, and dropping them saves most memory.
   * Default true.
   */
  readonly keepSyntax?: boolean;
}

export function analyseFile(file: string, text: string, options: WorkspaceOptions = {}, fileOptions: SetFileOptions = {}): FileModel {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const size = fileOptions.size;
  const parsed = parseFile(file, text, {
    ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
    ...(size !== undefined ? { size } : {}),
  });
  const findings: Finding[] = [...parsed.findings];
  const namespaces: NamespaceDecl[] = [];
  const workloads: WorkloadDecl[] = [];
  const policies: NetworkPolicy[] = [];
  const calicoPolicies: CalicoPolicy[] = [];
  const calicoTiers: CalicoTier[] = [];
  const ciliumPolicies: CiliumPolicy[] = [];
  const engineObjects: EngineObject[] = [];
  const unevaluated: UnevaluatedObject[] = [];
  for (const obj of parsed.objects) {
    const eo = engineObjectOf(obj);
    if (eo) engineObjects.push(eo);
    if (isNetworkPolicyObject(obj)) {
      const { policy, findings: f } = readNetworkPolicy(obj, defaultNamespace);
      policies.push(policy);
      findings.push(...f);
    } else if (eo && isCalicoPolicyObject(obj)) {
      const { policy, findings: f } = readCalicoPolicy(obj, text, defaultNamespace);
      calicoPolicies.push(policy);
      findings.push(...f);
    } else if (eo && isCalicoTierObject(obj)) {
      const { tier, findings: f } = readCalicoTier(obj);
      calicoTiers.push(tier);
      findings.push(...f);
    } else if (eo && isCiliumPolicyObject(obj)) {
      const { policy, findings: f } = readCiliumPolicy(obj, defaultNamespace);
      ciliumPolicies.push(policy);
      findings.push(...f);
    } else if (isNamespaceObject(obj)) {
      const { decl, findings: f } = readNamespace(obj);
      if (decl) namespaces.push(decl);
      findings.push(...f);
    } else if (isWorkloadObject(obj)) {
      const { decl, findings: f } = readWorkload(obj);
      if (decl) workloads.push(decl);
      findings.push(...f);
    } else if (!eo) {
      const u = unevaluatedObjectOf(obj);
      if (u) {
        unevaluated.push(u.object);
        findings.push(u.finding);
      }
    }
  }
  findings.sort(compareFindings);
  const kept = fileOptions.keepSyntax === false ? { ...parsed, objects: [] } : parsed;
  return {
    parsed: kept,
    namespaces,
    workloads,
    policies,
    calicoPolicies,
    calicoTiers,
    ciliumPolicies,
    engineObjects,
    unevaluated,
    findings,
  };
}

export class Workspace {
  private readonly files = new Map<string, FileModel>();
  private version = 0;
  private cached: WorkspaceModel | undefined;
  /**
   * The workloads of the last model, reused by the next one while no file with workloads or
   * namespaces changed (the usual edit: a policy file), so an edit does not regroup 3,000 workloads.
   */
  private lastWorkloads: readonly Workload[] | undefined;

  constructor(readonly options: WorkspaceOptions = {}) {}

  get defaultNamespace(): string {
    return this.options.defaultNamespace ?? 'default';
  }

  /** Adds or replaces one file; only that file is parsed. */
  setFile(file: string, text: string, options: SetFileOptions = {}): FileModel {
    const model = analyseFile(file, text, this.options, options);
    this.noteWorkloadChange(this.files.get(file), model);
    this.files.set(file, model);
    this.touch();
    return model;
  }

  /** A workspace with the same files (shared, not re-parsed) that changes independently of this one. */
  fork(): Workspace {
    const copy = new Workspace(this.options);
    for (const [file, model] of this.files) copy.files.set(file, model);
    return copy;
  }

  removeFile(file: string): boolean {
    this.noteWorkloadChange(this.files.get(file), undefined);
    const had = this.files.delete(file);
    if (had) this.touch();
    return had;
  }

  getFile(file: string): FileModel | undefined {
    return this.files.get(file);
  }

  fileNames(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Every finding of every file (parse problems and API-server validation), sorted. */
  fileFindings(): Finding[] {
    return this.fileNames().flatMap((f) => this.files.get(f)?.findings ?? []);
  }

  get model(): WorkspaceModel {
    if (!this.cached) {
      this.cached = buildModel(
        this.fileNames().map((f) => this.files.get(f) as FileModel),
        this.defaultNamespace,
        this.version,
        this.lastWorkloads,
      );
      this.lastWorkloads = this.cached.workloads;
    }
    return this.cached;
  }

  private noteWorkloadChange(before: FileModel | undefined, after: FileModel | undefined): void {
    const has = (f: FileModel | undefined): boolean => f !== undefined && (f.workloads.length > 0 || f.namespaces.length > 0);
    if (has(before) || has(after)) this.lastWorkloads = undefined;
  }

  private touch(): void {
    this.version++;
    this.cached = undefined;
  }
}

function buildModel(
  files: readonly FileModel[],
  defaultNamespace: string,
  version: number,
  sameWorkloads: readonly Workload[] | undefined,
): WorkspaceModel {
  const namespaces = new Map<string, Namespace>();
  for (const f of files) {
    for (const ns of f.namespaces) {
      if (!namespaces.has(ns.name))
        namespaces.set(ns.name, { name: ns.name, labels: namespaceLabels(ns.name, ns.labels), source: { file: ns.file, span: ns.span } });
    }
  }
  const use = (name: string): void => {
    if (!namespaces.has(name)) namespaces.set(name, { name, labels: namespaceLabels(name) });
  };
  const workloads = sameWorkloads ?? groupWorkloads(files, defaultNamespace);
  for (const w of workloads) use(w.namespace);
  // Files come sorted by name, documents in order: the order `kubectl apply -f` applies them in.
  const applied = files.flatMap((f) => f.policies);
  const last = new Map<string, NetworkPolicy>();
  for (const p of applied) if (p.valid) last.set(p.id, p);
  const policies = applied.map((p) => {
    const winner = last.get(p.id);
    return p.valid && winner && winner !== p ? { ...p, replacedBy: { file: winner.file, span: winner.span } } : p;
  });
  for (const p of policies) use(p.namespace);
  const calicoPolicies = lastOfId(files.flatMap((f) => f.calicoPolicies));
  const ciliumPolicies = lastOfId(files.flatMap((f) => f.ciliumPolicies));
  const tierByName = new Map<string, CalicoTier>();
  for (const t of files.flatMap((f) => f.calicoTiers)) if (t.valid) tierByName.set(t.name, t);
  const calicoTiers = [...tierByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of [...calicoPolicies, ...ciliumPolicies]) if (p.namespace !== undefined) use(p.namespace);
  const engineObjects = files.flatMap((f) => f.engineObjects);
  // Files come sorted by name and each file's objects in order: sorted by file, then offset.
  const unevaluated = files.flatMap((f) => f.unevaluated);
  policies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  return { namespaces, workloads, policies, calicoPolicies, calicoTiers, ciliumPolicies, engineObjects, unevaluated, version };
}

/** Workloads from the workload declarations of every file: pods of one owner are one workload. */
function groupWorkloads(files: readonly FileModel[], defaultNamespace: string): Workload[] {
  const groups = new Map<string, { decls: WorkloadDecl[]; namespace: string; name: string; kind: string }>();
  for (const f of files) {
    for (const d of f.workloads) {
      const namespace = d.namespace ?? defaultNamespace;
      const name = d.owner?.name ?? d.name;
      const kind = d.owner?.kind ?? d.kind;
      const id = `${namespace}/${name}[${kind}]`;
      const g = groups.get(id);
      if (g) g.decls.push(d);
      else groups.set(id, { decls: [d], namespace, name, kind });
    }
  }
  const workloads: Workload[] = [];
  for (const [id, g] of groups) {
    const first = g.decls[0] as WorkloadDecl;
    workloads.push({
      id,
      namespace: g.namespace,
      name: g.name,
      kind: g.kind,
      labels: first.labels,
      ports: first.ports,
      ips: [...new Set(g.decls.flatMap((d) => d.ips))],
      hostNetwork: first.hostNetwork,
      sources: g.decls.map((d) => ({ file: d.file, span: d.span })),
      names: g.decls.map((d) => ({ file: d.file, span: d.nameSpan })),
    });
  }
  workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return workloads;
}

/** Engine policies in apply order, the later of one kind and id replacing the earlier (as for NetworkPolicies); sorted. */
function lastOfId<T extends { kind: string; id: string; valid: boolean; file: string; span: { start: number } }>(
  applied: readonly T[],
): T[] {
  const last = new Map<string, T>();
  for (const p of applied) if (p.valid) last.set(`${p.kind}/${p.id}`, p);
  const kept = applied.filter((p) => !p.valid || last.get(`${p.kind}/${p.id}`) === p);
  return kept.sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start,
  );
}
