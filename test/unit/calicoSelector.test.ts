// Calico's selector language: parsing (precedence and located errors per tigera/docs
// _selectors.mdx), matching, keys, and two fast-check properties: print(parse(x)) parses to the same
// tree, and the matcher agrees with a naive interpretation of randomly generated expressions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { calicoSelectorKeys, matchesCalico, parseCalicoSelector, printCalicoSelector } from '../../server/src/core/index';
import type { CalicoExpr } from '../../server/src/core/index';

function parse(text: string): CalicoExpr {
  const r = parseCalicoSelector(text);
  if (!r.ok) assert.fail(`"${text}": ${r.error.message}`);
  return r.expr;
}

function labels(obj: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(obj));
}

/** The error's message and the text it points at. */
function error(text: string): string {
  const r = parseCalicoSelector(text);
  assert.ok(!r.ok, `"${text}" should not parse`);
  return `${r.error.message} @ "${text.slice(r.error.range.start, r.error.range.end)}"`;
}

describe('calico selector: parsing', () => {
  test('every match operator of the docs', () => {
    const cases: [string, string][] = [
      ['all()', 'all()'],
      ['global()', 'global()'],
      ["k == 'v'", "k == 'v'"],
      ['k=="v"', "k == 'v'"],
      ["k != 'v'", "k != 'v'"],
      ['has(k)', 'has(k)'],
      ["k in { 'v1', 'v2' }", "k in {'v1', 'v2'}"],
      ["k not in {'v1'}", "k not in {'v1'}"],
      ['k in {}', 'k in {}'],
      ["k contains 's'", "k contains 's'"],
      ["k starts with 's'", "k starts with 's'"],
      ["k ends with 's'", "k ends with 's'"],
      ["app.kubernetes.io/name == 'web'", "app.kubernetes.io/name == 'web'"],
      ['k == "it\'s"', `k == "it's"`],
      ['', 'all()'],
      ['   ', 'all()'],
    ];
    for (const [text, printed] of cases) assert.equal(printCalicoSelector(parse(text)), printed, text);
  });

  test('precedence: match > parentheses > ! > && > || (the docs example)', () => {
    const e = parse("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}");
    assert.equal(e.op, 'or');
    assert.equal(printCalicoSelector(e), "!has(my-label) || my-label starts with 'prod' && role in {'frontend', 'business'}");
    if (e.op !== 'or') return;
    assert.equal(e.left.op, 'not');
    assert.equal(e.right.op, 'and');
    assert.equal(printCalicoSelector(parse("!(a == 'x' || b == 'y')")), "!(a == 'x' || b == 'y')");
    assert.equal(parse("(a == 'x' || b == 'y') && c == 'z'").op, 'and');
    assert.equal(printCalicoSelector(parse('has(a) && (has(b) && has(c))')), 'has(a) && (has(b) && has(c))');
  });

  test('ranges point into the selector text', () => {
    const text = "app == 'web' && !has(debug)";
    const e = parse(text);
    assert.deepEqual(e.range, { start: 0, end: text.length });
    if (e.op !== 'and') assert.fail('and expected');
    assert.equal(text.slice(e.left.range.start, e.left.range.end), "app == 'web'");
    assert.equal(text.slice(e.right.range.start, e.right.range.end), '!has(debug)');
  });

  test('located errors', () => {
    assert.equal(error("app = 'web'"), '"=" is not an operator: write "==" @ "="');
    assert.equal(error("app == 'web"), 'unterminated string: no closing \' @ "\'web"');
    assert.equal(error('app == web'), 'expected a quoted string (\'…\' or "…"), found "web" @ "web"');
    assert.equal(error("app == 'a' & b == 'c'"), '"&" is not an operator: write "&&" @ "&"');
    assert.equal(error("app == 'a' and b == 'c'"), 'expected "&&", "||" or the end of the selector, found "and" @ "and"');
    assert.equal(error('has(app'), 'expected ")", found the end of the selector @ "p"');
    assert.equal(error("(app == 'a'"), 'expected ")", found the end of the selector @ "\'"');
    assert.equal(error("app in {'a' 'b'}"), 'expected "," or "}", found the string \'b\' @ "\'b\'"');
    assert.equal(
      error('app'),
      'expected an operator after label key "app" (==, !=, in, not in, contains, starts with, ends with), found the end of the selector @ "p"',
    );
    assert.equal(error('foo()'), 'expected a known function (all(), global() or has()), not "foo(…)", found "foo" @ "foo"');
    assert.equal(
      error("app == 'a' ||"),
      'expected a label key, "!", "(", "all()", "global()" or "has(…)", found the end of the selector @ "|"',
    );
    assert.equal(error("app == 'a' # x"), 'unexpected character "#" @ "#"');
    assert.equal(error("app == 'a')"), 'expected "&&", "||" or the end of the selector, found ")" @ ")"');
  });

  test('deep nesting is an error, not a stack overflow', () => {
    const r = parseCalicoSelector('!'.repeat(100000) + 'all()');
    assert.ok(!r.ok);
    assert.match(r.error.message, /nested too deeply/);
  });
});

describe('calico selector: matching', () => {
  const pod = labels({ app: 'web', tier: 'frontend', 'my-label': 'production' });
  const cases: [string, boolean][] = [
    ['all()', true],
    ['!all()', false],
    ['global()', false],
    ["app == 'web'", true],
    ["app == 'db'", false],
    ["app != 'db'", true],
    ["missing != 'x'", true],
    ['has(app)', true],
    ['!has(missing)', true],
    ["tier in {'frontend', 'backend'}", true],
    ["missing in {'x'}", false],
    ["tier not in {'frontend'}", false],
    ["missing not in {'x'}", true],
    ["my-label contains 'duct'", true],
    ["missing contains ''", false],
    ["my-label starts with 'prod'", true],
    ["my-label ends with 'tion'", true],
    ["my-label ends with 'prod'", false],
    ["app == 'db' || tier == 'frontend'", true],
    ["app == 'web' && tier == 'backend'", false],
    ["!(app == 'web' && tier == 'backend')", true],
  ];
  for (const [text, expected] of cases) test(text, () => assert.equal(matchesCalico(parse(text), pod), expected));

  test('keys: the label keys read, sorted', () => {
    assert.deepEqual(calicoSelectorKeys(parse("b == 'x' || !has(a) && c in {'1'} && all()")), ['a', 'b', 'c']);
    assert.deepEqual(calicoSelectorKeys(parse('all()')), []);
  });
});

// ------------------------------------------------------------------ properties

/** The generator's own tree (not the parser's), interpreted naively below. */
type Gen =
  | { t: 'all' | 'global' }
  | { t: 'has'; k: string }
  | { t: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; k: string; v: string }
  | { t: 'in' | 'not in'; k: string; vs: string[] }
  | { t: '!'; e: Gen }
  | { t: '&&' | '||'; l: Gen; r: Gen };

const keyArb = fc.constantFrom('a', 'b', 'app', 'x.io/tier', 'in', 'has', 'not');
const valueArb = fc.constantFrom('', 'v', 'web', 'w', 'eb', "it's", 'x y');

const genArb: fc.Arbitrary<Gen> = fc.letrec<{ g: Gen }>((tie) => ({
  g: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Gen>({ t: 'all' }, { t: 'global' }),
    keyArb.map((k): Gen => ({ t: 'has', k })),
    fc.record({ t: fc.constantFrom('==', '!=', 'contains', 'starts with', 'ends with'), k: keyArb, v: valueArb }) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constantFrom('in', 'not in'), k: keyArb, vs: fc.array(valueArb, { maxLength: 3 }) }) as fc.Arbitrary<Gen>,
    tie('g').map((e): Gen => ({ t: '!', e })),
    fc.record({ t: fc.constantFrom('&&', '||'), l: tie('g'), r: tie('g') }) as fc.Arbitrary<Gen>,
  ),
})).g;

const q = (s: string): string => (s.includes("'") ? `"${s}"` : `'${s}'`);

/** Fully parenthesised, with random spacing: the parser must not depend on the printer's layout. */
function write(g: Gen, sp: string): string {
  switch (g.t) {
    case 'all':
    case 'global':
      return `${g.t}()`;
    case 'has':
      return `has(${sp}${g.k}${sp})`;
    case 'in':
    case 'not in':
      return `${g.k} ${g.t}${sp}{${g.vs.map(q).join(`${sp},`)}}`;
    case '!':
      return `!${sp}(${write(g.e, sp)})`;
    case '&&':
    case '||':
      return `(${write(g.l, sp)})${sp}${g.t}${sp}(${write(g.r, sp)})`;
    default:
      return `${g.k} ${g.t} ${q(g.v)}`;
  }
}

function naive(g: Gen, l: Map<string, string>): boolean {
  const v = 'k' in g ? l.get(g.k) : undefined;
  switch (g.t) {
    case 'all':
      return true;
    case 'global':
      return false;
    case 'has':
      return v !== undefined;
    case '==':
      return v === g.v;
    case '!=':
      return v !== g.v;
    case 'contains':
      return v !== undefined && v.indexOf(g.v) >= 0;
    case 'starts with':
      return v !== undefined && v.slice(0, g.v.length) === g.v;
    case 'ends with':
      return v !== undefined && v.length >= g.v.length && v.slice(v.length - g.v.length) === g.v;
    case 'in':
      return v !== undefined && g.vs.some((x) => x === v);
    case 'not in':
      return !(v !== undefined && g.vs.some((x) => x === v));
    case '!':
      return !naive(g.e, l);
    case '&&':
      return naive(g.l, l) && naive(g.r, l);
    case '||':
      return naive(g.l, l) || naive(g.r, l);
  }
}

const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 4 }).map((d) => new Map(Object.entries(d)));

describe('calico selector: properties', () => {
  test('print(parse(x)) parses to the same tree', () => {
    fc.assert(
      fc.property(genArb, fc.constantFrom('', ' ', '  '), (g, sp) => {
        const printed = printCalicoSelector(parse(write(g, sp)));
        assert.equal(printCalicoSelector(parse(printed)), printed);
      }),
      { numRuns: 500 },
    );
  });

  test('the matcher agrees with a naive interpretation', () => {
    fc.assert(
      fc.property(genArb, labelsArb, fc.constantFrom('', ' '), (g, l, sp) => {
        const parsed = parse(write(g, sp));
        assert.equal(matchesCalico(parsed, l), naive(g, l));
        assert.equal(matchesCalico(parse(printCalicoSelector(parsed)), l), naive(g, l));
      }),
      { numRuns: 1000 },
    );
  });

  test('no input throws, and error ranges stay inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab =!&|(){},\'"inothas'.split('')), maxLength: 30 }), (s) => {
        const r = parseCalicoSelector(s);
        if (!r.ok) assert.ok(r.error.range.start >= 0 && r.error.range.end <= s.length && r.error.range.start <= r.error.range.end);
      }),
      { numRuns: 2000 },
    );
  });
});
