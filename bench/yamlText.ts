/**
 * Helpers for the benchmark's generator: a seeded PRNG (no Math.random, so every run sees the same
 * workspace) and a tiny block-style YAML writer that prints manifests the way `kubectl` does.
 */

export type YValue = string | number | boolean | readonly YValue[] | { readonly [key: string]: YValue };
export type YObject = { readonly [key: string]: YValue };

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Up to `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, n);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A lower-case alphanumeric string, like the suffixes Kubernetes puts on pod names. */
  suffix(length: number): string {
    const chars = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < length; i++) s += chars[this.int(chars.length)] as string;
    return s;
  }
}

const plain = /^[A-Za-z_/][A-Za-z0-9_.\-/:]*$/;
const reserved = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

function scalarText(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return plain.test(v) && !reserved.has(v.toLowerCase()) ? v : JSON.stringify(v);
}

/** Scalars and empty collections fit on the key's line. */
function inline(v: YValue): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return scalarText(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  return Object.keys(v).length === 0 ? '{}' : undefined;
}

function emitMap(m: YObject, indent: string, out: string[], first: string = indent): void {
  let prefix = first;
  for (const [key, v] of Object.entries(m)) {
    const text = inline(v);
    if (text !== undefined) out.push(`${prefix}${key}: ${text}`);
    else if (Array.isArray(v)) {
      out.push(`${prefix}${key}:`);
      emitSeq(v as readonly YValue[], indent, out);
    } else {
      out.push(`${prefix}${key}:`);
      emitMap(v as YObject, `${indent}  `, out);
    }
    prefix = indent;
  }
}

function emitSeq(items: readonly YValue[], indent: string, out: string[]): void {
  for (const v of items) {
    const text = inline(v);
    if (text !== undefined) out.push(`${indent}- ${text}`);
    else if (Array.isArray(v)) {
      out.push(`${indent}-`);
      emitSeq(v as readonly YValue[], `${indent}  `, out);
    } else emitMap(v as YObject, `${indent}  `, out, `${indent}- `);
  }
}

/** A multi-document YAML file: `---` between the documents, a comment on top. */
export function yamlStream(header: string, docs: readonly YObject[]): string {
  const out = [`# ${header}`];
  docs.forEach((d, i) => {
    if (i > 0) out.push('---');
    emitMap(d, '', out);
  });
  return `${out.join('\n')}\n`;
}
