// The one manifest walk (server/src/io/walk.ts) in a temp folder: symlinked file and folder, a loop
// (a -> ..), a dangling link, the same file reached twice, node_modules; and the CLI (as a process) and
// the server's WorkspaceIndex (in process) index the same set of files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { walkManifests } from '../../server/src/io/walk';
import { defaultSettings } from '../../server/src/lsp/settings';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { assertCliBuilt, runCli } from '../support/cli';

// Each file has a YAML error, so `check` names every file it read (once per path it read it under).
const broken = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels: [\n`;

const top = realpathSync(mkdtempSync(join(tmpdir(), 'netpol-walk-')));
const root = join(top, 'root');
after(() => rmSync(top, { recursive: true, force: true }));

before(() => {
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(top, 'outside', 'dir'), { recursive: true });
  writeFileSync(join(root, 'a.yaml'), broken('a'));
  writeFileSync(join(root, 'notes.txt'), 'not a manifest');
  writeFileSync(join(root, 'sub', 'b.yml'), broken('b'));
  writeFileSync(join(root, 'sub', 'deeper', 'c.json'), '{ "kind": "Pod", ');
  writeFileSync(join(root, 'node_modules', 'pkg', 'skip.yaml'), broken('skip'));
  writeFileSync(join(top, 'outside', 'linked-file.yaml'), broken('linked-file'));
  writeFileSync(join(top, 'outside', 'dir', 'd.yaml'), broken('d'));
  symlinkSync(join(root, 'a.yaml'), join(root, 'z-same-as-a.yaml')); // the same file reached twice
  symlinkSync(join(top, 'outside', 'linked-file.yaml'), join(root, 'outside-file.yaml')); // a symlinked file
  symlinkSync(join(top, 'outside', 'dir'), join(root, 'linked-dir')); // a symlinked folder
  symlinkSync('..', join(root, 'sub', 'loop')); // a loop: sub/loop -> root
  symlinkSync(join(root, 'sub'), join(root, 'sub', 'deeper', 'again')); // a folder reached twice
  symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml')); // a dangling link
  symlinkSync(join(root, 'nowhere.yaml'), join(root, '.#lock.yaml')); // an editor's lock file: not reported
});

const expectedFiles = ['a.yaml', 'linked-dir/d.yaml', 'outside-file.yaml', 'sub/b.yml', 'sub/deeper/c.json'];
const rel = (p: string): string => relative(root, p).split(sep).join('/');

describe('walkManifests', () => {
  test('links followed, each real file once under its direct path, loops cut, node_modules skipped', () => {
    const r = walkManifests([root]);
    assert.deepEqual(r.files.map(rel), expectedFiles);
    assert.deepEqual(
      r.unreadable.map((u) => ({ ...u, path: rel(u.path) })),
      [{ path: 'dangling.yaml', reason: 'dangling symbolic link', root: false }],
    );
  });

  test('a file named as a root is taken whatever its name; a missing root is reported as such', () => {
    const r = walkManifests([join(root, 'notes.txt'), join(root, 'no-such-dir'), join(root, 'a.yaml'), join(root, 'z-same-as-a.yaml')]);
    assert.deepEqual(r.files.map(rel), ['a.yaml', 'notes.txt']);
    assert.deepEqual(
      r.unreadable.map((u) => ({ ...u, path: rel(u.path) })),
      [{ path: 'no-such-dir', reason: 'no such file or directory', root: true }],
    );
  });

  test('exclude applies to paths as reached, links included', () => {
    const r = walkManifests([root], { exclude: (p) => rel(p) === 'linked-dir' || rel(p).startsWith('sub/deeper') });
    assert.deepEqual(r.files.map(rel), ['a.yaml', 'outside-file.yaml', 'sub/b.yml']);
  });
});

test('the CLI and the language server index the same files', async () => {
  assertCliBuilt();
  const cli = runCli(['check', '--format', 'json', '--exit-zero', '.'], root);
  assert.equal(cli.status, 0, cli.stderr);
  const findings = JSON.parse(cli.stdout) as { file: string; code: string; message: string }[];
  const cliFiles = [...new Set(findings.filter((f) => f.code !== 'unreadable-file').map((f) => f.file))].sort();
  assert.deepEqual(cliFiles, expectedFiles);
  assert.deepEqual(
    findings.filter((f) => f.code === 'unreadable-file').map((f) => [f.file, f.message]),
    [['dangling.yaml', 'file not analysed: dangling symbolic link']],
  );

  const index = new WorkspaceIndex(defaultSettings);
  index.setFolders([pathToFileURL(root).href]);
  const count = await index.indexAll(() => undefined);
  const serverFiles = index.workspace.fileNames().map((uri) => rel(fileURLToPath(uri)));
  assert.equal(count, serverFiles.length);
  assert.deepEqual(serverFiles, cliFiles);
  assert.deepEqual(
    index.unreadable().map((u) => rel(u.path)),
    ['dangling.yaml'],
  );
});
