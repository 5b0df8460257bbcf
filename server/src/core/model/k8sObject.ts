import type { Span } from '../text/span';
import type { YMap } from '../yaml/node';

/** One Kubernetes object of a file: a YAML document, or one item of a `List`. */
export interface K8sObject {
  readonly file: string;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly node: YMap;
  readonly span: Span;
}
