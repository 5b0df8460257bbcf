// package.json's contributions against the code they describe: the engine enum against the core's
// registry, the settings against what the server reads, the commands against the contract.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { engineProfiles } from '../../server/src/core/index';
import { defaultSettings } from '../../server/src/lsp/settings';
import { commandIds } from '../../client/src/commandIds';
import { repoRoot } from '../support/workspace';

interface Setting {
  type: string;
  default: unknown;
  enum?: string[];
  enumDescriptions?: string[];
  markdownDescription?: string;
}
interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    configuration: { properties: Record<string, Setting> };
    commands: { command: string; title: string; category: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    snippets: { language: string; path: string }[];
    grammars: { scopeName: string; path: string; injectTo?: string[] }[];
  };
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const settings = pkg.contributes.configuration.properties;

describe('package.json settings', () => {
  test('the netpol.engine enum lists exactly the registered engine profiles', () => {
    assert.deepEqual([...(settings['netpol.engine']?.enum ?? [])].sort(), engineProfiles.map((p) => p.id).sort());
    assert.equal(settings['netpol.engine']?.enumDescriptions?.length, settings['netpol.engine']?.enum?.length);
  });

  test('every setting the server reads is contributed with the same default, and nothing else', () => {
    const read = Object.keys(defaultSettings).map((k) => `netpol.${k}`);
    assert.deepEqual(Object.keys(settings).sort(), read.sort());
    for (const [key, value] of Object.entries(defaultSettings)) {
      const s = settings[`netpol.${key}`];
      assert.deepEqual(s?.default, value, `netpol.${key}`);
      assert.ok(s?.markdownDescription, `netpol.${key} has a markdownDescription`);
      const type = Array.isArray(value) ? 'array' : typeof value;
      assert.equal(s?.type, type, `netpol.${key} type`);
    }
  });
});

describe('package.json commands', () => {
  test('the four commands of the contract, in category NetworkPolicy, with icons and activation events', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(commandIds).sort());
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'NetworkPolicy');
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/);
      assert.ok(pkg.activationEvents.includes(`onCommand:${c.command}`), c.command);
    }
    assert.ok(pkg.activationEvents.includes('onLanguage:yaml') && pkg.activationEvents.includes('onLanguage:json'));
    assert.ok(!pkg.activationEvents.includes('*'));
    assert.equal(pkg.main, './dist/client.js');
  });

  test('menus name contributed commands only; show reachability is on yaml editors', () => {
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) assert.ok(contributedIds().has(item.command), `${menu}: ${item.command}`);
    }
    for (const menu of ['editor/title', 'editor/context']) {
      assert.ok(
        pkg.contributes.menus[menu]?.some((m) => m.command === commandIds.showReachability && m.when === 'resourceLangId == yaml'),
        menu,
      );
    }
  });

  test('snippet and grammar files exist where package.json says', () => {
    for (const c of [...pkg.contributes.snippets, ...pkg.contributes.grammars]) {
      assert.doesNotThrow(() => readFileSync(join(repoRoot, c.path)), c.path);
    }
    const grammar = JSON.parse(readFileSync(join(repoRoot, pkg.contributes.grammars[0]?.path ?? ''), 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.equal(grammar.scopeName, pkg.contributes.grammars[0]?.scopeName);
    // Only inside YAML's own key and scalar tokens (see test/grammar: it never changes YAML's scopes).
    for (const part of grammar.injectionSelector.split(',')) assert.match(part.trim(), /^L:source\.yaml /);
  });
});

function contributedIds(): Set<string> {
  return new Set(pkg.contributes.commands.map((c) => c.command));
}
