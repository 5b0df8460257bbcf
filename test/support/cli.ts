/** Helpers for the tests of the built CLI (test/cli): spawning with an environment, usage-error checks, temp dirs, CSV, SARIF. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { cliPath, fixturesDir, repoRoot } from './workspace';
import type { CliResult } from './workspace';

export { runCli } from './workspace';
export { cliPath, repoRoot };

/** test/fixtures/cli/<name>, relative to the repository root (the default cwd of runCli). */
export function cliFixture(name: string): string {
  return join('test', 'fixtures', 'cli', name);
}

export const cliFixturesDir = join(fixturesDir, 'cli');

export const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Fails early, with a clear message, when the bundle has not been built. */
export function assertCliBuilt(): void {
  assert.ok(existsSync(cliPath), `${cliPath} is missing: run \`node esbuild.mjs\` before the CLI tests`);
}

/** runCli with extra environment variables (a variable set to undefined is removed). */
export function runCliEnv(args: readonly string[], env: Record<string, string | undefined>, cwd = repoRoot): CliResult {
  const full: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) full[k] = v;
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, env: full, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack-trace line as node prints them. */
export const stackLine = /^\s+at .+/m;

/** The contract of a usage error: exit 2, nothing on stdout, exactly one `netpol-lens: …` line on stderr, no stack trace. */
export function assertUsageError(r: CliResult, message?: RegExp): void {
  const what = JSON.stringify(r);
  assert.equal(r.status, 2, what);
  assert.equal(r.stdout, '', what);
  assert.match(r.stderr, /^netpol-lens: [^\n]+\n$/, what);
  assert.doesNotMatch(r.stderr, stackLine, what);
  if (message) assert.match(r.stderr, message, what);
}

/** Non-empty lines of an output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-lens-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The cells of a Markdown table row (`| a | b\|c |` -> ['a', 'b|c']). */
export function mdCells(line: string): string[] {
  assert.match(line, /^\|.*\|$/, line);
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

let sarifValidator: ValidateFunction | undefined;

/**
 * A validator for the SARIF 2.1.0 schema shipped with @microsoft/jest-sarif. The schema is draft-04
 * (`id`, draft-04 `$schema`), which ajv 8 does not load as such; it uses no keyword whose meaning changed
 * after draft-04 (no boolean exclusiveMinimum/Maximum), so it is compiled as draft-07 without its
 * `$schema`/`id`. ajv-formats is not installed: the three formats it uses are checked here.
 */
export function sarifSchemaValidator(): ValidateFunction {
  if (sarifValidator) return sarifValidator;
  const file = join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  assert.ok(!JSON.stringify(schema).includes('"exclusiveM'), 'the schema uses exclusiveMinimum/Maximum: compile it as draft-04');
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp: false, because the schema's `language` pattern has a lone `]` that the `u` flag rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/') && !/\s/.test(s));
  ajv.addFormat(
    'date-time',
    (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)),
  );
  sarifValidator = ajv.compile(schema);
  return sarifValidator;
}

export function assertValidSarif(log: unknown): void {
  const validate = sarifSchemaValidator();
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
}
