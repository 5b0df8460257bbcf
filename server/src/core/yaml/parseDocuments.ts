/**
 * The only importer of `yaml`. Text in, our own `YNode` trees with offsets out; never throws.
 * Each document keeps its problems: a broken document does not take the others down.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { span } from '../text/span';
import type { Span } from '../text/span';
import { fastParseDocuments } from './fastParse';
import { reindentFlowContext } from './flowIndent';
import type { ScalarValue, YNode, YPair } from './node';

export interface YamlProblem {
  readonly span: Span;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly code: string;
}

export interface YamlDocument {
  readonly index: number;
  /** Whole document, from its first token to its end. */
  readonly span: Span;
  readonly contents: YNode | undefined;
  /** Syntax errors inside this document (its contents are then unreliable). */
  readonly errors: readonly YamlProblem[];
}

/**
 * The documents of `text` with our trees and offsets. Plain manifests go through the fast reader
 * (`fastParse.ts`, js-yaml); anything it is unsure of, and every text with an error, through `yaml`,
 * which words the errors. Both give the same trees (test/property/fastParse.test.ts).
 */
export function parseYamlDocuments(text: string): YamlDocument[] {
  return fastParseDocuments(text) ?? parseWithYaml(text);
}

/** The documents of `text` as `yaml` reads them. */
export function parseWithYaml(text: string): YamlDocument[] {
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, merge: true });
  } catch (e) {
    return [{ index: 0, span: span(0, text.length), contents: undefined, errors: [internalProblem(text, e)] }];
  }
  if (!Array.isArray(docs)) {
    // An "EmptyStream": only comments or nothing at all.
    return [];
  }
  // Lines inside flow context that go-yaml (kubectl) takes at any indentation and `yaml` does not.
  if (docs.some((d) => d.errors.length > 0)) {
    try {
      const reindented = reindentFlowContext(text);
      const again = reindented && parseAllDocuments(reindented.text, { prettyErrors: false, uniqueKeys: true, merge: true });
      if (reindented && Array.isArray(again)) return convertDocuments(again, reindented.text, reindented.toOriginal);
    } catch {
      // The tolerance is a best effort: `yaml`'s own reading stands.
    }
  }
  return convertDocuments(docs, text, (offset) => offset);
}

/**
 * Our documents from `yaml`'s, read from `text`; `toOriginal` maps its offsets to those of the text
 * the caller has (they differ when `text` was re-indented).
 */
function convertDocuments(docs: readonly Document.Parsed[], text: string, toOriginal: (offset: number) => number): YamlDocument[] {
  const mapSpan = (s: Span): Span => span(toOriginal(s.start), toOriginal(s.end));
  return docs.map((doc, index) => {
    const errors: YamlProblem[] = [];
    // One message per broken document, at its first error: the rest usually follows from it.
    const [first, ...rest] = doc.errors;
    if (first) {
      const p = toProblem(first, 'error', text.length, mapSpan);
      errors.push(
        rest.length
          ? { ...p, message: `${p.message} (and ${rest.length} more YAML error${rest.length === 1 ? '' : 's'} after it in this document)` }
          : p,
      );
    }
    const [warning] = doc.warnings;
    if (warning) errors.push(toProblem(warning, 'warning', text.length, mapSpan));
    let contents: YNode | undefined;
    try {
      const converter = new Converter(doc, text, mapSpan);
      contents = doc.contents ? converter.convert(doc.contents) : undefined;
      errors.push(...converter.problems);
    } catch (e) {
      errors.push(internalProblem(text, e));
    }
    const [start, , end] = doc.range;
    return { index, span: mapSpan(span(start, end)), contents, errors };
  });
}

function toProblem(
  e: { pos: [number, number]; message: string; code: string },
  severity: 'error' | 'warning',
  length: number,
  mapSpan: (s: Span) => Span,
): YamlProblem {
  const start = Math.min(e.pos[0], length);
  const end = Math.min(Math.max(e.pos[1], start), length);
  const message = e.message.split('\n')[0] ?? e.message;
  return { span: mapSpan(span(start, end)), message: `YAML: ${message}`, severity, code: 'yaml-syntax' };
}

function internalProblem(text: string, e: unknown): YamlProblem {
  return {
    span: span(0, Math.min(text.length, 1)),
    message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`,
    severity: 'error',
    code: 'yaml-syntax',
  };
}

class Converter {
  private readonly memo = new Map<unknown, YNode>();
  private readonly inProgress = new Set<unknown>();
  readonly problems: YamlProblem[] = [];
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly mapSpan: (s: Span) => Span,
  ) {}

  /** A node's span without the trailing blank lines and comments a block collection's range takes in. */
  private span(node: unknown): Span {
    const raw = nodeSpan(node);
    let end = raw.end;
    while (end > raw.start && /\s/.test(this.text[end - 1] ?? '')) end--;
    return this.mapSpan(span(raw.start, end));
  }

  convert(node: unknown, depth = 0): YNode {
    if (depth > 200) return { kind: 'scalar', span: this.span(node), value: null, quoted: false };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        // kubectl fails on it ("unknown anchor"); anchors do not cross `---`.
        this.problems.push({
          span: this.span(node),
          message: `YAML: unknown anchor '${node.source}' referenced (anchors only work within one document)`,
          severity: 'error',
          code: 'yaml-syntax',
        });
        return { kind: 'scalar', span: this.span(node), value: null, quoted: false };
      }
      return this.convert(target, depth + 1);
    }
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) {
      // An alias inside the node it names (`a: &a [*a]`): kubectl's decoder fails on it too.
      this.problems.push({
        span: this.span(node),
        message: 'YAML: an alias refers to the node that contains it',
        severity: 'error',
        code: 'yaml-syntax',
      });
      return { kind: 'scalar', span: this.span(node), value: null, quoted: false };
    }
    this.inProgress.add(node);
    const result = this.convertFresh(node, depth);
    this.inProgress.delete(node);
    this.memo.set(node, result);
    return result;
  }

  private convertFresh(node: unknown, depth: number): YNode {
    const s = this.span(node);
    if (isMap(node)) {
      const pairs: YPair[] = [];
      const merged: YPair[] = [];
      for (const item of node.items) {
        const keyNode = item.key;
        // Keys that are maps or lists do not occur in Kubernetes objects; they read as ''.
        const keyValue: unknown = isScalar(keyNode) ? keyNode.value : '';
        const isMerge =
          typeof keyValue === 'symbol' ? keyValue.description === '<<' : keyValue === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN';
        const keyText = typeof keyValue === 'symbol' ? (keyValue.description ?? '') : String(keyValue);
        const keySpan = keyNode ? this.span(keyNode) : s;
        const value: YNode =
          item.value == null
            ? { kind: 'scalar', span: span(keySpan.end, keySpan.end), value: null, quoted: false }
            : this.convert(item.value, depth + 1);
        if (isMerge) {
          const sources = value.kind === 'seq' ? value.items : [value];
          for (const src of sources) if (src.kind === 'map') merged.push(...src.pairs);
          continue;
        }
        pairs.push({ key: keyText, keySpan, value });
      }
      for (const m of merged) if (!pairs.some((p) => p.key === m.key)) pairs.push(m);
      return { kind: 'map', span: s, pairs };
    }
    if (isSeq(node)) {
      return { kind: 'seq', span: s, items: node.items.map((i) => this.convert(i, depth + 1)) };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value: ScalarValue =
        v === null || v === undefined
          ? null
          : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : (JSON.stringify(v) ?? null);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      // kubectl decodes manifests with YAML 1.1 booleans (kubernetes/kubernetes#34146): plain yes/no/on/off are booleans.
      if (node.type === 'PLAIN' && typeof value === 'string' && yaml11Booleans.test(value)) {
        return { kind: 'scalar', span: s, value: /^(yes|on)$/i.test(value), quoted: false, written: value };
      }
      return { kind: 'scalar', span: s, value, quoted };
    }
    return { kind: 'scalar', span: s, value: null, quoted: false };
  }
}

const yaml11Booleans = /^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

function nodeSpan(node: unknown): Span {
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return span(0, 0);
  return span(range[0], range[1]);
}
