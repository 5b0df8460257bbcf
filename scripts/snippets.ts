/**
 * Writes snippets/networkpolicy.code-snippets from the core's `policySnippets`, the one source of
 * the whole-policy snippets (completion offers the same ones). `npm run snippets`; a test checks
 * that the committed file is what this prints.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policySnippets } from '../server/src/core/index';

export const snippetsFile = join(__dirname, '..', 'snippets', 'networkpolicy.code-snippets');

export function renderSnippets(): string {
  const entries = policySnippets.map(
    (s) => [s.label, { scope: 'yaml', prefix: s.prefix, description: s.description, body: s.body }] as const,
  );
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(snippetsFile, renderSnippets());
  console.log(`wrote ${snippetsFile} (${policySnippets.length} snippets)`);
}
