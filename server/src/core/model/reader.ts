/**
 * Typed reading of YAML nodes with the API server's strictness: a wrong type or an unknown field is a
 * located error (kubectl's strict field validation rejects both), and reading goes on.
 */
import type { FindingSink } from '../findings';
import { describeNode, isNull } from '../yaml/node';
import type { YMap, YNode, YScalar, YSeq } from '../yaml/node';

export class Reader {
  constructor(readonly sink: FindingSink) {}

  /** A map, or undefined for null/absent; anything else is a wrong-type error. */
  map(node: YNode | undefined, path: string): YMap | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'map') return node;
    this.wrongType(node, path, 'a map');
    return undefined;
  }

  seq(node: YNode | undefined, path: string): YSeq | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'seq') return node;
    this.wrongType(node, path, 'a list');
    return undefined;
  }

  string(node: YNode | undefined, path: string): string | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'scalar' && typeof node.value === 'string') return node.value;
    this.wrongType(node, path, 'a string');
    return undefined;
  }

  /** An integer, or a string (for int-or-string fields such as a port). */
  intOrString(node: YNode | undefined, path: string): number | string | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'scalar') {
      if (typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
      if (typeof node.value === 'string') return node.value;
    }
    this.wrongType(node, path, 'an integer or a string');
    return undefined;
  }

  int(node: YNode | undefined, path: string): number | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    this.wrongType(node, path, 'an integer');
    return undefined;
  }

  bool(node: YNode | undefined, path: string): boolean | undefined {
    if (isNull(node)) return undefined;
    if (node?.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.wrongType(node, path, 'true or false');
    return undefined;
  }

  /** Reports every key of `map` that is not in `known`. */
  knownFields(map: YMap, path: string, known: readonly string[]): void {
    for (const p of map.pairs) {
      if (!known.includes(p.key)) {
        const hint = known.find((k) => k.toLowerCase() === p.key.toLowerCase());
        this.sink.error(
          'unknown-field',
          p.keySpan,
          `${join(path, p.key)}: unknown field "${p.key}"${hint ? ` (did you mean "${hint}"?)` : ''}; the API server rejects it`,
        );
      }
    }
  }

  wrongType(node: YNode | undefined, path: string, expected: string): void {
    const at = node?.span ?? { start: 0, end: 0 };
    this.sink.error('wrong-type', at, `${path}: expected ${expected}, found ${describeNode(node)}`);
  }
}

export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export function scalarText(node: YScalar): string {
  return node.value === null ? '' : String(node.value);
}
