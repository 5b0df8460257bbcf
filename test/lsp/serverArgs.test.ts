// `netpol-lens-server` run by hand, as the built dist/server.js: --help and --version answer and exit 0
// (the version is the CLI's); no transport or an unknown argument is one line on stderr naming --stdio
// and exit 2; never a stack trace. The transports themselves are exercised by stdio.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliPath, repoRoot } from '../support/workspace';

const serverPath = join(repoRoot, 'dist', 'server.js');

function runServer(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [serverPath, ...args], { encoding: 'utf8', timeout: 20_000, input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStack = (s: string): void => assert.doesNotMatch(s, /\n\s+at |Error:/, s);

for (const flag of ['--help', '-h']) {
  test(`netpol-lens-server ${flag}: usage with every transport vscode-languageserver accepts, exit 0`, () => {
    const r = runServer([flag]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const t of ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId', '--version'])
      assert.ok(r.stdout.includes(t), `${t} in ${r.stdout}`);
    assert.match(r.stdout, /^Usage: netpol-lens-server --stdio$/m);
  });
}

test('netpol-lens-server --version: the version the CLI prints, exit 0', () => {
  const r = runServer(['--version']);
  assert.equal(r.status, 0, r.stderr);
  const cli = spawnSync(process.execPath, [cliPath, '--version'], { encoding: 'utf8' });
  assert.equal(cli.status, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\S*\n$/);
  assert.equal(r.stdout, cli.stdout);
  assert.equal(r.stderr, '');
});

const usageErrors: readonly [string, readonly string[], RegExp][] = [
  ['no argument', [], /no transport/],
  ['an unknown argument', ['--bogus'], /unknown argument "--bogus"/],
  ['an unknown argument beside --stdio', ['--stdio', 'extra'], /unknown argument "extra"/],
  ['a socket that is no port', ['--socket=abc'], /--socket/],
  ['--pipe without a name', ['--pipe'], /--pipe/],
  ['only --clientProcessId', ['--clientProcessId=1'], /no transport/],
];
for (const [name, args, message] of usageErrors) {
  test(`netpol-lens-server with ${name}: one line on stderr naming --stdio, exit 2`, () => {
    const r = runServer(args);
    assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    noStack(r.stderr);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0] ?? '', /^netpol-lens-server: /);
    assert.match(lines[0] ?? '', message);
    assert.match(lines[0] ?? '', /--stdio/);
  });
}

test('netpol-lens-server --stdio still starts (and ends with its input)', () => {
  // stdin is empty: the connection closes at once; exit code 1 (no shutdown request), no usage error.
  const r = runServer(['--stdio']);
  assert.notEqual(r.status, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /no transport|unknown argument/);
});
