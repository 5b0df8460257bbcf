// Lint rules: each test/fixtures/rules/<rule-id>/<case>.yaml gives that rule's findings (and their
// quick fixes, with the text each fix produces), compared with <case>.expected.txt beside it. A
// `# engine: ID` line runs the fixture under that engine profile (generic otherwise); engine-aware
// rules must report nothing under generic.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { allRules, checkWorkspace, defaultEngine, findEngine, LineIndex } from '../../server/src/core/index';
import type { Finding, Fix } from '../../server/src/core/index';
import { expectText, formatFinding, listFixtures, orphanExpectations, testOptions } from '../support/expect';
import type { Fixture } from '../support/expect';
import { fixturesDir, workspaceFromText } from '../support/workspace';

test('every rule has fixtures, and every fixture folder a rule', () => {
  const dirs = readdirSync(join(fixturesDir, 'rules')).sort();
  assert.deepEqual(dirs, allRules.map((r) => r.id).sort());
});

for (const rule of allRules) {
  const folder = join('rules', rule.id);
  if (!existsSync(join(fixturesDir, folder))) continue;
  describe(rule.id, () => {
    for (const fx of listFixtures(folder)) test(fx.name, testOptions(fx), () => expectText(fx, render(rule.id, fx)));
    test('every expectation has its fixture', () => assert.deepEqual(orphanExpectations(folder), []));
  });
}

/** The date engine-retired compares with, so that expectations do not change with the clock. */
const today = '2026-11-25';

const engineRules = allRules.filter((r) => r.id.startsWith('engine-')).map((r) => r.id);

test('engine-aware rules report nothing under generic, on any rule fixture', () => {
  const hits: string[] = [];
  for (const rule of allRules) {
    for (const fx of listFixtures(join('rules', rule.id))) {
      const ws = workspaceFromText({ [fx.name]: fx.text });
      for (const f of checkWorkspace(ws, { engine: defaultEngine, today }))
        if (engineRules.includes(f.code)) hits.push(`${rule.id}/${fx.name}: ${f.message}`);
    }
  }
  assert.ok(engineRules.length >= 8);
  assert.deepEqual(hits, []);
});

/** The rule's findings in the fixture (alone in its workspace), each with its fixes applied. */
function render(ruleId: string, fx: Fixture): string {
  const ws = workspaceFromText({ [fx.name]: fx.text });
  const index = new LineIndex(fx.text);
  const engineId = fx.directives.find((d) => d.key === 'engine')?.value ?? 'generic';
  const engine = findEngine(engineId);
  assert.ok(engine, `# engine: ${engineId} is not a registered engine`);
  const findings = checkWorkspace(ws, { engine, today }).filter((f) => f.code === ruleId);
  if (findings.length === 0) return 'no findings';
  return findings.map((f) => [formatFinding(index, f), ...(f.fixes ?? []).map((x) => renderFix(fx.text, f, x))].join('\n')).join('\n');
}

function renderFix(text: string, f: Finding, fix: Fix): string {
  const edits = fix.edits.filter((e) => e.file === f.file).sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  const changed = diffLines(text, out);
  return `  fix${fix.safe ? ' (safe)' : ''}${fix.preferred ? ' (preferred)' : ''}: ${fix.title}\n${changed.map((l) => `    ${l}`).join('\n')}`;
}

/** The lines that differ, as `-old` / `+new` (a compact view of what a fix does). */
function diffLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length - 1;
  let endY = y.length - 1;
  while (endX >= start && endY >= start && x[endX] === y[endY]) {
    endX--;
    endY--;
  }
  return [...x.slice(start, endX + 1).map((l) => `-${l}`), ...y.slice(start, endY + 1).map((l) => `+${l}`)];
}

test('engine-retired is reported once per workspace, on the first file by path, saying how many files it concerns', () => {
  const policy = (name: string): string =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: default}\nspec: {podSelector: {}}\n`;
  const ws = workspaceFromText({
    'c.yaml': policy('c'),
    'a.yaml': policy('a'),
    'b.yaml': policy('b'),
    'pods.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
  });
  const engine = findEngine('azure-npm-linux');
  assert.ok(engine);
  const retired = checkWorkspace(ws, { engine, today }).filter((f) => f.code === 'engine-retired');
  assert.deepEqual(
    retired.map((f) => f.file),
    ['a.yaml'],
  );
  assert.match(retired[0]?.message ?? '', /ends on 2028-09-30 .*it concerns all 3 files with NetworkPolicies/);
  // A check scoped to another file does not repeat it there.
  assert.deepEqual(
    checkWorkspace(ws, { engine, today, files: new Set(['b.yaml']) }).filter((f) => f.code === 'engine-retired'),
    [],
  );
});
