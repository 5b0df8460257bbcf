// `netpol-lens check` through the built CLI: the text, JSON and SARIF formats, exit codes, paths.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import type { Log, Result } from 'sarif';
import { assertCliBuilt, assertValidSarif, cliFixture, lines, packageVersion, repoRoot, runCli, tempDir } from '../support/cli';

const aks = 'examples/aks-demo';
/** `file:line:col severity code message`. */
const textLine = /^(\S(?:.*\S)?):(\d+):(\d+) (error|warning|info|hint) ([a-z0-9-]+) (\S.*)$/;
const invalidNameLine =
  /^examples\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 error invalid-name metadata\.name: Invalid value: "AllowWebToDBPolicy": .*"allow-web-to-db-policy"$/;

before(assertCliBuilt);

describe('check: text format', () => {
  test('examples/aks-demo: AllowWebToDBPolicy is an invalid-name error at 6:9, exit 1', () => {
    const r = runCli(['check', aks]);
    assert.equal(r.status, 1, r.stderr);
    const out = lines(r.stdout);
    assert.equal(out.length, 1, r.stdout);
    assert.match(out[0] as string, invalidNameLine);
    assert.match(out[0] as string, textLine);
    assert.equal(r.stderr, '1 error, 0 warnings, 0 notes in 3 files\n');
  });

  test('examples/retail-store: no error, no warning, only the default-deny summaries; exit 0', () => {
    const r = runCli(['check', 'examples/retail-store']);
    assert.equal(r.status, 0, r.stdout);
    const out = lines(r.stdout);
    assert.deepEqual(
      out.map((l) => /^examples\/retail-store\/policies-(\w+)\.yaml:\d+:\d+ (\w+) ([a-z-]+) NetworkPolicy (\S+) /.exec(l)?.slice(1)),
      [
        ['data', 'hint', 'policy-effect', 'data/default-deny'],
        ['payments', 'hint', 'policy-effect', 'payments/default-deny'],
        ['shop', 'hint', 'policy-effect', 'shop/default-deny'],
      ],
      r.stdout,
    );
    assert.equal(r.stderr, '0 errors, 0 warnings, 3 notes in 8 files\n');
  });

  test('paths are relative to the working directory, with forward slashes', () => {
    const inside = runCli(['check', '.'], join(repoRoot, aks));
    assert.equal(inside.status, 1);
    assert.match(inside.stdout, /^AllowWebToDBPolicy\.yaml:6:9 error invalid-name /);

    const absolute = runCli(['check', join(repoRoot, aks)]);
    assert.equal(absolute.status, 1);
    assert.match(absolute.stdout, /^examples\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 error invalid-name /);

    const single = runCli(['check', `./${aks}/AllowWebToDBPolicy.yaml`]);
    assert.match(single.stdout, /^examples\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 /);
    assert.equal(single.stderr, '1 error, 0 warnings, 0 notes in 1 file\n');
  });

  test('a file outside the working directory keeps the path it was named by', () => {
    const r = runCli(['check', join('..', 'aks-demo', 'AllowWebToDBPolicy.yaml')], join(repoRoot, 'examples', 'retail-store'));
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^\.\.\/aks-demo\/AllowWebToDBPolicy\.yaml:6:9 error invalid-name /);
  });

  test('a clean workspace: no output, exit 0', () => {
    const r = runCli(['check', cliFixture('clean')]);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '0 errors, 0 warnings, 0 notes in 2 files\n');
  });

  test('--exit-zero: exit 0 despite errors, findings still printed', () => {
    const r = runCli(['check', '--exit-zero', aks]);
    assert.equal(r.status, 0);
    assert.match(lines(r.stdout)[0] as string, invalidNameLine);
  });

  test('every line of a workspace with many kinds of findings has the text format', () => {
    const r = runCli(['check', cliFixture('bad-input')]);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    assert.ok(out.length >= 3, r.stdout);
    for (const l of out) assert.match(l, textLine);
    // Sorted by file, then position.
    const keys = out.map((l) => {
      const m = textLine.exec(l) as RegExpExecArray;
      return [m[1] as string, Number(m[2]), Number(m[3])] as const;
    });
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
  });

  test('CRLF line endings and a UTF-8 byte-order mark do not shift line:col', () => {
    const t = tempDir();
    try {
      const text = `\ufeff${readAks()}`.replace(/\n/g, '\r\n');
      writeText(join(t.dir, 'crlf-bom.yaml'), text);
      const r = runCli(['check', '.'], t.dir);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^crlf-bom\.yaml:6:9 error invalid-name /);
    } finally {
      t.remove();
    }
  });

  test('a symlinked manifest inside a folder is checked like a regular file', () => {
    const t = tempDir();
    try {
      symlinkSync(join(repoRoot, aks, 'AllowWebToDBPolicy.yaml'), join(t.dir, 'link.yaml'));
      const r = runCli(['check', '.'], t.dir);
      assert.match(r.stdout, /^link\.yaml:6:9 error invalid-name /);
      assert.equal(r.status, 1);
    } finally {
      t.remove();
    }
  });
});

describe('check: --format json', () => {
  test('parses, one object per finding with file/line/column/severity/code/message', () => {
    const r = runCli(['check', '--format', 'json', aks]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '', 'no summary on stderr for machine formats');
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(findings.length, 1);
    const f = findings[0] as Record<string, unknown>;
    assert.deepEqual(
      { file: f.file, line: f.line, column: f.column, severity: f.severity, code: f.code },
      { file: 'examples/aks-demo/AllowWebToDBPolicy.yaml', line: 6, column: 9, severity: 'error', code: 'invalid-name' },
    );
    assert.equal(typeof f.message, 'string');
    assert.match(f.message as string, /^metadata\.name: Invalid value: "AllowWebToDBPolicy"/);
    assert.equal(f.endLine, 6);
    assert.equal(f.endColumn, 9 + 'AllowWebToDBPolicy'.length);
  });

  test('a clean workspace gives an empty array and exit 0', () => {
    const r = runCli(['check', '--format=json', cliFixture('clean')]);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  test('json and text list the same findings', () => {
    const text = lines(runCli(['check', cliFixture('bad-input')]).stdout);
    const json = JSON.parse(runCli(['check', '--format', 'json', cliFixture('bad-input')]).stdout) as {
      file: string;
      line: number;
      column: number;
      severity: string;
      code: string;
      message: string;
    }[];
    assert.deepEqual(
      json.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`),
      text,
    );
  });
});

describe('check: --format sarif', () => {
  test('the schema validator is not vacuous: it rejects broken logs', () => {
    const good = JSON.parse(runCli(['check', '--format', 'sarif', aks]).stdout) as Log;
    assertValidSarif(good);
    const badLevel = structuredClone(good);
    firstResult(badLevel).level = 'fatal' as Result.level;
    assert.throws(() => assertValidSarif(badLevel), /not valid SARIF/);
    const badLine = structuredClone(good);
    const region = firstResult(badLine).locations?.[0]?.physicalLocation?.region;
    assert.ok(region);
    region.startLine = 0;
    assert.throws(() => assertValidSarif(badLine), /not valid SARIF/);
    assert.throws(() => assertValidSarif({ ...good, version: '2.0.0' }), /not valid SARIF/);
  });

  test('examples/aks-demo is valid SARIF 2.1.0 with the invalid-name result', () => {
    const r = runCli(['check', '--format', 'sarif', aks]);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as Log;
    assertValidSarif(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0] as Log['runs'][number];
    assert.equal(run.tool.driver.name, 'netpol-lens');
    assert.equal(run.tool.driver.version, packageVersion);
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, `${pathToFileURL(repoRoot).href}/`);
    const results = run.results ?? [];
    assert.equal(results.length, 1);
    const res = results[0] as NonNullable<typeof run.results>[number];
    assert.equal(res.ruleId, 'invalid-name');
    assert.equal(res.level, 'error');
    assert.match(res.message.text ?? '', /^metadata\.name: Invalid value: "AllowWebToDBPolicy"/);
    const phys = res.locations?.[0]?.physicalLocation;
    assert.deepEqual(phys?.artifactLocation, { uri: 'examples/aks-demo/AllowWebToDBPolicy.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(phys?.region, { startLine: 6, startColumn: 9, endLine: 6, endColumn: 27 });
    const rules = run.tool.driver.rules ?? [];
    assert.equal(rules[res.ruleIndex as number]?.id, 'invalid-name');
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length, 'rule ids are unique');
  });

  test('levels: errors are error, warnings warning, info note (bad-input and a too-large file)', () => {
    const t = tempDir();
    try {
      writeText(join(t.dir, 'big.yaml'), `# ${'x'.repeat(10 * 1024 * 1024)}\n`);
      copyFileSync(join(repoRoot, cliFixture('bad-input'), 'chart-template.yaml'), join(t.dir, 'chart-template.yaml'));
      copyFileSync(join(repoRoot, cliFixture('bad-input'), 'malformed.yaml'), join(t.dir, 'malformed.yaml'));
      const r = runCli(['check', '--format', 'sarif', '.'], t.dir);
      assert.equal(r.status, 1);
      const log = JSON.parse(r.stdout) as Log;
      assertValidSarif(log);
      const run = log.runs[0] as Log['runs'][number];
      const rules = run.tool.driver.rules ?? [];
      const got = (run.results ?? []).map((x) => ({
        ruleId: x.ruleId,
        level: x.level,
        uri: x.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        indexed: rules[x.ruleIndex as number]?.id === x.ruleId,
      }));
      assert.deepEqual(got, [
        { ruleId: 'file-too-large', level: 'warning', uri: 'big.yaml', indexed: true },
        { ruleId: 'helm-template', level: 'note', uri: 'chart-template.yaml', indexed: true },
        { ruleId: 'yaml-syntax', level: 'error', uri: 'malformed.yaml', indexed: true },
      ]);
      const helm = run.results?.[1]?.locations?.[0]?.physicalLocation?.region;
      assert.equal(helm?.startLine, 5);
      assert.equal(helm?.startColumn, 9);
    } finally {
      t.remove();
    }
  });

  test('a clean workspace is valid SARIF with no results', () => {
    const r = runCli(['check', '--format', 'sarif', cliFixture('clean')]);
    assert.equal(r.status, 0);
    const log = JSON.parse(r.stdout) as Log;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0]?.results, []);
  });

  test('artifact URIs resolve against %SRCROOT% to the file (space in a folder name)', () => {
    const t = tempDir();
    try {
      mkdirSync(join(t.dir, 'sub dir'));
      copyFileSync(join(repoRoot, aks, 'AllowWebToDBPolicy.yaml'), join(t.dir, 'sub dir', 'policy.yaml'));
      const log = JSON.parse(runCli(['check', '--format', 'sarif', '.'], t.dir).stdout) as Log;
      assertValidSarif(log);
      assert.deepEqual(resolvedFiles(log), [join(t.dir, 'sub dir', 'policy.yaml')]);
    } finally {
      t.remove();
    }
  });

  test("artifact URIs resolve to the file when its name holds '#' (a URI fragment delimiter)", () => {
    const t = tempDir();
    try {
      copyFileSync(join(repoRoot, aks, 'AllowWebToDBPolicy.yaml'), join(t.dir, 'a#1.yaml'));
      const log = JSON.parse(runCli(['check', '--format', 'sarif', '.'], t.dir).stdout) as Log;
      assertValidSarif(log);
      assert.deepEqual(resolvedFiles(log), [join(t.dir, 'a#1.yaml')]);
    } finally {
      t.remove();
    }
  });
});

function firstResult(log: Log): Result {
  const r = log.runs[0]?.results?.[0];
  assert.ok(r, 'a SARIF result');
  return r;
}

function resolvedFiles(log: Log): string[] {
  const run = log.runs[0] as Log['runs'][number];
  const base = run.originalUriBaseIds?.['%SRCROOT%']?.uri as string;
  return (run.results ?? []).map((x) => fileURLToPath(new URL(x.locations?.[0]?.physicalLocation?.artifactLocation?.uri as string, base)));
}

function readAks(): string {
  return readFileSync(join(repoRoot, aks, 'AllowWebToDBPolicy.yaml'), 'utf8');
}

function writeText(file: string, text: string): void {
  writeFileSync(file, text);
}
