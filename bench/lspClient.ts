/**
 * The LSP benchmark's client: spawns a language server (`node <script> --stdio`), speaks JSON-RPC to
 * it, records every publishDiagnostics with its arrival time, answers the server's requests
 * (workspace/configuration, progress, registrations) and bounds every wait with a timeout.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { MessageConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  /** Shown in the table and in error messages. */
  readonly name: string;
  /** Arguments to `node`: flags, the script, `--stdio`. */
  readonly nodeArgs: readonly string[];
  /** The answer to one item of a workspace/configuration request. */
  readonly configuration: (section: string | undefined) => unknown;
  readonly initializationOptions?: unknown;
  readonly cwd: string;
}

export interface Publication {
  /** 1, 2, … in arrival order. */
  readonly seq: number;
  /** performance.now() when the client read it. */
  readonly at: number;
  readonly path: string;
  readonly params: PublishDiagnosticsParams;
}

interface Waiter {
  readonly path: string;
  readonly afterSeq: number;
  readonly pred: (p: Publication) => boolean;
  readonly resolve: (p: Publication) => void;
  readonly reject: (e: Error) => void;
}

export class TimeoutError extends Error {}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const pathOf = (uri: string): string => {
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
};

export class BenchServer {
  readonly child: ChildProcess;
  readonly rpc: MessageConnection;
  /** performance.now() right after spawning. */
  readonly spawnedAt: number;
  readonly publications: Publication[] = [];
  readonly logs: string[] = [];
  /** Server-to-client requests and notifications nobody asked for, by method. */
  readonly otherMethods = new Map<string, number>();
  /** performance.now() of the last `$/progress` with kind `end`. */
  progressEndAt: number | undefined;
  private readonly waiters: Waiter[] = [];
  private stderrTail = '';
  private exitInfo: string | undefined;
  private closed = false;
  private readonly exited: Promise<void>;

  constructor(readonly spec: ServerSpec) {
    this.child = spawn(process.execPath, [...spec.nodeArgs], { cwd: spec.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.spawnedAt = performance.now();
    if (!this.child.stdout || !this.child.stdin || !this.child.stderr) throw new Error(`${spec.name}: no stdio pipes`);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitInfo = `exited with ${code ?? signal ?? 'unknown'}`;
        for (const w of this.waiters.splice(0))
          w.reject(new Error(`${spec.name} ${this.exitInfo} while waiting; stderr: ${this.stderrTail}`));
        resolve();
      });
    });
    this.child.on('error', (e) => {
      this.exitInfo = `failed to start: ${e.message}`;
    });
    this.rpc = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.rpc.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const pub: Publication = { seq: this.publications.length + 1, at: performance.now(), path: pathOf(params.uri), params };
      this.publications.push(pub);
      for (const w of [...this.waiters]) {
        if (pub.path === w.path && pub.seq > w.afterSeq && w.pred(pub)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(pub);
        }
      }
    });
    this.rpc.onNotification('window/logMessage', (p: { message: string }) => {
      if (this.logs.length < 200) this.logs.push(p.message);
    });
    this.rpc.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
      if (p.value?.kind === 'end') this.progressEndAt = performance.now();
    });
    this.rpc.onNotification((method: string) => this.count(method));
    this.rpc.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => spec.configuration(i.section)),
    );
    this.rpc.onRequest('window/workDoneProgress/create', () => null);
    this.rpc.onRequest('client/registerCapability', () => null);
    this.rpc.onRequest('client/unregisterCapability', () => null);
    this.rpc.onRequest((method: string) => {
      this.count(method);
      return null;
    });
    this.rpc.onError(([e]) => {
      if (this.logs.length < 200) this.logs.push(`rpc error: ${e.message}`);
    });
    this.rpc.listen();
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name}: ${this.exitInfo ?? 'no pid'}`);
    return this.child.pid;
  }

  get lastSeq(): number {
    return this.publications.length;
  }

  /** The last publication for `path`, if any. */
  lastFor(path: string): Publication | undefined {
    for (let i = this.publications.length - 1; i >= 0; i--) {
      const p = this.publications[i];
      if (p && p.path === path) return p;
    }
    return undefined;
  }

  /** The first publication for `path` after `afterSeq` that satisfies `pred`. */
  waitForDiagnostics(
    path: string,
    afterSeq: number,
    pred: (p: Publication) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<Publication> {
    const have = this.publications.find((p) => p.path === path && p.seq > afterSeq && pred(p));
    if (have) return Promise.resolve(have);
    if (this.exitInfo) return Promise.reject(new Error(`${this.name} ${this.exitInfo}; stderr: ${this.stderrTail}`));
    let waiter: Waiter | undefined;
    const p = new Promise<Publication>((resolve, reject) => {
      waiter = { path, afterSeq, pred, resolve, reject };
      this.waiters.push(waiter);
    });
    return withTimeout(p, timeoutMs, `${this.name}: ${what}`).catch((e: unknown) => {
      if (waiter && this.waiters.includes(waiter)) this.waiters.splice(this.waiters.indexOf(waiter), 1);
      const last = this.lastFor(path);
      const seen = last ? ` last publication #${last.seq}: ${summarize(last.params)}` : ' nothing published for that file yet';
      throw new Error(`${e instanceof Error ? e.message : String(e)};${seen}`);
    });
  }

  /** Resolves once no diagnostics arrived for `quietMs` (at most `maxMs`). */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const start = performance.now();
    for (let i = 0; i < 1000 && performance.now() - start < maxMs; i++) {
      const lastAt = Math.max(this.publications[this.publications.length - 1]?.at ?? start, start);
      const quietFor = performance.now() - lastAt;
      if (quietFor >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor + 1));
    }
  }

  /** A request and its round-trip time in milliseconds. */
  async request<T>(method: string, params: unknown, timeoutMs: number): Promise<{ result: T; ms: number }> {
    const t0 = performance.now();
    const result = await withTimeout(this.rpc.sendRequest<T>(method, params), timeoutMs, `${this.name}: ${method}`);
    return { result, ms: performance.now() - t0 };
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.rpc.sendNotification(method, params);
  }

  /** Peak resident set size (VmHWM) and current RSS from /proc, in MB. */
  memory(): { peakMb: number; rssMb: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string): number => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      if (!m?.[1]) throw new Error(`${this.name}: no ${field} in /proc/${this.pid}/status`);
      return Number(m[1]);
    };
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  }

  get alive(): boolean {
    return this.exitInfo === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** shutdown + exit (so a --cpu-prof profile gets written), then SIGKILL if it is still there. */
  async close(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.alive) {
      try {
        await withTimeout(this.rpc.sendRequest('shutdown'), timeoutMs, `${this.name}: shutdown`);
        await this.rpc.sendNotification('exit');
        await withTimeout(this.exited, timeoutMs, `${this.name}: exit`);
      } catch {
        // killed below
      }
    }
    if (this.alive) {
      this.child.kill('SIGKILL');
      await withTimeout(this.exited, timeoutMs, `${this.name}: SIGKILL`).catch(() => undefined);
    }
    this.rpc.dispose();
  }

  /** For process.on('exit'): synchronous, last resort. */
  killNow(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  private count(method: string): void {
    this.otherMethods.set(method, (this.otherMethods.get(method) ?? 0) + 1);
  }
}

export function summarize(p: PublishDiagnosticsParams): string {
  const codes = p.diagnostics.map((d) => `${String(d.code ?? '?')}@${d.range.start.line + 1}`);
  return `${p.diagnostics.length} diagnostics [${codes.slice(0, 12).join(', ')}${codes.length > 12 ? ', …' : ''}]`;
}
