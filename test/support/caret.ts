/** `|` marks the cursor in a test document: returns the text without it and the cursor's line/character. */
export function caret(marked: string): { text: string; position: { line: number; character: number }; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | caret in the text');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, offset, position: { line: before.length - 1, character: (before[before.length - 1] ?? '').length } };
}
