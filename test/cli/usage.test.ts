// The command line itself: usage errors (exit 2, one `netpol-lens:` line on stderr, no stack trace), --help,
// --version, and the common options of DESIGN.md's CLI contract.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { assertCliBuilt, assertUsageError, cliFixture, cliPath, lines, packageVersion, runCli, stackLine, tempDir } from '../support/cli';
import { repoRoot } from '../support/workspace';

const aks = 'examples/aks-demo';
const ports = cliFixture('ports');

before(assertCliBuilt);

describe('usage errors: exit 2, exactly one line on stderr starting `netpol-lens:`, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['frobnicate', aks], /unknown command "frobnicate"/],
    ['a path where the command belongs', [aks], /unknown command "examples\/aks-demo"/],
    ['unknown long flag', ['check', '--bogus', aks], /--bogus/],
    ['unknown short flag', ['connlist', '-x', aks], /-x/],
    ['flag that does not apply to check', ['check', '--port', '80', aks], /option --port does not apply to check/],
    ['flag that does not apply to connlist', ['connlist', '--exit-zero', aks], /option --exit-zero does not apply to connlist/],
    ['flag that does not apply to matrix', ['matrix', '--expect', 'x.yaml', aks], /option --expect does not apply to matrix/],
    [
      'flag that does not apply to assert',
      ['assert', '--format', 'json', '--expect', 'x.yaml', aks],
      /option --format does not apply to assert/,
    ],
    ['--color does not apply to connlist', ['connlist', '--color', aks], /option --color does not apply to connlist/],
    ['boolean flag given a value', ['check', '--exit-zero=yes', aks], /--exit-zero/],
    ['string flag without its value', ['check', aks, '--format'], /--format/],
    ['missing PATH (check)', ['check'], /missing PATH/],
    ['missing PATH (connlist)', ['connlist', '--format', 'json'], /missing PATH/],
    ['missing PATH (explain)', ['explain', '--from', 'a', '--to', 'b'], /missing PATH/],
    ['nonexistent path', ['check', 'no/such/dir'], /no such file or directory: no\/such\/dir/],
    ['nonexistent path among good ones', ['connlist', aks, 'missing.yaml'], /no such file or directory: missing\.yaml/],
    [
      'unknown --engine',
      ['check', '--engine', 'weave', aks],
      /^netpol-lens: unknown --engine "weave" \(generic, azure-npm-linux, azure-npm-windows, calico, cilium\)$/m,
    ],
    ['unknown --compare-engine', ['connlist', '--compare-engine', 'weave', aks], /unknown --compare-engine "weave" \(generic, /],
    [
      '--compare-engine does not apply to check',
      ['check', '--compare-engine', 'cilium', aks],
      /option --compare-engine does not apply to check/,
    ],
    [
      '--compare-engine does not apply to explain',
      ['explain', aks, '--compare-engine', 'cilium', '--from', 'web', '--to', 'db'],
      /does not apply to explain/,
    ],
    [
      'connlist --compare-engine has no dot format',
      ['connlist', '--compare-engine', 'cilium', '--format', 'dot', aks],
      /unknown --format "dot" for connlist --compare-engine \(txt, json, csv, md\)/,
    ],
    ['unknown --engine on connlist', ['connlist', '--engine=nope', aks], /unknown --engine "nope"/],
    ['bad --format for check', ['check', '--format', 'xml', aks], /unknown --format "xml" for check \(text, json, sarif\)/],
    ['bad --format for connlist', ['connlist', '--format', 'text', aks], /unknown --format "text" for connlist/],
    ['bad --format for matrix', ['matrix', '--format', 'dot', aks], /unknown --format "dot" for matrix/],
    ['bad --format for explain', ['explain', aks, '--from', 'web', '--to', 'db', '--format', 'txt'], /unknown --format "txt" for explain/],
  ];
  for (const [name, args, message] of cases) {
    test(`${name}: netpol-lens ${args.join(' ')}`, () => assertUsageError(runCli(args), message));
  }

  test('no command: one `netpol-lens:` line on stderr like every other usage error', () => {
    const r = runCli([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^netpol-lens: [^\n]+\n$/);
  });

  test("unknown flag: the message is in the CLI's own words (lower case, balanced quotes, points to --help)", () => {
    const r = runCli(['check', '--bogus', aks]);
    assertUsageError(r, /^netpol-lens: unknown option --bogus\b.*--help/);
  });

  test('a bad flag together with a nonexistent PATH still gives one usage line', () => {
    assertUsageError(runCli(['check', '--format', 'xml', 'no/such/dir']), /unknown --format "xml"|no such file/);
    assertUsageError(runCli(['check', '--engine', 'nope', 'no/such/dir']), /unknown --engine/);
  });
});

describe('--help and --version', () => {
  for (const args of [['--help'], ['-h'], ['help'], ['check', '--help'], ['matrix', '-h', aks]]) {
    test(`netpol-lens ${args.join(' ')}: usage on stdout, exit 0`, () => {
      const r = runCli(args);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^netpol-lens — Kubernetes NetworkPolicy analysis\n/);
      for (const c of ['check', 'connlist', 'matrix', 'explain', 'assert'])
        assert.match(r.stdout, new RegExp(`^  ${c} PATH\\.\\.\\.`, 'm'));
      assert.match(r.stdout, /--engine/);
      assert.match(r.stdout, /--default-namespace/);
      assert.match(r.stdout, /Exit codes:\n {2}0 {2}fine\n {2}1 .*\n(.*\n)* {2}2 {2}usage error\n {2}3 /);
    });
  }

  test('--version prints the package.json version', () => {
    const r = runCli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${packageVersion}\n`);
    assert.equal(r.stderr, '');
  });
});

describe('common options', () => {
  test('--engine generic is accepted by every command', () => {
    assert.equal(runCli(['check', '--engine', 'generic', aks]).status, 1);
    // aks-demo holds a policy the API server rejects: an incomplete answer is exit 1, accepted with --allow-incomplete.
    assert.equal(runCli(['connlist', '--engine', 'generic', aks]).status, 1);
    assert.equal(runCli(['connlist', '--engine', 'generic', '--allow-incomplete', aks]).status, 0);
    assert.equal(runCli(['matrix', '--engine=generic', '--allow-incomplete', aks]).status, 0);
    assert.equal(runCli(['explain', aks, '--engine', 'generic', '--allow-incomplete', '--from', 'web', '--to', 'db']).status, 0);
  });

  test('matrix names the engine it used', () => {
    assert.match(runCli(['matrix', '--engine', 'generic', ports]).stdout, /^Connectivity matrix \(engine: generic\)/);
  });

  test('several PATHs (a folder and a file) are read together, a file named twice counts once', () => {
    const r = runCli(['check', aks, `${aks}/pods.yaml`, `./${aks}/AllowWebToDBPolicy.yaml`]);
    assert.equal(r.status, 1);
    assert.equal(lines(r.stdout).length, 1, r.stdout);
    assert.equal(r.stderr, '1 error, 0 warnings, 0 notes in 3 files\n');
  });

  test('the engines DESIGN.md lists are accepted', () => {
    for (const e of ['azure-npm-linux', 'azure-npm-windows', 'calico', 'cilium']) {
      const r = runCli(['connlist', '--engine', e, ports]);
      assert.equal(r.status, 0, `${e}: ${r.stderr}`);
    }
  });

  test('connlist takes --compare-engine ENGINE, as DESIGN.md promises (matrix too)', () => {
    const r = runCli(['connlist', '--compare-engine', 'generic', ports]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'No connection differs between generic and generic.\n', 'an engine compared with itself differs nowhere');
    const m = runCli(['matrix', '--compare-engine', 'generic', ports]);
    assert.equal(m.status, 0, m.stderr);
    assert.equal(m.stdout, 'No cell differs between generic and generic.\n');
  });

  test('check --fix applies the safe fixes: the walkthrough policy is renamed and the error is gone', () => {
    const t = tempDir();
    try {
      for (const f of ['pods.yaml', 'test-deny-policy.yaml', 'AllowWebToDBPolicy.yaml']) {
        writeFileSync(join(t.dir, f), readFileSync(join(repoRoot, 'examples', 'aks-demo', f), 'utf8'));
      }
      const r = runCli(['check', '--fix', t.dir]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stderr, /fixed 1 problem in .*AllowWebToDBPolicy\.yaml/);
      assert.match(readFileSync(join(t.dir, 'AllowWebToDBPolicy.yaml'), 'utf8'), /^ {2}name: allow-web-to-db-policy$/m);
      assert.doesNotMatch(r.stdout, /invalid-name/);
    } finally {
      t.remove();
    }
  });
});

describe('output into a pipe that closes early (`netpol-lens connlist DIR | head -1`)', () => {
  test('no stack trace, no EPIPE noise, on stderr', () => {
    const t = tempDir();
    try {
      let pods = '';
      for (let i = 0; i < 300; i++) {
        pods += `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ns${i % 7}\nspec:\n  containers:\n    - name: c\n      image: x\n`;
      }
      writeFileSync(join(t.dir, 'pods.yaml'), pods);
      for (const cmd of ['connlist', 'matrix']) {
        const r = spawnSync('sh', ['-c', `"$0" "$1" ${cmd} "$2" | head -1`, process.execPath, cliPath, t.dir], { encoding: 'utf8' });
        assert.equal(lines(r.stdout).length, 1);
        assert.doesNotMatch(r.stderr, stackLine, `${cmd}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /EPIPE/, `${cmd}: ${r.stderr}`);
      }
    } finally {
      t.remove();
    }
  });
});
