/**
 * Bad inputs for fuzzing: the project's fixtures truncated, reordered, with nasty fragments inserted,
 * with CRLF, tabs and a BOM, with ranges deleted; and random text and bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fixturesDir, manifestFiles, repoRoot } from './workspace';

export const seeds = [
  ...manifestFiles(join(repoRoot, 'examples', 'aks-demo')),
  ...manifestFiles(join(repoRoot, 'examples', 'aks-shop')),
  ...manifestFiles(join(fixturesDir, 'rules')).slice(0, 60),
  ...manifestFiles(join(fixturesDir, 'validation')).slice(0, 30),
].map((f) => readFileSync(f, 'utf8'));

export const nasties = [
  '\uFEFF',
  '\t',
  '\r\n',
  '{{ .Values.name }}',
  '{{- include "x" . }}',
  '\u0000\u0001\u0002',
  'a: &a [*a, *a]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n',
  'kind: Unknown\napiVersion: example.com/v1\n',
  'spec:\n  podSelector: [1, 2]\n',
  '---\n',
  '- - - -\n',
  ': : :\n',
  '"unterminated',
  'key: "\\u12',
  '? complex\n: key\n',
  '!!binary AAAA\n',
  'ingress: [{}]\n',
];

export const mutation = fc.oneof(
  // Truncate anywhere.
  fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
  // Reorder documents.
  fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([s, n]) => {
    const docs = s.split(/^---$/m);
    return [...docs.slice(n % docs.length), ...docs.slice(0, n % docs.length)].join('---');
  }),
  // Insert a nasty fragment somewhere.
  fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom(...nasties)).map(([s, n, x]) => {
    const at = n % (s.length + 1);
    return s.slice(0, at) + x + s.slice(at);
  }),
  // Line endings, tabs and a BOM.
  fc.constantFrom(...seeds).map((s) => `\uFEFF${s.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t')}`),
  // Delete a range.
  fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat())
    .map(([s, a, b]) => s.slice(0, a % (s.length + 1)) + s.slice((a + b) % (s.length + 1))),
  // Random text.
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
