/**
 * The `netpol-lens` command: argv, files, exit codes and output formats around the same core the
 * language server uses. Exit 0 fine, 1 findings/failures, 2 usage error; never a stack trace.
 */
import { parseArgs } from 'node:util';
import {
  compareEngines,
  completenessView,
  explanationUncertainty,
  computeConnectivity,
  defaultEngine,
  engineProfiles,
  findEngine,
} from '../core/index';
import type { CompletenessView, Connectivity, EngineProfile } from '../core/index';
import { readExpectations, runAssert } from './commands/assert';
import { checkFormats, runCheck } from './commands/check';
import { compareFormats, renderComparison } from './commands/compare';
import { connlistFormats, renderConnlist } from './commands/connlist';
import { explainFormats, explainPair, renderExplanation } from './commands/explain';
import { completenessLines, incompleteExit } from './completeness';
import { jsonWithPositions } from './jsonView';
import { Locator } from './location';
import { applySafeFixes } from './commands/fix';
import { matrixFormats, renderMatrix } from './commands/matrix';
import { matrixResultOf, renderMatrixHtml } from './commands/matrixHtml';
import { loadWorkspace } from './loadWorkspace';
import { UsageError, usageText } from './usage';
import { version } from './version';

const commands = ['check', 'connlist', 'matrix', 'explain', 'assert'] as const;

export function main(argv: readonly string[]): number {
  try {
    return run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`netpol-lens: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`netpol-lens: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 3;
  }
}

function run(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError(`missing command (${commands.join(', ')}); see netpol-lens --help`);
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (!(commands as readonly string[]).includes(command))
    throw new UsageError(`unknown command "${command}" (${commands.join(', ')}); see netpol-lens --help`);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        engine: { type: 'string' },
        'compare-engine': { type: 'string' },
        'default-namespace': { type: 'string' },
        'exit-zero': { type: 'boolean' },
        fix: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        port: { type: 'string' },
        protocol: { type: 'string' },
        expect: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        namespace: { type: 'string' },
        'allow-incomplete': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    const unknown = e instanceof Error ? /Unknown option '([^']+)'/.exec(e.message) : null;
    if (unknown) throw new UsageError(`unknown option ${unknown[1]} for ${command}; see netpol-lens --help`);
    throw new UsageError(e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  const allowed: Record<(typeof commands)[number], string[]> = {
    check: ['format', 'exit-zero', 'fix'],
    connlist: ['format', 'compare-engine', 'allow-incomplete'],
    matrix: ['format', 'color', 'no-color', 'namespace', 'compare-engine', 'allow-incomplete'],
    explain: ['from', 'to', 'port', 'protocol', 'format', 'allow-incomplete'],
    assert: ['expect', 'allow-incomplete'],
  };
  for (const key of Object.keys(v)) {
    if (['engine', 'default-namespace', 'help'].includes(key)) continue;
    if (!allowed[command as (typeof commands)[number]].includes(key)) throw new UsageError(`option --${key} does not apply to ${command}`);
  }
  const engine = pickEngine(v.engine, '--engine');
  const compareWith = v['compare-engine'] !== undefined ? pickEngine(v['compare-engine'], '--compare-engine') : undefined;
  const defaultNamespace = v['default-namespace'] ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(defaultNamespace) || defaultNamespace.length > 63) {
    throw new UsageError(`--default-namespace "${defaultNamespace}" is not a valid namespace name (lower case letters, digits and -)`);
  }
  checkFormat(command as (typeof commands)[number], v.format, compareWith !== undefined);
  if (command === 'assert' && !v.expect) throw new UsageError('assert needs --expect FILE');
  const checks = command === 'assert' ? readExpectations(v.expect as string) : [];
  const { workspace: ws, unreadable } = loadWorkspace(positionals, defaultNamespace);
  const out = (s: string): void => {
    if (s) process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
  };
  const allowIncomplete = Boolean(v['allow-incomplete']);
  const loc = new Locator(ws);
  /** The completeness of a result: stderr lines for text formats (the summary alone for the others), and the exit code. */
  const finish = (c: CompletenessView, text: boolean): number => {
    const lines = completenessLines(c, loc, allowIncomplete);
    const shown = text ? lines : lines.slice(-1);
    if (shown.length > 0) process.stderr.write(`${shown.join('\n')}\n`);
    return incompleteExit(c, allowIncomplete);
  };
  /** What this run leaves out: unreadable files, the workspace's own items, and uncertain cells when given. */
  const completeness = (e: EngineProfile, uncertain?: { cells: number; reasons: readonly string[] }): CompletenessView =>
    completenessView(ws, e, { unreadable, ...(uncertain ? { uncertain } : {}) });
  const whole = (conn: Connectivity): CompletenessView => completeness(engine, conn.countUncertainCells());
  switch (command) {
    case 'check': {
      if (v.fix) {
        const { fixed, files } = applySafeFixes(ws, engine);
        if (fixed > 0) process.stderr.write(`fixed ${fixed} problem${fixed === 1 ? '' : 's'} in ${files.join(', ')}\n`);
      }
      const r = runCheck(ws, engine, v.format ?? 'text', completeness(engine));
      out(r.output);
      if ((v.format ?? 'text') === 'text') process.stderr.write(`${r.summary}\n`);
      return r.errors > 0 && !v['exit-zero'] ? 1 : 0;
    }
    case 'connlist': {
      const format = v.format ?? 'txt';
      if (compareWith) {
        const c = compareEngines(ws.model, engine, compareWith, { pairs: 'connlist' });
        const partial = completenessOf(completeness(engine), completeness(compareWith));
        out(renderComparison(c, engine.id, compareWith.id, format, 'connlist', jsonWithPositions(partial, loc)));
        return finish(partial, format === 'txt');
      }
      const conn = computeConnectivity(ws.model, engine);
      const c = whole(conn);
      out(renderConnlist(conn, format, format === 'json' ? jsonWithPositions(c, loc) : undefined));
      return finish(c, format !== 'json');
    }
    case 'matrix': {
      const format = v.format ?? 'txt';
      const namespaces = v.namespace !== undefined ? new Set(v.namespace.split(',').map((n) => n.trim())) : undefined;
      if (compareWith) {
        const c = compareEngines(ws.model, engine, compareWith, {
          pairs: 'matrix',
          ...(namespaces ? { namespaces: namespaces } : {}),
        });
        const partial = completenessOf(completeness(engine), completeness(compareWith));
        out(renderComparison(c, engine.id, compareWith.id, format, 'matrix', jsonWithPositions(partial, loc)));
        return finish(partial, format === 'txt');
      }
      const conn = computeConnectivity(ws.model, engine);
      const c = whole(conn);
      if (format === 'html') {
        out(renderMatrixHtml(matrixResultOf(conn, ws, engine.id, c, namespaces), positionals));
        return finish(c, false);
      }
      const color = v['no-color'] ? false : v.color ? true : Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      out(
        renderMatrix(conn, format, {
          color,
          engine: engine.id,
          ...(namespaces ? { namespaces } : {}),
          ...(format === 'json' ? { completeness: jsonWithPositions(c, loc) } : {}),
        }),
      );
      return finish(c, format !== 'json');
    }
    case 'explain': {
      const format = v.format ?? 'text';
      const view = explainPair(ws, computeConnectivity(ws.model, engine), engine, {
        from: v.from,
        to: v.to,
        port: v.port,
        protocol: v.protocol,
      });
      const c = completeness(engine, explanationUncertainty(view));
      out(format === 'json' ? JSON.stringify(jsonWithPositions({ ...view, completeness: c }, loc), null, 2) : renderExplanation(view, loc));
      return finish(c, format !== 'json');
    }
    case 'assert': {
      const conn = computeConnectivity(ws.model, engine);
      const c = completeness(engine);
      const r = runAssert(conn, checks, defaultNamespace, positionals, { engine: engine.id, allowIncomplete, completeness: c });
      out(r.output);
      finish(c, true);
      return r.failed > 0 ? 1 : 0;
    }
  }
  return 0;
}

/** Comparing two engines: what either leaves out (uncertain cells are the comparison's own subject). */
function completenessOf(a: CompletenessView, b: CompletenessView): CompletenessView {
  return a.complete ? b : a;
}

const formats: Record<(typeof commands)[number], readonly string[]> = {
  check: checkFormats,
  connlist: connlistFormats,
  matrix: matrixFormats,
  explain: explainFormats,
  assert: [],
};

/** Before any file is read: a bad --format is a usage error at once. */
function checkFormat(command: (typeof commands)[number], format: string | undefined, comparing: boolean): void {
  if (format === undefined) return;
  if (comparing && !(compareFormats as readonly string[]).includes(format))
    throw new UsageError(`unknown --format "${format}" for ${command} --compare-engine (${compareFormats.join(', ')})`);
  if (!formats[command].includes(format)) {
    throw new UsageError(`unknown --format "${format}" for ${command} (${formats[command].join(', ')})`);
  }
}

function pickEngine(id: string | undefined, flag: string): EngineProfile {
  if (id === undefined) return defaultEngine;
  const e = findEngine(id);
  if (!e) throw new UsageError(`unknown ${flag} "${id}" (${engineProfiles.map((p) => p.id).join(', ')})`);
  return e;
}
