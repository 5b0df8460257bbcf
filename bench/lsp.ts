/**
 * `npm run bench:lsp`: netpol-lens-server and yaml-language-server side by side, both driven over
 * stdio with the same session on the generated large workspace (bench/generate.ts, written to a temp
 * folder that is deleted at the end): startup to first diagnostics, N edits -> diagnostics, N hovers,
 * N completions, peak RSS. Prints one table, then netpol-lens's targets with PASS / MISS.
 *
 *   npm run bench:lsp                      # the table
 *   npm run bench:lsp -- --cpu-prof        # also run netpol-lens under `node --cpu-prof` and list its hotspots
 *   NETPOL_LSP_BENCH_CPU_PROF=1 npm run bench:lsp   # the same
 *   npm run bench:lsp -- --cpu-prof --n 20           # fewer edits, hovers and completions (a quicker profile)
 *
 * netpol-lens runs from a copy of dist/server.js(.map) taken at the start, so a rebuild by someone
 * else during the run changes neither the server nor the source map the profile is read with.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkedString, MarkupContent } from 'vscode-languageserver-protocol/node';
import { allRules } from '../server/src/core/index';
import { BenchServer, summarize } from './lspClient';
import type { Publication, ServerSpec } from './lspClient';
import { analyzeProfile } from './lspProfile';
import type { PhaseProfile, PhaseWindow } from './lspProfile';
import { writeBenchWorkspace } from './lspWorkspace';
import type { BenchWorkspace, EditTarget, LineEdit } from './lspWorkspace';

const repoRoot = join(__dirname, '..');
const netpolServerJs = join(repoRoot, 'dist', 'server.js');
const yamlServerJs = join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const nArg = process.argv.indexOf('--n');
/** Edits, hovers and completions per server: 100 (`--n <count>` for a quicker profiling run). */
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 100;
if (!Number.isInteger(N) || N < 4 || N % 4 !== 0) throw new Error('--n takes a multiple of 4 (the edit cycle has 4 steps)');
const offArg = process.argv.indexOf('--rules-off');
/**
 * For experiments: netpol-lens lint rules to turn off through its settings (`--rules-off a,b`), or
 * `--rules-off all`: every rule but policy-selects-nothing, which the edit cycle needs.
 */
const rulesOff: readonly string[] =
  offArg > 0
    ? ((v) => (v === 'all' ? allRules.map((r) => r.id).filter((id) => id !== 'policy-selects-nothing') : v.split(',').filter(Boolean)))(
        process.argv[offArg + 1] ?? '',
      )
    : [];
const unknownRules = rulesOff.filter((id) => !allRules.some((r) => r.id === id));
if (unknownRules.length > 0) throw new Error(`--rules-off: unknown rule ${unknownRules.join(', ')}`);
if (rulesOff.includes('policy-selects-nothing')) throw new Error('--rules-off: the edit cycle needs policy-selects-nothing');
const timeouts = { startup: 60_000, settle: 5_000, edit: 10_000, request: 10_000, close: 15_000 };
const cpuProf = process.argv.includes('--cpu-prof') || Boolean(process.env.NETPOL_LSP_BENCH_CPU_PROF);

const log = (msg: string): void => void process.stderr.write(`  [bench:lsp] ${msg}\n`);

/** yaml-language-server as a user would configure it, minus what needs the internet (see the notes printed below the table). */
const yamlSettings = {
  validate: true,
  hover: true,
  completion: true,
  // The usual `schemas: { kubernetes: ['*.yaml'] }` downloads the Kubernetes schema from GitHub: no network here.
  schemas: {},
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  format: { enable: false },
};

type Kind = 'netpol' | 'yaml';

interface ServerResult {
  readonly name: string;
  readonly kind: Kind;
  /** Round trip of the initialize request (the process boots meanwhile). */
  readonly initializeMs: number;
  readonly startupMs: number;
  readonly fromInitializedMs: number;
  /** ms after `initialize` at which the indexing progress ended, if it did before the first diagnostics. */
  readonly indexedAtMs: number | undefined;
  readonly indexedBeforeDiagnostics: boolean;
  readonly firstDiagnostics: number;
  readonly edits: readonly number[];
  readonly hovers: readonly number[];
  readonly completions: readonly number[];
  readonly hoverCheck: string;
  readonly hoverOk: boolean;
  readonly completionCheck: string;
  readonly completionOk: boolean;
  readonly peakMb: number;
  readonly rssMb: number;
  readonly startupPeakMb: number;
  readonly profile: readonly PhaseProfile[] | undefined;
  readonly otherMethods: string;
}

const live = new Set<BenchServer>();
let workspace: BenchWorkspace | undefined;
const tempDirs = new Set<string>();

function cleanUp(): void {
  for (const s of live) s.killNow();
  live.clear();
  workspace?.remove();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}
process.on('exit', cleanUp);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

function initializeParams(ws: BenchWorkspace, spec: ServerSpec): Record<string, unknown> {
  const params: Record<string, unknown> = {
    processId: process.pid,
    clientInfo: { name: 'netpol-lens bench:lsp' },
    rootUri: ws.rootUri,
    rootPath: ws.root,
    workspaceFolders: [{ uri: ws.rootUri, name: 'aks-large' }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
      window: { workDoneProgress: true },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
      },
    },
  };
  if (spec.initializationOptions !== undefined) params.initializationOptions = spec.initializationOptions;
  return params;
}

function diagnosticsKey(diags: readonly Diagnostic[]): string {
  return diags
    .map((d) => JSON.stringify([d.range, d.code, d.severity, d.message]))
    .sort()
    .join('\n');
}

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const has =
  (code: string, line: number, text: string) =>
  (p: Publication): boolean =>
    p.params.diagnostics.some(
      (d) => d.code === code && d.range.start.line <= line && d.range.end.line >= line && messageOf(d).includes(text),
    );

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const part = (c: MarkupContent | MarkedString): string => (typeof c === 'string' ? c : c.value);
  return Array.isArray(h.contents) ? h.contents.map(part).join('\n') : part(h.contents);
}

function completionItems(r: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

/** What the hover should say: the selected workloads of the namespace, listed. */
function checkHover(kind: Kind, target: EditTarget, h: Hover | null): { ok: boolean; text: string } {
  const text = hoverText(h);
  if (!text) return { ok: false, text: 'null' };
  const selects = /selects \*\*(\d+) workloads?\*\*/.exec(text);
  const listed = text.split('\n').filter((l) => l.startsWith('- ') && l.includes(`${target.namespace}/`)).length;
  if (kind === 'yaml' || !selects) return { ok: false, text: `${text.length} chars, no workload list` };
  return { ok: listed > 0, text: `selects ${selects[1]} workloads, ${listed} listed` };
}

/** What completion should offer: the `app` label values of the policy's namespace. */
function checkCompletion(target: EditTarget, r: CompletionItem[] | CompletionList | null): { ok: boolean; text: string } {
  const items = completionItems(r);
  const labels = new Set(items.map((i) => i.label));
  const fromWorkspace = [...target.namespaceAppValues].filter((v) => labels.has(v));
  const ok = labels.has(target.label.value) && fromWorkspace.length >= Math.min(2, target.namespaceAppValues.size);
  return {
    ok,
    text: `${items.length} items, ${fromWorkspace.length}/${target.namespaceAppValues.size} app values of the namespace`,
  };
}

async function runServer(spec: ServerSpec, kind: Kind, ws: BenchWorkspace, profDir: string | undefined): Promise<ServerResult> {
  const target = ws.target;
  const { path, uri } = target;
  log(`${spec.name}: starting`);
  const server = new BenchServer(spec);
  live.add(server);
  // performance.now() to the monotonic clock of the profile's samples.
  const monoOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
  const since = (t: number): number => t + monoOffset;
  const phases: PhaseWindow[] = [];
  try {
    // Startup: initialize, initialized, open the policy file, first diagnostics for it.
    const t0 = performance.now();
    const init = await server.request('initialize', initializeParams(ws, spec), timeouts.startup);
    await server.notify('initialized', {});
    const tInitialized = performance.now();
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: target.text } });
    const first = await server.waitForDiagnostics(path, 0, () => true, timeouts.startup, 'first diagnostics of the opened file');
    phases.push({ phase: 'startup (spawn -> first diagnostics)', fromMs: since(server.spawnedAt), toMs: since(first.at) });
    const progressEnd = server.progressEndAt;
    const indexedBeforeDiagnostics = progressEnd !== undefined && progressEnd <= first.at;
    log(`${spec.name}: first diagnostics after ${(first.at - t0).toFixed(0)} ms: ${summarize(first.params)}`);
    // yaml-language-server validates again once it has pulled its settings: let that pass.
    await server.settle(500, timeouts.settle);
    const baseline = server.lastFor(path) ?? first;
    const startupPeakMb = server.memory().peakMb;
    const baselineKey = diagnosticsKey(baseline.params.diagnostics);
    if (kind === 'netpol') {
      const stale = [
        has('policy-selects-nothing', target.label.line, target.label.value)(baseline),
        has('invalid-port', target.port.line, target.port.value)(baseline),
      ];
      if (stale.some(Boolean)) throw new Error(`${spec.name}: the edited lines already have diagnostics: ${summarize(baseline.params)}`);
    }

    // Edits: one at a time, each waits for the diagnostics of its version.
    const lines = target.text.split('\n');
    const values = new Map<LineEdit, string>([
      [target.label, target.label.value],
      [target.port, target.port.value],
    ]);
    const edits: number[] = [];
    const editsFrom = performance.now();
    for (let i = 0; i < N; i++) {
      const version = i + 2;
      const step = i % 4;
      const edit = step < 2 ? target.label : target.port;
      const next = step === 0 ? `${target.label.value}-nomatch-${i}` : step === 2 ? String(70000 + i) : edit.value;
      const what = step === 0 ? 'podSelector label matches nothing' : step === 2 ? 'port out of range' : 'back to the original';
      const expect =
        kind === 'yaml'
          ? () => true
          : step === 0
            ? has('policy-selects-nothing', edit.line, next)
            : step === 2
              ? has('invalid-port', edit.line, next)
              : (p: Publication) => diagnosticsKey(p.params.diagnostics) === baselineKey;
      const old = values.get(edit) ?? '';
      const change = {
        range: { start: { line: edit.line, character: edit.column }, end: { line: edit.line, character: edit.column + old.length } },
        text: next,
      };
      values.set(edit, next);
      lines[edit.line] = `${(lines[edit.line] ?? '').slice(0, edit.column)}${next}`;
      const afterSeq = server.lastSeq;
      const tSend = performance.now();
      await server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const pub = await server.waitForDiagnostics(
        path,
        afterSeq,
        expect,
        timeouts.edit,
        `diagnostics of version ${version} (edit ${i + 1}/${N}: line ${edit.line + 1} -> ${next}, ${what})`,
      );
      edits.push(pub.at - tSend);
    }
    phases.push({ phase: `edits (${N} didChange -> publishDiagnostics)`, fromMs: since(editsFrom), toMs: since(performance.now()) });
    if (lines.join('\n') !== target.text) throw new Error('the edits did not bring the document back to its original text');
    await server.settle(300, timeouts.settle);

    // Hovers on the podSelector label value, completions at the end of that value (inside matchLabels).
    const hoverPos = { line: target.label.line, character: target.label.column + Math.floor(target.label.value.length / 2) };
    const hovers: number[] = [];
    let hover = { ok: true, text: '' };
    const hoversFrom = performance.now();
    for (let i = 0; i < N; i++) {
      const { result, ms } = await server.request<Hover | null>(
        'textDocument/hover',
        { textDocument: { uri }, position: hoverPos },
        timeouts.request,
      );
      hovers.push(ms);
      const c = checkHover(kind, target, result);
      if (i === 0 || !c.ok) hover = { ok: c.ok && hover.ok, text: c.text };
    }
    phases.push({ phase: `hovers (${N})`, fromMs: since(hoversFrom), toMs: since(performance.now()) });
    const completionPos = { line: target.label.line, character: target.label.column + target.label.value.length };
    const completions: number[] = [];
    let completion = { ok: true, text: '' };
    const completionsFrom = performance.now();
    for (let i = 0; i < N; i++) {
      const { result, ms } = await server.request<CompletionItem[] | CompletionList | null>(
        'textDocument/completion',
        { textDocument: { uri }, position: completionPos, context: { triggerKind: 1 } },
        timeouts.request,
      );
      completions.push(ms);
      const c = checkCompletion(target, result);
      if (i === 0 || !c.ok) completion = { ok: c.ok && completion.ok, text: c.text };
    }
    phases.push({ phase: `completions (${N})`, fromMs: since(completionsFrom), toMs: since(performance.now()) });

    const mem = server.memory();
    await server.close(timeouts.close);
    live.delete(server);
    let profile: PhaseProfile[] | undefined;
    if (profDir) {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${spec.name}: no .cpuprofile in ${profDir} (did the server exit cleanly?)`);
      profile = analyzeProfile(join(profDir, file), phases, repoRoot, join(repoRoot, 'dist'));
    }
    return {
      name: spec.name,
      kind,
      initializeMs: init.ms,
      startupMs: first.at - t0,
      fromInitializedMs: first.at - tInitialized,
      indexedAtMs: progressEnd !== undefined ? progressEnd - t0 : undefined,
      indexedBeforeDiagnostics,
      firstDiagnostics: first.params.diagnostics.length,
      edits,
      hovers,
      completions,
      hoverCheck: hover.text,
      hoverOk: hover.ok,
      completionCheck: completion.text,
      completionOk: completion.ok,
      peakMb: mem.peakMb,
      rssMb: mem.rssMb,
      startupPeakMb,
      profile,
      otherMethods: [...server.otherMethods].map(([m, n]) => `${m} x${n}`).join(', '),
    };
  } catch (e) {
    const logs = server.logs.slice(-5).join(' | ');
    throw new Error(`${e instanceof Error ? e.message : String(e)}${logs ? `\n  last server logs: ${logs}` : ''}`, { cause: e });
  } finally {
    await server.close(timeouts.close);
    live.delete(server);
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

const ms = (v: number): string => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const dist = (v: readonly number[]): string => `${ms(percentile(v, 0.5))} / ${ms(percentile(v, 0.95))} / ${ms(Math.max(...v))}`;

function table(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function report(ws: BenchWorkspace, results: readonly ServerResult[]): string {
  const g = ws.generated;
  const t = ws.target;
  const rows: [string, (r: ServerResult) => string][] = [
    ['startup: initialize -> first diagnostics', (r) => ms(r.startupMs)],
    ['  initialize round trip (includes process boot)', (r) => ms(r.initializeMs)],
    ['  initialized -> first diagnostics', (r) => ms(r.fromInitializedMs)],
    [
      '  workspace indexed before them',
      (r) =>
        r.kind === 'yaml'
          ? 'n/a (no workspace index)'
          : r.indexedBeforeDiagnostics
            ? `yes (progress end at ${ms(r.indexedAtMs ?? NaN)})`
            : 'NO',
    ],
    ['  diagnostics in the opened file', (r) => String(r.firstDiagnostics)],
    [`edit -> diagnostics p50 / p95 / max (N=${N})`, (r) => dist(r.edits)],
    [`hover p50 / p95 / max (N=${N})`, (r) => dist(r.hovers)],
    ['  hover content', (r) => r.hoverCheck],
    [`completion p50 / p95 / max (N=${N})`, (r) => dist(r.completions)],
    ['  completion content', (r) => r.completionCheck],
    ['peak RSS (VmHWM at the end)', (r) => `${r.peakMb.toFixed(0)} MB`],
    ['  peak RSS once started (VmHWM before the edits)', (r) => `${r.startupPeakMb.toFixed(0)} MB`],
    ['  RSS at the end (VmRSS)', (r) => `${r.rssMb.toFixed(0)} MB`],
  ];
  const out = [
    '',
    `LSP benchmark — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `workspace "large": ${g.files.length} files, ${g.documents.toLocaleString('en-US')} documents, ${(ws.bytes / 1024 / 1024).toFixed(1)} MB ` +
      `(${g.size.workloads.toLocaleString('en-US')} workloads / ${g.size.policies.toLocaleString('en-US')} policies) in a temp folder`,
    `open file: ${t.file.path} (${t.file.documents} documents); edits on line ${t.label.line + 1} ` +
      `(policy ${t.policyName}, podSelector app: ${t.label.value}) and line ${t.port.line + 1} (port: ${t.port.value})`,
    `edit cycle: app -> ${t.label.value}-nomatch-<i>, back; port -> 70000+i, back (every edit changes netpol-lens's diagnostics)`,
    ...(rulesOff.length > 0 ? [`EXPERIMENT: netpol-lens rules turned off: ${rulesOff.join(', ')}`] : []),
    '',
    table(
      ['', ...results.map((r) => r.name)],
      rows.map(([label, f]) => [label, ...results.map(f)]),
    ),
    '',
  ];
  const np = results.find((r) => r.kind === 'netpol');
  if (np) {
    const p95 = (v: readonly number[]): number => percentile(v, 0.95);
    const checks: [string, string, boolean][] = [
      ['edit -> diagnostics p95 < 50 ms', ms(p95(np.edits)), p95(np.edits) < 50],
      ['hover p95 < 20 ms, lists matched workloads', `${ms(p95(np.hovers))}, ${np.hoverCheck}`, p95(np.hovers) < 20 && np.hoverOk],
      [
        'completion p95 < 20 ms, workspace label values',
        `${ms(p95(np.completions))}, ${np.completionCheck}`,
        p95(np.completions) < 20 && np.completionOk,
      ],
      [
        'first diagnostics, workspace indexed < 1 s',
        `${ms(np.startupMs)}${np.indexedBeforeDiagnostics ? '' : ' (NOT indexed first)'}`,
        np.startupMs < 1000 && np.indexedBeforeDiagnostics,
      ],
      ['peak RSS < 200 MB', `${np.peakMb.toFixed(0)} MB`, np.peakMb < 200],
    ];
    out.push(
      table(
        ['netpol-lens target', 'measured', 'result'],
        checks.map(([l, v, ok]) => [l, v, ok ? 'PASS' : 'MISS']),
      ),
      '',
    );
  }
  out.push(
    'notes:',
    '- yaml-language-server: validate/hover/completion on, yaml.schemas {} with schemaStore and kubernetesCRDStore disabled.',
    '  The usual yaml.schemas {"kubernetes": ["*.yaml"]} downloads the Kubernetes schema from GitHub and this machine has',
    '  no network, so it checks YAML syntax only and its hovers / completions have no schema to draw from.',
    '- yaml-language-server waits a fixed 200 ms (validationDelayMs) before validating, netpol-lens 5 ms; both are in the figures.',
    '- yaml-language-server indexes no workspace: its startup is the opened document only.',
    "- netpol-lens publishes only when a file's diagnostics change, so each edit is one that changes them; a wait takes",
    "  the first publication after the didChange whose diagnostics are that version's (yaml-language-server: the first one).",
  );
  for (const r of results) if (r.otherMethods) out.push(`- ${r.name} also sent: ${r.otherMethods}`);
  for (const r of results) {
    if (!r.profile) continue;
    out.push('', `${r.name} CPU profile (node --cpu-prof, sampled time per phase; fn (source:line) self / total):`);
    for (const p of r.profile) {
      out.push(`  ${p.phase}: ${ms(p.wallMs)} wall, ${ms(p.sampledMs)} on CPU`);
      out.push('    by total time:');
      for (const h of p.byTotal) out.push(`      ${ms(h.totalMs).padStart(9)}  ${ms(h.selfMs).padStart(9)}  ${h.fn}`);
      out.push('    by self time:');
      for (const h of p.bySelf) out.push(`      ${ms(h.selfMs).padStart(9)}  ${ms(h.totalMs).padStart(9)}  ${h.fn}`);
    }
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  if (!existsSync(netpolServerJs)) throw new Error(`${netpolServerJs} is missing: run \`node esbuild.mjs\` first`);
  if (!existsSync(yamlServerJs)) throw new Error(`${yamlServerJs} is missing: npm install`);
  const t0 = performance.now();
  const ws = writeBenchWorkspace();
  workspace = ws;
  log(
    `wrote ${ws.generated.files.length} files (${(ws.bytes / 1024 / 1024).toFixed(1)} MB) to ${ws.root} in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  // A private copy of the server bundle: others may rebuild dist/ while this runs.
  const serverDir = mkdtempSync(join(tmpdir(), 'netpol-lsp-bench-server-'));
  if (!cpuProf) tempDirs.add(serverDir);
  const serverJs = join(serverDir, 'server.js');
  copyFileSync(netpolServerJs, serverJs);
  if (existsSync(`${netpolServerJs}.map`)) copyFileSync(`${netpolServerJs}.map`, `${serverJs}.map`);
  const profDir = cpuProf ? join(serverDir, 'cpuprof') : undefined;
  if (profDir) mkdirSync(profDir, { recursive: true });
  try {
    const netpol: ServerSpec = {
      name: 'netpol-lens-server',
      nodeArgs: [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), serverJs, '--stdio'],
      configuration: (section) => (section === 'netpol' ? { rules: Object.fromEntries(rulesOff.map((id) => [id, 'off'])) } : null),
      cwd: ws.root,
    };
    const yaml: ServerSpec = {
      name: 'yaml-language-server',
      nodeArgs: [yamlServerJs, '--stdio'],
      configuration: (section) => (section === 'yaml' ? yamlSettings : section === undefined ? null : {}),
      cwd: ws.root,
    };
    // One after the other, so they do not compete for the CPU.
    const results = [await runServer(netpol, 'netpol', ws, profDir), await runServer(yaml, 'yaml', ws, undefined)];
    process.stdout.write(report(ws, results));
  } finally {
    workspace = undefined;
    ws.remove();
    // The profile (with the bundle and map it was taken with) stays when asked for.
    if (profDir) log(`CPU profile kept in ${profDir}`);
    else {
      rmSync(serverDir, { recursive: true, force: true });
      tempDirs.delete(serverDir);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:lsp failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
