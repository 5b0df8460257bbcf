/** IP addresses and CIDR blocks as integer intervals (bigint), parsed with ipaddr.js. */
import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;

export interface Cidr {
  readonly family: IpFamily;
  /** First and last address of the block, host bits of the written address ignored. */
  readonly lo: bigint;
  readonly hi: bigint;
  readonly prefix: number;
  readonly text: string;
}

export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

const bits: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function familyBits(family: IpFamily): number {
  return bits[family];
}

function bytesToBigint(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/**
 * Parses an address as the API server does (netutils.ParseIPSloppy): no surrounding spaces, and IPv4
 * octets may carry leading zeros, read as decimal.
 */
export function parseIp(text: string): IpAddress | undefined {
  let t = text;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t))
    t = t
      .split('.')
      .map((o) => String(Number(o)))
      .join('.');
  try {
    if (ipaddr.IPv4.isValidFourPartDecimal(t)) return { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(t).toByteArray()) };
    if (ipaddr.IPv6.isValid(t)) return { family: 6, value: bytesToBigint(ipaddr.IPv6.parse(t).toByteArray()) };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR; returns an error text when it is not a valid CIDR. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const invalid = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  if (slash < 0) return `${invalid}: an address, a slash and a prefix length`;
  const addr = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr) return `${invalid}: the address part is not an IPv4 or IPv6 address`;
  const width = bits[addr.family];
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > width) return `${invalid}: the prefix length must be 0 to ${width}`;
  const prefix = Number(prefixText);
  const hostBits = BigInt(width - prefix);
  const lo = (addr.value >> hostBits) << hostBits;
  const hi = lo + (1n << hostBits) - 1n;
  return { family: addr.family, lo, hi, prefix, text };
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const bytes: number[] = [];
  for (let i = 15; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}
