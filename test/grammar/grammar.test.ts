// The injection grammar (syntaxes/) on top of the YAML grammar VS Code ships (from the
// @codingame/monaco-vscode-yaml-default-extension package): scope assertions in
// test/grammar/*.test.yaml checked with vscode-tmgrammar-test, and a check that the injection
// only adds scopes, never changes how YAML itself is tokenised.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';
import { manifestFiles, repoRoot } from '../support/workspace';

interface GrammarContribution {
  scopeName: string;
  path: string;
  language?: string;
  injectTo?: string[];
}

const yamlExtension = join(repoRoot, 'node_modules', '@codingame', 'monaco-vscode-yaml-default-extension', 'resources');
let work = '';

/** VS Code's YAML grammars and ours, with paths absolute. */
function grammars(withInjection: boolean): GrammarContribution[] {
  const vscode = (
    JSON.parse(readFileSync(join(yamlExtension, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } }
  ).contributes.grammars
    .filter((g) => g.language !== 'dockercompose')
    .map((g) => ({ scopeName: g.scopeName, path: join(yamlExtension, basename(g.path)) }));
  const ours = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } }
  ).contributes.grammars.map((g) => ({ ...g, path: join(repoRoot, g.path) }));
  return withInjection ? [...vscode, ...ours] : vscode;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'netpol-grammar-'));
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('scope assertions of test/grammar/*.test.yaml hold', () => {
  const cases = readdirSync(join(repoRoot, 'test', 'grammar')).filter((f) => f.endsWith('.test.yaml'));
  assert.ok(cases.length >= 3, 'grammar test cases present');
  // vscode-tmgrammar-test reads grammar paths relative to its configuration file.
  const config = join(work, 'package.json');
  const contributes = { grammars: grammars(true).map((g) => ({ ...g, path: relative(work, g.path) })) };
  writeFileSync(config, JSON.stringify({ contributes }));
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js'),
      '--compact',
      '--config',
      config,
      'test/grammar/*.test.yaml',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  for (const c of cases) assert.ok(r.stdout.includes(c), `${c} was run`);
});

describe('the injection leaves YAML alone', () => {
  async function tokenizer(withInjection: boolean): Promise<tm.IGrammar> {
    const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
    const list = grammars(withInjection);
    const registry = new tm.Registry({
      onigLib,
      loadGrammar: (scopeName) => {
        const g = list.find((x) => x.scopeName === scopeName);
        return Promise.resolve(g ? tm.parseRawGrammar(readFileSync(g.path, 'utf8'), g.path) : null);
      },
      getInjections: (scopeName) => list.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
    });
    const grammar = await registry.loadGrammar('source.yaml');
    assert.ok(grammar);
    return grammar;
  }

  /** Per character of each line, YAML's own scopes (ours, `*.netpol.yaml`, left out). */
  function hostScopes(grammar: tm.IGrammar, text: string): string[] {
    const out: string[] = [];
    let stack = tm.INITIAL;
    for (const line of text.split('\n')) {
      const r = grammar.tokenizeLine(line, stack);
      for (const t of r.tokens) {
        const scopes = t.scopes.filter((s) => !s.endsWith('.netpol.yaml')).join(' ');
        for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) out.push(scopes);
      }
      out.push('\n');
      stack = r.ruleStack;
    }
    return out;
  }

  test('on every example manifest and grammar case, each character keeps its YAML scopes; NetworkPolicy keys get ours', async () => {
    const plain = await tokenizer(false);
    const injected = await tokenizer(true);
    const files = [...manifestFiles(join(repoRoot, 'examples')), ...manifestFiles(join(repoRoot, 'test', 'grammar'))].filter((f) =>
      /\.ya?ml$/.test(f),
    );
    assert.ok(files.length >= 10);
    let marked = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const a = hostScopes(plain, text);
      const b = hostScopes(injected, text);
      const firstDiff = a.findIndex((s, i) => s !== b[i]);
      assert.equal(
        firstDiff,
        -1,
        `${relative(repoRoot, f)}: YAML scopes changed at character ${firstDiff}: ${a[firstDiff]} → ${b[firstDiff]}`,
      );
      let stack = tm.INITIAL;
      for (const line of text.split('\n')) {
        const r = injected.tokenizeLine(line, stack);
        marked += r.tokens.filter((t) => t.scopes.includes('support.type.property-name.netpol.yaml')).length;
        stack = r.ruleStack;
      }
    }
    assert.ok(marked > 100, `${marked} NetworkPolicy keys marked`);
  });
});
