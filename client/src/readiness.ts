/**
 * When the server is ready (no `vscode` import: unit-tested in node).
 *
 * The server says so with `netpol/status` { state: 'ready' }. A server that never sends a status
 * (an older build, or another LSP server) is taken as ready at its first published diagnostics, or
 * `graceMs` after the client is running, whichever comes first. Once any status arrived, only a
 * 'ready' status counts. A stopped client makes a fresh wait (callers then wait for the restart).
 */
export type StatusState = 'indexing' | 'ready';

export class Readiness {
  private resolved = false;
  private resolve: () => void = () => undefined;
  private promise: Promise<void>;
  private sawStatus = false;
  private isRunning = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly onReady: () => void = () => undefined,
  ) {
    this.promise = this.fresh();
  }

  /** Resolves when ready (or at once if ready now). */
  wait(): Promise<void> {
    return this.promise;
  }

  get ready(): boolean {
    return this.resolved;
  }

  running(): void {
    this.isRunning = true;
    if (this.sawStatus || this.resolved) return;
    this.clearTimer();
    this.timer = setTimeout(() => this.settle(), this.graceMs);
  }

  status(state: StatusState): void {
    this.sawStatus = true;
    this.clearTimer();
    if (state === 'ready') this.settle();
  }

  diagnostics(): void {
    if (this.isRunning && !this.sawStatus) this.settle();
  }

  stopped(): void {
    this.isRunning = false;
    this.sawStatus = false;
    this.clearTimer();
    if (this.resolved) this.promise = this.fresh();
  }

  dispose(): void {
    this.clearTimer();
  }

  private fresh(): Promise<void> {
    this.resolved = false;
    return new Promise<void>((resolve) => (this.resolve = resolve));
  }

  private settle(): void {
    this.clearTimer();
    if (this.resolved) return;
    this.resolved = true;
    this.resolve();
    this.onReady();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
