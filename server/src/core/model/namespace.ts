/** Namespaces, with the label the API server puts on every namespace. */
import { FindingSink } from '../findings';
import type { Finding, Location } from '../findings';
import type { Labels } from '../selectors/labelSelector';
import type { Span } from '../text/span';
import type { K8sObject } from './k8sObject';
import { readObjectMeta } from './objectMeta';
import { Reader } from './reader';

export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export interface NamespaceDecl {
  readonly name: string;
  readonly labels: Labels;
  readonly file: string;
  readonly span: Span;
  readonly nameSpan: Span;
}

export interface Namespace {
  readonly name: string;
  /** Declared labels plus `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  /** Where it is declared; undefined for a namespace only used by other objects. */
  readonly source?: Location;
}

export function isNamespaceObject(obj: K8sObject): boolean {
  return obj.kind === 'Namespace' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined);
}

export function readNamespace(obj: K8sObject): { decl: NamespaceDecl | undefined; findings: Finding[] } {
  const sink = new FindingSink(obj.file);
  const meta = readObjectMeta(new Reader(sink), obj.node, { requireName: true, nameRule: 'label', validateLabels: true });
  if (!meta.name) return { decl: undefined, findings: sink.findings };
  return {
    decl: { name: meta.name, labels: meta.labels, file: obj.file, span: obj.span, nameSpan: meta.nameSpan ?? obj.span },
    findings: sink.findings,
  };
}

export function namespaceLabels(name: string, declared?: Labels): Labels {
  const labels = new Map(declared ?? []);
  labels.set(namespaceNameLabel, name);
  return labels;
}
