/** metadata: name, namespace and labels, validated as the API server validates ObjectMeta. */
import type { Span } from '../text/span';
import { get, getPair } from '../yaml/node';
import type { YMap } from '../yaml/node';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName, suggestDns1123Name } from './names';
import type { Reader } from './reader';
import { join } from './reader';

export interface ObjectMeta {
  readonly name?: string;
  readonly nameSpan?: Span;
  readonly namespace?: string;
  readonly namespaceSpan?: Span;
  readonly labels: ReadonlyMap<string, string>;
  readonly metaSpan?: Span;
}

export interface MetaOptions {
  /** Report a missing or invalid name (objects we analyse); other objects are read leniently. */
  readonly requireName: boolean;
  readonly nameRule: 'subdomain' | 'label';
  /** Validate label keys and values. */
  readonly validateLabels?: boolean;
}

/** Reads the `metadata` of `owner` (an object, or a pod template at `path`). */
export function readObjectMeta(r: Reader, owner: YMap, opts: MetaOptions, path = 'metadata'): ObjectMeta {
  const metaPair = getPair(owner, 'metadata');
  const meta = r.map(metaPair?.value, path);
  const namePair = getPair(meta, 'name');
  const name = r.string(namePair?.value, join(path, 'name'));
  const nsPair = getPair(meta, 'namespace');
  const namespace = r.string(nsPair?.value, join(path, 'namespace'));
  if (opts.requireName) {
    if (name === undefined || name === '') {
      if (!namePair || name === '')
        r.sink.error(
          'missing-name',
          namePair?.keySpan ?? metaPair?.keySpan ?? owner.span,
          `${join(path, 'name')}: Required value: name or generateName is required`,
        );
    } else {
      const errs = opts.nameRule === 'subdomain' ? checkDns1123Subdomain(name) : checkDns1123Label(name);
      if (errs.length) {
        const suggestion = suggestDns1123Name(name);
        const at = namePair?.value.span ?? owner.span;
        const fixable =
          suggestion &&
          suggestion !== name &&
          (opts.nameRule === 'subdomain' ? checkDns1123Subdomain(suggestion) : checkDns1123Label(suggestion)).length === 0;
        r.sink.add(
          'invalid-name',
          'error',
          at,
          `${join(path, 'name')}: Invalid value: "${name}": ${errs.join('; ')}. The API server rejects this object${fixable ? `; a valid name would be "${suggestion}"` : ''}`,
          fixable && namePair
            ? {
                fixes: [
                  {
                    title: `Rename to "${suggestion}"`,
                    edits: [{ file: r.sink.file, span: at, newText: suggestion }],
                    safe: true,
                    preferred: true,
                  },
                ],
              }
            : {},
        );
      }
    }
    if (namespace !== undefined) {
      for (const e of checkDns1123Label(namespace))
        r.sink.error('invalid-name', nsPair?.value.span ?? owner.span, `${join(path, 'namespace')}: Invalid value: "${namespace}": ${e}`);
    }
  }
  const labels = new Map<string, string>();
  const labelsMap = r.map(get(meta, 'labels'), join(path, 'labels'));
  for (const p of labelsMap?.pairs ?? []) {
    const v = p.value;
    if (v.kind === 'scalar' && typeof v.value === 'string') labels.set(p.key, v.value);
    else if (v.kind === 'scalar' && v.value !== null) {
      labels.set(p.key, String(v.value));
      if (opts.validateLabels) r.wrongType(v, join(join(path, 'labels'), p.key), 'a string (quote numbers and booleans in label values)');
    } else if (v.kind === 'scalar') labels.set(p.key, '');
    else if (opts.validateLabels) r.wrongType(v, join(join(path, 'labels'), p.key), 'a string');
    if (opts.validateLabels) {
      for (const e of checkQualifiedName(p.key))
        r.sink.error('invalid-label', p.keySpan, `${join(path, 'labels')}: Invalid value: "${p.key}": ${e}`);
      const text = labels.get(p.key) ?? '';
      for (const e of checkLabelValue(text))
        r.sink.error('invalid-label', v.span, `${join(path, 'labels')}: Invalid value: "${text}": ${e}`);
    }
  }
  return {
    ...(name !== undefined ? { name } : {}),
    ...(namePair ? { nameSpan: namePair.value.span } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(nsPair ? { namespaceSpan: nsPair.value.span } : {}),
    labels,
    ...(meta ? { metaSpan: meta.span } : {}),
  };
}
