// `vsce package` on a copy of the repository with production bundles: what a user installs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/workspace';

const skipped = new Set(['node_modules', '.git', 'dist', '.vscode-test', 'test-results']);
let work = '';
let vsix = '';

/** Names and uncompressed sizes of a zip's entries, from its central directory. */
function zipEntries(zip: Buffer): Map<string, number> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'end of central directory found');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.set(zip.toString('utf8', at + 46, at + 46 + nameLength), size);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'netpol-vsix-'));
  cpSync(repoRoot, work, {
    recursive: true,
    filter: (src) => {
      const rel = relative(repoRoot, src);
      return rel === '' || (!skipped.has(rel.split(sep)[0] ?? '') && !rel.endsWith('.vsix'));
    },
  });
  const build = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production', `--outdir=${join(work, 'dist')}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  vsix = join(work, 'netpol-lens.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const pack = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: work, encoding: 'utf8' });
  assert.equal(pack.status, 0, `${pack.stdout}\n${pack.stderr}`);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the .vsix', () => {
  test('is under 2 MB', () => {
    assert.ok(statSync(vsix).size < 2 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  test('holds the bundles, contributions, icon and documents', () => {
    const entries = zipEntries(readFileSync(vsix));
    const required = [
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/media/icon.png',
      'extension/snippets/networkpolicy.code-snippets',
      'extension/syntaxes/networkpolicy.injection.tmLanguage.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      // Every bundle esbuild.mjs makes, source maps aside.
      ...readdirSync(join(work, 'dist'))
        .filter((f) => !f.endsWith('.map'))
        .map((f) => `extension/dist/${f}`),
    ];
    for (const name of required) assert.ok(entries.has(name), `${name} in ${[...entries.keys()].join(', ')}`);
    const pkg = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as { main: string; icon: string };
    assert.ok(entries.has(`extension/${pkg.main.replace(/^\.\//, '')}`), 'main is packaged');
    assert.ok(entries.has(`extension/${pkg.icon}`), 'icon is packaged');
  });

  test('holds no sources, tests, fixtures, examples, source maps or node_modules', () => {
    const entries = [...zipEntries(readFileSync(vsix)).keys()];
    const unwanted = entries.filter(
      (e) => /\.(ts|map|mjs)$/.test(e) || /(^|\/)(test|examples|node_modules|client|server|scripts|bench|docs)\//.test(e),
    );
    assert.deepEqual(unwanted, []);
  });

  test('its bundles are minified, without source map comments', () => {
    for (const f of ['client.js', 'server.js']) {
      const text = readFileSync(join(work, 'dist', f), 'utf8');
      assert.doesNotMatch(text, /^\/\/# sourceMappingURL=/m);
      assert.ok(text.length / text.split('\n').length > 1000, `${f}: long minified lines`);
    }
  });

  test('the icon is a 128×128 PNG', () => {
    const png = readFileSync(join(repoRoot, 'media', 'icon.png'));
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
