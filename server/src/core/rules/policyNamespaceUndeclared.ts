/**
 * Rule: policy-namespace-undeclared
 * In a workspace that declares its Namespaces, a NetworkPolicy in a namespace that no Namespace object
 * declares and no workload uses is most likely a typo: `kubectl apply` fails with "namespaces … not
 * found", or the policy protects an empty namespace (cyclonus CheckSourceMissingNamespace;
 * netpol-analyzer's missing-namespace error). The namespaces every cluster has (default, kube-system,
 * kube-public, kube-node-lease) are never reported. A close existing name is offered as a fix.
 */
import type { Finding, Fix } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import { getPath } from '../yaml/node';
import { editDistance, objectAt } from './manifestLookup';
import { builtinNamespaces } from './namespaceNames';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  id: 'policy-namespace-undeclared',
  defaultSeverity: 'warning',
  summary: 'A NetworkPolicy is in a namespace that no Namespace object of the workspace declares and no workload uses.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.policies.some((p) => p.valid && p.namespaceWritten)) return out;
    const declared = [...ctx.model.namespaces.values()].filter((ns) => ns.source).map((ns) => ns.name);
    if (declared.length === 0) return out;
    const used = new Set(ctx.model.workloads.map((w) => w.namespace));
    const known = [...new Set([...declared, ...used])].sort();
    const knownSet = new Set(known);
    for (const p of ctx.policies) {
      if (!p.valid || !p.namespaceWritten) continue;
      const ns = p.namespace;
      if (knownSet.has(ns) || builtinNamespaces.includes(ns)) continue;
      const close = known
        .map((k) => ({ k, d: editDistance(k, ns) }))
        .filter((x) => x.d <= Math.min(2, Math.floor(ns.length / 3)))
        .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))[0]?.k;
      const fix = close ? renameNamespace(ctx, p, close) : undefined;
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: namespaceSpan(ctx, p) ?? p.nameSpan,
        message: `NetworkPolicy ${p.id} is in namespace "${ns}", which no Namespace of the workspace declares and no workload uses: applying it fails (namespaces "${ns}" not found) unless the namespace is created elsewhere, and it protects no pod of the workspace${close ? `; did you mean "${close}"?` : ''}`,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    return out;
  },
};

function namespaceSpan(ctx: RuleContext, p: NetworkPolicy): { start: number; end: number } | undefined {
  return getPath(objectAt(ctx, p.file, p.span)?.node, 'metadata', 'namespace')?.span;
}

function renameNamespace(ctx: RuleContext, p: NetworkPolicy, to: string): Fix | undefined {
  const span = namespaceSpan(ctx, p);
  if (!span) return undefined;
  const written = ctx.text(p.file).slice(span.start, span.end);
  if (!written.includes(p.namespace)) return undefined;
  return {
    title: `Change the namespace to "${to}"`,
    safe: false,
    preferred: true,
    edits: [{ file: p.file, span, newText: written.replace(p.namespace, to) }],
  };
}
