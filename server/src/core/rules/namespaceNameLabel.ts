/**
 * Rule: namespace-name-label
 * `namespaceSelector: {matchLabels: {name: backend}}` looks like it selects namespace "backend", but
 * namespaces carry no `name` label unless someone adds it: the selector matches nothing and the rule
 * admits no one. The API server labels every namespace `kubernetes.io/metadata.name: <name>`
 * (Kubernetes docs, "Targeting a Namespace by its name"; LINT-CATALOGUE §4 #19). Reported when no
 * namespace of the workspace carries the label value while a namespace of that name exists; the fix
 * (offered, not applied by itself) switches the key.
 */
import type { Finding, Fix } from '../findings';
import { namespaceNameLabel } from '../model/namespace';
import type { NetworkPolicy, PolicyRule } from '../model/networkPolicy';
import type { LabelRequirement } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import { getPair } from '../yaml/node';
import { findMapAt, findPair, objectAt } from './manifestLookup';
import { nameLabelMisuses } from './namespaceNames';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  id: 'namespace-name-label',
  defaultSeverity: 'warning',
  summary: 'A namespaceSelector selects by a `name` label that namespaces do not carry; use kubernetes.io/metadata.name.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies) {
      if (!p.valid) continue;
      const rules: readonly PolicyRule[] = [...p.ingress, ...p.egress];
      for (const r of rules) {
        for (const peer of r.peers ?? []) {
          if (peer.kind !== 'selector' || !peer.namespaceSelector) continue;
          for (const { requirement: req, names } of nameLabelMisuses(peer.namespaceSelector, ctx.model.namespaces)) {
            const keySpan = requirementKeySpan(ctx, p, req);
            const fix = keySpan ? switchKey(ctx, p, keySpan, req.key) : undefined;
            const ns =
              names.length === 1 ? `namespace "${names[0] ?? ''}" exists` : `namespaces ${names.map((n) => `"${n}"`).join(', ')} exist`;
            out.push({
              code: this.id,
              severity: this.defaultSeverity,
              file: p.file,
              span: keySpan ?? req.span,
              message: `NetworkPolicy ${p.id}: namespaceSelector ${req.key}=${req.values.join(' or ')} matches no namespace, yet ${ns}: namespaces carry no "${req.key}" label unless someone adds it, but the API server labels every namespace "${namespaceNameLabel}: <name>"; select by that label`,
              ...(fix ? { fixes: [fix] } : {}),
            });
          }
        }
      }
    }
    return out;
  },
};

/** The span of the label key as written: the `matchLabels` key, or the `key:` value of an expression. */
function requirementKeySpan(ctx: RuleContext, p: NetworkPolicy, req: LabelRequirement): Span | undefined {
  const root = objectAt(ctx, p.file, p.span)?.node;
  if (req.fromMatchLabels) return findPair(root, (pair) => pair.keySpan.start === req.span.start && pair.key === req.key)?.keySpan;
  return getPair(findMapAt(root, req.span), 'key')?.value.span;
}

function switchKey(ctx: RuleContext, p: NetworkPolicy, span: Span, key: string): Fix | undefined {
  const written = ctx.text(p.file).slice(span.start, span.end);
  if (!written.includes(key)) return undefined;
  return {
    title: `Select the namespace by "${namespaceNameLabel}"`,
    safe: false,
    preferred: true,
    edits: [{ file: p.file, span, newText: written.replace(key, namespaceNameLabel) }],
  };
}
