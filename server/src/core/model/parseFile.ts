/**
 * One file's text -> Kubernetes objects with spans, plus the file's problems. Multi-document YAML,
 * JSON, and `List` kinds (`kubectl get -o yaml`, `PodList` dumps) are flattened into objects.
 * Files that are not manifests (binary, Helm templates, too large) are skipped with one clear finding.
 */
import type { Finding } from '../findings';
import { span } from '../text/span';
import { getString } from '../yaml/node';
import type { YNode } from '../yaml/node';
import { parseYamlDocuments } from '../yaml/parseDocuments';
import type { K8sObject } from './k8sObject';

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
  /** Why the file was not analysed, if it was not. */
  readonly skipped?: 'binary' | 'helm-template' | 'too-large';
}

export const defaultMaxFileSize = 10 * 1024 * 1024;
/** Actions only Helm writes: a file with one of them is a chart template whatever else it holds. */
const helmOnly =
  /\{\{-?\s*(\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|include\s|template\s|toYaml\s|tpl\s|required\s|define\s)/;
/**
 * Any Go-template action. Inside quoted strings (Prometheus alert texts, Argo parameters) they are
 * plain text, so they only mark a template when the file does not parse as YAML.
 */
const goAction = /\{\{-?\s*[.$a-z-]/;

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
  const helmMessage =
    'file not analysed: it is a Helm template; render it (`helm template`) and point netpol-lens at the output to check it';
  const helm = helmOnly.exec(text);
  if (helm) return skip(file, text, 'helm-template', 'info', helm.index, helmMessage);
  const docs = parseYamlDocuments(text);
  const action = goAction.exec(text);
  if (action && docs.some((d) => d.errors.some((e) => e.severity === 'error')))
    return skip(file, text, 'helm-template', 'info', action.index, helmMessage);
  const findings: Finding[] = [];
  const objects: K8sObject[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) findings.push({ code: e.code, severity: e.severity, message: e.message, file, span: e.span });
    if (doc.errors.some((e) => e.severity === 'error')) continue;
    collectObjects(file, doc.contents, objects, undefined, 0);
  }
  return { file, text, objects, findings };
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
  };
}
