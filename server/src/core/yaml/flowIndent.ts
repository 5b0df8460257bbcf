/**
 * One tolerance, so that manifests read as kubectl reads them: indentation inside flow context.
 *
 * kubectl decodes YAML with sigs.k8s.io/yaml, i.e. go-yaml, a port of libyaml, whose scanner never
 * looks at the indentation of a line inside flow context: `yaml_parser_scan_flow_scalar` consumes the
 * blanks (spaces and tabs) and breaks of a multi-line quoted scalar without an indentation check, and
 * `yaml_parser_unroll_indent` returns at once when `flow_level > 0`, so the lines of a flow collection
 * may start at any column, with a tab too. Only a document marker (`---`, `...` at column 0) or the end
 * of the stream stops them. YAML 1.2, and the `yaml` package with it, require those lines to be indented
 * deeper than the block that holds them, so `yaml` rejects manifests kubectl applies: a CNI config
 * written as a quoted JSON block whose closing `}'` sits at its key's indentation, a flow sequence with
 * a line that starts with a tab (netpol-analyzer's nad_test_12-14, acs-security-demos-added-workloads).
 * `yaml` has no option for it: its lexer ends such a scalar or collection at the under-indented line.
 *
 * So: for each quoted scalar or flow collection that `yaml`'s lexer cut short although it is closed
 * further on (where go-yaml's scanner closes it), the lines it spans get enough leading spaces, and
 * the text is read again. The leading white space of those lines is no content (folded away in a
 * scalar, separation in a collection), so no value changes; offsets are mapped back to the original
 * text. A scalar or collection that is never closed, or that a document marker interrupts, is left
 * alone and stays an error, as in Go.
 */
import { Parser } from 'yaml';

/** A text with spaces inserted at line starts, and the way back to the original's offsets. */
export interface Reindented {
  readonly text: string;
  /** The original offset of an offset of `text` (inserted spaces map to their line start). */
  readonly toOriginal: (offset: number) => number;
}

interface Insertion {
  /** Offset in the original text (a line start). */
  readonly at: number;
  count: number;
}

/** At most this many constructs are re-indented in one text (each costs a lexer pass). */
const maxRepairs = 200;

/**
 * The text re-indented where go-yaml ignores indentation and `yaml` does not, or undefined when
 * nothing there is cut short for that reason.
 */
export function reindentFlowContext(original: string): Reindented | undefined {
  const insertions: Insertion[] = [];
  let text = original;
  let lastStart = -1;
  for (let n = 0; n < maxRepairs; n++) {
    const cut = firstCutShort(text);
    if (!cut) break;
    const start = toOriginal(insertions, cut.start);
    // Each round must move on: the same construct cut short again means padding did not help.
    if (start <= lastStart) return undefined;
    lastStart = start;
    const pads = padLines(text, cut.start, cut.end);
    if (pads.length === 0) return undefined;
    const at = pads.map((p) => ({ at: toOriginal(insertions, p.at), count: p.count }));
    for (const p of at) addInsertion(insertions, p.at, p.count);
    text = applyInsertions(original, insertions);
  }
  if (insertions.length === 0 || firstCutShort(text)) return undefined;
  return { text, toOriginal: (offset) => toOriginal(insertions, offset) };
}

/** The first quoted scalar or flow collection the `yaml` lexer ended before go-yaml would. */
function firstCutShort(text: string): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  const consider = (start: number, end: number): void => {
    if (!found || start < found.start) found = { start, end };
  };
  const visit = (token: unknown): void => {
    if (Array.isArray(token)) {
      for (const t of token) visit(t);
      return;
    }
    if (typeof token !== 'object' || token === null) return;
    const t = token as { type?: string; offset?: number; source?: string; start?: { offset: number; source: string }; end?: unknown };
    if ((t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar') && t.offset !== undefined && t.source !== undefined) {
      const close = closingQuote(text, t.offset);
      if (close >= 0 && t.offset + t.source.length <= close) consider(t.offset, close);
    }
    if (t.type === 'flow-collection' && t.start) {
      const close = matchingBracket(text, t.start.offset);
      const ends = Array.isArray(t.end) ? (t.end as { offset: number }[]) : [];
      if (close >= 0 && !ends.some((e) => e.offset === close)) consider(t.start.offset, close);
    }
    for (const v of Object.values(t)) if (typeof v === 'object' && v !== null) visit(v);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}

/** Where go-yaml closes the quoted scalar opening at `start`; -1 when it is not closed or a document marker interrupts it. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' && documentMarkerAt(text, i + 1)) return -1;
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * Where go-yaml closes the flow collection opening at `start` (`[` or `{`): the matching bracket, past
 * nested collections, quoted scalars and comments; -1 when it is not closed, the brackets do not pair
 * or a document marker interrupts it.
 */
function matchingBracket(text: string, start: number): number {
  const open: string[] = [];
  // At the start of a node a quote opens a quoted scalar; inside a plain scalar it is a character.
  let nodeStart = true;
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      if (documentMarkerAt(text, i + 1)) return -1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '[' || c === '{') {
      open.push(c === '[' ? ']' : '}');
      nodeStart = true;
    } else if (c === ']' || c === '}') {
      if (open.pop() !== c) return -1;
      if (open.length === 0) return i;
      nodeStart = false;
    } else if (c === ',') nodeStart = true;
    else if ((c === "'" || c === '"') && nodeStart) {
      const close = closingQuote(text, i);
      if (close < 0) return -1;
      i = close;
      nodeStart = false;
    } else if (c === ':' && /[\s,[\]{}]/.test(text[i + 1] ?? ' ')) nodeStart = true;
    else if (c === '?' && /\s/.test(text[i + 1] ?? ' ')) nodeStart = true;
    else nodeStart = false;
  }
  return -1;
}

function documentMarkerAt(text: string, lineStart: number): boolean {
  const three = text.slice(lineStart, lineStart + 3);
  return (three === '---' || three === '...') && /^[\s]?$/.test(text[lineStart + 3] ?? '');
}

/**
 * Spaces to put before the lines after the one where the construct opens, up to the one where it
 * closes, so that each is indented deeper than the construct's own column (and so deeper than any
 * block that holds it). Blank lines need none.
 */
function padLines(text: string, start: number, end: number): { at: number; count: number }[] {
  const target = start - (text.lastIndexOf('\n', start - 1) + 1) + 1;
  const out: { at: number; count: number }[] = [];
  for (let nl = text.indexOf('\n', start); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const indent = line.length - line.replace(/^ +/, '').length;
    if (/\S/.test(line) && indent < target) out.push({ at: lineStart, count: target - indent });
  }
  return out;
}

function addInsertion(insertions: Insertion[], at: number, count: number): void {
  const same = insertions.find((x) => x.at === at);
  if (same) same.count += count;
  else {
    insertions.push({ at, count });
    insertions.sort((a, b) => a.at - b.at);
  }
}

function applyInsertions(original: string, insertions: readonly Insertion[]): string {
  let out = '';
  let from = 0;
  for (const ins of insertions) {
    out += original.slice(from, ins.at) + ' '.repeat(ins.count);
    from = ins.at;
  }
  return out + original.slice(from);
}

function toOriginal(insertions: readonly Insertion[], offset: number): number {
  let shift = 0;
  for (const ins of insertions) {
    const at = ins.at + shift;
    if (offset < at) break;
    if (offset < at + ins.count) return ins.at;
    shift += ins.count;
  }
  return offset - shift;
}
