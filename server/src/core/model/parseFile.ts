/**
 * One file's text -> Kubernetes objects with spans, plus the file's problems. Multi-document YAML,
 * JSON, and `List` kinds (`kubectl get -o yaml`, `PodList` dumps) are flattened into objects.
 * Files that are not manifests (binary, Helm templates, too large) are skipped with one clear finding;
 * in a file that mixes manifests and templates, each template document is skipped with its own.
 */
import type { Finding } from '../findings';
import { span } from '../text/span';
import type { Span } from '../text/span';
import { getString } from '../yaml/node';
import type { YNode } from '../yaml/node';
import { parseYamlDocuments } from '../yaml/parseDocuments';
import type { K8sObject } from './k8sObject';
import { findTemplates } from './templates';

export interface ParseFileOptions {
  /** Files larger than this are skipped. Default 10 MB. */
  readonly maxFileSize?: number;
  /** The file's real size in bytes, when the caller did not read a file over the limit. */
  readonly size?: number;
}

export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  readonly objects: readonly K8sObject[];
  readonly findings: readonly Finding[];
  /** Why the file was not analysed, if it was not (then `skippedDocuments` is empty: the file says it all). */
  readonly skipped?: 'binary' | 'helm-template' | 'too-large';
  /** The documents of an analysed file that were not analysed (a YAML syntax error, a template), in order. */
  readonly skippedDocuments: readonly SkippedDocument[];
}

/** One document of a file left out of the analysis. */
export interface SkippedDocument {
  /** 0-based index of the document in the file. */
  readonly index: number;
  /** The whole document. */
  readonly span: Span;
  readonly reason: 'yaml-syntax' | 'helm-template';
}

export const defaultMaxFileSize = 10 * 1024 * 1024;

const helmAdvice = 'render it (`helm template`) and point netpol-lens at the output to check it';

export function parseFile(file: string, text: string, options: ParseFileOptions = {}): ParsedFile {
  const max = options.maxFileSize ?? defaultMaxFileSize;
  const size = Math.max(options.size ?? 0, text.length);
  if (size > max)
    return skip(
      file,
      text,
      'too-large',
      'warning',
      0,
      `file not analysed: ${formatSize(size)} is over the size limit of ${formatSize(max)}`,
    );
  const nul = text.slice(0, 8192).indexOf('\u0000');
  if (nul >= 0) return skip(file, text, 'binary', 'info', 0, 'file not analysed: it looks binary (it contains NUL bytes)');
  const docs = parseYamlDocuments(text);
  const templates = findTemplates(text, docs);
  if (templates?.wholeFile)
    return skip(file, text, 'helm-template', 'info', templates.firstAction, `file not analysed: it is a Helm template; ${helmAdvice}`);
  const templateDocs = new Map((templates?.templates ?? []).map((t) => [t.doc, t]));
  const findings: Finding[] = [];
  const objects: K8sObject[] = [];
  const skippedDocuments: SkippedDocument[] = [];
  for (const doc of docs) {
    const template = templateDocs.get(doc);
    if (template) {
      // One finding for the document: its YAML errors follow from the template and are not reported.
      findings.push({
        code: 'helm-template',
        severity: 'info',
        message: template.insideBlock
          ? `document not analysed: it lies inside a template block ({{ if }} … {{ end }}) that spans documents; ${helmAdvice}`
          : `document not analysed: it is a Helm template; ${helmAdvice}`,
        file,
        span: span(template.at, Math.min(template.at + 2, text.length)),
      });
      skippedDocuments.push({ index: doc.index, span: doc.span, reason: 'helm-template' });
      continue;
    }
    for (const e of doc.errors) findings.push({ code: e.code, severity: e.severity, message: e.message, file, span: e.span });
    if (doc.errors.some((e) => e.severity === 'error')) {
      skippedDocuments.push({ index: doc.index, span: doc.span, reason: 'yaml-syntax' });
      continue;
    }
    collectObjects(file, doc.contents, objects, undefined, 0);
  }
  return { file, text, objects, findings, skippedDocuments };
}

function collectObjects(
  file: string,
  node: YNode | undefined,
  out: K8sObject[],
  inherited: { apiVersion?: string; kind?: string } | undefined,
  depth: number,
): void {
  if (node?.kind !== 'map') return;
  const apiVersion = getString(node, 'apiVersion') ?? inherited?.apiVersion;
  const kind = getString(node, 'kind') ?? inherited?.kind;
  const items = node.pairs.find((p) => p.key === 'items')?.value;
  if (kind !== undefined && kind.endsWith('List') && items?.kind === 'seq' && depth < 3) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (const item of items.items) {
      collectObjects(
        file,
        item,
        out,
        { ...(apiVersion !== undefined ? { apiVersion } : {}), ...(itemKind !== undefined ? { kind: itemKind } : {}) },
        depth + 1,
      );
    }
    return;
  }
  out.push({ file, apiVersion, kind, node, span: node.span });
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

function skip(
  file: string,
  text: string,
  why: NonNullable<ParsedFile['skipped']>,
  severity: Finding['severity'],
  at: number,
  message: string,
): ParsedFile {
  return {
    file,
    text,
    objects: [],
    findings: [
      {
        code: why === 'too-large' ? 'file-too-large' : why === 'binary' ? 'binary-file' : 'helm-template',
        severity,
        message,
        file,
        span: span(at, at + 2),
      },
    ],
    skipped: why,
    skippedDocuments: [],
  };
}
