/**
 * Addresses outside the cluster, cut as netpol-analyzer cuts them: the fewest contiguous ranges such
 * that every ipBlock (`cidr` minus `except`) either holds a whole range or none of it; neighbours
 * that the same ipBlocks hold are one range. IPv6 appears only when some ipBlock is IPv6; with no
 * ipBlock at all, IPv4 is one range 0.0.0.0-255.255.255.255.
 */
import { familyBits, formatIp, parseIp } from '../model/cidr';
import type { IpAddress, IpFamily } from '../model/cidr';
import type { IpBlockPeer } from '../model/networkPolicy';

export interface ExternalRange {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
  /** `FIRST-LAST[External]`. */
  readonly id: string;
}

export function cutAddressSpace(blocks: readonly IpBlockPeer[]): ExternalRange[] {
  const unique = [...new Map(blocks.map((b) => [`${b.cidr.text}|${b.except.map((e) => e.text).join(',')}`, b])).values()];
  const out: ExternalRange[] = [];
  for (const family of [4, 6] as const) {
    const mine = unique.filter((b) => b.cidr.family === family);
    if (family === 6 && mine.length === 0) continue;
    const max = (1n << BigInt(familyBits(family))) - 1n;
    const starts = new Set<bigint>([0n]);
    for (const c of mine.flatMap((b) => [b.cidr, ...b.except])) {
      starts.add(c.lo);
      if (c.hi < max) starts.add(c.hi + 1n);
    }
    const sorted = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let open: { lo: bigint; hi: bigint; sig: string } | undefined;
    const close = (r: { lo: bigint; hi: bigint }): void => {
      out.push({ family, lo: r.lo, hi: r.hi, id: `${formatIp(family, r.lo)}-${formatIp(family, r.hi)}[External]` });
    };
    sorted.forEach((lo, i) => {
      const next = sorted[i + 1];
      const atom = { family, lo, hi: next === undefined ? max : next - 1n, id: '' };
      const sig = mine.map((b) => (ipBlockContainsRange(b, atom) ? '1' : '0')).join('');
      if (open && open.sig === sig) open.hi = atom.hi;
      else {
        if (open) close(open);
        open = { lo: atom.lo, hi: atom.hi, sig };
      }
    });
    if (open) close(open);
  }
  return out;
}

/**
 * The block holds the range. Ranges from `cutAddressSpace` over a set of blocks that includes this one
 * are held whole or not at all, so their first address decides.
 */
export function ipBlockContainsRange(block: IpBlockPeer, range: ExternalRange): boolean {
  return blockHolds(block, range.family, range.lo);
}

function blockHolds(block: IpBlockPeer, family: IpFamily, value: bigint): boolean {
  const { cidr } = block;
  if (cidr.family !== family || value < cidr.lo || value > cidr.hi) return false;
  return !block.except.some((e) => e.family === family && e.lo <= value && value <= e.hi);
}

/** The block holds an address parsed beforehand (parse once, test against many blocks). */
export function ipBlockContainsAddress(block: IpBlockPeer, ip: IpAddress): boolean {
  return blockHolds(block, ip.family, ip.value);
}

export function ipBlockContainsIp(block: IpBlockPeer, ipText: string): boolean {
  const ip = parseIp(ipText);
  return ip !== undefined && blockHolds(block, ip.family, ip.value);
}

/** Index of the range holding `ipText`, or -1. */
export function rangeIndexOf(ranges: readonly ExternalRange[], ipText: string): number {
  const ip = parseIp(ipText);
  if (!ip) return -1;
  return ranges.findIndex((r) => r.family === ip.family && r.lo <= ip.value && ip.value <= r.hi);
}
