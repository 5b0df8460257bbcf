// Indentation inside flow context, as Go reads it: kubectl decodes manifests with sigs.k8s.io/yaml
// (go-yaml, a libyaml port), whose scanner does not check the indentation of the continuation lines of
// a multi-line quoted scalar or of a flow collection (a line may even start with a tab there), while
// the `yaml` package follows YAML 1.2 and rejects them. Such texts must read as Go reads them (values,
// and spans in the original text), and what Go rejects too must stay a yaml-syntax error. Also the
// netpol-analyzer files that showed it (read from ../shared/oracle at test time) read without one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fastParseDocuments } from '../../server/src/core/yaml/fastParse';
import { toPlain } from '../../server/src/core/yaml/node';
import type { YNode } from '../../server/src/core/yaml/node';
import { parseWithYaml, parseYamlDocuments } from '../../server/src/core/yaml/parseDocuments';
import { manifestFiles, repoRoot, workspaceFromText } from '../support/workspace';

/** Texts go-yaml reads, with the value it reads them as. */
const accepted: readonly { name: string; text: string; value: unknown }[] = [
  {
    name: "a single-quoted JSON block whose closing `}'` sits at the key's indentation (NetworkAttachmentDefinition config)",
    text: 'spec:\n  config: \'{\n    "type": "macvlan",\n    "ipam": {}\n  }\'\n  other: x\n',
    value: { spec: { config: '{ "type": "macvlan", "ipam": {} }', other: 'x' } },
  },
  {
    name: 'a double-quoted string with escapes and continuation lines at column 0',
    text: 'spec:\n  config: "{\n\\"a\\": 1,\n \\"b\\": \\"x\\ty\\"\n}"\n  other: x\n',
    value: { spec: { config: '{ "a": 1, "b": "x\ty" }', other: 'x' } },
  },
  {
    name: 'a top-level quoted scalar continued at column 0, with an empty line (kept as a line break)',
    text: "note: 'a\n\nb\n  c'\n",
    value: { note: 'a\nb c' },
  },
  {
    name: 'the same with CRLF line ends',
    text: 'spec:\r\n  config: \'{\r\n    "a": 1\r\n  }\'\r\n  other: x\r\n',
    value: { spec: { config: '{ "a": 1 }', other: 'x' } },
  },
  {
    name: 'a flow sequence with a line that starts with a tab (acs-security-demos-added-workloads)',
    text: 'args:\n  [\n    "-jar",\n\t    "-Dlisten=8080",\n    "app.jar",\n  ]\nnext: 1\n',
    value: { args: ['-jar', '-Dlisten=8080', 'app.jar'], next: 1 },
  },
  {
    name: 'a flow sequence continued at column 0, then the block goes on',
    text: 'spec:\n  args: [a,\nb]\n  other: x\n',
    value: { spec: { args: ['a', 'b'], other: 'x' } },
  },
  {
    name: 'a tab between flow items on one line',
    text: 'k: [a,\tb]\n',
    value: { k: ['a', 'b'] },
  },
  {
    name: 'nested: a flow map holding a multi-line quoted scalar and a flow sequence, both continued at column 0',
    text: "k: {a: 'x\ny', b: [1,\n2], c: \"it's\"}\nz: 0\n",
    value: { k: { a: 'x y', b: [1, 2], c: "it's" }, z: 0 },
  },
  {
    name: 'two such constructs in two documents',
    text: "a: 'x\ny'\n---\nb: [1,\n\t2]\n",
    value: [{ a: 'x y' }, { b: [1, 2] }],
  },
];

/** Texts go-yaml rejects too: they stay yaml-syntax errors. */
const rejected: readonly { name: string; text: string }[] = [
  { name: 'a quoted scalar never closed', text: "k: 'abc\nd: e\n" },
  { name: 'a flow sequence never closed', text: 'k: [a,\nb\n' },
  { name: 'a document marker inside a quoted scalar', text: "k: 'a\n---\nb'\n" },
  { name: 'a document marker inside a flow sequence', text: 'k: [a,\n---\nb]\n' },
  { name: 'mismatched brackets', text: 'k: [a,\nb}\n' },
  { name: 'a block mapping under-indented (not flow context)', text: 'a:\n  b: c\n d: e\n' },
];

function values(docs: ReturnType<typeof parseYamlDocuments>): unknown {
  const all = docs.filter((d) => d.contents !== undefined).map((d) => toPlain(d.contents));
  return all.length === 1 ? all[0] : all;
}

/** Every node's span must hold its own text in the original: scalars their source, keys their name. */
function assertSpans(text: string, node: YNode | undefined): void {
  if (!node) return;
  if (node.kind === 'scalar') {
    const src = text.slice(node.span.start, node.span.end);
    if (typeof node.value === 'string' && !node.quoted && !src.includes('\n')) assert.equal(src, node.value);
    if (node.quoted) assert.match(src, /^(['"])[\s\S]*\1$/, `a quoted scalar's span holds its quotes: ${JSON.stringify(src)}`);
    return;
  }
  if (node.kind === 'seq') {
    assert.match(text.slice(node.span.start, node.span.end), /^\[[\s\S]*\]$|^-/);
    for (const i of node.items) assertSpans(text, i);
    return;
  }
  for (const p of node.pairs) {
    assert.equal(text.slice(p.keySpan.start, p.keySpan.end), p.key);
    assertSpans(text, p.value);
  }
}

describe('indentation inside flow context is read as go-yaml reads it', () => {
  for (const c of accepted)
    test(c.name, () => {
      const docs = parseYamlDocuments(c.text);
      assert.deepEqual(
        docs.flatMap((d) => d.errors.map((e) => e.message)),
        [],
      );
      assert.deepEqual(values(docs), c.value);
      for (const d of docs) {
        assertSpans(c.text, d.contents);
        assert.ok(d.span.start >= 0 && d.span.end <= c.text.length);
      }
      // The fast reader either leaves the text to `yaml` or reads the same trees.
      const fast = fastParseDocuments(c.text);
      if (fast)
        assert.deepEqual(
          fast.map((d) => d.contents),
          parseWithYaml(c.text).map((d) => d.contents),
        );
    });
  for (const c of rejected)
    test(`still an error: ${c.name}`, () => {
      const errors = parseYamlDocuments(c.text).flatMap((d) => d.errors);
      assert.ok(
        errors.some((e) => e.code === 'yaml-syntax' && e.severity === 'error'),
        JSON.stringify(errors),
      );
      for (const e of errors) assert.ok(e.span.start >= 0 && e.span.end <= c.text.length);
    });

  test('the spans of a repaired text are those of the original', () => {
    const text = "spec:\n  config: '{\n  }'\n  args: [a,\n\tb]\n  last: z\n";
    const doc = parseYamlDocuments(text)[0];
    const spec = doc?.contents?.kind === 'map' ? doc.contents.pairs[0]?.value : undefined;
    assert.ok(spec?.kind === 'map');
    const at = (key: string): string => {
      const p = spec.pairs.find((x) => x.key === key);
      assert.ok(p);
      return text.slice(p.value.span.start, p.value.span.end);
    };
    assert.equal(at('config'), "'{\n  }'");
    assert.equal(at('args'), '[a,\n\tb]');
    assert.equal(at('last'), 'z');
  });
});

const oracle = join(repoRoot, '..', 'shared', 'oracle');
const oracleFiles = [
  ...['nad_test_12', 'nad_test_13', 'nad_test_14'].map((c) =>
    join(oracle, 'real-world', 'netpol-analyzer-extra', 'cases-out-of-scope', 'multi-network', c, 'manifests'),
  ),
  join(oracle, 'netpol-analyzer-diff', 'cases', 'acs-security-demos__to__acs-security-demos-added-workloads', 'dir2'),
];

test(
  'netpol-analyzer nad_test_12-14 and acs-security-demos-added-workloads read without yaml-syntax',
  { skip: !existsSync(oracle) && '../shared/oracle not found' },
  () => {
    let files = 0;
    for (const dir of oracleFiles) {
      for (const f of manifestFiles(dir)) {
        files++;
        const ws = workspaceFromText({ [f]: readFileSync(f, 'utf8') });
        const syntax = ws.fileFindings().filter((x) => x.code === 'yaml-syntax');
        assert.deepEqual(syntax, [], f);
      }
    }
    assert.ok(files >= 15, `${files} files`);
  },
);
