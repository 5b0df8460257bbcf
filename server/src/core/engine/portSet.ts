/**
 * Sets of ports per protocol (TCP, UDP, SCTP), as sorted disjoint inclusive ranges. Immutable.
 * "All Connections" is every port 1-65535 of all three protocols, as netpol-analyzer prints it.
 */
import { protocols } from '../model/networkPolicy';
import type { Protocol } from '../model/networkPolicy';

export type PortRange = readonly [number, number];
export type PortSet = Readonly<Record<Protocol, readonly PortRange[]>>;

export const minPort = 1;
export const maxPort = 65535;
const full: readonly PortRange[] = [[minPort, maxPort]];

export const emptyPortSet: PortSet = { TCP: [], UDP: [], SCTP: [] };
export const allPortSet: PortSet = { TCP: full, UDP: full, SCTP: full };

export function portRangeSet(protocol: Protocol, lo: number, hi: number): PortSet {
  return { ...emptyPortSet, [protocol]: [[Math.max(lo, minPort), Math.min(hi, maxPort)]] };
}

export function protocolSet(protocol: Protocol): PortSet {
  return { ...emptyPortSet, [protocol]: full };
}

function unionRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as PortRange;
    const [blo, bhi] = b[j] as PortRange;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  let cur: PortRange[] = [...a];
  for (const [blo, bhi] of b) {
    const next: PortRange[] = [];
    for (const [lo, hi] of cur) {
      if (bhi < lo || blo > hi) next.push([lo, hi]);
      else {
        if (lo < blo) next.push([lo, blo - 1]);
        if (bhi < hi) next.push([bhi + 1, hi]);
      }
    }
    cur = next;
  }
  return cur;
}

export function unionPorts(a: PortSet, b: PortSet): PortSet {
  return { TCP: unionRanges(a.TCP, b.TCP), UDP: unionRanges(a.UDP, b.UDP), SCTP: unionRanges(a.SCTP, b.SCTP) };
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return { TCP: intersectRanges(a.TCP, b.TCP), UDP: intersectRanges(a.UDP, b.UDP), SCTP: intersectRanges(a.SCTP, b.SCTP) };
}

export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  return { TCP: subtractRanges(a.TCP, b.TCP), UDP: subtractRanges(a.UDP, b.UDP), SCTP: subtractRanges(a.SCTP, b.SCTP) };
}

export function isEmptyPorts(s: PortSet): boolean {
  return s.TCP.length === 0 && s.UDP.length === 0 && s.SCTP.length === 0;
}

export function isAllPorts(s: PortSet): boolean {
  return protocols.every((p) => s[p].length === 1 && s[p][0]?.[0] === minPort && s[p][0]?.[1] === maxPort);
}

export function containsPort(s: PortSet, protocol: Protocol, port: number): boolean {
  return s[protocol].some(([lo, hi]) => port >= lo && port <= hi);
}

export function portsKey(s: PortSet): string {
  return protocols.map((p) => s[p].map(([lo, hi]) => `${lo}-${hi}`).join(',')).join('|');
}

export function portsEqual(a: PortSet, b: PortSet): boolean {
  return portsKey(a) === portsKey(b);
}

/** `All Connections`, `No Connections`, or `SCTP 7070,TCP 8080-8081,UDP 9090` (netpol-analyzer's text). */
export function formatConnections(s: PortSet): string {
  if (isAllPorts(s)) return 'All Connections';
  if (isEmptyPorts(s)) return 'No Connections';
  return [...protocols]
    .sort()
    .filter((p) => s[p].length > 0)
    .map((p) => `${p} ${s[p].map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',')}`)
    .join(',');
}

/**
 * Interns port sets so that each distinct set has one id, and memoises union and intersection:
 * the matrix combines the same few sets millions of times.
 */
export class PortSetTable {
  private readonly byKey = new Map<string, number>();
  private readonly sets: PortSet[] = [];
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();
  readonly empty: number;
  readonly all: number;

  constructor() {
    this.empty = this.intern(emptyPortSet);
    this.all = this.intern(allPortSet);
  }

  intern(s: PortSet): number {
    const key = portsKey(s);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(s);
      this.byKey.set(key, id);
    }
    return id;
  }

  get(id: number): PortSet {
    return this.sets[id] as PortSet;
  }

  union(a: number, b: number): number {
    if (a === b || b === this.empty || a === this.all) return a;
    if (a === this.empty || b === this.all) return b;
    const k = a < b ? a * 0x100000 + b : b * 0x100000 + a;
    let r = this.unions.get(k);
    if (r === undefined) {
      r = this.intern(unionPorts(this.get(a), this.get(b)));
      this.unions.set(k, r);
    }
    return r;
  }

  intersect(a: number, b: number): number {
    if (a === b || b === this.all) return a;
    if (a === this.all) return b;
    if (a === this.empty || b === this.empty) return this.empty;
    const k = a < b ? a * 0x100000 + b : b * 0x100000 + a;
    let r = this.intersections.get(k);
    if (r === undefined) {
      r = this.intern(intersectPorts(this.get(a), this.get(b)));
      this.intersections.set(k, r);
    }
    return r;
  }
}
