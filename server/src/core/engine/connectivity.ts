/**
 * Connectivity of a whole workspace, computed over equivalence classes of workloads: workloads with
 * the same namespace, the same values of the label keys that selectors look at, the same named ports
 * that rules name, the same address ranges and hostNetwork flag are indistinguishable to every policy,
 * so they share a row and a column. The cost grows with distinct classes and with what rules match,
 * not with pods squared.
 *
 * Per class and direction we keep whether it is isolated and what its rules admit: a "base" set that
 * applies to every class (or every external range) plus a sparse map of exceptions. A cell is then
 * (egress of the source towards the destination) ∩ (ingress of the destination from the source).
 *
 * Invariant: `connection(a, b)` equals what `explainConnection` computes from the raw policies.
 */
import type { IpBlockPeer, NetworkPolicy, PolicyPeer, PolicyRule } from '../model/networkPolicy';
import { effectiveRules } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { selectorKey, selectorKeys } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import { cutAddressSpace, rangeIndexOf } from './addressSpace';
import type { ExternalRange } from './addressSpace';
import { namespaceLabelLookup, peerMatchesExternal, peerMatchesPod, policySelects, rulePorts, ruleUsesNamedPorts } from './peers';
import type { NamespaceLabels, PodView } from './peers';
import { PortSetTable } from './portSet';
import type { PortSet } from './portSet';
import type { EngineProfile } from './profiles/types';

/** A range of addresses as one side of a connection shows it, with a fine range standing for it. */
export interface ExternalView {
  readonly range: ExternalRange;
  /** Index into `externals` of a fine range inside it (all of them behave alike on this side). */
  readonly fine: number;
}

/** What a rule's peers match: class indices and external range indices, or everything. */
interface RuleMatch {
  readonly classes: readonly number[] | 'all';
  readonly externals: readonly number[] | 'all';
}

export class Connectivity {
  /** Workloads are nodes 0..W-1; external ranges are nodes W..W+X-1. */
  readonly nodeCount: number;
  readonly ports = new PortSetTable();
  private readonly C: number;
  private readonly egIso: Uint8Array;
  private readonly inIso: Uint8Array;
  private readonly egBaseClass: Int32Array;
  private readonly egBaseExt: Int32Array;
  private readonly inBaseClass: Int32Array;
  private readonly inBaseExt: Int32Array;
  private readonly egMap: (Map<number, number> | undefined)[];
  private readonly inMap: (Map<number, number> | undefined)[];

  constructor(
    readonly workloads: readonly Workload[],
    readonly externals: readonly ExternalRange[],
    /** Class of each workload. */
    readonly classOf: Int32Array,
    /** Workload indices of each class; the first is the representative. */
    readonly classMembers: readonly (readonly number[])[],
    /**
     * External ranges as sources, cut only by ingress ipBlocks (only they tell sources apart), and as
     * destinations, cut only by egress ipBlocks: netpol-analyzer lists them this way.
     */
    readonly sourceRanges: readonly ExternalView[],
    readonly destinationRanges: readonly ExternalView[],
  ) {
    const C = classMembers.length;
    this.C = C;
    this.nodeCount = workloads.length + externals.length;
    this.egIso = new Uint8Array(C);
    this.inIso = new Uint8Array(C);
    this.egBaseClass = new Int32Array(C).fill(this.ports.empty);
    this.egBaseExt = new Int32Array(C).fill(this.ports.empty);
    this.inBaseClass = new Int32Array(C).fill(this.ports.empty);
    this.inBaseExt = new Int32Array(C).fill(this.ports.empty);
    this.egMap = new Array<Map<number, number> | undefined>(C);
    this.inMap = new Array<Map<number, number> | undefined>(C);
  }

  get classCount(): number {
    return this.C;
  }

  nodeName(node: number): string {
    const W = this.workloads.length;
    return node < W ? (this.workloads[node] as Workload).id : (this.externals[node - W] as ExternalRange).id;
  }

  isExternal(node: number): boolean {
    return node >= this.workloads.length;
  }

  /** The class node of a workload or external node. */
  classNode(node: number): number {
    const W = this.workloads.length;
    return node < W ? (this.classOf[node] as number) : this.C + (node - W);
  }

  /** Allowed connections from node `src` to node `dst`, as an interned port-set id. */
  connectionId(src: number, dst: number): number {
    return this.classCell(this.classNode(src), this.classNode(dst));
  }

  connection(src: number, dst: number): PortSet {
    return this.ports.get(this.connectionId(src, dst));
  }

  isEgressIsolated(workload: number): boolean {
    return this.egIso[this.classOf[workload] as number] === 1;
  }

  isIngressIsolated(workload: number): boolean {
    return this.inIso[this.classOf[workload] as number] === 1;
  }

  /** Cell between class nodes (classes 0..C-1, then external ranges). */
  classCell(s: number, d: number): number {
    const C = this.C;
    const t = this.ports;
    if (s >= C && d >= C) return t.empty;
    let eg = t.all;
    if (s < C && this.egIso[s] === 1)
      eg = t.union(d >= C ? (this.egBaseExt[s] as number) : (this.egBaseClass[s] as number), this.egMap[s]?.get(d) ?? t.empty);
    if (eg === t.empty) return eg;
    let ing = t.all;
    if (d < C && this.inIso[d] === 1)
      ing = t.union(s >= C ? (this.inBaseExt[d] as number) : (this.inBaseClass[d] as number), this.inMap[d]?.get(s) ?? t.empty);
    return t.intersect(eg, ing);
  }

  /** @internal used by the builder */
  addIsolation(direction: 'ingress' | 'egress', cls: number): void {
    (direction === 'ingress' ? this.inIso : this.egIso)[cls] = 1;
  }

  /** @internal */
  addBase(direction: 'ingress' | 'egress', cls: number, toExternals: boolean, portsId: number): void {
    const arr =
      direction === 'ingress' ? (toExternals ? this.inBaseExt : this.inBaseClass) : toExternals ? this.egBaseExt : this.egBaseClass;
    arr[cls] = this.ports.union(arr[cls] as number, portsId);
  }

  /** @internal */
  addCell(direction: 'ingress' | 'egress', cls: number, otherNode: number, portsId: number): void {
    const maps = direction === 'ingress' ? this.inMap : this.egMap;
    let m = maps[cls];
    if (!m) {
      m = new Map();
      maps[cls] = m;
    }
    const prev = m.get(otherNode);
    m.set(otherNode, prev === undefined ? portsId : this.ports.union(prev, portsId));
  }
}

export function computeConnectivity(model: WorkspaceModel, profile: EngineProfile): Connectivity {
  return new ConnectivityBuilder(model, profile).build();
}

class ConnectivityBuilder {
  private readonly policies: readonly NetworkPolicy[];
  private readonly nsLabels: NamespaceLabels;
  private readonly externals: ExternalRange[];
  private readonly conn: Connectivity;
  private readonly reps: PodView[] = [];
  private readonly repPortSig: number[] = [];
  private readonly repPorts: Workload['ports'][] = [];
  private readonly classesByNs = new Map<string, number[]>();
  private readonly labelIndex = new Map<string, number[]>();
  private readonly classesWithIps: number[] = [];
  private readonly selectionMemo = new Map<string, readonly number[]>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly profile: EngineProfile,
  ) {
    this.policies = model.policies.filter((p) => p.valid);
    this.nsLabels = namespaceLabelLookup(model.namespaces);
    const blocksOf = (direction: 'ingress' | 'egress'): IpBlockPeer[] =>
      this.policies.flatMap((p) => effectiveRules(p, direction).flatMap((r) => (r.peers ?? []).filter((peer) => peer.kind === 'ipBlock')));
    const ingressBlocks = blocksOf('ingress');
    const egressBlocks = blocksOf('egress');
    this.externals = cutAddressSpace([...ingressBlocks, ...egressBlocks]);
    this.conn = this.makeClasses(this.views(cutAddressSpace(ingressBlocks)), this.views(cutAddressSpace(egressBlocks)));
  }

  private views(coarse: readonly ExternalRange[]): ExternalView[] {
    // Every fine range lies inside one coarse range (the fine cut refines the coarse one).
    return coarse.map((range) => ({
      range,
      fine: this.externals.findIndex((f) => f.family === range.family && f.lo >= range.lo && f.hi <= range.hi),
    }));
  }

  private makeClasses(sourceRanges: ExternalView[], destinationRanges: ExternalView[]): Connectivity {
    const { workloads } = this.model;
    const keys = new Set<string>();
    const portNames = new Set<string>();
    for (const p of this.policies) {
      for (const k of selectorKeys(p.podSelector)) keys.add(k);
      for (const r of [...p.ingress, ...p.egress]) {
        for (const peer of r.peers ?? [])
          if (peer.kind === 'selector' && peer.podSelector) for (const k of selectorKeys(peer.podSelector)) keys.add(k);
        for (const port of r.ports ?? []) if (typeof port.port === 'string') portNames.add(port.port);
      }
    }
    const sortedKeys = [...keys].sort();
    const byKey = new Map<string, number>();
    const classOf = new Int32Array(workloads.length);
    const members: number[][] = [];
    const portSigs = new Map<string, number>();
    workloads.forEach((w, i) => {
      const labelPart = sortedKeys.map((k) => w.labels.get(k) ?? '\u0000').join('\u0001');
      const portPart = w.ports
        .filter((p) => p.name !== undefined && portNames.has(p.name))
        .map((p) => `${p.name}/${p.protocol}=${p.port}`)
        .sort()
        .join(',');
      const ipPart = this.profile.ipBlockMatchesPods
        ? [...new Set(w.ips.map((ip) => rangeIndexOf(this.externals, ip)))].sort((a, b) => a - b).join(',')
        : '';
      const key = `${w.namespace}\u0002${labelPart}\u0002${portPart}\u0002${ipPart}\u0002${w.hostNetwork ? 1 : 0}`;
      let cls = byKey.get(key);
      if (cls === undefined) {
        cls = members.length;
        byKey.set(key, cls);
        members.push([]);
        this.reps.push(w);
        this.repPorts.push(w.ports);
        let sig = portSigs.get(portPart);
        if (sig === undefined) {
          sig = portSigs.size;
          portSigs.set(portPart, sig);
        }
        this.repPortSig.push(sig);
        const nsList = this.classesByNs.get(w.namespace);
        if (nsList) nsList.push(cls);
        else this.classesByNs.set(w.namespace, [cls]);
        for (const k of sortedKeys) {
          const v = w.labels.get(k);
          if (v === undefined) continue;
          const ik = `${w.namespace}\u0000${k}\u0000${v}`;
          const list = this.labelIndex.get(ik);
          if (list) list.push(cls);
          else this.labelIndex.set(ik, [cls]);
        }
        if (w.ips.length > 0) this.classesWithIps.push(cls);
      }
      classOf[i] = cls;
      (members[cls] as number[]).push(i);
    });
    return new Connectivity(workloads, this.externals, classOf, members, sourceRanges, destinationRanges);
  }

  build(): Connectivity {
    for (const p of this.policies) this.addPolicy(p);
    return this.conn;
  }

  private addPolicy(p: NetworkPolicy): void {
    const selected = this.selectInNamespace(p.namespace, p.podSelector).filter((c) =>
      policySelects(p, this.reps[c] as PodView, this.profile),
    );
    if (selected.length === 0) return;
    for (const direction of ['ingress', 'egress'] as const) {
      if (!(direction === 'ingress' ? p.types.ingress : p.types.egress)) continue;
      for (const c of selected) this.conn.addIsolation(direction, c);
      for (const rule of effectiveRules(p, direction)) this.addRule(p, rule, selected);
    }
  }

  private addRule(p: NetworkPolicy, rule: PolicyRule, selected: readonly number[]): void {
    const m = this.matchRule(p.namespace, rule);
    const conn = this.conn;
    const t = conn.ports;
    const C = conn.classCount;
    const named = ruleUsesNamedPorts(rule);
    const portsTo = new Map<number, number>();
    const portsFor = (dstClass: number | undefined): number => {
      const sig = dstClass === undefined ? -1 : (this.repPortSig[dstClass] as number);
      let id = portsTo.get(sig);
      if (id === undefined) {
        id = t.intern(rulePorts(rule, dstClass === undefined ? undefined : this.repPorts[dstClass]));
        portsTo.set(sig, id);
      }
      return id;
    };
    if (rule.direction === 'ingress') {
      for (const c of selected) {
        const ports = portsFor(c);
        if (ports === t.empty) continue;
        if (m.classes === 'all') conn.addBase('ingress', c, false, ports);
        else for (const s of m.classes) conn.addCell('ingress', c, s, ports);
        if (m.externals === 'all') conn.addBase('ingress', c, true, ports);
        else for (const x of m.externals) conn.addCell('ingress', c, C + x, ports);
      }
      return;
    }
    const extPorts = portsFor(undefined);
    for (const c of selected) {
      if (m.classes === 'all' && !named) conn.addBase('egress', c, false, portsFor(0));
      else {
        const dsts = m.classes === 'all' ? Array.from({ length: C }, (_, i) => i) : m.classes;
        for (const d of dsts) {
          const ports = portsFor(d);
          if (ports !== t.empty) conn.addCell('egress', c, d, ports);
        }
      }
      if (extPorts === t.empty) continue;
      if (m.externals === 'all') conn.addBase('egress', c, true, extPorts);
      else for (const x of m.externals) conn.addCell('egress', c, C + x, extPorts);
    }
  }

  private matchRule(policyNs: string, rule: PolicyRule): RuleMatch {
    if (!rule.peers) return { classes: 'all', externals: 'all' };
    const classes = new Set<number>();
    const externals = new Set<number>();
    for (const peer of rule.peers) {
      for (const c of this.matchPeerClasses(policyNs, peer)) classes.add(c);
      if (peer.kind === 'ipBlock') this.externals.forEach((r, i) => peerMatchesExternal(peer, r) && externals.add(i));
    }
    return {
      classes: classes.size === this.conn.classCount && classes.size > 0 ? 'all' : [...classes],
      externals: externals.size === this.externals.length && externals.size > 0 ? 'all' : [...externals],
    };
  }

  private matchPeerClasses(policyNs: string, peer: PolicyPeer): readonly number[] {
    if (peer.kind === 'ipBlock') {
      return this.classesWithIps.filter((c) => peerMatchesPod(peer, policyNs, this.reps[c] as PodView, this.nsLabels, this.profile));
    }
    const namespaces = peer.namespaceSelector ? [...this.classesByNs.keys()] : [policyNs];
    const out: number[] = [];
    for (const ns of namespaces) {
      const candidates = peer.podSelector ? this.selectInNamespace(ns, peer.podSelector) : (this.classesByNs.get(ns) ?? []);
      for (const c of candidates) if (peerMatchesPod(peer, policyNs, this.reps[c] as PodView, this.nsLabels, this.profile)) out.push(c);
    }
    return out;
  }

  /** Candidate classes of a namespace for a pod selector, narrowed with the label index. */
  private selectInNamespace(ns: string, sel: LabelSelector): readonly number[] {
    const memoKey = `${ns}\u0003${selectorKey(sel)}`;
    const cached = this.selectionMemo.get(memoKey);
    if (cached) return cached;
    let candidates: readonly number[] = this.classesByNs.get(ns) ?? [];
    for (const r of sel.requirements) {
      if (r.operator !== 'In') continue;
      const lists = r.values.map((v) => this.labelIndex.get(`${ns}\u0000${r.key}\u0000${v}`) ?? []);
      const union = lists.length === 1 ? (lists[0] as number[]) : [...new Set(lists.flat())];
      if (union.length < candidates.length) candidates = union;
    }
    this.selectionMemo.set(memoKey, candidates);
    return candidates;
  }
}
