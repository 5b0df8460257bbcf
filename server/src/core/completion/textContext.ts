/**
 * Where the cursor is in a YAML document that is being typed (often not valid YAML yet): the parent
 * keys found by indentation, and whether a key or a key's value is being written. Text-based on
 * purpose: the parser cannot tell where `|` belongs in `matchLabels:\n  |`.
 */
export interface CursorContext {
  /** Parent keys from the top of the document, list items left out (`spec`, `ingress`, `from`, …). */
  readonly path: readonly string[];
  /** Writing the value of this key (`key: |`). */
  readonly valueKey?: string;
  /** The cursor's line is a list item (`- |`). */
  readonly inListItem: boolean;
  /** The word typed so far, and where it starts (completions replace it). */
  readonly prefix: string;
  readonly wordStart: number;
  /** `key: value` pairs already written beside the cursor, in the same map. */
  readonly siblings: ReadonlyMap<string, string>;
  /** The same for the map that holds the innermost parent key (e.g. `key:` beside `values:`). */
  readonly parentSiblings: ReadonlyMap<string, string>;
}

interface LineInfo {
  /** Spaces before the first character (a `-` or a key). */
  readonly indent: number;
  /** Column of the key after any `- ` markers; -1 for a blank or comment line. */
  readonly keyCol: number;
  readonly dash: boolean;
  readonly key?: string;
  /** What follows `key:` on the line, comment removed. */
  readonly value?: string;
}

const lineRe = /^(\s*)((?:-\s+)*)([^]*)$/;
const keyValueRe = /^("[^"]*"|'[^']*'|[^\s#"'][^:#]*?):(?:\s+(.*))?$/;

function info(text: string): LineInfo {
  const m = lineRe.exec(text) as RegExpExecArray;
  const indent = (m[1] ?? '').length;
  const dashes = m[2] ?? '';
  const rest = (m[3] ?? '').replace(/\s+#.*$/, '');
  if (rest === '' && dashes === '') return { indent, keyCol: -1, dash: false };
  if (rest.startsWith('#')) return { indent, keyCol: -1, dash: false };
  const kv = keyValueRe.exec(rest);
  const base = { indent, keyCol: indent + dashes.length, dash: dashes.length > 0 };
  if (!kv) return base;
  return { ...base, key: (kv[1] ?? '').replace(/^["']|["']$/g, ''), value: (kv[2] ?? '').trim() };
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const prefix = /[A-Za-z0-9_./-]*$/.exec(before)?.[0] ?? '';
  const lines = text.slice(0, lineStart).split('\n');
  lines.pop();
  const cur = lineRe.exec(before) as RegExpExecArray;
  const indent = (cur[1] ?? '').length;
  const dashes = cur[2] ?? '';
  const typed = cur[3] ?? '';
  const inListItem = dashes.length > 0;
  const kv = /^([^\s:#][^:#]*?):\s+(\S*)$/.exec(typed);
  // The column under which parents are searched: a list item's parent holds the list at a smaller column.
  let col = inListItem ? indent : indent + dashes.length;
  const path: string[] = [];
  let parentLine: { start: number; info: LineInfo } | undefined;
  for (let i = lines.length - 1; i >= 0 && col > 0; i--) {
    const l = info(lines[i] ?? '');
    if (l.keyCol < 0) continue;
    if (l.keyCol < col && l.key !== undefined && !l.value) {
      path.unshift(l.key);
      if (!parentLine) parentLine = { start: lines.slice(0, i).reduce((n, t) => n + t.length + 1, 0), info: l };
      col = l.dash ? l.indent : l.keyCol;
    } else if (l.dash && l.indent < col) {
      // Inside this list item (its first key sits at or right of us): its parent is left of the dash.
      col = l.indent;
    } else if (l.keyCol < col) {
      col = l.keyCol;
    }
  }
  const siblings = siblingsOf(text, lineStart, indent + dashes.length, inListItem ? indent : -1);
  const parentSiblings = parentLine
    ? siblingsOf(text, parentLine.start, parentLine.info.keyCol, parentLine.info.dash ? parentLine.info.indent : -1, true)
    : new Map<string, string>();
  return {
    path,
    ...(kv ? { valueKey: kv[1] } : {}),
    inListItem,
    prefix,
    wordStart: offset - prefix.length,
    siblings,
    parentSiblings,
  };
}

/** Keys at `keyCol` in the map around the cursor line (stopping at shallower lines or another item). */
function siblingsOf(text: string, lineStart: number, keyCol: number, itemDash: number, includeOwn = false): Map<string, string> {
  const out = new Map<string, string>();
  const all = text.split('\n');
  const li = text.slice(0, lineStart).split('\n').length - 1;
  if (includeOwn) {
    const own = info(all[li] ?? '');
    if (own.key !== undefined) out.set(own.key, own.value ?? '');
    if (own.dash) {
      for (let i = li + 1; i < all.length; i++) if (!visitOnly(i)) break;
      return out;
    }
  }
  function visitOnly(i: number): boolean {
    const l = info(all[i] ?? '');
    if (l.keyCol < 0) return true;
    if (l.keyCol < keyCol || l.dash) return false;
    if (l.keyCol === keyCol && l.key !== undefined) out.set(l.key, l.value ?? '');
    return true;
  }
  const visit = (i: number): boolean => {
    const l = info(all[i] ?? '');
    if (l.keyCol < 0) return true;
    if (l.keyCol < keyCol && !(l.dash && l.keyCol === keyCol)) return false;
    if (l.keyCol === keyCol && l.key !== undefined) out.set(l.key, l.value ?? '');
    // Another list item at our dash column ends our item.
    return !(l.dash && itemDash >= 0 && l.indent === itemDash);
  };
  for (let i = li - 1; i >= 0; i--) {
    const l = info(all[i] ?? '');
    const goOn = visit(i);
    if (!goOn || (l.dash && l.keyCol === keyCol)) break;
  }
  for (let i = li + 1; i < all.length; i++) if (!visit(i)) break;
  return out;
}
