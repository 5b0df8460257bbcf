// A check scoped to some files (what the language server asks for its open documents) gives exactly
// the findings an unscoped check gives on those files: on the examples, on the rule fixtures split one
// document per file (so every rule sees its objects across files), and on random workspaces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkWorkspace, defaultEngine } from '../../server/src/core/index';
import type { Finding, Workspace } from '../../server/src/core/index';
import { renderWorkspace, workspaceArb } from '../support/workspaceArbitraries';
import { fixturesDir, loadWorkspace, repoRoot, workspaceFromText } from '../support/workspace';

function view(f: Finding): unknown {
  return {
    code: f.code,
    severity: f.severity,
    file: f.file,
    span: f.span,
    message: f.message,
    related: f.related ?? [],
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, safe: x.safe, preferred: x.preferred, edits: x.edits })),
  };
}

function assertScopedEqualsFull(ws: Workspace, label: string): void {
  const full = checkWorkspace(ws, { engine: defaultEngine });
  for (const file of ws.fileNames()) {
    const scoped = checkWorkspace(ws, { engine: defaultEngine, files: new Set([file]) });
    assert.deepEqual(scoped.map(view), full.filter((f) => f.file === file).map(view), `${label}: ${file}`);
  }
  // Two files at once, as with two open documents.
  const [a, b] = ws.fileNames();
  if (a !== undefined && b !== undefined) {
    const scoped = checkWorkspace(ws, { engine: defaultEngine, files: new Set([a, b]) });
    assert.deepEqual(scoped.map(view), full.filter((f) => f.file === a || f.file === b).map(view), `${label}: ${a} + ${b}`);
  }
}

describe('checkWorkspace scoped to files', () => {
  for (const example of ['aks-demo', 'aks-shop', 'retail-store']) {
    test(`examples/${example}`, () => assertScopedEqualsFull(loadWorkspace(join(repoRoot, 'examples', example)), example));
  }

  test('the rule fixtures, one document per file', () => {
    const dir = join(fixturesDir, 'rules');
    for (const rule of readdirSync(dir)) {
      for (const name of readdirSync(join(dir, rule)).filter((n) => n.endsWith('.yaml'))) {
        const text = readFileSync(join(dir, rule, name), 'utf8');
        const docs = text.split(/^---[ \t]*$/m);
        const files = Object.fromEntries(docs.map((d, i) => [`${rule}/${name}/doc${i}.yaml`, d]));
        assertScopedEqualsFull(workspaceFromText(files), `${rule}/${name}`);
      }
    }
  });

  test('random workspaces', () => {
    fc.assert(
      fc.property(workspaceArb(), (g) => assertScopedEqualsFull(workspaceFromText(renderWorkspace(g)), 'random')),
      { numRuns: 100 },
    );
  });
});
