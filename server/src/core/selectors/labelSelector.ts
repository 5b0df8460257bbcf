/**
 * Label selectors (metav1.LabelSelector): parsing with the API server's validation, and matching.
 * `matchLabels` entries become `In` requirements with one value; all requirements must hold (AND).
 */
import type { Span } from '../text/span';
import { checkLabelValue, checkQualifiedName } from '../model/names';
import { join } from '../model/reader';
import type { Reader } from '../model/reader';
import type { YNode } from '../yaml/node';

export type Labels = ReadonlyMap<string, string>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
const operators: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
  readonly span: Span;
  /** Came from `matchLabels` (rather than `matchExpressions`). */
  readonly fromMatchLabels: boolean;
}

export interface LabelSelector {
  readonly requirements: readonly LabelRequirement[];
  readonly span: Span;
  /** Written as null (`podSelector:` with nothing after it); behaves as `{}`. */
  readonly wasNull: boolean;
}

/** Reads a selector; problems go to the reader's sink. Returns undefined only when `node` is not a map. */
export function readLabelSelector(reader: Reader, node: YNode | undefined, path: string, fallback: Span): LabelSelector | undefined {
  const wasNull = node === undefined || (node.kind === 'scalar' && node.value === null);
  const selSpan = node?.span ?? fallback;
  if (wasNull) return { requirements: [], span: selSpan, wasNull: true };
  const map = reader.map(node, path);
  if (!map) return undefined;
  reader.knownFields(map, path, ['matchLabels', 'matchExpressions']);
  const requirements: LabelRequirement[] = [];
  for (const pair of map.pairs) {
    if (pair.key === 'matchLabels') {
      const ml = reader.map(pair.value, join(path, 'matchLabels'));
      for (const entry of ml?.pairs ?? []) {
        const p = join(join(path, 'matchLabels'), entry.key);
        // A null value decodes to "" (a valid label value); numbers and booleans are rejected.
        const isNullValue = entry.value.kind === 'scalar' && entry.value.value === null;
        const value = entry.value.kind === 'scalar' && !isNullValue ? entry.value.value : undefined;
        if (!isNullValue && typeof value !== 'string')
          reader.wrongType(entry.value, p, 'a string (quote numbers and booleans in label values)');
        const text = value === undefined || value === null ? '' : String(value);
        checkKey(reader, entry.key, entry.keySpan, join(path, 'matchLabels'));
        checkValue(reader, text, entry.value.span, join(path, 'matchLabels'));
        requirements.push({
          key: entry.key,
          operator: 'In',
          values: [text],
          span: { start: entry.keySpan.start, end: entry.value.span.end },
          fromMatchLabels: true,
        });
      }
    } else if (pair.key === 'matchExpressions') {
      const exprs = reader.seq(pair.value, join(path, 'matchExpressions'));
      exprs?.items.forEach((item, i) => {
        const req = readRequirement(reader, item, join(join(path, 'matchExpressions'), i));
        if (req) requirements.push(req);
      });
    }
  }
  return { requirements, span: selSpan, wasNull: false };
}

function readRequirement(reader: Reader, node: YNode, path: string): LabelRequirement | undefined {
  const map = reader.map(node, path);
  if (!map) {
    if (node.kind === 'scalar' && node.value === null) reader.sink.error('invalid-selector', node.span, `${path}: empty requirement`);
    return undefined;
  }
  reader.knownFields(map, path, ['key', 'operator', 'values']);
  const keyNode = map.pairs.find((p) => p.key === 'key')?.value;
  const opNode = map.pairs.find((p) => p.key === 'operator')?.value;
  const valuesNode = map.pairs.find((p) => p.key === 'values')?.value;
  const key = reader.string(keyNode, join(path, 'key'));
  const op = reader.string(opNode, join(path, 'operator'));
  let ok = true;
  if (key === undefined) {
    if (!keyNode) reader.sink.error('invalid-selector', map.span, `${join(path, 'key')}: Required value`);
    ok = false;
  } else ok = checkKey(reader, key, keyNode?.span ?? map.span, join(path, 'key')) && ok;
  if (op === undefined) {
    if (!opNode) reader.sink.error('invalid-selector', map.span, `${join(path, 'operator')}: Required value`);
    ok = false;
  } else if (!(operators as readonly string[]).includes(op)) {
    reader.sink.error(
      'invalid-selector',
      opNode?.span ?? map.span,
      `${join(path, 'operator')}: Invalid value: "${op}": not a valid selector operator (In, NotIn, Exists, DoesNotExist)`,
    );
    ok = false;
  }
  const values: string[] = [];
  const seq = reader.seq(valuesNode, join(path, 'values'));
  seq?.items.forEach((v, i) => {
    if (v.kind === 'scalar' && typeof v.value === 'string') {
      values.push(v.value);
      ok = checkValue(reader, v.value, v.span, join(join(path, 'values'), i)) && ok;
    } else {
      reader.wrongType(v, join(join(path, 'values'), i), 'a string');
      ok = false;
    }
  });
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) {
      reader.sink.error(
        'invalid-selector',
        valuesNode?.span ?? map.span,
        `${join(path, 'values')}: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      );
      ok = false;
    }
  } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
    reader.sink.error(
      'invalid-selector',
      valuesNode?.span ?? map.span,
      `${join(path, 'values')}: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
    );
    ok = false;
  }
  if (!ok || key === undefined || op === undefined) return undefined;
  return { key, operator: op as SelectorOperator, values, span: map.span, fromMatchLabels: false };
}

function checkKey(reader: Reader, key: string, at: Span, path: string): boolean {
  const errs = checkQualifiedName(key);
  for (const e of errs) reader.sink.error('invalid-selector', at, `${path}: Invalid value: "${key}": ${e}`);
  return errs.length === 0;
}

function checkValue(reader: Reader, value: string, at: Span, path: string): boolean {
  const errs = checkLabelValue(value);
  for (const e of errs) reader.sink.error('invalid-selector', at, `${path}: Invalid value: "${value}": ${e}`);
  return errs.length === 0;
}

export function matchesRequirement(req: LabelRequirement, labels: Labels): boolean {
  const v = labels.get(req.key);
  switch (req.operator) {
    case 'In':
      return v !== undefined && req.values.includes(v);
    case 'NotIn':
      return v === undefined || !req.values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
  }
}

export function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  for (const r of sel.requirements) if (!matchesRequirement(r, labels)) return false;
  return true;
}

export function isEmptySelector(sel: LabelSelector): boolean {
  return sel.requirements.length === 0;
}

/** A canonical text of the selector, for caching and equality (order-insensitive). */
export function selectorKey(sel: LabelSelector): string {
  return sel.requirements
    .map((r) => `${r.key}\u0001${r.operator}\u0001${[...r.values].sort().join('\u0002')}`)
    .sort()
    .join('\u0003');
}

/** `app=web, tier in (a, b), !debug` — kubectl's way of writing a selector. */
export function formatSelector(sel: LabelSelector): string {
  if (sel.requirements.length === 0) return '{} (everything)';
  return sel.requirements
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0] ?? ''}` : `${r.key} in (${r.values.join(', ')})`;
        case 'NotIn':
          return `${r.key} notin (${r.values.join(', ')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
      }
    })
    .join(', ');
}

/** The label keys a selector looks at. */
export function selectorKeys(sel: LabelSelector): string[] {
  return sel.requirements.map((r) => r.key);
}
