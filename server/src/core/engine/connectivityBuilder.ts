/**
 * Builds a `Connectivity`: groups workloads into classes, then adds each valid policy's isolation and
 * rules. Matches are computed once per distinct selector (namespaces per namespaceSelector, classes
 * per namespace and podSelector, classes per ipBlock through their address ranges), and rules write
 * base sets or compact exceptions, never a cell per pair of classes.
 */
import type { IpBlockPeer, NetworkPolicy, PolicyPeer, PolicyRule, SelectorPeer } from '../model/networkPolicy';
import { effectiveRules, isEffective } from '../model/networkPolicy';
import type { WorkspaceModel } from '../model/workspace';
import type { Workload } from '../model/workload';
import { matchesSelector, selectorKey, selectorKeys } from '../selectors/labelSelector';
import type { LabelSelector } from '../selectors/labelSelector';
import { cutAddressSpace, rangeIndexOf } from './addressSpace';
import type { ExternalRange } from './addressSpace';
import { Connectivity } from './connectivity';
import type { ConnectivityData, ExternalView } from './connectivity';
import { engineEvaluator, engineMatrixNeeds } from './crdEvaluation';
import type { EngineEvaluator, EngineMatrixNeeds } from './crdEvaluation';
import {
  ipBlockMatchesPodRanges,
  ipBlockSeesPod,
  namespaceLabelLookup,
  peerMatchesExternal,
  policySelects,
  rulePorts,
  ruleUsesNamedPorts,
  selectorPeerPodMatches,
} from './peers';
import type { NamespaceLabels, PodView } from './peers';
import { PortSetTable } from './portSet';
import type { EngineProfile } from './profiles/types';
import { SparseRowsBuilder } from './sparseRows';
import { directionUncertainty, hostNetworkUncertainty, profileIsCertain, uncertainText } from './uncertain';
import type { UncertainFeature } from './uncertain';

/** What a rule's peers match: class indices and external range indices, or everything. */
interface RuleMatch {
  readonly classes: readonly number[] | 'all';
  readonly externals: readonly number[] | 'all';
}

export function computeConnectivity(model: WorkspaceModel, profile: EngineProfile): Connectivity {
  return new ConnectivityBuilder(model, profile).build();
}

class ConnectivityBuilder {
  private readonly policies: readonly NetworkPolicy[];
  private readonly nsLabels: NamespaceLabels;
  private readonly externals: ExternalRange[];
  private readonly ports = new PortSetTable();
  private readonly reps: Workload[] = [];
  private readonly repPortSig: number[] = [];
  private readonly classRanges: ExternalRange[][] = [];
  private readonly classOf: Int32Array;
  private readonly members: number[][] = [];
  private readonly classesByNs = new Map<string, number[]>();
  private readonly labelIndex = new Map<string, number[]>();
  private readonly classesWithIps: number[] = [];
  private readonly podSelectionMemo = new Map<string, readonly number[]>();
  private readonly namespaceMemo = new Map<string, readonly string[]>();
  private readonly sourceRanges: ExternalView[];
  private readonly destinationRanges: ExternalView[];
  private egIso!: Uint8Array;
  private inIso!: Uint8Array;
  private egBaseClass!: Int32Array;
  private egBaseExt!: Int32Array;
  private inBaseClass!: Int32Array;
  private inBaseExt!: Int32Array;
  private readonly egress = new SparseRowsBuilder();
  private readonly ingressBySource = new SparseRowsBuilder();
  /** The engine's own policy kinds (Calico, Cilium), when some count under the profile. */
  private readonly needs: EngineMatrixNeeds | undefined;
  private readonly evaluator: EngineEvaluator | undefined;
  /** Classes whose side the engine evaluator decides (per direction), instead of the NetworkPolicy rules. */
  private egEngine!: Uint8Array;
  private inEngine!: Uint8Array;
  /** Per class and direction, what makes its isolation uncertain on this engine (only when the profile has gaps). */
  private readonly uncertain = { ingress: new Map<number, UncertainFeature[]>(), egress: new Map<number, UncertainFeature[]>() };

  private readonly certain: boolean;

  constructor(
    private readonly model: WorkspaceModel,
    private readonly profile: EngineProfile,
  ) {
    this.certain = profileIsCertain(profile);
    this.policies = model.policies.filter(isEffective);
    this.nsLabels = namespaceLabelLookup(model.namespaces);
    this.needs = engineMatrixNeeds(model, profile);
    this.evaluator = this.needs ? engineEvaluator(model, profile) : undefined;
    const blocksOf = (direction: 'ingress' | 'egress'): IpBlockPeer[] =>
      this.policies.flatMap((p) => effectiveRules(p, direction).flatMap((r) => (r.peers ?? []).filter((peer) => peer.kind === 'ipBlock')));
    const ingressBlocks = [...blocksOf('ingress'), ...(this.needs?.ingressBlocks ?? [])];
    const egressBlocks = [...blocksOf('egress'), ...(this.needs?.egressBlocks ?? [])];
    this.externals = cutAddressSpace([...ingressBlocks, ...egressBlocks]);
    this.sourceRanges = this.views(cutAddressSpace(ingressBlocks));
    this.destinationRanges = this.views(cutAddressSpace(egressBlocks));
    this.classOf = new Int32Array(model.workloads.length);
    this.makeClasses();
  }

  private views(coarse: readonly ExternalRange[]): ExternalView[] {
    // Every fine range lies inside one coarse range (the fine cut refines the coarse one).
    return coarse.map((range) => ({
      range,
      fine: this.externals.findIndex((f) => f.family === range.family && f.lo >= range.lo && f.hi <= range.hi),
    }));
  }

  private makeClasses(): void {
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
    for (const k of this.needs?.labelKeys ?? []) keys.add(k);
    for (const n of this.needs?.portNames ?? []) portNames.add(n);
    const sortedKeys = [...keys].sort();
    const byKey = new Map<string, number>();
    const portSigs = new Map<string, number>();
    this.model.workloads.forEach((w, i) => {
      const labelPart = sortedKeys.map((k) => w.labels.get(k) ?? '\u0000').join('\u0001');
      const portPart = w.ports
        .filter((p) => p.name !== undefined && portNames.has(p.name))
        .map((p) => `${p.name}/${p.protocol}=${p.port}`)
        .sort()
        .join(',');
      const ranges =
        ipBlockSeesPod(this.profile, w.hostNetwork) || this.needs?.cidrsMatchPods
          ? [...new Set(w.ips.map((ip) => rangeIndexOf(this.externals, ip)))].filter((r) => r >= 0).sort((a, b) => a - b)
          : [];
      const key = `${w.namespace}\u0002${labelPart}\u0002${portPart}\u0002${ranges.join(',')}\u0002${w.hostNetwork ? 1 : 0}`;
      let cls = byKey.get(key);
      if (cls === undefined) {
        cls = this.members.length;
        byKey.set(key, cls);
        this.members.push([]);
        this.reps.push(w);
        let sig = portSigs.get(portPart);
        if (sig === undefined) {
          sig = portSigs.size;
          portSigs.set(portPart, sig);
        }
        this.repPortSig.push(sig);
        this.classRanges.push(ranges.map((r) => this.externals[r] as ExternalRange));
        push(this.classesByNs, w.namespace, cls);
        for (const k of sortedKeys) {
          const v = w.labels.get(k);
          if (v !== undefined) push(this.labelIndex, `${w.namespace}\u0000${k}\u0000${v}`, cls);
        }
        if (ranges.length > 0) this.classesWithIps.push(cls);
      }
      this.classOf[i] = cls;
      (this.members[cls] as number[]).push(i);
    });
  }

  build(): Connectivity {
    const C = this.members.length;
    const t = this.ports;
    this.egIso = new Uint8Array(C);
    this.inIso = new Uint8Array(C);
    this.egBaseClass = new Int32Array(C).fill(t.empty);
    this.egBaseExt = new Int32Array(C).fill(t.empty);
    this.inBaseClass = new Int32Array(C).fill(t.empty);
    this.inBaseExt = new Int32Array(C).fill(t.empty);
    this.egEngine = new Uint8Array(C);
    this.inEngine = new Uint8Array(C);
    if (this.evaluator) this.addEngineSides(this.evaluator);
    for (const p of this.policies) this.addPolicy(p);
    const merge = (a: number, b: number): number => t.union(a, b);
    const data: ConnectivityData = {
      workloads: this.model.workloads,
      externals: this.externals,
      classOf: this.classOf,
      classMembers: this.members,
      sourceRanges: this.sourceRanges,
      destinationRanges: this.destinationRanges,
      ports: t,
      egIso: this.egIso,
      inIso: this.inIso,
      egBaseClass: this.egBaseClass,
      egBaseExt: this.egBaseExt,
      inBaseClass: this.inBaseClass,
      inBaseExt: this.inBaseExt,
      egress: this.egress.build(C, merge),
      ingressBySource: this.ingressBySource.build(C + this.externals.length, merge),
      ...this.uncertainData(C),
    };
    return new Connectivity(data);
  }

  private addPolicy(p: NetworkPolicy): void {
    const selected = this.podsInNamespace(p.namespace, p.podSelector).filter((c) =>
      policySelects(p, this.reps[c] as PodView, this.profile),
    );
    if (selected.length === 0) return;
    for (const direction of ['ingress', 'egress'] as const) {
      if (!(direction === 'ingress' ? p.types.ingress : p.types.egress)) continue;
      const iso = direction === 'ingress' ? this.inIso : this.egIso;
      const byEngine = direction === 'ingress' ? this.inEngine : this.egEngine;
      // Sides the engine evaluator decided already include this policy, as the engine combines them.
      const mine = this.evaluator ? selected.filter((c) => byEngine[c] === 0) : selected;
      for (const c of mine) iso[c] = 1;
      for (const rule of effectiveRules(p, direction)) this.addRule(p, rule, mine);
      if (this.certain) continue;
      const features = directionUncertainty(p, direction, this.profile);
      for (const c of mine) {
        const rep = this.reps[c] as Workload;
        const host = rep.hostNetwork ? hostNetworkUncertainty(p, this.profile) : undefined;
        if (features.length === 0 && !host) continue;
        const list = this.uncertain[direction].get(c) ?? [];
        list.push(...features, ...(host ? [host] : []));
        this.uncertain[direction].set(c, list);
      }
    }
  }

  /**
   * Sides touched by the engine's own policy kinds: evaluated per pair of class representatives (and
   * per external range) with the engine's evaluator, which also counts the NetworkPolicies. Costs
   * O(touched classes × (classes + ranges)); nothing at all for a workspace without such policies.
   */
  private addEngineSides(ev: EngineEvaluator): void {
    const t = this.ports;
    const C = this.members.length;
    for (let c = 0; c < C; c++) {
      const rep = this.reps[c] as Workload;
      for (const direction of ['egress', 'ingress'] as const) {
        if (!ev.affects(rep, direction)) continue;
        (direction === 'egress' ? this.egEngine : this.inEngine)[c] = 1;
        (direction === 'egress' ? this.egIso : this.inIso)[c] = 1;
        for (let o = 0; o < C; o++) {
          const id = t.intern(ev.side(direction, rep, { kind: 'workload', workload: this.reps[o] as Workload }).allowed);
          if (id === t.empty) continue;
          if (direction === 'egress') this.egress.push(c, o, id);
          else this.ingressBySource.push(o, c, id);
        }
        this.externals.forEach((range, x) => {
          const id = t.intern(ev.side(direction, rep, { kind: 'external', range }).allowed);
          if (id === t.empty) return;
          if (direction === 'egress') this.egress.push(c, C + x, id);
          else this.ingressBySource.push(C + x, c, id);
        });
      }
    }
  }

  /** Per class and direction an index into `uncertainReasons` (-1: certain); classes with the same reasons share one. */
  private uncertainData(C: number): Pick<ConnectivityData, 'egUncertain' | 'inUncertain' | 'uncertainReasons'> {
    const reasons: string[] = [];
    const ids = new Map<string, number>();
    const table = (m: Map<number, UncertainFeature[]>): Int32Array => {
      const out = new Int32Array(C).fill(-1);
      for (const [c, list] of m) {
        const text = uncertainText(list);
        let id = ids.get(text);
        if (id === undefined) {
          id = reasons.length;
          reasons.push(text);
          ids.set(text, id);
        }
        out[c] = id;
      }
      return out;
    };
    return { egUncertain: table(this.uncertain.egress), inUncertain: table(this.uncertain.ingress), uncertainReasons: reasons };
  }

  private addRule(p: NetworkPolicy, rule: PolicyRule, selected: readonly number[]): void {
    const m = this.matchRule(p.namespace, rule);
    const t = this.ports;
    const C = this.members.length;
    const portsTo = new Map<number, number>();
    const portsFor = (dstClass: number | undefined): number => {
      const sig = dstClass === undefined ? -1 : (this.repPortSig[dstClass] as number);
      let id = portsTo.get(sig);
      if (id === undefined) {
        id = t.intern(rulePorts(rule, dstClass === undefined ? undefined : this.reps[dstClass]?.ports));
        portsTo.set(sig, id);
      }
      return id;
    };
    const union = (arr: Int32Array, i: number, id: number): void => {
      arr[i] = t.union(arr[i] as number, id);
    };
    if (rule.direction === 'ingress') {
      // Named ports resolve on the selected pod: one port set per selected class, whatever the peer.
      for (const c of selected) {
        const ports = portsFor(c);
        if (ports === t.empty) continue;
        if (m.classes === 'all') union(this.inBaseClass, c, ports);
        else for (const s of m.classes) this.ingressBySource.push(s, c, ports);
        if (m.externals === 'all') union(this.inBaseExt, c, ports);
        else for (const x of m.externals) this.ingressBySource.push(C + x, c, ports);
      }
      return;
    }
    // Egress: named ports resolve on the peer, so they can differ per destination class.
    const named = ruleUsesNamedPorts(rule);
    const extPorts = portsFor(undefined);
    for (const c of selected) {
      if (m.classes === 'all' && !named) union(this.egBaseClass, c, portsFor(0));
      else {
        const dsts = m.classes === 'all' ? Array.from({ length: C }, (_, i) => i) : m.classes;
        for (const d of dsts) {
          const ports = portsFor(d);
          if (ports !== t.empty) this.egress.push(c, d, ports);
        }
      }
      if (extPorts === t.empty) continue;
      if (m.externals === 'all') union(this.egBaseExt, c, extPorts);
      else for (const x of m.externals) this.egress.push(c, C + x, extPorts);
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
    const C = this.members.length;
    return {
      classes: classes.size === C && C > 0 ? 'all' : [...classes],
      externals: externals.size === this.externals.length && externals.size > 0 ? 'all' : [...externals],
    };
  }

  private matchPeerClasses(policyNs: string, peer: PolicyPeer): readonly number[] {
    if (peer.kind === 'ipBlock')
      return this.classesWithIps.filter((c) =>
        ipBlockMatchesPodRanges(peer, this.classRanges[c] ?? [], (this.reps[c] as Workload).hostNetwork, this.profile),
      );
    const out: number[] = [];
    for (const ns of this.peerNamespaces(policyNs, peer)) {
      if (!peer.podSelector) out.push(...(this.classesByNs.get(ns) ?? []));
      else out.push(...this.podsInNamespace(ns, peer.podSelector));
    }
    return out;
  }

  /** Namespaces (that hold workloads) a selector peer reaches: its namespaceSelector's, or the policy's own. */
  private peerNamespaces(policyNs: string, peer: SelectorPeer): readonly string[] {
    if (!peer.namespaceSelector) return [policyNs];
    const sel = peer.namespaceSelector;
    const key = selectorKey(sel);
    let hit = this.namespaceMemo.get(key);
    if (!hit) {
      hit = [...this.classesByNs.keys()].filter((ns) => matchesSelector(sel, this.nsLabels(ns)));
      this.namespaceMemo.set(key, hit);
    }
    return hit;
  }

  /** Classes of a namespace whose labels match a pod selector (narrowed with the label index, memoised). */
  private podsInNamespace(ns: string, sel: LabelSelector): readonly number[] {
    const memoKey = `${ns}\u0003${selectorKey(sel)}`;
    const cached = this.podSelectionMemo.get(memoKey);
    if (cached) return cached;
    let candidates: readonly number[] = this.classesByNs.get(ns) ?? [];
    for (const r of sel.requirements) {
      if (r.operator !== 'In') continue;
      const lists = r.values.map((v) => this.labelIndex.get(`${ns}\u0000${r.key}\u0000${v}`) ?? []);
      const union = lists.length === 1 ? (lists[0] as number[]) : [...new Set(lists.flat())];
      if (union.length < candidates.length) candidates = union;
    }
    const peer: SelectorPeer = { kind: 'selector', podSelector: sel, span: sel.span };
    const result = candidates.filter((c) => selectorPeerPodMatches(peer, (this.reps[c] as Workload).labels));
    this.podSelectionMemo.set(memoKey, result);
    return result;
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
