// The fast reader (js-yaml) against `yaml`: whenever the fast reader takes a text, `yaml` reads it
// without an error and both give the same trees with the same spans. On every manifest of the
// project and of the conformance oracles, on random workspaces in block and flow style, and on mutated fixtures and random text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fastParseDocuments } from '../../server/src/core/yaml/fastParse';
import { parseWithYaml } from '../../server/src/core/yaml/parseDocuments';
import type { YamlDocument } from '../../server/src/core/yaml/parseDocuments';
import { mutation } from '../support/mutations';
import { renderWorkspace, workspaceArb } from '../support/workspaceArbitraries';
import { oracleDir, oracleFound } from '../support/oracle';
import { fixturesDir, manifestFiles, repoRoot } from '../support/workspace';

const scale = Math.max(1, Number(process.env.NETPOL_PROPERTY_SCALE ?? '1') || 1);

/** The documents with content (`yaml` and js-yaml count empty documents differently; both hold nothing). */
function contents(docs: readonly YamlDocument[]): unknown[] {
  return docs.map((d) => d.contents).filter((c) => c !== undefined && !(c.kind === 'scalar' && c.value === null));
}

/** Whether the fast reader took the text; when it did, it must agree with `yaml`. */
function agrees(text: string): boolean {
  const fast = fastParseDocuments(text);
  if (!fast) return false;
  const slow = parseWithYaml(text);
  assert.deepEqual(
    slow.flatMap((d) => d.errors.map((e) => e.message)),
    [],
    `the fast reader took a text yaml rejects: ${JSON.stringify(text.slice(0, 300))}`,
  );
  assert.deepEqual(contents(fast), contents(slow), `trees differ for ${JSON.stringify(text.slice(0, 300))}`);
  return true;
}

describe('fast YAML reader = yaml', () => {
  test('every manifest of the project: the fast reader takes nearly all and agrees on each', () => {
    const files = [...manifestFiles(join(repoRoot, 'examples')), ...manifestFiles(fixturesDir)];
    const taken = files.filter((f) => agrees(readFileSync(f, 'utf8'))).length;
    // The rest hold errors, anchors, tags, merge keys, tabs or a BOM on purpose.
    assert.ok(taken / files.length > 0.9, `${taken} of ${files.length} taken`);
  });

  test('every manifest the conformance group reads from ../shared/oracle', { skip: !oracleFound() && 'no oracle' }, () => {
    const dirs = ['k8s-e2e/cases', 'netpol-analyzer/cases', 'real-world/netpol-analyzer-extra/cases'];
    const files = dirs.flatMap((d) => manifestFiles(join(oracleDir, d))).filter((f) => !f.endsWith('expected.json'));
    const taken = files.filter((f) => agrees(readFileSync(f, 'utf8'))).length;
    assert.ok(taken / files.length > 0.9, `${taken} of ${files.length} taken`);
  });

  test('random workspaces, block and flow style', () => {
    let taken = 0;
    fc.assert(
      fc.property(workspaceArb(), (g) => {
        for (const text of Object.values(renderWorkspace(g))) if (agrees(text)) taken++;
      }),
      { numRuns: 300 * scale },
    );
    assert.ok(taken > 0);
  });

  test('mutated fixtures and random text', () => {
    let taken = 0;
    fc.assert(
      fc.property(mutation, (text) => {
        if (agrees(text)) taken++;
      }),
      { numRuns: 5000 * scale, seed: 20261125 },
    );
    assert.ok(taken > 100, `${taken} taken`);
  });

  test('scalars as kubectl reads them: quoted, YAML 1.1 booleans, nulls, block scalars; odd number spellings left to yaml', () => {
    const taken = [
      'a: "80"',
      "b: '08'",
      'g: yes',
      'h: Off',
      'i: ~',
      'j: null',
      'k: true',
      'm: -5',
      'r: 0.5',
      's: "a # b"',
      't: a # b',
      'u: |\n  x\n  y\n',
      'v: >-\n  x\n  y\n',
      'w: "multi\n  line"',
      'x: plain\n  continued',
      'y: [a, "b", 1, {z: 2}]',
      'z: {}',
      'cidr: 10.0.0.0/8',
      'l: 2024-01-01',
    ];
    for (const l of taken) assert.ok(agrees(`${l}\n`), l);
    assert.ok(agrees(`${taken.join('\n')}\n`));
    const odd = ['c: 080', 'd: 0x1F', 'e: 1e3', 'f: .inf', 'n: +7', 'o: 1_000', 'p: 0o17', 'q: 012', 'r: .5', 'z: -0', 'z: -0.0'];
    for (const l of odd) assert.equal(fastParseDocuments(`${l}\n`), undefined, l);
  });

  test('lines inside flow context at any indentation, with tabs (as go-yaml reads them): yaml reads them too, and agrees', () => {
    const lead = fc.constantFrom('', ' ', '  ', '\t', ' \t', '      ');
    const word = fc.constantFrom('a', 'b c', '"q"', "'s'", '80', 'x:y');
    const arb = fc.record({ l1: lead, l2: lead, l3: lead, w1: word, w2: word, crlf: fc.boolean() }).map((g) => {
      const text = [
        'spec:',
        `  note: 'one`,
        `${g.l1}two'`,
        `  list: [${g.w1},`,
        `${g.l2}${g.w2},`,
        `${g.l3}]`,
        `  map: {k: "v`,
        `${g.l1}w", n: [1,`,
        `${g.l2}2]}`,
        '  last: z',
        '',
      ].join('\n');
      return g.crlf ? text.replace(/\n/g, '\r\n') : text;
    });
    fc.assert(
      fc.property(arb, (text) => {
        const slow = parseWithYaml(text);
        assert.deepEqual(
          slow.flatMap((d) => d.errors.map((e) => e.message)),
          [],
          JSON.stringify(text),
        );
        agrees(text);
      }),
      { numRuns: 300 * scale },
    );
  });
});
