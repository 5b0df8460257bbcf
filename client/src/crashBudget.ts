/**
 * How often the server may crash before we stop restarting it (no `vscode` import: unit-tested).
 * At most `max` restarts within `windowMs`; a manual restart clears the count.
 */
export class CrashBudget {
  private crashes: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records a crash at `now`; true when the server should be restarted. */
  crashed(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.max;
  }

  get count(): number {
    return this.crashes.length;
  }

  reset(): void {
    this.crashes = [];
  }
}
