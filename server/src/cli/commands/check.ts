import type { Log, Result, ReportingDescriptor } from 'sarif';
import { allRules, builtinCodes, checkWorkspace } from '../../core/index';
import type { EngineProfile, Finding, Severity, Workspace } from '../../core/index';
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

export function runCheck(ws: Workspace, engine: EngineProfile, format: string): CheckResult {
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`unknown --format "${format}" for check (text, json, sarif)`);
  const findings = checkWorkspace(ws, { engine });
  const loc = new Locator(ws);
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const summary = `${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'note')} in ${plural(ws.fileNames().length, 'file')}`;
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
  } else output = JSON.stringify(toSarif(findings, loc), null, 2);
  return { output, summary, errors };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function level(s: Severity): Result.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export function toSarif(findings: readonly Finding[], loc: Locator): Log {
  const descriptors = [...builtinCodes, ...allRules];
  const rules: ReportingDescriptor[] = descriptors.map((d) => ({
    id: d.id,
    shortDescription: { text: d.summary },
    defaultConfiguration: { level: level(d.defaultSeverity) },
  }));
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Result[] = findings.map((f) => {
    const p = loc.position(f);
    const result: Result = {
      ruleId: f.code,
      level: level(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodePath(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
          },
        },
      ],
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
        results,
      },
    ],
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
