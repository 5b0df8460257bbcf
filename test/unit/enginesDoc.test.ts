// docs/engines.md is generated from the engine profiles: every profile, every switch and support flag
// with its value and the source it rests on, and what "uncertain" means. The test fails when it is
// stale; `UPDATE_EXPECT=1 node test/run.mjs enginesDoc` rewrites it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allRules, describeSwitch, engineFeatures, engineProfiles, featureNames, semanticSwitches } from '../../server/src/core/index';
import { updateExpect } from '../support/expect';
import { repoRoot } from '../support/workspace';

const docPath = join(repoRoot, 'docs', 'engines.md');

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function renderEnginesDoc(): string {
  const ids = engineProfiles.map((p) => `\`${p.id}\``).join(', ');
  const engineRules = allRules.filter((r) => r.id.startsWith('engine-') || r.id === 'ipblock-covers-pods');
  const lines = [
    '# Engine profiles',
    '',
    '<!-- Generated from server/src/core/engine/profiles/*.ts by test/unit/enginesDoc.test.ts: do not edit by hand. -->',
    '',
    'NetworkPolicy leaves some behaviour to the network plugin. An engine profile records what one plugin does, as data:',
    'a few **semantic switches** that change the computed connectivity, and **support flags** for constructs the plugin',
    'may not implement. Pick one with `--engine ID` on the command line or the `netpol.engine` setting in the editor;',
    `the profiles are ${ids}. Each switch names the source it rests on (see LINT-CATALOGUE §3 in the project notes).`,
    '',
    '## What the switches mean',
    '',
    ...semanticSwitches.map((s) => `- \`${s}\`: when true, ${describeSwitch(s, true)}; when false, ${describeSwitch(s, false)}.`),
    '',
    '## What "uncertain" means',
    '',
    'Where a source documents a construct only as *unsupported* (support flag `no`) or as supported in some versions',
    '(`version-dependent`), netpol-lens does not invent a behaviour: it keeps the result the NetworkPolicy spec gives and',
    'marks what depends on that construct as **uncertain on that engine**, with the reason and the source:',
    '',
    '- A direction (ingress or egress) of a policy is uncertain when its `podSelector`, or one of the rules of that direction,',
    '  uses such a construct (`hostNetworkPods`: when the policy selects a hostNetwork pod).',
    '- A side of a connection is uncertain when an uncertain direction of a policy isolates it. A cell is uncertain when a side',
    '  is, unless the other side is certain and denies the connection anyway.',
    '- `netpol-lens matrix` puts a `?` after the symbol of an uncertain cell and lists the reasons; `connlist --format json`',
    '  gives an `uncertain` field; `explain` ends with `uncertain on ENGINE: …` lines and their sources; editor hovers on a',
    '  policy, rule or port name the engine and the reason; the panel gets `uncertain` on the connection sets.',
    '- `connlist` / `matrix --compare-engine B` list only the connections that differ between `--engine` and B, each with',
    '  the switch that makes the difference (found by flipping one switch at a time), and cells whose result is the same',
    '  but uncertain on one engine only. The counts (`comparison` in JSON) are of result differences only (opened, closed,',
    '  changed ports), with the cells uncertain only under each engine beside them; the panel’s "Compare with" counts alike.',
    '',
    'Under `generic` nothing is ever uncertain, and the engine-aware diagnostics report nothing.',
    '',
    '## Engine-aware diagnostics',
    '',
    ...engineRules.map((r) => `- \`${r.id}\`: ${r.summary}`),
    '',
    '## Overview',
    '',
    `| switch / flag | ${engineProfiles.map((p) => `\`${p.id}\``).join(' | ')} |`,
    `| --- | ${engineProfiles.map(() => '---').join(' | ')} |`,
    ...semanticSwitches.map((s) => `| \`${s}\` | ${engineProfiles.map((p) => String(p[s])).join(' | ')} |`),
    ...engineFeatures.map((f) => `| supports ${featureNames[f]} | ${engineProfiles.map((p) => p.supports[f]).join(' | ')} |`),
    `| own policy kinds counted (\`crdKinds\`) | ${engineProfiles.map((p) => (p.crdKinds === 'calico' ? 'Calico' : p.crdKinds === 'cilium' ? 'Cilium' : '—')).join(' | ')} |`,
    `| end of vendor support | ${engineProfiles.map((p) => p.retirement.map((r) => r.date).join(' or ') || '—').join(' | ')} |`,
    '',
  ];
  for (const p of engineProfiles) {
    lines.push(`## \`${p.id}\`: ${p.title}`, '', p.description, '', '| switch / flag | value | source |', '| --- | --- | --- |');
    for (const s of semanticSwitches) lines.push(`| \`${s}\` | ${String(p[s])} | ${cell(p.sources[s])} |`);
    for (const f of engineFeatures) lines.push(`| supports ${featureNames[f]} (\`${f}\`) | ${p.supports[f]} | ${cell(p.sources[f])} |`);
    lines.push('');
    if (p.retirement.length > 0) {
      lines.push(p.retirement.length > 1 ? 'End of vendor support (the sources conflict):' : 'End of vendor support:', '');
      for (const r of p.retirement) lines.push(`- ${r.date}: ${r.source}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

test('docs/engines.md is generated from the engine profiles', () => {
  const want = renderEnginesDoc();
  if (updateExpect) writeFileSync(docPath, want);
  assert.equal(
    existsSync(docPath) ? readFileSync(docPath, 'utf8') : '',
    want,
    'docs/engines.md is stale: UPDATE_EXPECT=1 node test/run.mjs enginesDoc',
  );
});
