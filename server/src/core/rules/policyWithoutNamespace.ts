/**
 * Rule: policy-without-namespace
 * A NetworkPolicy without `metadata.namespace` lands in the current namespace of whoever applies it
 * (kubectl's context or `-n`), so the pods it protects depend on how it is deployed (cyclonus
 * CheckSourceMissingNamespace; Datree's missing-namespace check). A bundle where the policies and the
 * workloads of that namespace all leave it out (Google's Online Boutique manifests, meant for
 * `kubectl apply -n`) lands together wherever it is applied, so it is left alone. The fix writes the
 * namespace the analysis assumed; it is offered, not applied by itself, since the author may rely on `-n`.
 */
import type { Finding, Fix } from '../findings';
import type { NetworkPolicy } from '../model/networkPolicy';
import { getPair } from '../yaml/node';
import { objectAt } from './manifestLookup';
import { eol as lineBreak, lineEnd, lineStart } from './policyYaml';
import type { RuleContext } from './types';
import type { Rule } from './types';

export const rule: Rule = {
  id: 'policy-without-namespace',
  defaultSeverity: 'info',
  summary: 'A NetworkPolicy without metadata.namespace lands in the namespace of whoever applies it.',
  check(ctx) {
    const out: Finding[] = [];
    const candidates = ctx.policies.filter((p) => p.valid && !p.namespaceWritten);
    if (candidates.length === 0) return out;
    // Per namespace: does some object of it (workload or policy) write its namespace? Then a policy
    // that leaves it out may land apart from the pods it is meant for.
    const written = new Map(workloadNamespaces(ctx).written);
    for (const p of ctx.model.policies) if (p.valid) written.set(p.namespace, (written.get(p.namespace) ?? false) || p.namespaceWritten);
    for (const p of candidates) {
      // Workloads of the namespace, all without namespace, and no policy with one: a bundle for `-n`.
      const hasWorkloads = workloadNamespaces(ctx).used.has(p.namespace);
      if (hasWorkloads && written.get(p.namespace) === false) continue;
      const fix = addNamespace(ctx, p);
      out.push({
        code: this.id,
        severity: this.defaultSeverity,
        file: p.file,
        span: p.nameSpan,
        message: `NetworkPolicy ${p.id} has no metadata.namespace: it lands in the current namespace of whoever applies it (kubectl's context or -n), so which pods it protects depends on how it is applied; the analysis assumes "${p.namespace}"`,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    return out;
  },
};

/** Inserts `namespace: <ns>` next to `metadata.name`, in the style of the metadata map. */
function addNamespace(ctx: RuleContext, p: NetworkPolicy): Fix | undefined {
  const meta = getPair(objectAt(ctx, p.file, p.span)?.node, 'metadata')?.value;
  const name = getPair(meta, 'name');
  if (!meta || !name) return undefined;
  const text = ctx.text(p.file);
  const ns = p.namespace;
  const title = `Add "namespace: ${ns}" to metadata`;
  let edit: { at: number; newText: string };
  if (text[meta.span.start] === '{') {
    // Flow style (`metadata: {name: x}`) or JSON: quoted like the name key.
    const k = text[name.keySpan.start];
    const q = k === '"' || k === "'" ? k : '';
    edit = { at: name.value.span.end, newText: `, ${q}namespace${q}: ${q}${ns}${q}` };
  } else {
    // Block style: a line of its own, indented like `name:`, after the name's line (and its comment).
    const indent = text.slice(lineStart(text, name.keySpan.start), name.keySpan.start);
    if (!/^ *$/.test(indent)) return undefined;
    edit = { at: lineEnd(text, name.value.span.end), newText: `${lineBreak(text)}${indent}namespace: ${ns}` };
  }
  return { title, safe: false, edits: [{ file: p.file, span: { start: edit.at, end: edit.at }, newText: edit.newText }] };
}

interface WorkloadNamespaces {
  /** Namespace → whether some workload manifest of it writes `metadata.namespace`. */
  readonly written: ReadonlyMap<string, boolean>;
  readonly used: ReadonlySet<string>;
}

const namespaceCache = new WeakMap<object, WorkloadNamespaces>();

/** Kept while the workloads stay the same (edits of policy files). */
function workloadNamespaces(ctx: RuleContext): WorkloadNamespaces {
  let hit = namespaceCache.get(ctx.model.workloads);
  if (!hit) {
    const written = new Map<string, boolean>();
    for (const f of ctx.workspace.fileNames()) {
      for (const w of ctx.workspace.getFile(f)?.workloads ?? []) {
        const ns = w.namespace ?? ctx.workspace.defaultNamespace;
        written.set(ns, (written.get(ns) ?? false) || w.namespace !== undefined);
      }
    }
    hit = { written, used: new Set(ctx.model.workloads.map((w) => w.namespace)) };
    namespaceCache.set(ctx.model.workloads, hit);
  }
  return hit;
}
