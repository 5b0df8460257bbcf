// The contributed snippets: generated from the core's policySnippets, and each one, expanded as a
// user tabbing through it would, is a policy that `netpol-lens check` accepts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkWorkspace, defaultEngine, expandSnippet, policySnippets } from '../../server/src/core/index';
import { renderSnippets, snippetsFile } from '../../scripts/snippets';
import { workspaceFromText } from '../support/workspace';

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('snippets/networkpolicy.code-snippets', () => {
  test('the committed file is what `npm run snippets` generates', () => {
    assert.equal(readFileSync(snippetsFile, 'utf8'), renderSnippets(), 'run `npm run snippets` and commit the result');
  });

  test('every snippet is a yaml snippet with a netpol- prefix, a unique prefix and a description', () => {
    const file = JSON.parse(readFileSync(snippetsFile, 'utf8')) as Record<string, { scope: string; prefix: string; description: string }>;
    const entries = Object.values(file);
    assert.equal(entries.length, policySnippets.length);
    assert.equal(new Set(entries.map((e) => e.prefix)).size, entries.length);
    for (const e of entries) {
      assert.equal(e.scope, 'yaml');
      assert.match(e.prefix, /^netpol-[a-z-]+$/);
      assert.ok(e.description.length > 10);
    }
  });

  test('the snippets of issue 4 are all there', () => {
    const prefixes = policySnippets.map((s) => s.prefix);
    for (const p of [
      'netpol-deny-all-ingress',
      'netpol-deny-all-egress',
      'netpol-deny-all',
      'netpol-allow-dns',
      'netpol-allow-same-namespace',
      'netpol-allow-from-namespace',
      'netpol-allow-app-to-app',
      'netpol-allow-egress-cidr',
    ]) {
      assert.ok(prefixes.includes(p), p);
    }
  });

  for (const snippet of policySnippets) {
    test(`${snippet.prefix}: expanded, it passes check without errors and has a DNS-1123 name`, () => {
      const text = expandSnippet(snippet);
      assert.doesNotMatch(text, /\$\{?\d/, 'no tab stop left');
      const name = /^ {2}name: (.*)$/m.exec(text)?.[1] ?? '';
      assert.match(name, dns1123Subdomain);
      assert.ok(name.length <= 253);
      const ws = workspaceFromText({ 'snippet.yaml': text });
      assert.equal(ws.model.policies.length, 1, 'one NetworkPolicy');
      const errors = checkWorkspace(ws, { engine: defaultEngine }).filter((f) => f.severity === 'error');
      assert.deepEqual(
        errors.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    });
  }
});
