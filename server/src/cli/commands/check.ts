import type { Location as SarifLocation, Log, Result, ReportingDescriptor } from 'sarif';
import { allRules, builtinCodes, checkWorkspace } from '../../core/index';
import type { CompletenessView, EngineProfile, Finding, Location, Severity, Workspace } from '../../core/index';
import { Locator } from '../location';
import { UsageError } from '../usage';
import { version } from '../version';

export const checkFormats = ['text', 'json', 'sarif'] as const;

export interface CheckResult {
  readonly output: string;
  /** Summary for a terminal, on stderr. */
  readonly summary: string;
  readonly errors: number;
}

/** `completeness`: what the run leaves out, unreadable files included (they are findings nowhere else). */
export function runCheck(ws: Workspace, engine: EngineProfile, format: string, completeness: CompletenessView): CheckResult {
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`unknown --format "${format}" for check (text, json, sarif)`);
  const unreadable: Finding[] = completeness.items.flatMap((i) =>
    i.reason === 'unreadable' && i.location ? [{ code: 'unreadable-file', severity: 'warning', message: i.message, ...i.location }] : [],
  );
  const findings = [...unreadable, ...checkWorkspace(ws, { engine })];
  const loc = new Locator(ws);
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  // Every item left out of the analysis is also a finding above; the summary adds the files not read.
  const { files } = completeness.counts;
  const partial = files > 0 ? `; ${plural(files, 'file')} not fully analysed` : '';
  const summary = `${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'note')} in ${plural(ws.fileNames().length, 'file')}${partial}`;
  let output: string;
  if (format === 'text') {
    output = findings
      .map((f) => {
        const p = loc.position(f);
        return `${f.file}:${p.line}:${p.column} ${f.severity} ${f.code} ${f.message}`;
      })
      .join('\n');
  } else if (format === 'json') {
    output = JSON.stringify(
      findings.map((f) => ({ file: f.file, ...loc.position(f), severity: f.severity, code: f.code, message: f.message })),
      null,
      2,
    );
  } else output = JSON.stringify(toSarif(findings, loc, completeness), null, 2);
  return { output, summary, errors };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function level(s: Severity): Result.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/**
 * SARIF 2.1.0. What was not analysed goes into the invocation's `toolExecutionNotifications`
 * (SARIF §3.20.21: problems that kept the tool from analysing part of its input), each located.
 */
export function toSarif(findings: readonly Finding[], loc: Locator, completeness: CompletenessView): Log {
  const descriptors = [...builtinCodes, ...allRules];
  const rules: ReportingDescriptor[] = descriptors.map((d) => ({
    id: d.id,
    shortDescription: { text: d.summary },
    defaultConfiguration: { level: level(d.defaultSeverity) },
  }));
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Result[] = findings.map((f) => {
    const result: Result = {
      ruleId: f.code,
      level: level(f.severity),
      message: { text: f.message },
      locations: [sarifLocation(f, loc)],
    };
    const idx = ruleIndex.get(f.code);
    if (idx !== undefined) result.ruleIndex = idx;
    return result;
  });
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'netpol-lens', version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(process.cwd()) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: completeness.items.map((i) => ({
              level: 'warning',
              message: { text: i.message },
              descriptor: { id: `not-analysed/${i.reason}` },
              ...(i.location ? { locations: [sarifLocation(i.location, loc)] } : {}),
            })),
          },
        ],
        results,
      },
    ],
  };
}

function sarifLocation(l: Location, loc: Locator): SarifLocation {
  const p = loc.position(l);
  return {
    physicalLocation: {
      artifactLocation: { uri: encodePath(l.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
    },
  };
}

/** A relative path as a URI reference: every segment percent-encoded (`#` and `?` included). */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function pathToFileUri(dir: string): string {
  const withSlash = dir.endsWith('/') ? dir : `${dir}/`;
  return `file://${encodePath(withSlash)}`;
}
