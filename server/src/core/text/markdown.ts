/**
 * Manifest text (names, namespaces, label keys and values, selectors, port names…) put into Markdown
 * (hovers, completion documentation) as text: it must render as written, never as markup, a link or
 * HTML. The one place that knows CommonMark's escaping rules; every Markdown builder uses it.
 */

/** Line breaks would start new blocks (headings, lists, quotes): manifest text stays on its line. */
function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n]/g, ' ');
}

/**
 * `s` as Markdown text: every ASCII punctuation character is backslash-escaped (CommonMark §2.4: any
 * of them may be, and then stands for itself), so no emphasis, code, link, image, autolink, raw HTML,
 * entity, heading, list, quote, table cell or strikethrough can start or end inside it.
 */
export function markdownText(s: string): string {
  return oneLine(s).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * `s` as an inline code span (CommonMark §6.1): fenced with one backtick more than its longest run of
 * backticks, padded with a space when it starts or ends with a backtick or with a space (the renderer
 * strips one space from each side then). Nothing inside a code span is markup.
 */
export function markdownCode(s: string): string {
  const text = oneLine(s);
  if (text === '') return '` `';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A link to `target` (a URI the caller made) labelled with Markdown `label` (already escaped, e.g. a
 * `markdownCode`). The destination goes in angle brackets, where spaces and parentheses are allowed,
 * with `<`, `>` and `\` escaped and line breaks percent-encoded.
 */
export function markdownLink(label: string, target: string): string {
  const dest = target
    .replace(/[<>\\]/g, (c) => `\\${c}`)
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
  return `[${label}](<${dest}>)`;
}

/** A bullet list of plain strings (at most `limit`, then how many more), each as Markdown text. */
export function markdownList(items: readonly string[], limit = Infinity): string {
  const shown = items.slice(0, limit).map((i) => `- ${markdownText(i)}`);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return shown.join('\n');
}
