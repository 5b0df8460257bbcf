// Input that is not a clean manifest never crashes the CLI: each problem is one located finding, the rest still counts.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertCliBuilt, cliFixture, lines, repoRoot, runCli, stackLine, tempDir } from '../support/cli';
import type { CliResult } from '../support/workspace';

const bad = cliFixture('bad-input');
const textLine = /^(\S(?:.*\S)?):(\d+):(\d+) (error|warning|info|hint) ([a-z0-9-]+) (\S.*)$/;

interface Line {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

function findings(r: CliResult): Line[] {
  return lines(r.stdout).map((l) => {
    const m = textLine.exec(l);
    assert.ok(m, `not a check line: ${l}`);
    return {
      file: m[1] as string,
      line: Number(m[2]),
      column: Number(m[3]),
      severity: m[4] as string,
      code: m[5] as string,
      message: m[6] as string,
    };
  });
}

function assertNoCrash(r: CliResult): void {
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, stackLine);
  assert.doesNotMatch(r.stderr, /internal error/);
}

before(assertCliBuilt);

describe('bad input in a fixture folder (check)', () => {
  let all: Line[] = [];
  let result: CliResult;
  before(() => {
    result = runCli(['check', bad]);
    all = findings(result);
  });
  const of = (name: string): Line[] => all.filter((f) => f.file === `${bad}/${name}`);

  test('no crash; exit 1 for the errors; every file counted', () => {
    assertNoCrash(result);
    assert.equal(result.status, 1);
    assert.match(result.stderr, / in 7 files; 2 files not fully analysed\n$/);
  });

  test('malformed YAML: yaml-syntax errors located inside the broken (second) document', () => {
    const f = of('malformed.yaml');
    assert.ok(f.length >= 1, JSON.stringify(all));
    for (const x of f) {
      assert.equal(x.severity, 'error');
      assert.equal(x.code, 'yaml-syntax');
      assert.ok(x.line >= 14 && x.line <= 20, `line ${x.line} is outside the broken document (lines 14-20)`);
      assert.ok(x.column >= 1);
      assert.match(x.message, /^YAML: /);
    }
  });

  test('Helm template: one info finding at the first template action (5:9)', () => {
    assert.deepEqual(
      of('chart-template.yaml').map(({ line, column, severity, code }) => ({ line, column, severity, code })),
      [{ line: 5, column: 9, severity: 'info', code: 'helm-template' }],
    );
    assert.match(of('chart-template.yaml')[0]?.message ?? '', /helm template/);
  });

  test('unknown kinds, a kind: List, a JSON Pod and a comment-only file give no findings', () => {
    for (const name of ['unknown-kinds.yaml', 'list.yaml', 'pod.json', 'comment-only.yaml']) assert.deepEqual(of(name), [], name);
  });

  test('a JSON manifest is validated with JSON line:col (policy.json: invalid-name at 5:13)', () => {
    assert.deepEqual(
      of('policy.json').map(({ line, column, severity, code }) => ({ line, column, severity, code })),
      [{ line: 5, column: 13, severity: 'error', code: 'invalid-name' }],
    );
  });
});

describe('bad input in a fixture folder (connlist)', () => {
  test('the good documents still count: alpha, gamma, the JSON pod and the List pod; no broken or hidden pod', () => {
    const r = runCli(['connlist', bad]);
    assertNoCrash(r);
    // The broken documents are not analysed: named on stderr, and the result is not a success.
    assert.equal(r.status, 1);
    assert.match(r.stderr, /netpol-lens: incomplete: /);
    const pods = new Set(lines(r.stdout).flatMap((l) => l.split(/ => | : /).slice(0, 2)));
    assert.deepEqual([...pods].filter((p) => !p.endsWith('[External]')).sort(), [
      'mixed/alpha[Pod]',
      'mixed/from-json[Pod]',
      'mixed/gamma[Pod]',
      'mixed/listed[Pod]',
    ]);
  });

  test('the NetworkPolicy inside the kind: List isolates its pod; the rejected JSON policy does not', () => {
    const r = runCli(['connlist', bad]);
    const out = lines(r.stdout);
    assert.ok(!out.some((l) => / => mixed\/listed\[Pod\] : /.test(l)), 'nothing reaches mixed/listed');
    assert.ok(out.includes('mixed/listed[Pod] => mixed/alpha[Pod] : All Connections'));
    assert.ok(
      out.includes('mixed/alpha[Pod] => mixed/from-json[Pod] : All Connections'),
      'Json_Policy is rejected, so it isolates nothing',
    );
  });

  test('matrix and explain read the same workspace without crashing', () => {
    const m = runCli(['matrix', bad]);
    assertNoCrash(m);
    assert.match(m.stdout, /mixed\/listed\[Pod\]/);
    const e = runCli(['explain', bad, '--from', 'mixed/alpha', '--to', 'mixed/listed']);
    assertNoCrash(e);
    assert.match(e.stdout, /^mixed\/alpha\[Pod\] -> mixed\/listed\[Pod\]: DENIED$/m);
    assert.match(e.stdout, /mixed\/listed-deny-ingress \(test\/fixtures\/cli\/bad-input\/list\.yaml:16\)/);
  });
});

describe('generated bad input (temp dir)', () => {
  const t = tempDir();
  const okPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n    - name: c\n      image: busybox\n';
  before(() => {
    writeFileSync(join(t.dir, 'ok.yaml'), okPod);
    // Binary: NUL bytes, named like a manifest.
    writeFileSync(
      join(t.dir, 'blob.yaml'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a, 0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00]),
    );
    writeFileSync(join(t.dir, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    // Over the 10 MB limit: a valid Pod followed by a 12 MB comment.
    writeFileSync(join(t.dir, 'huge.yaml'), `${okPod.replace('name: ok', 'name: huge')}# ${'x'.repeat(12 * 1024 * 1024)}\n`);
    // Generated, not a fixture: .gitignore's `node_modules/` would keep a fixture folder of that name out of git.
    for (const skipped of [join('node_modules', 'pkg'), '.git']) {
      mkdirSync(join(t.dir, skipped), { recursive: true });
      copyFileSync(join(repoRoot, 'examples', 'aks-demo', 'AllowWebToDBPolicy.yaml'), join(t.dir, skipped, 'policy.yaml'));
      writeFileSync(join(t.dir, skipped, 'pod.yaml'), okPod.replace('name: ok', 'name: hidden'));
    }
  });
  after(t.remove);

  test('binary file: one located info finding, not analysed', () => {
    const r = runCli(['check', 'blob.yaml'], t.dir);
    assertNoCrash(r);
    assert.equal(r.status, 0);
    assert.deepEqual(findings(r), [
      { file: 'blob.yaml', line: 1, column: 1, severity: 'info', code: 'binary-file', message: findings(r)[0]?.message ?? '' },
    ]);
    assert.match(r.stdout, /binary/);
  });

  test('a binary file named on the command line is reported even without a manifest extension; a folder walk ignores it', () => {
    const named = runCli(['check', 'picture.png'], t.dir);
    assertNoCrash(named);
    assert.match(named.stdout, /^picture\.png:1:1 info binary-file /);
    const walked = runCli(['check', '.'], t.dir);
    assert.doesNotMatch(walked.stdout, /picture\.png/);
  });

  test('node_modules and .git folders are skipped', () => {
    const r = runCli(['check', '.'], t.dir);
    assertNoCrash(r);
    assert.ok(!findings(r).some((f) => f.file.includes('node_modules') || f.file.includes('.git')), r.stdout);
    assert.doesNotMatch(r.stdout, /AllowWebToDBPolicy/);
    const c = runCli(['connlist', '.'], t.dir);
    assert.match(c.stdout, /default\/ok\[Pod\]/);
    assert.doesNotMatch(c.stdout, /hidden/);
    const named = runCli(['check', join('node_modules', 'pkg')], t.dir);
    assert.match(named.stdout, /invalid-name/, 'a node_modules folder named on the command line is read');
  });

  test('file over 10 MB: one located warning, its Pod is not analysed, the other files are', () => {
    const r = runCli(['check', '.'], t.dir);
    assertNoCrash(r);
    const huge = findings(r).filter((f) => f.file === 'huge.yaml');
    assert.deepEqual(
      huge.map(({ line, column, severity, code }) => ({ line, column, severity, code })),
      [{ line: 1, column: 1, severity: 'warning', code: 'file-too-large' }],
    );
    assert.match(huge[0]?.message ?? '', /10\.0 MB/);
    const alone = runCli(['check', 'huge.yaml'], t.dir);
    assert.equal(alone.status, 0, 'a warning alone does not fail check');
    assert.equal(alone.stderr, '0 errors, 1 warning, 0 notes in 1 file; 1 file not fully analysed\n');
    const c = runCli(['connlist', '.'], t.dir);
    assertNoCrash(c);
    assert.match(c.stdout, /default\/ok\[Pod\]/);
    assert.doesNotMatch(c.stdout, /huge/);
  });

  test('file over 10 MB: the message gives the real size of the file', () => {
    const r = runCli(['check', 'huge.yaml'], t.dir);
    assert.match(r.stdout, /12\.0 MB is over the size limit of 10\.0 MB/);
  });

  test('file over 10 MB: the message names a limit the CLI user can change, not only the editor setting', () => {
    const r = runCli(['check', 'huge.yaml'], t.dir);
    assert.doesNotMatch(r.stdout, /setting netpol\.maxFileSize/);
  });

  test('empty and whitespace-only files: no findings, no crash', () => {
    const sub = join(t.dir, 'empties');
    mkdirSync(sub);
    writeFileSync(join(sub, 'zero.yaml'), '');
    writeFileSync(join(sub, 'blank.yml'), '\n\n   \n');
    writeFileSync(join(sub, 'separators.yaml'), '---\n---\n...\n');
    writeFileSync(join(sub, 'zero.json'), '');
    for (const cmd of ['check', 'connlist', 'matrix']) {
      const r = runCli([cmd, sub]);
      assertNoCrash(r);
      assert.equal(r.status, 0, `${cmd}: ${r.stdout}${r.stderr}`);
    }
    const r = runCli(['check', sub]);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '0 errors, 0 warnings, 0 notes in 4 files\n');
  });

  test('an empty folder: exit 0, nothing found', () => {
    const empty = join(t.dir, 'empty-folder');
    mkdirSync(empty);
    const r = runCli(['check', empty]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /in 0 files/);
    const m = runCli(['matrix', empty]);
    assert.equal(m.status, 0);
    assert.match(m.stdout, /^No workloads found/);
    const c = runCli(['connlist', empty]);
    assert.equal(c.status, 0);
    assert.equal(c.stdout, '');
  });
});
