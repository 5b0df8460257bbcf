/**
 * What the engines' own policy kinds share: which objects they are, where a string's characters sit
 * in the document (so a bad selector token is underlined exactly), and lists of CIDRs.
 */
import type { CalicoExpr } from '../selectors/calicoSelector';
import { parseCalicoSelector } from '../selectors/calicoSelector';
import type { Span } from '../text/span';
import type { YNode } from '../yaml/node';
import { getPair } from '../yaml/node';
import { parseCidr, parseIp } from './cidr';
import type { Cidr } from './cidr';
import type { K8sObject } from './k8sObject';
import { join } from './reader';
import type { Reader } from './reader';

/** The policy engine a kind belongs to. */
export type CrdEngine = 'calico' | 'cilium';

/** An object of an engine's API group (policy or not), kept for the engine rules. */
export interface EngineObject {
  readonly engine: CrdEngine;
  readonly apiVersion: string;
  readonly kind: string;
  readonly file: string;
  readonly span: Span;
  /** The `apiVersion` value's span (the place diagnostics about the API point at). */
  readonly apiVersionSpan: Span;
  readonly kindSpan: Span;
}

const groups: readonly { prefix: string; engine: CrdEngine }[] = [
  { prefix: 'projectcalico.org/', engine: 'calico' },
  { prefix: 'crd.projectcalico.org/', engine: 'calico' },
  { prefix: 'cilium.io/', engine: 'cilium' },
];

export function engineObjectOf(obj: K8sObject): EngineObject | undefined {
  const apiVersion = obj.apiVersion ?? '';
  const g = groups.find((x) => apiVersion.startsWith(x.prefix));
  if (!g || obj.kind === undefined) return undefined;
  return {
    engine: g.engine,
    apiVersion,
    kind: obj.kind,
    file: obj.file,
    span: obj.span,
    apiVersionSpan: getPair(obj.node, 'apiVersion')?.value.span ?? obj.span,
    kindSpan: getPair(obj.node, 'kind')?.value.span ?? obj.span,
  };
}

/**
 * Maps an offset inside a scalar's value to the document. Plain and quoted scalars written on one
 * line without escapes map character by character; others (escapes, folded lines) map to the scalar.
 */
export function valueLocator(text: string, node: YNode): (start: number, end: number) => Span {
  const whole = (): Span => node.span;
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return whole;
  const value = node.value;
  const raw = text.slice(node.span.start, node.span.end);
  let base = -1;
  if (raw === value) base = node.span.start;
  else if ((raw.startsWith('"') || raw.startsWith("'")) && raw.slice(1, -1) === value && raw.endsWith(raw[0] as string))
    base = node.span.start + 1;
  if (base < 0) return whole;
  return (start, end) => ({ start: base + start, end: base + Math.max(start + 1, end) });
}

/** A Calico selector as written, parsed; `expr` undefined when it does not parse (an error was reported). */
export interface CalicoSelectorField {
  readonly text: string;
  readonly expr: CalicoExpr | undefined;
  readonly span: Span;
}

export function readCalicoSelectorField(r: Reader, text: string, node: YNode | undefined, path: string): CalicoSelectorField | undefined {
  const s = r.string(node, path);
  if (s === undefined || node === undefined) return undefined;
  const parsed = parseCalicoSelector(s);
  if (!parsed.ok) {
    const at = valueLocator(text, node)(parsed.error.range.start, parsed.error.range.end);
    r.sink.error('invalid-calico-selector', at, `${path}: Invalid value: "${s}": ${parsed.error.message}`);
    return { text: s, expr: undefined, span: node.span };
  }
  return { text: s, expr: parsed.expr, span: node.span };
}

/** A list of CIDRs (`nets`, `toCIDR`, …); bad entries are errors and left out. */
export function readCidrList(r: Reader, node: YNode | undefined, path: string, bareIp = false): Cidr[] | undefined {
  const seq = r.seq(node, path);
  if (!seq) return undefined;
  const out: Cidr[] = [];
  seq.items.forEach((item, i) => {
    const c = readCidr(r, item, join(path, i), bareIp);
    if (c) out.push(c);
  });
  return out;
}

/** `bareIp`: an address alone stands for its /32 or /128 (Calico's ParseCIDROrIP). */
export function readCidr(r: Reader, node: YNode | undefined, path: string, bareIp = false): Cidr | undefined {
  const t = r.string(node, path);
  if (t === undefined) return undefined;
  const ip = bareIp && !t.includes('/') ? parseIp(t) : undefined;
  const c = ip ? parseCidr(`${t}/${ip.family === 4 ? 32 : 128}`) : parseCidr(t);
  if (typeof c === 'string') {
    r.sink.error('invalid-cidr', node?.span ?? { start: 0, end: 0 }, `${path}: Invalid value: "${t}": ${c}`);
    return undefined;
  }
  return c;
}
