// docs/rules.md is generated from the rules' ids, severities, summaries and header comments, and the
// built-in codes. The test fails when it is stale; `UPDATE_EXPECT=1 node test/run.mjs rulesDoc` rewrites it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allRules, builtinCodes } from '../../server/src/core/index';
import { updateExpect } from '../support/expect';
import { repoRoot } from '../support/workspace';

const docPath = join(repoRoot, 'docs', 'rules.md');

function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The rule file's header comment, without `Rule: id` and the comment markers. */
function header(id: string): string {
  const file = join(repoRoot, 'server', 'src', 'core', 'rules', `${camel(id)}.ts`);
  if (!existsSync(file)) return '';
  const m = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'));
  return (m?.[1] ?? '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .filter((l) => !/^Rule:/.test(l.trim()))
    .join('\n')
    .trim();
}

export function renderRulesDoc(): string {
  const lines = [
    '# Diagnostics',
    '',
    '<!-- Generated from server/src/core/codes.ts and server/src/core/rules/*.ts by test/unit/rulesDoc.test.ts: do not edit by hand. -->',
    '',
    'Every diagnostic has a stable code, shown by `netpol-lens check` (`file:line:col severity code message`) and in the editor.',
    'Lint rules can be turned off or given another severity with the `netpol.rules` setting, e.g.',
    '`"netpol.rules": { "pod-not-isolated": "off", "missing-policy-types": "warning" }`.',
    '',
    '## Parse problems and API-server validation',
    '',
    'What `kubectl apply` would reject, located where it is written. A NetworkPolicy with such an error has no effect: the connectivity leaves it out and explanations list it as "not counted".',
    '',
    '| code | severity | meaning |',
    '| --- | --- | --- |',
    ...builtinCodes.map((c) => `| \`${c.id}\` | ${c.defaultSeverity} | ${c.summary.replace(/\|/g, '\\|')} |`),
    '',
    '## Lint rules',
    '',
  ];
  for (const r of [...allRules].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(`### \`${r.id}\``, '', `Default severity: ${r.defaultSeverity}. ${r.summary}`, '');
    const h = header(r.id);
    if (h) lines.push(h, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

test('docs/rules.md is generated from the rules', () => {
  const want = renderRulesDoc();
  if (updateExpect) writeFileSync(docPath, want);
  assert.equal(
    existsSync(docPath) ? readFileSync(docPath, 'utf8') : '',
    want,
    'docs/rules.md is stale: UPDATE_EXPECT=1 node test/run.mjs rulesDoc',
  );
});
