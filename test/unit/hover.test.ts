// Hovers at offsets of examples/aks-demo: what a selector, a peer, a rule and a policy name say.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultEngine, hoverAt } from '../../server/src/core/index';
import { loadWorkspace, repoRoot } from '../support/workspace';

const file = 'examples/aks-demo/AllowWebToDBPolicy.yaml';
const text = readFileSync(join(repoRoot, file), 'utf8');
const ws = loadWorkspace(join(repoRoot, 'examples', 'aks-demo'));

function hoverOn(needle: string, delta = 1): string | undefined {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return hoverAt(ws, file, offset + delta, { engine: defaultEngine, link: (l) => `file:///${l.file}` })?.contents;
}

test('spec.podSelector lists the workloads it selects, with links', () => {
  const h = hoverOn('app: db');
  assert.match(h ?? '', /selects \*\*1 workload\*\*/);
  assert.match(h ?? '', /\[`default\/db\[Pod\]`\]\(file:\/\/\/examples\/aks-demo\/pods\.yaml\)/);
  assert.match(h ?? '', /API server rejects this policy/);
});

test('a peer lists the workloads it matches', () => {
  const h = hoverOn('app: web');
  assert.match(h ?? '', /pods with app=web in namespace "default": \*\*1 workload\*\*/);
  assert.match(h ?? '', /default\/web\[Pod\]/);
  assert.doesNotMatch(h ?? '', /default\/db/);
});

test('the policy name says what it isolates', () => {
  assert.match(hoverOn('AllowWebToDBPolicy\n') ?? '', /isolates ingress of 1 workload/);
});

test('a rule is described in one sentence', () => {
  const h = hoverOn('from:', 0);
  assert.match(h ?? '', /\*\*ingress\[0\]\*\* allows ingress from pods with app=web in namespace "default" on every port and protocol/);
});

test('no hover outside a NetworkPolicy', () => {
  assert.equal(hoverAt(ws, 'examples/aks-demo/pods.yaml', 10, { engine: defaultEngine }), undefined);
});
