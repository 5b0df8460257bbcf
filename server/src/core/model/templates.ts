/**
 * Which documents of a file are Go/Helm templates rather than manifests, decided per document on the
 * YAML layer's own split (so `---` inside a template splits exactly as the YAML reader splits).
 *
 * A document is a template when it holds an action only Helm writes (`.Values`, `include`, …), when
 * it holds any Go-template action and does not parse (an action inside a quoted string of a valid
 * document, e.g. a Prometheus alert text, is plain text), or when it lies inside a control block
 * (`{{ if }}`, `range`, `with`, `define`, `block` … `{{ end }}`) that spans several documents: such a
 * document is rendered or not depending on values netpol-lens does not have.
 */
import type { YamlDocument } from '../yaml/parseDocuments';

/** Actions only Helm writes: a document with one of them is a chart template whatever else it holds. */
const helmOnly =
  /\{\{-?\s*(\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|include\s|template\s|toYaml\s|tpl\s|required\s|define\s)/g;
/** Any Go-template action. */
const goAction = /\{\{-?\s*[.$a-z-]/g;
/** An action with its first word, for control blocks (`{{- if …}}`, `{{ end }}`). */
const controlAction = /\{\{-?\s*(if|range|with|define|block|end)\b/g;
const opens = new Set(['if', 'range', 'with', 'define', 'block']);

export interface TemplateDocument {
  readonly doc: YamlDocument;
  /** Where the finding goes: the first action of the document, or its start for a document inside a block. */
  readonly at: number;
  /** True when the document has no action of its own but lies inside a block that spans documents. */
  readonly insideBlock: boolean;
}

export interface TemplateVerdict {
  /** The documents that are templates, in order. */
  readonly templates: readonly TemplateDocument[];
  /** Every document with content (or an error) is a template: the whole file is one. */
  readonly wholeFile: boolean;
  /** The file's first template action (where a whole-file finding goes). */
  readonly firstAction: number;
}

export function findTemplates(text: string, docs: readonly YamlDocument[]): TemplateVerdict | undefined {
  if (!text.includes('{{')) return undefined;
  const helm = offsets(helmOnly, text);
  const actions = offsets(goAction, text);
  if (actions.length === 0 && helm.length === 0) return undefined;
  const regions = blocksAcrossDocuments(text, docs);
  const templates: TemplateDocument[] = [];
  let nonEmpty = 0;
  docs.forEach((doc, i) => {
    const from = i === 0 ? 0 : (docs[i - 1] as YamlDocument).span.end;
    const to = i === docs.length - 1 ? text.length : doc.span.end;
    // A document of comments only holds nothing to analyse (nor to skip).
    if (isEmptyDoc(doc)) return;
    nonEmpty++;
    // Prefer an action in the document's content to one in a comment before it.
    const firstIn = (list: readonly number[]): number | undefined =>
      list.find((o) => o >= doc.span.start && o < to) ?? list.find((o) => o >= from && o < to);
    const helmAt = firstIn(helm);
    const actionAt = firstIn(actions);
    const broken = doc.errors.some((e) => e.severity === 'error');
    if (helmAt !== undefined) templates.push({ doc, at: helmAt, insideBlock: false });
    else if (actionAt !== undefined && broken) templates.push({ doc, at: actionAt, insideBlock: false });
    else if (regions.some((r) => r.start < to && r.end > from))
      templates.push({ doc, at: Math.max(doc.span.start, from), insideBlock: true });
  });
  const firstAction = Math.min(helm[0] ?? text.length, actions[0] ?? text.length);
  // Documents with content are never empty templates, so equal counts mean every one is a template;
  // a file with no document at all is a template when a Helm action sits in it (in a comment).
  if (templates.length === 0) return nonEmpty === 0 && helm.length > 0 ? { templates, wholeFile: true, firstAction } : undefined;
  return { templates, wholeFile: templates.length === nonEmpty, firstAction };
}

function isEmptyDoc(doc: YamlDocument): boolean {
  return doc.errors.length === 0 && (doc.contents === undefined || (doc.contents.kind === 'scalar' && doc.contents.value === null));
}

function offsets(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** Outermost balanced control blocks that contain a document boundary. */
function blocksAcrossDocuments(text: string, docs: readonly YamlDocument[]): { start: number; end: number }[] {
  if (docs.length < 2) return [];
  const out: { start: number; end: number }[] = [];
  const stack: number[] = [];
  controlAction.lastIndex = 0;
  for (let m = controlAction.exec(text); m; m = controlAction.exec(text)) {
    if (opens.has(m[1] as string)) stack.push(m.index);
    else {
      const start = stack.pop();
      if (start === undefined || stack.length > 0) continue;
      const close = text.indexOf('}}', m.index);
      const end = close < 0 ? text.length : close + 2;
      const crossesBoundary = docs.slice(0, -1).some((d) => d.span.end > start && d.span.end < end);
      if (crossesBoundary) out.push({ start, end });
    }
  }
  return out;
}
