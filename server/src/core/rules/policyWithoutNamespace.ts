/**
 * Rule: policy-without-namespace
 * A NetworkPolicy without `metadata.namespace` lands in the current namespace of whoever applies it
 * (kubectl's context or `-n`), so the pods it protects depend on how it is deployed (cyclonus
 * CheckSourceMissingNamespace; Datree's missing-namespace check). A bundle where the policies and the
 * workloads of that namespace all leave it out (online-boutique, meant for `kubectl apply -n`) lands
 * together wherever it is applied, so it is left alone. The fix writes the namespace the analysis
 * assumed; it is offered, not applied by itself, since the author may rely on `-n`.
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
    // Per namespace: does some object of it (workload or policy) write its namespace? Then a policy
    // that leaves it out may land apart from the pods it is meant for.
    const written = new Map<string, boolean>();
    const note = (ns: string, explicit: boolean): void => {
      written.set(ns, (written.get(ns) ?? false) || explicit);
    };
    for (const f of ctx.workspace.fileNames())
      for (const w of ctx.workspace.getFile(f)?.workloads ?? [])
        note(w.namespace ?? ctx.workspace.defaultNamespace, w.namespace !== undefined);
    for (const p of ctx.model.policies) if (p.valid) note(p.namespace, p.namespaceWritten);
    for (const p of ctx.policies) {
      if (!p.valid || p.namespaceWritten) continue;
      // Workloads of the namespace, all without namespace, and no policy with one: a bundle for `-n`.
      const hasWorkloads = ctx.model.workloads.some((w) => w.namespace === p.namespace);
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
