/**
 * Calico's selector language (projectcalico.org/v3 `selector`, `namespaceSelector`, `notSelector`):
 * a real parser with located errors, an AST, a printer, a matcher over label maps, and the label
 * keys an expression reads. Grammar and precedence as tigera/docs calico/_includes/content/_selectors.mdx
 * gives them: match operators bind tightest, then parentheses, then `!`, then `&&`, then `||`.
 *
 *   or    := and ( '||' and )*
 *   and   := unary ( '&&' unary )*
 *   unary := '!' unary | '(' or ')' | match
 *   match := 'all()' | 'global()' | 'has(' key ')' | key ( '==' | '!=' | 'contains' | 'starts with' | 'ends with' ) string
 *          | key ( 'in' | 'not in' ) '{' ( string ( ',' string )* )? '}'
 *
 * Strings are written in '' or "" (no escapes). An empty selector is `all()` (Calico's default).
 * Offsets are UTF-16 offsets into the selector text; callers map them into the document.
 */
import type { Labels } from './labelSelector';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export type CalicoStringOp = 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith';

export type CalicoExpr =
  | { readonly op: 'all' | 'global'; readonly range: TextRange }
  | { readonly op: 'has'; readonly key: string; readonly range: TextRange }
  | { readonly op: CalicoStringOp; readonly key: string; readonly value: string; readonly range: TextRange }
  | { readonly op: 'in' | 'notIn'; readonly key: string; readonly values: readonly string[]; readonly range: TextRange }
  | { readonly op: 'not'; readonly expr: CalicoExpr; readonly range: TextRange }
  | { readonly op: 'and' | 'or'; readonly left: CalicoExpr; readonly right: CalicoExpr; readonly range: TextRange };

export interface CalicoSelectorError {
  readonly message: string;
  readonly range: TextRange;
}

export type CalicoParseResult =
  { readonly ok: true; readonly expr: CalicoExpr } | { readonly ok: false; readonly error: CalicoSelectorError };

type TokenKind = 'key' | 'string' | 'op' | 'eof';

interface Token {
  readonly kind: TokenKind;
  /** For strings: the value without quotes; otherwise the text as written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Label keys as Kubernetes writes them (prefix/name); Calico's tokenizer accepts this character set. */
const keyChar = /[A-Za-z0-9_./-]/;
const maxDepth = 200;

class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly range: TextRange,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '==' || two === '!=') {
      out.push({ kind: 'op', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if ('!(){},'.includes(c)) {
      out.push({ kind: 'op', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) throw new SelectorSyntaxError(`unterminated string: no closing ${c}`, { start: i, end: text.length });
      out.push({ kind: 'string', text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (keyChar.test(c)) {
      let j = i;
      while (j < text.length && keyChar.test(text[j] as string)) j++;
      out.push({ kind: 'key', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '&' || c === '|' || c === '=')
      throw new SelectorSyntaxError(`"${c}" is not an operator: write "${c}${c}"`, { start: i, end: i + 1 });
    throw new SelectorSyntaxError(`unexpected character "${c}"`, { start: i, end: i + 1 });
  }
  out.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return out;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly textLength: number,
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.text === text;
  }

  private isWord(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'key' && t.text === text;
  }

  private describe(t: Token): string {
    if (t.kind === 'eof') return 'the end of the selector';
    if (t.kind === 'string') return `the string ${t.text.includes("'") ? `"${t.text}"` : `'${t.text}'`}`;
    return `"${t.text}"`;
  }

  private fail(expected: string, t: Token = this.peek()): never {
    const range = t.kind === 'eof' ? { start: Math.max(0, this.textLength - 1), end: this.textLength } : t;
    throw new SelectorSyntaxError(`expected ${expected}, found ${this.describe(t)}`, { start: range.start, end: range.end });
  }

  parseAll(): CalicoExpr {
    if (this.peek().kind === 'eof') return { op: 'all', range: { start: 0, end: 0 } };
    const e = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail('"&&", "||" or the end of the selector', t);
    return e;
  }

  private parseOr(): CalicoExpr {
    let left = this.parseAnd();
    while (this.isOp('||')) {
      this.next();
      const right = this.parseAnd();
      left = { op: 'or', left, right, range: { start: left.range.start, end: right.range.end } };
    }
    return left;
  }

  private parseAnd(): CalicoExpr {
    let left = this.parseUnary();
    while (this.isOp('&&')) {
      this.next();
      const right = this.parseUnary();
      left = { op: 'and', left, right, range: { start: left.range.start, end: right.range.end } };
    }
    return left;
  }

  private parseUnary(): CalicoExpr {
    if (++this.depth > maxDepth) throw new SelectorSyntaxError('selector nested too deeply', this.peek());
    try {
      const t = this.peek();
      if (this.isOp('!')) {
        this.next();
        const expr = this.parseUnary();
        return { op: 'not', expr, range: { start: t.start, end: expr.range.end } };
      }
      if (this.isOp('(')) {
        this.next();
        const inner = this.parseOr();
        if (!this.isOp(')')) this.fail('")"');
        this.next();
        return inner;
      }
      return this.parseMatch();
    } finally {
      this.depth--;
    }
  }

  private parseMatch(): CalicoExpr {
    const t = this.next();
    if (t.kind !== 'key') this.fail('a label key, "!", "(", "all()", "global()" or "has(…)"', t);
    if ((t.text === 'all' || t.text === 'global') && this.isOp('(')) {
      this.next();
      if (!this.isOp(')')) this.fail('")"');
      const close = this.next();
      return { op: t.text, range: { start: t.start, end: close.end } };
    }
    if (t.text === 'has' && this.isOp('(')) {
      this.next();
      const key = this.next();
      if (key.kind !== 'key') this.fail('a label key', key);
      if (!this.isOp(')')) this.fail('")"');
      const close = this.next();
      return { op: 'has', key: key.text, range: { start: t.start, end: close.end } };
    }
    const key = t.text;
    if (this.isOp('==') || this.isOp('!=')) {
      const op = this.next().text === '==' ? 'eq' : 'ne';
      const v = this.expectString();
      return { op, key, value: v.text, range: { start: t.start, end: v.end } };
    }
    if (this.isWord('contains')) {
      this.next();
      const v = this.expectString();
      return { op: 'contains', key, value: v.text, range: { start: t.start, end: v.end } };
    }
    if ((this.isWord('starts') || this.isWord('ends')) && this.isWord('with', 1)) {
      const op = this.next().text === 'starts' ? 'startsWith' : 'endsWith';
      this.next();
      const v = this.expectString();
      return { op, key, value: v.text, range: { start: t.start, end: v.end } };
    }
    if (this.isWord('in') || (this.isWord('not') && this.isWord('in', 1))) {
      const op = this.next().text === 'in' ? 'in' : 'notIn';
      if (op === 'notIn') this.next();
      const { values, end } = this.parseSet();
      return { op, key, values, range: { start: t.start, end } };
    }
    if (this.isOp('(')) this.fail(`a known function (all(), global() or has()), not "${key}(…)"`, t);
    return this.fail(`an operator after label key "${key}" (==, !=, in, not in, contains, starts with, ends with)`);
  }

  private expectString(): Token {
    const v = this.next();
    if (v.kind !== 'string') this.fail('a quoted string (\'…\' or "…")', v);
    return v;
  }

  private parseSet(): { values: string[]; end: number } {
    if (!this.isOp('{')) this.fail('"{"');
    this.next();
    const values: string[] = [];
    if (this.isOp('}')) return { values, end: this.next().end };
    for (;;) {
      values.push(this.expectString().text);
      if (this.isOp('}')) return { values, end: this.next().end };
      if (!this.isOp(',')) this.fail('"," or "}"');
      this.next();
    }
  }
}

/** Parses a Calico selector; never throws. */
export function parseCalicoSelector(text: string): CalicoParseResult {
  try {
    return { ok: true, expr: new Parser(tokenize(text), text.length).parseAll() };
  } catch (e) {
    if (e instanceof SelectorSyntaxError) return { ok: false, error: { message: e.message, range: e.range } };
    return { ok: false, error: { message: 'invalid selector', range: { start: 0, end: text.length } } };
  }
}

/** Does the expression hold for a resource with these labels? `global()` holds for no namespaced resource. */
export function matchesCalico(expr: CalicoExpr, labels: Labels): boolean {
  switch (expr.op) {
    case 'all':
      return true;
    case 'global':
      return false;
    case 'has':
      return labels.has(expr.key);
    case 'eq':
      return labels.get(expr.key) === expr.value;
    case 'ne':
      return labels.get(expr.key) !== expr.value;
    case 'contains':
      return labels.get(expr.key)?.includes(expr.value) ?? false;
    case 'startsWith':
      return labels.get(expr.key)?.startsWith(expr.value) ?? false;
    case 'endsWith':
      return labels.get(expr.key)?.endsWith(expr.value) ?? false;
    case 'in': {
      const v = labels.get(expr.key);
      return v !== undefined && expr.values.includes(v);
    }
    case 'notIn': {
      const v = labels.get(expr.key);
      return v === undefined || !expr.values.includes(v);
    }
    case 'not':
      return !matchesCalico(expr.expr, labels);
    case 'and':
      return matchesCalico(expr.left, labels) && matchesCalico(expr.right, labels);
    case 'or':
      return matchesCalico(expr.left, labels) || matchesCalico(expr.right, labels);
  }
}

/** The label keys the expression reads (sorted, unique): workloads equal on them are alike to it. */
export function calicoSelectorKeys(expr: CalicoExpr): string[] {
  const keys = new Set<string>();
  const walk = (e: CalicoExpr): void => {
    if (e.op === 'not') walk(e.expr);
    else if (e.op === 'and' || e.op === 'or') {
      walk(e.left);
      walk(e.right);
    } else if ('key' in e) keys.add(e.key);
  };
  walk(expr);
  return [...keys].sort();
}

function quote(s: string): string {
  return s.includes("'") ? `"${s}"` : `'${s}'`;
}

const binaryRank = { or: 1, and: 2 } as const;

/** Canonical text: parsing it gives the same tree (parentheses only where precedence needs them). */
export function printCalicoSelector(expr: CalicoExpr): string {
  switch (expr.op) {
    case 'all':
    case 'global':
      return `${expr.op}()`;
    case 'has':
      return `has(${expr.key})`;
    case 'eq':
      return `${expr.key} == ${quote(expr.value)}`;
    case 'ne':
      return `${expr.key} != ${quote(expr.value)}`;
    case 'contains':
      return `${expr.key} contains ${quote(expr.value)}`;
    case 'startsWith':
      return `${expr.key} starts with ${quote(expr.value)}`;
    case 'endsWith':
      return `${expr.key} ends with ${quote(expr.value)}`;
    case 'in':
    case 'notIn':
      return `${expr.key} ${expr.op === 'in' ? 'in' : 'not in'} {${expr.values.map(quote).join(', ')}}`;
    case 'not': {
      const inner = printCalicoSelector(expr.expr);
      return expr.expr.op === 'and' || expr.expr.op === 'or' ? `!(${inner})` : `!${inner}`;
    }
    case 'and':
    case 'or': {
      const rank = binaryRank[expr.op];
      const side = (e: CalicoExpr, right: boolean): string => {
        const text = printCalicoSelector(e);
        const r = e.op === 'and' || e.op === 'or' ? binaryRank[e.op] : 3;
        // Lower precedence needs parentheses; so does the same operator on the right (the parser groups left).
        return r < rank || (right && r === rank) ? `(${text})` : text;
      };
      return `${side(expr.left, false)} ${expr.op === 'and' ? '&&' : '||'} ${side(expr.right, true)}`;
    }
  }
}
