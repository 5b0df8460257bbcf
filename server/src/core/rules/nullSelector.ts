/**
 * Rule: null-selector
 * `podSelector:` with nothing after it is null, not `{}`; when its `matchLabels` / `matchExpressions`
 * slid left to the selector's own level, they become unknown fields of the peer (or of `spec`) and
 * the API server rejects the policy, while a null selector left alone in a peer leaves the peer
 * empty or silently wider (openshift-docs PR #37599 and #65013; LINT-CATALOGUE §4 #20).
 */
import type { Finding, Fix, Severity } from '../findings';
import { describePeer } from '../engine/describe';
import type { NetworkPolicy } from '../model/networkPolicy';
import { get } from '../yaml/node';
import type { YMap, YPair } from '../yaml/node';
import { column, isBlockMap, keyColumn, lineStart, shiftLines } from './policyYaml';
import type { Rule, RuleContext } from './types';

const slidKeys = ['matchLabels', 'matchExpressions'];
const isNullPair = (p: YPair): boolean => p.value.kind === 'scalar' && p.value.value === null;

export const rule: Rule = {
  id: 'null-selector',
  defaultSeverity: 'error',
  summary:
    'A selector written as null in a peer, or matchLabels/matchExpressions that slid out of their selector by indentation (rejected by the API server).',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      // Syntax trees only where the rule can fire: a rejected policy, or a selector written as null.
      if (p.valid && !p.podSelector.wasNull && !hasNullSelector(ctx.text(p.file).slice(p.span.start, p.span.end))) continue;
      const root = ctx.objects(p.file).find((o) => o.span.start === p.span.start)?.node;
      const spec = get(root, 'spec');
      if (spec?.kind !== 'map') continue;
      const f = slid(ctx, this.id, p, spec, ['podSelector'], 'spec');
      if (f) out.push(f);
      for (const dir of ['ingress', 'egress'] as const) {
        const rules = get(spec, dir);
        if (rules?.kind !== 'seq') continue;
        rules.items.forEach((r, ri) => {
          const peers = get(r, dir === 'ingress' ? 'from' : 'to');
          if (peers?.kind !== 'seq') return;
          peers.items.forEach((peer, pi) => {
            if (peer.kind !== 'map') return;
            const where = `spec.${dir}[${ri}].${dir === 'ingress' ? 'from' : 'to'}[${pi}]`;
            const s = slid(ctx, this.id, p, peer, ['podSelector', 'namespaceSelector'], where);
            if (s) out.push(s);
            else out.push(...nullInPeer(ctx, this.id, p, peer, where));
          });
        });
      }
    }
    return out;
  },
};

/** `matchLabels` / `matchExpressions` written as keys of `map` (a peer or spec) instead of under a selector. */
function slid(ctx: RuleContext, code: string, p: NetworkPolicy, map: YMap, selectors: string[], where: string): Finding | undefined {
  const first = map.pairs.findIndex((x) => slidKeys.includes(x.key));
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < map.pairs.length && slidKeys.includes(map.pairs[last + 1]?.key ?? '')) last++;
  const moved = map.pairs.slice(first, last + 1);
  const firstPair = moved[0] as YPair;
  const lastPair = moved[moved.length - 1] as YPair;
  const keys = moved.map((x) => x.key).join(' and ');
  const owner = first > 0 ? map.pairs[first - 1] : undefined;
  const span = { start: firstPair.keySpan.start, end: lastPair.value.span.end };
  const isAre = moved.length === 1 ? 'is' : 'are';
  if (!owner || !selectors.includes(owner.key)) {
    return {
      code,
      severity: 'error',
      file: p.file,
      span,
      message:
        `NetworkPolicy ${p.id}: ${where}.${firstPair.key} is not a field of ${where === 'spec' ? 'spec' : 'a peer'}, so the API server rejects the policy: ` +
        `${keys} belong${moved.length === 1 ? 's' : ''} under ${selectors.map((s) => `\`${s}\``).join(' or ')}`,
    };
  }
  const ownerIsNull = isNullPair(owner);
  const state = ownerIsNull
    ? `${owner.key} is null (nothing after its colon)${where === 'spec' ? `, which would select every pod of namespace "${p.namespace}"` : ''}`
    : `${owner.key} does not hold ${moved.length === 1 ? 'it' : 'them'}`;
  const message =
    `NetworkPolicy ${p.id}: ${keys} ${isAre} indented at the level of ${where}.${owner.key} instead of under it, ` +
    `so ${isAre === 'is' ? 'it is an unknown field' : 'they are unknown fields'} of ${where} and the API server rejects the policy; ${state}`;
  const fix = reindent(ctx, p, owner, moved, ownerIsNull);
  return {
    code,
    severity: 'error',
    file: p.file,
    span,
    message,
    related: [{ file: p.file, span: owner.keySpan, message: `the selector ${keys} belong${moved.length === 1 ? 's' : ''} to` }],
    ...(fix ? { fixes: [fix] } : {}),
  };
}

function reindent(ctx: RuleContext, p: NetworkPolicy, owner: YPair, moved: readonly YPair[], ownerIsNull: boolean): Fix | undefined {
  const text = ctx.text(p.file);
  const firstPair = moved[0];
  const lastPair = moved[moved.length - 1];
  if (!firstPair || !lastPair) return undefined;
  const col = column(text, firstPair.keySpan.start);
  const ls = lineStart(text, firstPair.keySpan.start);
  if (text.slice(ls, firstPair.keySpan.start).trim() !== '' || column(text, owner.keySpan.start) !== col) return undefined;
  let target: number | undefined;
  if (ownerIsNull) {
    // Only `podSelector:` with nothing after it: `podSelector: null` followed by a nested map is not YAML.
    if (owner.value.span.end > owner.value.span.start) return undefined;
    target = col + indentUnit(text, firstPair, col);
  } else {
    const v = owner.value;
    if (!isBlockMap(text, v) || moved.some((m) => v.pairs.some((x) => x.key === m.key))) return undefined;
    target = keyColumn(text, v);
  }
  if (target === undefined || target <= col) return undefined;
  const edits = shiftLines(text, p.file, ls - 1, lastPair.value.span.end, target - col);
  if (!edits || edits.length === 0) return undefined;
  return { title: `Indent ${moved.map((m) => m.key).join(' and ')} under ${owner.key}`, edits, safe: true, preferred: true };
}

/** How far this file indents a nested map: from the slid key's own children, else 2. */
function indentUnit(text: string, pair: YPair, col: number): number {
  const v = pair.value;
  if (v.kind === 'map' && isBlockMap(text, v)) {
    const c = keyColumn(text, v);
    if (c !== undefined && c > col) return c - col;
  }
  if (v.kind === 'seq') {
    const item = v.items[0];
    if (item && text[v.span.start] === '-') {
      const c = column(text, v.span.start);
      if (c > col) return c - col;
    }
  }
  return 2;
}

/** A selector written as null in a peer, with no slid keys: the peer is empty (rejected) or wider than it reads. */
function nullInPeer(ctx: RuleContext, code: string, p: NetworkPolicy, peer: YMap, where: string): Finding[] {
  const out: Finding[] = [];
  const nulls = peer.pairs.filter((x) => (x.key === 'podSelector' || x.key === 'namespaceSelector') && isNullPair(x));
  const others = peer.pairs.filter((x) => ['podSelector', 'namespaceSelector', 'ipBlock'].includes(x.key) && !isNullPair(x));
  for (const n of nulls) {
    const span = { start: n.keySpan.start, end: Math.max(n.keySpan.end, n.value.span.end) };
    let severity: Severity;
    let message: string;
    let fixes: Fix[] | undefined;
    if (others.length === 0) {
      severity = 'error';
      const what = n.key === 'podSelector' ? `every pod of namespace "${p.namespace}"` : 'every pod of every namespace';
      message =
        `NetworkPolicy ${p.id}: ${where}.${n.key} is null (nothing after its colon), which the API server reads as absent: ` +
        `the peer then names nothing and the policy is rejected. Write \`${n.key}: {}\` for ${what}, or add its matchLabels under it`;
      const colon = n.keySpan.end;
      if (ctx.text(p.file)[colon] === ':' && n.value.span.end === n.value.span.start)
        fixes = [
          {
            title: `Write ${n.key}: {} (${what})`,
            edits: [{ file: p.file, span: { start: colon + 1, end: colon + 1 }, newText: ' {}' }],
            safe: false,
          },
        ];
    } else {
      severity = 'warning';
      const model = [...p.ingress, ...p.egress].flatMap((r) => r.peers ?? []).find((x) => x.span.start === peer.span.start);
      const reads = model ? `: this peer matches ${describePeer(model, p.namespace)}` : '';
      message =
        `NetworkPolicy ${p.id}: ${where}.${n.key} is null (nothing after its colon), so it is ignored${reads}. ` +
        `If it was meant to narrow the peer, its matchLabels are missing; \`${n.key}: {}\` says the same thing explicitly`;
    }
    out.push({ code, severity, file: p.file, span, message, ...(fixes ? { fixes } : {}) });
  }
  return out;
}

/**
 * A `podSelector:` or `namespaceSelector:` line with no value whose next line is not indented deeper:
 * the selector is null (a cheap look at the text before parsing it again).
 */
function hasNullSelector(text: string): boolean {
  const lines = text.split(/\r?\n/);
  return lines.some((line, i) => {
    const m = /^(\s*(?:-\s+)?)["']?(podSelector|namespaceSelector)["']?\s*:\s*(#.*)?$/.exec(line);
    if (!m) return false;
    const col = (m[1] ?? '').length;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (next === undefined) return true;
    const nextCol = (/^(\s*(?:-\s+)?)/.exec(next)?.[1] ?? '').length;
    return nextCol <= col || /^\s*-/.test(next.slice(col));
  });
}
