/**
 * Fixture-driven tests (STYLE.md §3.5): a runner lists the fixtures of one folder, renders each as
 * stable text and compares it with `<case>.expected.txt` beside it. `UPDATE_EXPECT=1` rewrites the
 * expectations instead of comparing, except for fixtures marked `# todo:` (their expectation is
 * written by hand and states the correct behaviour the core does not have yet).
 *
 * A fixture starts with a header of `#` comment lines: `# purpose: …` (required), `# todo: …`
 * (optional; the test is then a node:test `todo`), and runner-specific directives such as
 * `# options: {json}` or `# explain: a -> b`. JSON fixtures, which cannot hold comments, carry the
 * same lines as a string array in a top-level `"//"` property.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Labels, LineIndex, Span } from '../../server/src/core/index';
import { fixturesDir } from './workspace';

export const updateExpect = process.env['UPDATE_EXPECT'] === '1';
const expectedSuffix = '.expected.txt';
const manifestExt = /\.(ya?ml|json)$/;

export interface Fixture {
  /** File name inside its folder, e.g. `multi-document.yaml`; also the file name given to the core. */
  readonly name: string;
  readonly path: string;
  readonly expectedPath: string;
  readonly text: string;
  readonly purpose: string;
  readonly todo?: string;
  /** Header lines `# key: value` other than purpose and todo, in order (e.g. `explain`, `options`). */
  readonly directives: readonly { readonly key: string; readonly value: string }[];
}

/** The fixtures of `test/fixtures/<folder>/`, sorted by name. */
export function listFixtures(folder: string): Fixture[] {
  const dir = join(fixturesDir, folder);
  return readdirSync(dir)
    .filter((f) => manifestExt.test(f))
    .sort()
    .map((name) => readFixture(dir, name));
}

/** Expectation files whose fixture is gone (a renamed or deleted case). */
export function orphanExpectations(folder: string): string[] {
  const dir = join(fixturesDir, folder);
  const files = new Set(readdirSync(dir));
  return [...files]
    .filter((f) => f.endsWith(expectedSuffix))
    .filter((f) => !['.yaml', '.yml', '.json'].some((ext) => files.has(f.slice(0, -expectedSuffix.length) + ext)))
    .sort();
}

function readFixture(dir: string, name: string): Fixture {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  const lines = name.endsWith('.json') ? jsonHeader(text) : yamlHeader(text);
  const directives: { key: string; value: string }[] = [];
  let purpose = '';
  let todo: string | undefined;
  for (const line of lines) {
    const m = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key = '', value = ''] = m;
    if (key === 'purpose') purpose = value;
    else if (key === 'todo') todo = value;
    else directives.push({ key, value });
  }
  const expectedPath = join(dir, name.replace(manifestExt, '') + expectedSuffix);
  return { name, path, expectedPath, text, purpose, ...(todo !== undefined ? { todo } : {}), directives };
}

function yamlHeader(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    out.push(line.replace(/^#\s?/, ''));
  }
  return out;
}

function jsonHeader(text: string): string[] {
  try {
    const header = (JSON.parse(text) as Record<string, unknown>)['//'];
    return Array.isArray(header) ? header.map(String) : typeof header === 'string' ? [header] : [];
  } catch {
    return [];
  }
}

/** node:test options for a fixture: a `todo` one is run but cannot fail the suite. */
export function testOptions(fx: Fixture): { todo?: string } {
  return fx.todo !== undefined ? { todo: fx.todo } : {};
}

/** The one comparison every runner ends with. */
export function expectText(fx: Fixture, actual: string): void {
  assert.ok(fx.purpose, `${fx.name}: a fixture starts with a "# purpose:" line`);
  const text = actual.endsWith('\n') ? actual : `${actual}\n`;
  if (updateExpect && fx.todo === undefined) {
    writeFileSync(fx.expectedPath, text);
    return;
  }
  assert.ok(existsSync(fx.expectedPath), `${fx.name}: no expectation file; run with UPDATE_EXPECT=1 to write it`);
  assert.equal(text, readFileSync(fx.expectedPath, 'utf8'), `${fx.name}: output differs from ${fx.expectedPath}`);
}

/** `L:C-L:C`, 1-based, the end column being that of the first character after the span. */
export function formatSpan(index: LineIndex, span: Span): string {
  const s = index.positionAt(span.start);
  const e = index.positionAt(span.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
}

/** `L:C-L:C severity code message`, one finding a line. */
export function formatFinding(index: LineIndex, f: Finding): string {
  return `${formatSpan(index, f.span)} ${f.severity} ${f.code} ${f.message}`;
}

/** `a=1, b=2` with keys sorted, `(none)` for no labels. */
export function formatLabels(labels: Labels): string {
  const keys = [...labels.keys()].sort();
  return keys.length ? keys.map((k) => `${k}=${labels.get(k) ?? ''}`).join(', ') : '(none)';
}

/** The value of the first `# key:` directive, parsed as JSON (for `# options:`). */
export function jsonDirective<T>(fx: Fixture, key: string): T | undefined {
  const d = fx.directives.find((x) => x.key === key);
  return d ? (JSON.parse(d.value) as T) : undefined;
}
